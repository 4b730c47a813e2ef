// Rules for a list of messages (shared by chat and preference examples) and for a supervised chat example.
import { CHAT_KEYS, MAX_IMAGES_PER_EXAMPLE } from './codes';
import { kind, newState, type ChatState, type Collector, type ListName, type MessageList } from './collector';
import { checkMessage } from './message';
import { checkTools } from './tools';

/** Counts of one message list, for the example-level warnings. */
export interface MessageStats {
  system: number;
  user: number;
  assistant: number;
  trainable: number;
  lastRole: string | undefined;
  /** Messages whose role is missing or not recognised (their role-based warnings would be noise). */
  unknown: number;
}

/** Checks a message list (example messages, preference input, or one preference output). */
export function checkMessages(list: MessageList, state: ChatState, messages: unknown[]): MessageStats {
  const stats: MessageStats = { system: 0, user: 0, assistant: 0, trainable: 0, lastRole: undefined, unknown: 0 };
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const role = checkMessage(list, state, m, i);
    stats.lastRole = role;
    if (role === undefined) stats.unknown++;
    else if (role === 'system') stats.system++;
    else if (role === 'user') stats.user++;
    else if (role === 'assistant') {
      stats.assistant++;
      if ((m as Record<string, unknown>).weight !== 0) stats.trainable++;
    }
  }
  return stats;
}

/** Warns about tool calls never answered although the conversation goes on after them. */
export function checkUnanswered(list: MessageList, state: ChatState, count: number): void {
  for (const [id, at] of state.calls) {
    if (!state.answered.has(id) && at < count - 1) {
      list.c.add(
        'tool_call_unanswered',
        { list: list.path, msg: at + 1, role: 'assistant', id },
        `${list.path}[${at}].tool_calls`,
        list.indexed ? at : undefined,
      );
    }
  }
}

/** Checks `messages` is a non-empty list; returns it, or undefined after reporting. */
export function messageArray(c: Collector, holder: Record<string, unknown>, path: ListName): unknown[] | undefined {
  if (!('messages' in holder)) {
    c.add('missing_messages', { path }, path);
    return undefined;
  }
  const messages = holder.messages;
  if (!Array.isArray(messages)) {
    c.add('messages_invalid', { path, kind: kind(messages) }, path);
    return undefined;
  }
  if (messages.length === 0) {
    c.add('messages_empty', { path }, path);
    return undefined;
  }
  return messages;
}

/** Checks `parallel_tool_calls` when present. */
export function checkParallel(c: Collector, holder: Record<string, unknown>, path: string): void {
  if ('parallel_tool_calls' in holder && typeof holder.parallel_tool_calls !== 'boolean') {
    c.add('parallel_tool_calls_invalid', { kind: kind(holder.parallel_tool_calls) }, path);
  }
}

/** Reports top-level keys outside `allowed`. */
export function checkExtraKeys(c: Collector, value: Record<string, unknown>, allowed: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) c.add('extra_key', { key: `${prefix}${key}`, allowed: [...allowed] }, `${prefix}${key}`);
  }
}

/** Supervised chat example. */
export function validateChat(c: Collector, v: Record<string, unknown>): void {
  checkExtraKeys(c, v, CHAT_KEYS, '');
  if ('functions' in v) c.add('functions_deprecated', {}, 'functions');
  const toolNames = 'tools' in v ? checkTools(c, v.tools, 'tools') : null;
  checkParallel(c, v, 'parallel_tool_calls');
  const messages = messageArray(c, v, 'messages');
  if (!messages) return;
  const list: MessageList = { c, mode: 'supervised', path: 'messages', indexed: true, toolNames };
  const state = newState();
  const stats = checkMessages(list, state, messages);
  checkUnanswered(list, state, messages.length);
  if (state.images > MAX_IMAGES_PER_EXAMPLE) c.add('too_many_images', { count: state.images, max: MAX_IMAGES_PER_EXAMPLE }, 'messages');
  if (stats.unknown > 0) return; // role errors already reported; role-count warnings would mislead
  if (stats.assistant === 0) {
    c.add('missing_assistant_message', {}, 'messages');
  } else if (stats.trainable === 0) {
    c.add('no_trainable_assistant', {}, 'messages');
  } else if (stats.lastRole !== 'assistant') {
    c.add('last_not_assistant', {}, `messages[${messages.length - 1}]`, messages.length - 1);
  }
  if (stats.system === 0) c.add('missing_system_message', {}, 'messages');
  if (stats.user === 0) c.add('missing_user_message', {}, 'messages');
}
