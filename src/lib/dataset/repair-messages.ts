// Value-level fixers of damaged records' messages (repair.ts chains them after the text fixers): "text" written
// for "content", role aliases, missing text of system/user/tool messages, tool arguments given as objects, weights
// spelled as booleans or strings. Each works on the parsed record of any format with message lists (chat,
// preference) and returns the fixed value with a description of what it changed, or undefined when nothing applies.
import { CHAT_ROLES, isObject, normalizeRole } from './convert.ts';
import { message, type Message } from './messages/index.ts';

/** A fix of a parsed record's messages: the new value and what changed, or undefined when it does not apply. */
export type MessageRepair = (value: unknown) => { value: unknown; description: Message } | undefined;

type Msg = Record<string, unknown>;
type MsgFix<N> = (m: Msg, where: string, notes: N[]) => Msg | null;

/** Applies `fix` to every message of the record's message lists (chat and preference); null removes the message. */
function mapMessages<N>(value: unknown, fix: MsgFix<N>): { value: unknown; notes: N[] } {
  const notes: N[] = [];
  if (!isObject(value)) return { value, notes };
  const mapList = (list: unknown, base: string): unknown => {
    if (!Array.isArray(list)) return list;
    let changed = false;
    const out: unknown[] = [];
    list.forEach((m, i) => {
      if (!isObject(m)) return void out.push(m);
      const r = fix(m, `${base}[${i}]`, notes);
      if (r !== m) changed = true;
      if (r !== null) out.push(r);
    });
    return changed ? out : list;
  };
  let next: Record<string, unknown> = value;
  const set = (k: string, v: unknown) => {
    if (v !== next[k]) next = { ...next, [k]: v };
  };
  set('messages', mapList(value.messages, 'messages'));
  if (isObject(value.input)) {
    const msgs = mapList(value.input.messages, 'input.messages');
    if (msgs !== value.input.messages) set('input', { ...value.input, messages: msgs });
  }
  set('preferred_output', mapList(value.preferred_output, 'preferred_output'));
  set('non_preferred_output', mapList(value.non_preferred_output, 'non_preferred_output'));
  return { value: next, notes };
}

/** Replaces key `from` by `to` keeping its position in the object. */
const renameKey = (m: Msg, from: string, to: string): Msg => Object.fromEntries(Object.entries(m).map(([k, v]) => [k === from ? to : k, v]));

/** A fixer applying `fix` to every message, described by `summary` of its notes; undefined when no message changed. */
const messageFixer =
  <N>(fix: MsgFix<N>, summary: (notes: N[]) => Message): MessageRepair =>
  (value) => {
    const r = mapMessages(value, fix);
    if (r.value === value) return undefined;
    return { value: r.value, description: summary(r.notes) };
  };

export const contentKey = messageFixer<string>(
  (m, where, notes) => {
    if ('content' in m || !('text' in m) || typeof m.text !== 'string') return m;
    notes.push(where);
    return renameKey(m, 'text', 'content');
  },
  (notes) => message('repair.content_key', { notes }),
);

export const roleAlias = messageFixer<string>(
  (m, where, notes) => {
    if (typeof m.role !== 'string' || CHAT_ROLES.includes(m.role)) return m;
    const role = normalizeRole(m.role);
    if (!role) return m;
    notes.push(`${where}: "${m.role}" → "${role}"`);
    return { ...m, role };
  },
  (notes) => message('repair.role_alias', { notes }),
);

export const nullContent = messageFixer<Message>(
  (m, where, notes) => {
    if (!['system', 'user', 'tool'].includes(m.role as string)) return m;
    const missing = m.content === null || m.content === undefined;
    if (m.role === 'system' && (missing || m.content === '')) {
      notes.push(message('repair.note.system_removed', { where }));
      return null;
    }
    if (!missing) return m;
    notes.push(message('repair.note.empty_text', { where, role: String(m.role) }));
    return { ...m, content: '' };
  },
  (notes) => message('repair.null_content', { notes }),
);

export const argumentsToString = messageFixer<string>(
  (m, where, notes) => {
    let out = m;
    if (Array.isArray(m.tool_calls)) {
      const calls = m.tool_calls.map((c, i) => {
        if (!isObject(c) || !isObject(c.function) || typeof c.function.arguments === 'string' || c.function.arguments === undefined) return c;
        notes.push(`${where}.tool_calls[${i}]`);
        return { ...c, function: { ...c.function, arguments: JSON.stringify(c.function.arguments) } };
      });
      if (calls.some((c, i) => c !== (m.tool_calls as unknown[])[i])) out = { ...out, tool_calls: calls };
    }
    if (isObject(m.function_call) && m.function_call.arguments !== undefined && typeof m.function_call.arguments !== 'string') {
      notes.push(`${where}.function_call`);
      out = { ...out, function_call: { ...m.function_call, arguments: JSON.stringify(m.function_call.arguments) } };
    }
    return out;
  },
  (notes) => message('repair.arguments_to_string', { notes }),
);

/** Weight spellings that clearly mean 0 or 1. */
const WEIGHTS: ReadonlyMap<unknown, number> = new Map<unknown, number>([
  [true, 1],
  [false, 0],
  ['1', 1],
  ['0', 0],
  [1.0, 1],
  [0.0, 0],
]);

export const weightType = messageFixer<string>(
  (m, where, notes) => {
    if (!('weight' in m) || m.weight === 0 || m.weight === 1 || !WEIGHTS.has(m.weight)) return m;
    notes.push(`${where}: ${JSON.stringify(m.weight)} → ${WEIGHTS.get(m.weight)}`);
    return { ...m, weight: WEIGHTS.get(m.weight) };
  },
  (notes) => message('repair.weight_type', { notes }),
);
