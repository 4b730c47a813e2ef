// Rules for one message: its shape and role first, then the keys its role allows, then what each role needs
// (assistant: tool calls, refusal, weight; tool: the call it answers), then its content.
import { isObject } from '../edit';
import { ROLE_ALIASES, ROLE_KEYS } from './codes';
import { checkText, kind, placeOf, type ChatState, type MessageList, type MessagePlace } from './collector';
import { checkContent } from './content';
import { checkToolCalls } from './tools';

type Msg = Record<string, unknown>;

/** Checks one message (number `i` of `list`); returns its role when known (counted by the caller). */
export function checkMessage(list: MessageList, state: ChatState, m: unknown, i: number): string | undefined {
  const { c } = list;
  const mi = list.indexed ? i : undefined;
  const mPath = list.indexed ? `${list.path}[${i}]` : `${list.path}[0]`;
  const bare = placeOf(list, i);
  if (!isObject(m)) {
    c.add('message_not_object', { ...bare, kind: kind(m) }, mPath, mi);
    return undefined;
  }
  const role = checkRole(list, m, bare, mPath, mi);
  if (role === undefined) return undefined;
  const place = placeOf(list, i, role);
  if (list.mode === 'preference' && role !== 'assistant' && !list.indexed) {
    c.add('preference_output_invalid.role', place, `${mPath}.role`, mi);
    return role;
  }
  checkKeys(list, m, place, mPath, mi);
  if ('name' in m && typeof m.name !== 'string') c.add('name_invalid', { ...place, kind: kind(m.name) }, `${mPath}.name`, mi);
  // OpenAI's schema (ChatCompletionRequestFunctionMessage) requires the name of the function a function message answers.
  else if (role === 'function' && !('name' in m)) c.add('name_invalid.missing', place, `${mPath}.name`, mi);
  if (role === 'function') c.add('function_role_deprecated', place, `${mPath}.role`, mi);
  const hasCalls = role === 'assistant' ? checkAssistant(list, state, m, place, mPath, i) : false;
  if (role === 'tool') checkToolAnswer(list, state, m, place, mPath, mi);
  checkMessageContent(list, state, m, place, hasCalls, mPath, mi);
  return role;
}

/** The message's role when it is one of OpenAI's; otherwise reports why not and returns undefined. */
function checkRole(list: MessageList, m: Msg, bare: MessagePlace, mPath: string, mi: number | undefined): string | undefined {
  const { c } = list;
  const role = m.role;
  if (!('role' in m)) {
    c.add('missing_role', bare, mPath, mi);
    return undefined;
  }
  if (role === 'developer') {
    c.add('developer_role', bare, `${mPath}.role`, mi);
    return undefined;
  }
  // Own keys only: a role such as "constructor" or "toString" must not find Object.prototype's members.
  if (typeof role !== 'string' || !Object.hasOwn(ROLE_KEYS, role)) {
    const lower = typeof role === 'string' ? role.toLowerCase() : '';
    const alias = Object.hasOwn(ROLE_ALIASES, lower) ? ROLE_ALIASES[lower] : Object.hasOwn(ROLE_KEYS, lower) ? lower : undefined;
    const value = JSON.stringify(role) ?? 'undefined';
    if (alias) c.add('unknown_role.alias', { ...bare, value, alias }, `${mPath}.role`, mi);
    else c.add('unknown_role', { ...bare, value }, `${mPath}.role`, mi);
    return undefined;
  }
  return role;
}

/**
 * `weight` is allowed on assistant messages of a supervised example and of a preference example's input (OpenAI's
 * schema uses FineTuneChatCompletionRequestAssistantMessage for both), never on a preference output.
 */
const weightAllowed = (list: MessageList, role: string): boolean => role === 'assistant' && (list.mode === 'supervised' || list.indexed);

/** Reports keys the message's role does not allow (`weight` where {@link weightAllowed} says no). */
function checkKeys(list: MessageList, m: Msg, place: MessagePlace, mPath: string, mi: number | undefined): void {
  const role = place.role as string;
  const allowed = ROLE_KEYS[role];
  for (const key of Object.keys(m)) {
    if (key === 'weight' && !weightAllowed(list, role)) {
      list.c.add(role === 'assistant' ? 'weight_not_allowed.preference' : 'weight_not_allowed', place, `${mPath}.weight`, mi);
    } else if (!allowed.has(key)) {
      list.c.add('message_extra_key', { ...place, key, allowed: [...allowed] }, `${mPath}.${key}`, mi);
    }
  }
}

/** An assistant message's tool calls, deprecated function call, refusal and weight; true when it makes calls. */
function checkAssistant(list: MessageList, state: ChatState, m: Msg, place: MessagePlace, mPath: string, i: number): boolean {
  const { c } = list;
  const mi = list.indexed ? i : undefined;
  let hasCalls = false;
  if ('tool_calls' in m && m.tool_calls !== null) {
    checkToolCalls(list, state, m.tool_calls, mPath, i);
    hasCalls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
  }
  if ('function_call' in m && m.function_call !== null) {
    hasCalls = true;
    c.add('function_call_deprecated', place, `${mPath}.function_call`, mi);
  }
  if ('refusal' in m && m.refusal !== null && typeof m.refusal !== 'string') {
    c.add('refusal_invalid', { ...place, kind: kind(m.refusal) }, `${mPath}.refusal`, mi);
  }
  if ('weight' in m && weightAllowed(list, 'assistant') && m.weight !== 0 && m.weight !== 1) {
    c.add('weight_invalid', { ...place, value: JSON.stringify(m.weight) ?? 'undefined' }, `${mPath}.weight`, mi);
  }
  return hasCalls;
}

/** A tool message must answer an earlier assistant tool call by its id. */
function checkToolAnswer(list: MessageList, state: ChatState, m: Msg, place: MessagePlace, mPath: string, mi: number | undefined): void {
  const id = m.tool_call_id;
  if (typeof id !== 'string' || id === '') {
    list.c.add('missing_tool_call_id', place, `${mPath}.tool_call_id`, mi);
  } else if (!state.calls.has(id)) {
    list.c.add('tool_response_unknown_id', { ...place, id }, `${mPath}.tool_call_id`, mi);
  } else {
    state.answered.add(id);
  }
}

/** Content rules by role: only an assistant message with tool calls or a refusal may go without text. */
function checkMessageContent(list: MessageList, state: ChatState, m: Msg, place: MessagePlace, hasCalls: boolean, mPath: string, mi: number | undefined): void {
  const { c } = list;
  const role = place.role;
  const content = m.content;
  const hasRefusal = role === 'assistant' && typeof m.refusal === 'string' && m.refusal !== '';
  if (content === undefined || content === null) {
    if (role === 'assistant') {
      if (!hasCalls && !hasRefusal) c.add('assistant_missing_content', place, `${mPath}.content`, mi);
    } else if (content === undefined) {
      c.add('missing_content', place, `${mPath}.content`, mi);
    } else {
      c.add('content_null', place, `${mPath}.content`, mi);
    }
  } else {
    const filled = checkContent(list, state, place, content, mPath, mi);
    if (!filled && !hasCalls && !hasRefusal) c.add('empty_content', place, `${mPath}.content`, mi);
  }
  if (typeof m.refusal === 'string') checkText(c, m.refusal, place, `${mPath}.refusal`, mi);
}
