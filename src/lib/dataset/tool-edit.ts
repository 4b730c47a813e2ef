// Pure helpers behind the tools panel and the tool-call editor: read function names, check a pasted `tools` JSON,
// make new tool calls, and check a call's `arguments` text against its function's `parameters` (FORMATS.md §3).
import { isObject } from './edit';
import { checkAgainstSchema } from './json-schema-lite';

/** A function name OpenAI accepts: 1–64 letters, digits, underscores or dashes. */
export const FUNCTION_NAME_RE = /^[a-zA-Z0-9_-]{1,64}$/;

/** Keys OpenAI accepts on a tool and on its `function`. */
const TOOL_KEYS = new Set(['type', 'function']);
const FUNCTION_KEYS = new Set(['name', 'description', 'parameters', 'strict']);

/** Random characters after `call_` in a new call id (OpenAI's own ids use 24). */
const CALL_ID_LENGTH = 24;
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A tool call as OpenAI writes it; `arguments` is JSON text. */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One problem with a call's arguments: bad JSON, a schema mismatch, or a function missing from `tools`. */
export interface ArgumentsProblem {
  kind: 'json' | 'schema' | 'unknown_function';
  message: string;
}

/** The names of the functions defined in `tools`, in order (malformed entries are skipped). */
export function functionNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  const names: string[] = [];
  for (const t of tools) {
    if (isObject(t) && isObject(t.function) && typeof t.function.name === 'string') names.push(t.function.name);
  }
  return names;
}

/** The `function` object named `fnName` in `tools`, if any. */
export function findFunction(tools: unknown, fnName: string): Record<string, unknown> | undefined {
  if (!Array.isArray(tools)) return undefined;
  for (const t of tools) if (isObject(t) && isObject(t.function) && t.function.name === fnName) return t.function;
  return undefined;
}

/** Offset of the first character where `text` stops being JSON (text.length when it ends too early); -1 if valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (at: number): never => {
    throw at;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(i);
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail(i);
      if (text[i] === '\\') {
        if (text[i + 1] === 'u') {
          i += 2;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail(i);
        } else if ('"\\/bfnrt'.includes(text[i + 1] ?? 'x')) i += 2;
        else fail(i + 1);
      } else i++;
    }
    if (i >= text.length) fail(i);
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail(i);
          string();
          ws();
          if (text[i] !== ':') fail(i);
          i++;
        }
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    // Numbers: each part must have its digits; the error is where a digit was expected (as V8 reports it).
    const digits = (required: boolean) => {
      const start = i;
      while (/[0-9]/.test(text[i] ?? '')) i++;
      if (required && i === start) fail(i);
    };
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits(true);
    if (text[i] === '.') {
      i++;
      digits(true);
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits(true);
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0; // a RangeError: nested too deeply to scan
  }
}

/**
 * Parses JSON text; on failure returns a plain-language error with 1-based line and column
 * ("Line 3, column 7: Expected ',' or '}' after property value.").
 */
export function parseJsonText(text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return { error: 'It is empty. Write {} for "nothing".' };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const pos = jsonErrorOffset(text);
    if (pos >= text.length || /end of JSON input/i.test(raw)) return { error: 'The text ends too early: a closing }, ] or " is probably missing.' };
    // V8 words vary by version; keep its first clause, drop its position and quoted copy of the text.
    const detail = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    const before = text.slice(0, Math.max(0, pos)).split('\n');
    return { error: `Line ${before.length}, column ${before[before.length - 1].length + 1}: ${detail}.` };
  }
}

function toolProblems(tool: unknown, n: number, seen: Map<string, number>): string[] {
  const at = `Tool ${n}`;
  if (!isObject(tool)) return [`${at} should be an object {"type": "function", "function": {…}}.`];
  const out: string[] = [];
  if (tool.type !== 'function') out.push(`${at}: "type" must be "function".`);
  for (const k of Object.keys(tool)) if (!TOOL_KEYS.has(k)) out.push(`${at}: the key "${k}" is not allowed (only "type" and "function").`);
  const fn = tool.function;
  if (!isObject(fn)) return [...out, `${at}: "function" must be an object with a "name".`];
  const name = fn.name;
  const label = typeof name === 'string' && name ? `${at} ("${name}")` : at;
  if (typeof name !== 'string' || !FUNCTION_NAME_RE.test(name)) {
    out.push(`${label}: the name must be 1–64 letters, digits, _ or - (no spaces).`);
  } else if (seen.has(name)) {
    out.push(`${label}: the name is already used by tool ${seen.get(name)}.`);
  } else seen.set(name, n);
  if ('description' in fn && typeof fn.description !== 'string') out.push(`${label}: "description" must be text.`);
  if ('parameters' in fn) {
    if (!isObject(fn.parameters)) out.push(`${label}: "parameters" must be an object (a JSON Schema).`);
    else if ('type' in fn.parameters && fn.parameters.type !== 'object') out.push(`${label}: "parameters" must have "type": "object".`);
  }
  if ('strict' in fn && typeof fn.strict !== 'boolean') out.push(`${label}: "strict" must be true or false.`);
  for (const k of Object.keys(fn)) if (!FUNCTION_KEYS.has(k)) out.push(`${label}: the key "${k}" is not allowed in "function".`);
  return out;
}

/**
 * Parses and checks the text of a `tools` list. Blank text means "no tools" (an empty list).
 * On any problem returns `error`: the first problem in plain words, naming the tool by position (1-based),
 * with a count of the others.
 */
export function parseToolsJson(text: string): { tools?: unknown[]; error?: string } {
  if (text.trim() === '') return { tools: [] };
  const parsed = parseJsonText(text);
  if (parsed.error !== undefined) return { error: parsed.error };
  const value = parsed.value;
  if (!Array.isArray(value)) return { error: 'The tools must be a list: start with [ and end with ].' };
  const seen = new Map<string, number>();
  const problems = value.flatMap((t, i) => toolProblems(t, i + 1, seen));
  if (problems.length === 0) return { tools: value };
  const more = problems.length - 1;
  return { error: more > 0 ? `${problems[0]} (and ${more} more problem${more > 1 ? 's' : ''})` : problems[0] };
}

/**
 * A new tool call of `fnName` with empty arguments ("{}") and a fresh id `call_` + 24 letters/digits
 * not in `existingIds`. `random` returns numbers in [0, 1); defaults to Math.random.
 */
export function newToolCall(fnName: string, existingIds: Iterable<string> = [], random: () => number = Math.random): ToolCall {
  const taken = new Set(existingIds);
  let id: string;
  do {
    id = 'call_';
    for (let i = 0; i < CALL_ID_LENGTH; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length) % ID_ALPHABET.length];
  } while (taken.has(id));
  return { id, type: 'function', function: { name: fnName, arguments: '{}' } };
}

/**
 * Checks a call's `arguments` text: first that it is JSON (with line/column), then that it is an object, then
 * that it matches `parameters` of function `fnName` in `tools`. Empty list when all is well.
 */
export function checkArguments(argsText: string, tools: unknown, fnName: string): ArgumentsProblem[] {
  const parsed = parseJsonText(argsText);
  if (parsed.error !== undefined) return [{ kind: 'json', message: parsed.error }];
  if (!isObject(parsed.value)) return [{ kind: 'schema', message: 'The arguments should be an object { … }, even when empty: {}.' }];
  const fn = findFunction(tools, fnName);
  if (!fn) {
    const message = fnName ? `No function named "${fnName}" is defined in this example's tools.` : 'Choose a function for this call.';
    return [{ kind: 'unknown_function', message }];
  }
  return checkAgainstSchema(parsed.value, fn.parameters).map((message) => ({ kind: 'schema', message }));
}

/** Like `checkArguments`, as sentences ("Arguments are not valid JSON: …", "Does not match the parameters: …"). */
export function argumentsProblems(argsText: string, tools: unknown, fnName: string): string[] {
  return checkArguments(argsText, tools, fnName).map((p) =>
    p.kind === 'json'
      ? `Arguments are not valid JSON: ${p.message}`
      : p.kind === 'schema'
        ? `Does not match the function's parameters: ${p.message}`
        : p.message,
  );
}

/** The `arguments` value as JSON text: strings are kept as they are, anything else (an imported object) is serialised compactly; undefined → "{}". */
export function argumentsToString(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args === undefined) return '{}';
  return JSON.stringify(args);
}
