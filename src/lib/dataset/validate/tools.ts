// Rules for `tools` (function definitions) and an assistant message's `tool_calls`.
import { isObject } from '../edit';
import { TOOL_NAME } from './codes';
import { kind, placeOf, type ChatState, type Collector, type MessageList } from './collector';

/** Checks `tools` and returns the declared function names (null when `tools` is not a list or a definition has no name). */
export function checkTools(c: Collector, tools: unknown, path: string): Set<string> | null {
  if (!Array.isArray(tools)) {
    c.add('tools_invalid', { kind: kind(tools) }, path);
    return null;
  }
  const names = new Set<string>();
  let complete = true; // false when a definition has no readable name: calls can't then be checked against it
  tools.forEach((tool, i) => {
    const p = `${path}[${i}]`;
    const n = i + 1;
    if (!isObject(tool)) {
      complete = false;
      c.add('tool_invalid.not_object', { tool: n }, p);
      return;
    }
    for (const key of Object.keys(tool)) {
      if (key !== 'type' && key !== 'function') c.add('tool_invalid.extra_key', { tool: n, key }, `${p}.${key}`);
    }
    if (tool.type !== 'function') c.add('tool_invalid.type', { tool: n }, `${p}.type`);
    const fn = tool.function;
    if (!isObject(fn)) {
      complete = false;
      c.add('tool_invalid.no_function', { tool: n }, `${p}.function`);
      return;
    }
    for (const key of Object.keys(fn)) {
      if (key !== 'name' && key !== 'description' && key !== 'parameters' && key !== 'strict') {
        c.add('tool_invalid.function_extra_key', { tool: n, key }, `${p}.function.${key}`);
      }
    }
    if (typeof fn.name !== 'string') {
      complete = false;
      c.add('tool_name_invalid.missing', { tool: n }, `${p}.function.name`);
    } else if (!TOOL_NAME.test(fn.name)) {
      names.add(fn.name); // calls naming it are not "unknown": the name itself is the problem
      c.add('tool_name_invalid', { tool: n, name: fn.name }, `${p}.function.name`);
    } else if (names.has(fn.name)) {
      c.add('tool_name_duplicate', { name: fn.name }, `${p}.function.name`);
    } else {
      names.add(fn.name);
    }
    if ('description' in fn && typeof fn.description !== 'string') c.add('tool_invalid.description', { tool: n }, `${p}.function.description`);
    if ('strict' in fn && typeof fn.strict !== 'boolean' && fn.strict !== null) c.add('tool_invalid.strict', { tool: n }, `${p}.function.strict`);
    if ('parameters' in fn) {
      const params = fn.parameters;
      if (!isObject(params)) {
        c.add('tool_parameters_invalid.not_object', { tool: n, kind: kind(params) }, `${p}.function.parameters`);
      } else if ('type' in params && params.type !== 'object') {
        c.add('tool_parameters_invalid.type', { tool: n, type: JSON.stringify(params.type) ?? 'undefined' }, `${p}.function.parameters.type`);
      }
    }
  });
  return complete ? names : null;
}

/** Checks one assistant message's `tool_calls` (message `i` of `list`) and records the call ids. */
export function checkToolCalls(list: MessageList, state: ChatState, calls: unknown, mPath: string, i: number): void {
  const { c } = list;
  const mi = list.indexed ? i : undefined;
  const place = placeOf(list, i, 'assistant');
  const path = `${mPath}.tool_calls`;
  if (!Array.isArray(calls)) {
    c.add('tool_calls_invalid.not_list', { ...place, kind: kind(calls) }, path, mi);
    return;
  }
  if (calls.length === 0) {
    c.add('tool_calls_invalid.empty', place, path, mi);
    return;
  }
  calls.forEach((call, j) => {
    const p = `${path}[${j}]`;
    const at = { ...place, call: j + 1 };
    if (!isObject(call)) {
      c.add('tool_call_invalid.not_object', at, p, mi);
      return;
    }
    for (const key of Object.keys(call)) {
      if (key !== 'id' && key !== 'type' && key !== 'function') c.add('tool_call_invalid.extra_key', { ...at, key }, `${p}.${key}`, mi);
    }
    if (typeof call.id !== 'string' || call.id === '') {
      c.add('tool_call_invalid.id', at, `${p}.id`, mi);
    } else if (state.calls.has(call.id)) {
      c.add('tool_call_id_duplicate', { ...at, id: call.id }, `${p}.id`, mi);
    } else {
      state.calls.set(call.id, i);
    }
    if (call.type !== 'function') c.add('tool_call_invalid.type', at, `${p}.type`, mi);
    const fn = call.function;
    if (!isObject(fn)) {
      c.add('tool_call_invalid.no_function', at, `${p}.function`, mi);
      return;
    }
    for (const key of Object.keys(fn)) {
      if (key !== 'name' && key !== 'arguments') c.add('tool_call_invalid.function_extra_key', { ...at, key }, `${p}.function.${key}`, mi);
    }
    if (typeof fn.name !== 'string' || fn.name === '') {
      c.add('tool_call_invalid.name', at, `${p}.function.name`, mi);
    } else if (list.toolNames !== null && !list.toolNames.has(fn.name)) {
      c.add('tool_call_unknown_function', { ...at, name: fn.name }, `${p}.function.name`, mi);
    }
    const args = fn.arguments;
    const argsPath = `${p}.function.arguments`;
    if (typeof args === 'string') {
      try {
        JSON.parse(args);
      } catch {
        c.add('tool_call_arguments_invalid_json', at, argsPath, mi);
      }
    } else if (isObject(args) || Array.isArray(args)) {
      c.add('tool_call_arguments_not_string', { ...at, kind: kind(args) }, argsPath, mi);
    } else {
      c.add('tool_call_invalid.arguments', at, argsPath, mi);
    }
  });
}
