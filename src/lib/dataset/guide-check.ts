// The OpenAI cookbook's format check ("Chat_finetuning_data_prep.ipynb", openai/openai-cookbook at commit
// 2e652704), reproduced check for check so Tuneset can show "what the guide's script would say" — but never crashing.
// Its logic is stale on purpose (it flags tool messages, tool_calls, image parts…): the real validator goes further.
import { isObject } from './edit';

/** The notebook's counters: `format_errors` (insertion-ordered, only counters that fired), the two warnings, size. */
/** The seven counters of the cookbook's format check, under their original names, in its order. */
export const GUIDE_ERROR_KEYS = [
  'data_type',
  'missing_messages_list',
  'message_missing_key',
  'message_unrecognized_key',
  'unrecognized_role',
  'missing_content',
  'example_missing_assistant_message',
] as const;

export interface GuideFormatCheck {
  /** Counter name (verbatim from the notebook) → number of times it fired, in the order they first fired. */
  format_errors: Record<string, number>;
  /** Examples with a messages list and no message whose role is "system" ("Num examples missing system message"). */
  missing_system: number;
  /** Examples with a messages list and no message whose role is "user". */
  missing_user: number;
  /** Number of values checked (`len(dataset)`). */
  n_examples: number;
}

/** Keys the notebook accepts on a message; any other key fires `message_unrecognized_key` (once per message). */
const GUIDE_MESSAGE_KEYS = ['role', 'content', 'name', 'function_call', 'weight'];
/** Roles the notebook accepts; any other (or none) fires `unrecognized_role`. */
const GUIDE_ROLES = ['system', 'user', 'assistant', 'function'];

/**
 * The notebook's format checks with its seven counters under their original names (`data_type`,
 * `missing_messages_list`, `message_missing_key`, `message_unrecognized_key`, `unrecognized_role`,
 * `missing_content`, `example_missing_assistant_message`) and the two warnings, but never crashing.
 *
 * Same order of checks and the same `continue`s as the Python. Where Python would crash, this counts instead:
 * - an unparsable line (pass `undefined` for it) or any non-object value → `data_type` (it is not a dict);
 * - a truthy `messages` that is not a list (object, string, number, true) → `missing_messages_list`
 *   (Python iterates it and then crashes on `.get`);
 * - a message that is not an object (null, string, array…) counts like an empty message `{}`:
 *   `message_missing_key`, `unrecognized_role` and `missing_content` (Python raises on `in`/`.get`);
 * - the warnings only look at examples whose `messages` is a list and only at object messages (Python's
 *   `ex["messages"]` / `message["role"]` raise a KeyError or TypeError otherwise).
 * Python truthiness is kept: `null`, `false`, `0`, `""`, `[]` and `{}` are all "empty".
 */
export function guideCheck(values: unknown[]): GuideFormatCheck {
  const format_errors: Record<string, number> = {};
  const bump = (key: string) => {
    format_errors[key] = (format_errors[key] ?? 0) + 1;
  };
  for (const ex of values) {
    if (!isObject(ex)) {
      bump('data_type');
      continue;
    }
    const messages = ex.messages;
    if (!pyTruthy(messages) || !Array.isArray(messages)) {
      bump('missing_messages_list');
      continue;
    }
    for (const raw of messages) {
      const message: Record<string, unknown> = isObject(raw) ? raw : {};
      if (!Object.hasOwn(message, 'role') || !Object.hasOwn(message, 'content')) bump('message_missing_key');
      if (Object.keys(message).some((k) => !GUIDE_MESSAGE_KEYS.includes(k))) bump('message_unrecognized_key');
      const role = message.role;
      if (typeof role !== 'string' || !GUIDE_ROLES.includes(role)) bump('unrecognized_role');
      const content = message.content;
      const functionCall = message.function_call;
      if ((!pyTruthy(content) && !pyTruthy(functionCall)) || typeof content !== 'string') bump('missing_content');
    }
    if (!messages.some((m) => isObject(m) && m.role === 'assistant')) bump('example_missing_assistant_message');
  }

  let missing_system = 0;
  let missing_user = 0;
  for (const ex of values) {
    if (!isObject(ex) || !Array.isArray(ex.messages)) continue;
    const roles = ex.messages.map((m) => (isObject(m) ? m.role : undefined));
    if (!roles.includes('system')) missing_system++;
    if (!roles.includes('user')) missing_user++;
  }
  return { format_errors, missing_system, missing_user, n_examples: values.length };
}

/** Python's `bool(v)` for JSON values: null, false, 0, "", [] and {} are falsy. */
function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
