// Per-example rules of the targets that are not OpenAI: what each trainer refuses in one record, from its own
// documentation or validator (cited next to each rule). Pure and cheap: the app runs it on every edit.
import { coreIssue } from '../messages/index';
import { detectRecordFormat } from '../detect';
import { isObject } from '../edit';
import type { Issue, RecordFormat } from '../types';
import { targetInfo, type TargetId } from './info';
import { BASE64_IMAGE } from './export';

type Msg = Record<string, unknown>;
/** Where the issues of one example sit. */
export type ExampleAt = Pick<Issue, 'example' | 'line'>;

/** Collects a target's issues for one example. */
class Out {
  readonly issues: Issue[] = [];
  constructor(
    readonly target: string,
    readonly at: ExampleAt,
  ) {}
  add(severity: Issue['severity'], key: Parameters<typeof coreIssue>[1], params: object, extra: Pick<Issue, 'message_index' | 'path'> = {}): void {
    // Params are checked by the typed wrappers below; this is the one untyped door.
    this.issues.push(coreIssue(severity, key, { target: this.target, ...params } as never, { ...this.at, ...extra }));
  }
}

const SUR = ['system', 'user', 'assistant'] as const;
const isImagePart = (p: unknown): boolean => isObject(p) && p.type === 'image_url';
const partsOf = (content: unknown): unknown[] => (Array.isArray(content) ? content : []);
/** Text of a content field: a string, or a list of text parts; undefined for anything else (images, null…). */
const isText = (content: unknown): boolean =>
  typeof content === 'string' ||
  (Array.isArray(content) && content.length > 0 && content.every((p) => isObject(p) && p.type === 'text' && typeof p.text === 'string'));
const messagesOf = (v: unknown, key: 'messages' | 'input'): Msg[] | undefined => {
  const list = key === 'messages' ? (isObject(v) ? v.messages : undefined) : isObject(v) && isObject(v.input) ? v.input.messages : undefined;
  return Array.isArray(list) ? (list.filter(isObject) as Msg[]) : undefined;
};

/** Roles must be among `allowed`. */
function roles(o: Out, msgs: Msg[], allowed: readonly string[], list = 'messages'): boolean {
  let ok = true;
  msgs.forEach((m, i) => {
    if (typeof m.role === 'string' && allowed.includes(m.role)) return;
    ok = false;
    o.add(
      'error',
      'target_role',
      { msg: i + 1, role: typeof m.role === 'string' ? JSON.stringify(m.role) : null, allowed },
      { message_index: i, path: `${list}[${i}].role` },
    );
  });
  return ok;
}

function noToolCalls(o: Out, msgs: Msg[], list = 'messages'): void {
  msgs.forEach((m, i) => {
    if (m.tool_calls !== undefined || m.function_call !== undefined)
      o.add('error', 'target_tool_calls', { msg: i + 1 }, { message_index: i, path: `${list}[${i}].tool_calls` });
  });
}

function textOnly(o: Out, msgs: Msg[], list = 'messages'): void {
  msgs.forEach((m, i) => {
    if (m.tool_calls !== undefined && (m.content === null || m.content === undefined)) return; // a call's turn: judged by its own rule
    if (!isText(m.content)) o.add('error', 'target_content_type', { msg: i + 1 }, { message_index: i, path: `${list}[${i}].content` });
  });
}

function needsAssistant(o: Out, msgs: Msg[]): void {
  if (!msgs.some((m) => m.role === 'assistant')) o.add('error', 'target_no_assistant', {});
}

/** A system message only first. */
function systemFirst(o: Out, msgs: Msg[], list = 'messages'): void {
  msgs.forEach((m, i) => {
    if (i > 0 && m.role === 'system') o.add('error', 'target_system_position', { msg: i + 1 }, { message_index: i, path: `${list}[${i}]` });
  });
}

/** No two messages in a row with the same role. */
function alternate(o: Out, msgs: Msg[], list = 'messages'): void {
  msgs.forEach((m, i) => {
    if (i > 0 && m.role === msgs[i - 1].role) o.add('error', 'target_alternation', { msg: i + 1 }, { message_index: i, path: `${list}[${i}]` });
  });
}

/** The first turn after any system message is not the assistant's. */
function firstTurnIsUser(o: Out, msgs: Msg[], list = 'messages'): void {
  const first = msgs.findIndex((m) => m.role !== 'system');
  if (first >= 0 && msgs[first].role === 'assistant')
    o.add('error', 'target_first_turn', { msg: first + 1 }, { message_index: first, path: `${list}[${first}]` });
}

function extraKeys(o: Out, v: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(v)) if (!allowed.includes(key)) o.add('error', 'target_extra_key', { key, allowed }, { path: key });
}

// Together: https://docs.together.ai/docs/fine-tuning-data-preparation and together-python
// src/together/utils/files.py (check_file / validate_messages / validate_preference_openai).
const TOGETHER_KEYS: Partial<Record<RecordFormat, readonly string[]>> = {
  chat: ['messages'], // JSONL_REQUIRED_COLUMNS_MAP: "Found extra column …" for anything else
  prompt_completion: ['prompt', 'completion'],
  preference: ['input', 'preferred_output', 'non_preferred_output'],
};

function togetherMessages(o: Out, msgs: Msg[], list: string): void {
  // POSSIBLE_ROLES_CONVERSATION: system, user, assistant.
  roles(o, msgs, SUR, list);
  // "`user` and `assistant` roles must alternate" (previous_role == role is refused).
  alternate(o, msgs, list);
  // Data preparation: a conversation starts with an optional system message, then the user.
  systemFirst(o, msgs, list);
  firstTurnIsUser(o, msgs, list);
  noToolCalls(o, msgs, list);
  msgs.forEach((m, i) => {
    const at = { message_index: i, path: `${list}[${i}]` };
    // Weight is allowed on any role, as the integer 0 or 1 ("Weight must be either 0 or 1").
    if ('weight' in m && m.weight !== 0 && m.weight !== 1)
      o.add('error', 'target_weight', { msg: i + 1, value: JSON.stringify(m.weight) ?? 'undefined' }, { ...at, path: `${list}[${i}].weight` });
    const parts = partsOf(m.content);
    const images = parts.filter(isImagePart);
    if (images.length === 0) {
      if (!isText(m.content)) o.add('error', 'target_content_type', { msg: i + 1 }, { ...at, path: `${list}[${i}].content` });
      return;
    }
    // Vision data: images only in user messages, only base64 JPEG/PNG/WEBP, and an image message has no weight.
    if (m.role !== 'user') o.add('error', 'target_image_role', { msg: i + 1 }, at);
    if ('weight' in m) o.add('error', 'target_image_weight', { msg: i + 1 }, { ...at, path: `${list}[${i}].weight` });
    parts.forEach((p, j) => {
      if (!isImagePart(p)) return;
      const url = isObject((p as Msg).image_url) ? ((p as Msg).image_url as Msg).url : undefined;
      if (typeof url !== 'string' || !BASE64_IMAGE.test(url))
        o.add('error', 'target_image_source', { msg: i + 1, part: j + 1 }, { ...at, path: `${list}[${i}].content[${j}]` });
    });
  });
}

function together(o: Out, v: Record<string, unknown>, format: RecordFormat): void {
  const keys = TOGETHER_KEYS[format];
  if (keys) extraKeys(o, v, keys);
  if (format === 'chat') {
    const msgs = messagesOf(v, 'messages') ?? [];
    togetherMessages(o, msgs, 'messages');
    needsAssistant(o, msgs); // at least one assistant message to train on
  } else if (format === 'preference') {
    const input = messagesOf(v, 'input') ?? [];
    togetherMessages(o, input, 'input.messages');
    // The preferred/non-preferred outputs answer the last input turn, which must not be the assistant's.
    if (input.at(-1)?.role === 'assistant')
      o.add('error', 'target_preference_last', {}, { message_index: input.length - 1, path: `input.messages[${input.length - 1}]` });
  }
}

// Fireworks: https://docs.fireworks.ai/fine-tuning/fine-tuning-models — "role: one of system, user, or assistant. A
// message with the system role is optional, but if specified, it must be the first message of the conversation".
function fireworks(o: Out, v: Record<string, unknown>): void {
  const msgs = messagesOf(v, 'messages') ?? [];
  roles(o, msgs, SUR);
  systemFirst(o, msgs);
  noToolCalls(o, msgs);
  textOnly(o, msgs); // the export writes plain text turns (targets/export.ts)
  needsAssistant(o, msgs); // SFT trains on the assistant turns: none means nothing to learn
}

// ShareGPT (LLaMA-Factory data/README.md, "sharegpt"): human/observation and gpt/function_call turns alternate after an
// optional system turn; a function_call turn holds one call; text values only.
const SHAREGPT_FROM = ['human', 'gpt', 'system', 'observation', 'function_call'];
function sharegpt(o: Out, v: Record<string, unknown>, format: RecordFormat): void {
  if (format === 'sharegpt') {
    const conv = Array.isArray(v.conversations) ? v.conversations : [];
    conv.forEach((t, i) => {
      if (!isObject(t) || typeof t.from !== 'string' || !SHAREGPT_FROM.includes(t.from) || typeof t.value !== 'string')
        o.add('error', 'target_sharegpt_turn', { msg: i + 1 }, { path: `conversations[${i}]` });
    });
    return;
  }
  const msgs = messagesOf(v, 'messages') ?? [];
  roles(o, msgs, [...SUR, 'tool']); // the four roles ShareGPT has names for
  msgs.forEach((m, i) => {
    if (Array.isArray(m.tool_calls) && m.tool_calls.length > 1)
      o.add('error', 'target_many_calls', { msg: i + 1, count: m.tool_calls.length }, { message_index: i, path: `messages[${i}].tool_calls` });
  });
  textOnly(o, msgs);
  systemFirst(o, msgs);
  // user/tool vs assistant alternate; tool results count as the human side.
  const side = (m: Msg) => (m.role === 'assistant' ? 'a' : m.role === 'system' ? 's' : 'u');
  msgs.forEach((m, i) => {
    if (i > 0 && side(m) !== 's' && side(m) === side(msgs[i - 1]))
      o.add('error', 'target_alternation', { msg: i + 1 }, { message_index: i, path: `messages[${i}]` });
  });
  // human/observation turns at odd positions and gpt/function_call at even ones: the human side starts, gpt ends.
  firstTurnIsUser(o, msgs);
  const last = msgs.length - 1;
  if (last >= 0 && side(msgs[last]) === 'u') o.add('error', 'target_last_turn', { msg: last + 1 }, { message_index: last, path: `messages[${last}]` });
  needsAssistant(o, msgs);
}

// Alpaca (LLaMA-Factory data/README.md, "alpaca"): instruction, input, output, optional system — one turn.
function alpaca(o: Out, v: Record<string, unknown>, format: RecordFormat): void {
  if (format === 'alpaca') {
    for (const key of ['instruction', 'output']) if (typeof v[key] !== 'string') o.add('error', 'target_alpaca_field', { key }, { path: key });
    return;
  }
  const msgs = messagesOf(v, 'messages') ?? [];
  roles(o, msgs, SUR);
  noToolCalls(o, msgs);
  textOnly(o, msgs);
  systemFirst(o, msgs);
  if (msgs.filter((m) => m.role === 'user').length > 1 || msgs.filter((m) => m.role === 'assistant').length > 1) o.add('error', 'target_single_turn', {});
  firstTurnIsUser(o, msgs); // the instruction comes before its output
  needsAssistant(o, msgs);
}

// TRL DPO (https://huggingface.co/docs/trl/dataset_formats, preference): prompt/chosen/rejected as text or
// conversational text messages — images need a vision model and its processor, which the JSONL does not carry.
function trlDpo(o: Out, v: Record<string, unknown>, format: RecordFormat): void {
  if (format !== 'preference') return;
  textOnly(o, messagesOf(v, 'input') ?? [], 'input.messages');
  for (const key of ['preferred_output', 'non_preferred_output'] as const) {
    const list = Array.isArray(v[key]) ? (v[key] as unknown[]).filter(isObject) : [];
    textOnly(o, list as Msg[], key);
  }
}

// TRL SFT (https://huggingface.co/docs/trl/dataset_formats, conversational language modeling): any chat-template
// roles, tools allowed; the only per-example rule is the format (checked by the caller).
function trl(): void {}

/** The target's own rules for one parsed example (its format already known to be one the target takes). */
export function ownRules(target: TargetId, value: unknown, at: ExampleAt): Issue[] {
  const info = targetInfo(target);
  const o = new Out(info.name, at);
  if (!isObject(value)) return o.issues; // "not an object" is the OpenAI validator's, kept for every target
  const format = detectRecordFormat(value);
  if (format === 'unknown') return o.issues; // the OpenAI validator says what is missing
  if (!info.formats.includes(format)) {
    o.add('error', 'target_format', { found: format, formats: [...info.formats] });
    return o.issues;
  }
  if (target === 'together') together(o, value, format);
  else if (target === 'fireworks') fireworks(o, value);
  else if (target === 'sharegpt') sharegpt(o, value, format);
  else if (target === 'alpaca') alpaca(o, value, format);
  else if (target === 'trl-dpo') trlDpo(o, value, format);
  else if (target === 'trl') trl();
  return o.issues;
}
