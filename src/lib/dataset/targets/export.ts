// Export targets beyond OpenAI: each example is checked against the target's own rules before it is written, and
// every example that does not fit is listed with a plain reason instead of being silently changed or dropped.
// Sources: TRL dataset formats (conversational / preference), LLaMA-Factory & Axolotl ShareGPT/Alpaca docs,
// Together "Data preparation" (roles system/user/assistant; start with system or user, then alternate user and
// assistant; also takes the OpenAI preference format), Fireworks SFT docs (roles system/user/assistant, system
// optional and first, at least 3 examples).
import { isObject } from '../convert.ts';
import { exampleText } from '../export.ts';
import type { Example } from '../types.ts';
import { message, type Message } from '../messages/index.ts';

/** Where a dataset can be exported to (besides OpenAI's own JSONL, which is `toJsonl`). */
export type ExportTarget = 'hf_messages' | 'sharegpt' | 'alpaca' | 'trl_preference' | 'together' | 'fireworks';

/** One example left out of an export, and why. `example` is 1-based (the order given). */
export interface SkippedExample {
  example: number;
  /** Why it does not fit (messages/en-repair.ts `target.*`), written at display time. */
  reason: Message;
}

/** Result of an export: JSONL text (each line ends in '\n'), what was left out, and lossy changes made. */
export interface ExportResult {
  text: string;
  skipped: SkippedExample[];
  /** File-level notes: fields dropped (e.g. weight), too few examples for the target… (messages, written at display time) */
  notes: Message[];
}

/** Minimum number of examples Fireworks accepts in a dataset (its SFT docs). */
export const FIREWORKS_MIN_EXAMPLES = 3;

type Msg = Record<string, unknown>;
/** What converting one example gives: the record to write, or the reason it does not fit. */
type One = { value: unknown; dropped?: Message } | { reason: Message };

/** Text of a content field: a string, or an array of text parts joined; undefined for images or other shapes. */
function plainText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.map((p) => (isObject(p) && p.type === 'text' && typeof p.text === 'string' ? p.text : undefined));
  return texts.every((t) => t !== undefined) ? texts.join('') : undefined;
}

const chatMessages = (v: unknown): Msg[] | undefined =>
  isObject(v) && Array.isArray(v.messages) && v.messages.every(isObject) ? (v.messages as Msg[]) : undefined;
const isPreference = (v: unknown): v is { input: { messages: Msg[] }; preferred_output: Msg[]; non_preferred_output: Msg[] } =>
  isObject(v) && isObject(v.input) && [v.input.messages, v.preferred_output, v.non_preferred_output].every((l) => Array.isArray(l) && l.every(isObject));
const hasWeight = (msgs: Msg[]) => msgs.some((m) => 'weight' in m);
const WEIGHT_NOTE = message('target.weight_dropped');

/**
 * How strictly a target orders its turns, as its check (rules.ts) does, so that an example the check passes is never
 * left out by the export: `alternate` — optional system first, then user, assistant, user… (Alpaca's single turn);
 * `no-repeat` — a system message only first, the user speaks first after it, then no two turns in a row with the
 * same role (Together); `system-first` — a system message only first (Fireworks).
 */
type TurnOrder = 'alternate' | 'no-repeat' | 'system-first';

/** Checks plain system/user/assistant text turns in the order `turns` asks; returns a reason or the messages. */
function plainTurns(msgs: Msg[], target: string, turns: TurnOrder): { role: string; content: string }[] | Message {
  const out: { role: string; content: string }[] = [];
  for (const [i, m] of msgs.entries()) {
    if (m.role !== 'system' && m.role !== 'user' && m.role !== 'assistant')
      return message('target.role', { msg: i + 1, role: JSON.stringify(m.role) ?? null, target });
    if (m.tool_calls !== undefined) return message('target.tool_calls', { msg: i + 1, target });
    const content = plainText(m.content);
    if (content === undefined) return message('target.no_text', { msg: i + 1, target });
    out.push({ role: m.role, content });
  }
  if (turns === 'no-repeat') {
    const late = out.findIndex((m, i) => i > 0 && m.role === 'system');
    if (late >= 0) return message('target.system_late', { target });
    const bad = out.findIndex((m, i) => (i > 0 && m.role === out[i - 1].role) || (m.role === 'assistant' && out.slice(0, i).every((x) => x.role === 'system')));
    if (bad >= 0) return message('target.not_alternating', { msg: bad + 1 });
  } else {
    const rest = out[0]?.role === 'system' ? out.slice(1) : out;
    if (rest.some((m) => m.role === 'system')) return message('target.system_late', { target });
    const bad = turns === 'alternate' ? rest.findIndex((m, i) => m.role !== (i % 2 === 0 ? 'user' : 'assistant')) : -1;
    if (bad >= 0) return message('target.not_alternating', { msg: out.length - rest.length + bad + 1 });
  }
  if (!out.some((m) => m.role === 'assistant')) return message('target.no_assistant');
  return out;
}

function toHfMessages(v: unknown): One {
  // TRL's SFTTrainer also takes standard prompt-completion (https://huggingface.co/docs/trl/dataset_formats).
  if (isObject(v) && !('messages' in v) && typeof v.prompt === 'string' && typeof v.completion === 'string')
    return { value: { prompt: v.prompt, completion: v.completion } };
  const msgs = chatMessages(v);
  if (!msgs) return { reason: message('target.not_chat_trl') };
  if (!msgs.some((m) => m.role === 'assistant')) return { reason: message('target.no_assistant') };
  const out: Record<string, unknown> = { messages: msgs.map(({ weight: _w, ...m }) => m) };
  if (isObject(v) && v.tools !== undefined) out.tools = v.tools;
  return { value: out, dropped: hasWeight(msgs) ? WEIGHT_NOTE : undefined };
}

function toShareGpt(v: unknown): One {
  const msgs = chatMessages(v);
  if (!msgs) return { reason: message('target.not_chat') };
  const conv: { from: string; value: string }[] = [];
  for (const [i, m] of msgs.entries()) {
    if (m.role === 'assistant' && Array.isArray(m.tool_calls)) {
      if (m.tool_calls.length !== 1) return { reason: message('target.many_calls', { msg: i + 1, count: m.tool_calls.length }) };
      const fn = (m.tool_calls[0] as Msg).function as Msg | undefined;
      let args: unknown = fn?.arguments;
      try {
        args = typeof args === 'string' ? JSON.parse(args) : args;
      } catch {
        return { reason: message('target.bad_arguments', { msg: i + 1 }) };
      }
      let value: string;
      try {
        value = JSON.stringify({ name: fn?.name, arguments: args });
      } catch {
        return { reason: message('target.deep_arguments', { msg: i + 1 }) };
      }
      conv.push({ from: 'function_call', value });
      continue;
    }
    const text = plainText(m.content);
    if (text === undefined) return { reason: message('target.no_text', { msg: i + 1 }) };
    // Own keys of a string role only (an object role would throw on lookup; "constructor" would find a function).
    const names: Record<string, string> = { system: 'system', user: 'human', assistant: 'gpt', tool: 'observation' };
    const from = typeof m.role === 'string' && Object.hasOwn(names, m.role) ? names[m.role] : undefined;
    if (!from) return { reason: message('target.sharegpt_role', { msg: i + 1, role: JSON.stringify(m.role) ?? null }) };
    conv.push({ from, value: text });
  }
  // LLaMA-Factory: after an optional system turn, human/observation and gpt/function_call alternate.
  const rest = conv[0]?.from === 'system' ? conv.slice(1) : conv;
  const bad = rest.findIndex((t, i) => (i % 2 === 0 ? !['human', 'observation'].includes(t.from) : !['gpt', 'function_call'].includes(t.from)));
  if (bad >= 0 || rest.length % 2 !== 0) return { reason: message('target.sharegpt_alternation') };
  if (rest.length === 0) return { reason: message('target.no_assistant') };
  const out: Record<string, unknown> = { conversations: conv };
  if (isObject(v) && Array.isArray(v.tools)) out.tools = JSON.stringify(v.tools.map((t) => (isObject(t) && isObject(t.function) ? t.function : t)));
  return { value: out, dropped: hasWeight(msgs) ? WEIGHT_NOTE : undefined };
}

function toAlpaca(v: unknown): One {
  const msgs = chatMessages(v);
  if (!msgs) return { reason: message('target.not_chat') };
  const r = plainTurns(msgs, 'Alpaca', 'alternate');
  if (!Array.isArray(r)) return { reason: r };
  const rest = r.filter((m) => m.role !== 'system');
  if (rest.length !== 2) return { reason: message('target.alpaca_single_turn') };
  const system = r.find((m) => m.role === 'system');
  return { value: { instruction: rest[0].content, input: '', output: rest[1].content, ...(system ? { system: system.content } : {}) } };
}

function toTrlPreference(v: unknown): One {
  if (!isPreference(v)) return { reason: message('target.not_preference') };
  const strip = (ms: Msg[]) => ms.map((m) => ({ role: m.role, content: plainText(m.content) }));
  const all = [...strip(v.input.messages), ...strip(v.preferred_output), ...strip(v.non_preferred_output)];
  if (all.some((m) => m.content === undefined)) return { reason: message('target.message_no_text') };
  return { value: { prompt: strip(v.input.messages), chosen: strip(v.preferred_output), rejected: strip(v.non_preferred_output) } };
}

/** A user message's content made of text and image parts (Together's vision format). */
/** Image data Together takes (its data-preparation docs: base64 JPEG, PNG or WEBP); the check (rules.ts) uses the same. */
export const BASE64_IMAGE = /^data:image\/(jpeg|jpg|png|webp);base64,/i;
const userImages = (m: Msg): boolean =>
  m.role === 'user' &&
  Array.isArray(m.content) &&
  m.content.some((p) => isObject(p) && p.type === 'image_url') &&
  m.content.every((p) => isObject(p) && (p.type === 'text' || p.type === 'image_url'));

/**
 * Together: OpenAI-style chat with strict alternation, images in user messages and `weight` 0/1 kept (its
 * data-preparation docs); prompt-completion and preference examples pass in their own format.
 */
function toTogether(v: unknown): One {
  if (isPreference(v)) {
    const r = plainTurns([...v.input.messages, ...v.preferred_output], 'Together', 'no-repeat');
    return Array.isArray(r) ? { value: v } : { reason: r };
  }
  if (isObject(v) && !('messages' in v) && typeof v.prompt === 'string' && typeof v.completion === 'string')
    return { value: { prompt: v.prompt, completion: v.completion } };
  const msgs = chatMessages(v);
  if (!msgs) return { reason: message('target.not_chat_or_preference') };
  // Image messages are checked as text here, then written with their parts.
  // As Together's check (rules.ts): images only as base64 JPEG/PNG/WEBP, and an image message carries no weight.
  for (const [i, m] of msgs.entries()) {
    if (!userImages(m)) continue;
    if ((m.content as Msg[]).some((p) => p.type === 'image_url' && !BASE64_IMAGE.test(String(isObject(p.image_url) ? p.image_url.url : '')))) {
      return { reason: message('target.image_source', { msg: i + 1, target: 'Together' }) };
    }
    if ('weight' in m) return { reason: message('target.image_weight', { msg: i + 1, target: 'Together' }) };
  }
  const r = plainTurns(
    msgs.map((m) => (userImages(m) ? { ...m, content: '' } : m)),
    'Together',
    'no-repeat',
  );
  if (!Array.isArray(r)) return { reason: r };
  const out = r.map((m, i) => {
    const src = msgs[i];
    const w = src.weight === 0 || src.weight === 1 ? { weight: src.weight } : {};
    return userImages(src) ? { role: m.role, content: src.content, ...w } : { ...m, ...w };
  });
  return { value: { messages: out } };
}

function toFireworks(v: unknown): One {
  const msgs = chatMessages(v);
  if (!msgs) return { reason: message('target.not_chat_fireworks') };
  const r = plainTurns(msgs, 'Fireworks', 'system-first');
  return !Array.isArray(r) ? { reason: r } : { value: { messages: r }, dropped: hasWeight(msgs) ? WEIGHT_NOTE : undefined };
}

/** The converter of each target. */
const CONVERTERS: Readonly<Record<ExportTarget, (v: unknown) => One>> = {
  hf_messages: toHfMessages,
  sharegpt: toShareGpt,
  alpaca: toAlpaca,
  trl_preference: toTrlPreference,
  together: toTogether,
  fireworks: toFireworks,
};

/**
 * Exports examples to a target. Each example is checked against the target's rules; those that do not fit are
 * listed in `skipped` (1-based, in the order given) and left out. Unparsable examples are always skipped.
 * Lines end in '\n'. Fireworks with fewer than 3 written examples gets a note (its upload would be refused).
 */
export function exportTo(examples: readonly Example[], target: ExportTarget): ExportResult {
  const lines: string[] = [];
  const skipped: SkippedExample[] = [];
  const notes = new Map<string, Message>();
  examples.forEach((e, i) => {
    if (e.value === undefined) return void skipped.push({ example: i + 1, reason: message('target.invalid_json', { text: exampleText(e).slice(0, 40) }) });
    const r = CONVERTERS[target](e.value);
    if ('reason' in r) return void skipped.push({ example: i + 1, reason: r.reason });
    if (r.dropped) notes.set(r.dropped.code, r.dropped);
    lines.push(JSON.stringify(r.value));
  });
  if (target === 'fireworks' && lines.length < FIREWORKS_MIN_EXAMPLES)
    notes.set('target.fireworks_min', message('target.fireworks_min', { min: FIREWORKS_MIN_EXAMPLES, count: lines.length }));
  return { text: lines.map((l) => l + '\n').join(''), skipped, notes: [...notes.values()] };
}
