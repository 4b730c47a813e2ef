// Foreign record formats → the formats OpenAI trains on (ShareGPT, Alpaca, TRL preference → chat / preference),
// plus legacy prompt/completion ↔ chat on request. Pure: never throws, never mutates its input; problems become Issues.
import type { DatasetFormat, Issue, RecordFormat } from './types.ts';
import { isObject } from './edit';
import { coreIssue, type CORE_EN, type CoreKey } from './messages/index.ts';
import type { ParamsOf } from './messages/types.ts';

/** A chat message as written by the converters (OpenAI supervised format). */
export interface ChatMessage {
  role: string;
  content: string | null;
  name?: string;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  weight?: number;
}

/** Canonical OpenAI roles accepted in supervised files (`function` is deprecated but still accepted). */
export const CHAT_ROLES: readonly string[] = ['system', 'user', 'assistant', 'tool', 'function'];

/** Role spellings seen in the wild (lower-cased key) → canonical OpenAI role. */
export const ROLE_ALIASES: Readonly<Record<string, string>> = {
  system: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  ai: 'assistant',
  chatgpt: 'assistant',
  tool: 'tool',
  function: 'function',
};

/** Maps a role alias in any letter case to its canonical role; undefined when the spelling is unknown. */
export function normalizeRole(role: unknown): string | undefined {
  if (typeof role !== 'string') return undefined;
  const key = role.trim().toLowerCase();
  // Own keys only: "constructor", "__proto__" or "toString" must not find Object.prototype's members.
  return Object.hasOwn(ROLE_ALIASES, key) ? ROLE_ALIASES[key] : undefined;
}

/** True for a non-null, non-array object (re-exported from edit.ts for this module's callers). */
export { isObject };

/**
 * Recognises the format of one parsed record from its keys alone (a light twin of detect.ts, kept here so
 * conversion has no dependency on the validator). Returns 'unknown' for anything it cannot place.
 */
export function guessRecordFormat(value: unknown): RecordFormat {
  if (!isObject(value)) return 'unknown';
  if (Array.isArray(value.messages)) return 'chat';
  if ('input' in value && ('preferred_output' in value || 'non_preferred_output' in value)) return 'preference';
  if (Array.isArray(value.conversations)) return 'sharegpt';
  if ('chosen' in value && 'rejected' in value) return 'trl_preference';
  if ('instruction' in value && 'output' in value) return 'alpaca';
  if ('prompt' in value && 'completion' in value) return 'prompt_completion';
  return 'unknown';
}

/** The dataset format a foreign record naturally becomes (prompt/completion converts only on request). */
export function naturalTarget(format: RecordFormat): DatasetFormat | undefined {
  if (format === 'sharegpt' || format === 'alpaca') return 'chat';
  if (format === 'trl_preference') return 'preference';
  return undefined;
}

/** Result of converting one record: the new value (absent when it could not be converted) and what was noticed. */
export interface ConvertResult {
  value?: unknown;
  issues: Issue[];
}

const err = <K extends CoreKey>(key: K, params: ParamsOf<typeof CORE_EN, K>, path?: string): Issue => coreIssue('error', key, params, path ? { path } : {});
const warn = <K extends CoreKey>(key: K, params: ParamsOf<typeof CORE_EN, K>, path?: string): Issue => coreIssue('warning', key, params, path ? { path } : {});

/** Text of a foreign field: strings pass, numbers/booleans are stringified, anything else is reported. */
function text(v: unknown, path: string, issues: Issue[]): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  issues.push(err('convert_not_text', { path }, path));
  return undefined;
}

/** ShareGPT {conversations:[{from,value}], system?, tools?} → chat. function_call/observation become tool calls. */
function fromShareGpt(v: Record<string, unknown>): ConvertResult {
  const issues: Issue[] = [];
  const messages: ChatMessage[] = [];
  if (typeof v.system === 'string' && v.system !== '') messages.push({ role: 'system', content: v.system });
  let lastCallId: string | undefined;
  let calls = 0;
  (v.conversations as unknown[]).forEach((turn, i) => {
    const path = `conversations[${i}]`;
    if (!isObject(turn)) return void issues.push(err('convert_bad_turn', { path }, path));
    const from = typeof turn.from === 'string' ? turn.from.trim().toLowerCase() : turn.role;
    const body = text(turn.value ?? turn.content, `${path}.value`, issues);
    if (body === undefined) return;
    if (from === 'function_call') {
      let call: unknown;
      try {
        call = JSON.parse(body);
      } catch {
        call = undefined;
      }
      if (!isObject(call) || typeof call.name !== 'string') {
        return void issues.push(err('convert_bad_function_call', { path }, path));
      }
      lastCallId = `call_${++calls}`;
      const args = call.arguments ?? {};
      messages.push({
        role: 'assistant',
        content: null,
        tool_calls: [{ id: lastCallId, type: 'function', function: { name: call.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }],
      });
      return;
    }
    if (from === 'observation') {
      if (!lastCallId) return void issues.push(err('convert_orphan_observation', { path }, path));
      messages.push({ role: 'tool', content: body, tool_call_id: lastCallId });
      return;
    }
    const role = normalizeRole(from);
    if (!role || role === 'function' || role === 'tool') {
      return void issues.push(err('convert_unknown_role', { path, from: JSON.stringify(turn.from) ?? null }, `${path}.from`));
    }
    messages.push({ role, content: body });
  });
  const out: Record<string, unknown> = { messages };
  if (v.tools !== undefined) {
    let tools: unknown = v.tools;
    if (typeof tools === 'string') {
      try {
        tools = JSON.parse(tools);
      } catch {
        tools = undefined;
      }
    }
    if (Array.isArray(tools)) out.tools = tools.map((t) => (isObject(t) && t.type === 'function' ? t : { type: 'function', function: t }));
    else issues.push(warn('convert_tools_dropped', {}, 'tools'));
  }
  return done(out, issues);
}

/** Alpaca {instruction, input?, output, system?, history?} → chat. The input follows the instruction after a blank line. */
function fromAlpaca(v: Record<string, unknown>): ConvertResult {
  const issues: Issue[] = [];
  const messages: ChatMessage[] = [];
  if (typeof v.system === 'string' && v.system !== '') messages.push({ role: 'system', content: v.system });
  if (v.history !== undefined) {
    if (!Array.isArray(v.history)) issues.push(err('convert_bad_history', {}, 'history'));
    else
      v.history.forEach((pair, i) => {
        if (!Array.isArray(pair) || pair.length !== 2) return void issues.push(err('convert_bad_history.pair', { index: i }, `history[${i}]`));
        const q = text(pair[0], `history[${i}][0]`, issues);
        const a = text(pair[1], `history[${i}][1]`, issues);
        if (q !== undefined && a !== undefined) messages.push({ role: 'user', content: q }, { role: 'assistant', content: a });
      });
  }
  const instruction = text(v.instruction, 'instruction', issues);
  const input = v.input === undefined || v.input === null ? '' : text(v.input, 'input', issues);
  const output = text(v.output, 'output', issues);
  if (instruction !== undefined && input !== undefined) messages.push({ role: 'user', content: input === '' ? instruction : `${instruction}\n\n${input}` });
  if (output !== undefined) messages.push({ role: 'assistant', content: output });
  return done({ messages }, issues);
}

/** A TRL prompt/chosen/rejected side: a string or a list of {role, content} messages. */
function trlMessages(v: unknown, path: string, defaultRole: string, issues: Issue[]): ChatMessage[] | undefined {
  if (typeof v === 'string') return [{ role: defaultRole, content: v }];
  if (!Array.isArray(v)) return void issues.push(err('convert_bad_trl', { path }, path));
  const out: ChatMessage[] = [];
  for (const [i, m] of v.entries()) {
    const role = isObject(m) ? normalizeRole(m.role) : undefined;
    const content = isObject(m) ? text(m.content, `${path}[${i}].content`, issues) : undefined;
    if (!role || content === undefined) return void issues.push(err('convert_bad_trl.message', { path: `${path}[${i}]` }, `${path}[${i}]`));
    out.push({ role, content });
  }
  return out;
}

/** TRL preference {prompt?, chosen, rejected} → OpenAI {input:{messages}, preferred_output, non_preferred_output}. */
function fromTrl(v: Record<string, unknown>): ConvertResult {
  const issues: Issue[] = [];
  let prompt = v.prompt === undefined ? [] : trlMessages(v.prompt, 'prompt', 'user', issues);
  let chosen = trlMessages(v.chosen, 'chosen', 'assistant', issues);
  let rejected = trlMessages(v.rejected, 'rejected', 'assistant', issues);
  if (!prompt || !chosen || !rejected) return { issues };
  if (v.prompt === undefined) {
    // TRL "implicit prompt": chosen and rejected repeat the conversation; the shared start is the prompt.
    let k = 0;
    while (k < chosen.length - 1 && k < rejected.length - 1 && JSON.stringify(chosen[k]) === JSON.stringify(rejected[k])) k++;
    prompt = chosen.slice(0, k);
    chosen = chosen.slice(k);
    rejected = rejected.slice(k);
  }
  for (const [name, side] of [
    ['chosen', chosen],
    ['rejected', rejected],
  ] as const) {
    if (side.length !== 1 || side[0].role !== 'assistant') {
      issues.push(err('convert_preference_shape', { name }, name));
    }
  }
  if (prompt.length === 0) issues.push(err('convert_preference_shape.no_prompt', {}, 'prompt'));
  return done({ input: { messages: prompt }, preferred_output: chosen.slice(0, 1), non_preferred_output: rejected.slice(0, 1) }, issues);
}

/** Legacy {prompt, completion} → a user + assistant chat; both texts copied verbatim (no separator stripping). */
function promptToChat(v: Record<string, unknown>): ConvertResult {
  const issues: Issue[] = [];
  const prompt = text(v.prompt, 'prompt', issues);
  const completion = text(v.completion, 'completion', issues);
  if (prompt === undefined || completion === undefined) return { issues };
  return done(
    {
      messages: [
        { role: 'user', content: prompt },
        { role: 'assistant', content: completion },
      ],
    },
    issues,
  );
}

/** Chat → legacy {prompt, completion}: only one user turn and one assistant reply; a system prompt is put before the user text. */
function chatToPrompt(v: Record<string, unknown>): ConvertResult {
  const issues: Issue[] = [];
  const msgs = (v.messages as unknown[]).filter(isObject);
  const system = msgs.filter((m) => m.role === 'system');
  const rest = msgs.filter((m) => m.role !== 'system');
  if (
    rest.length !== 2 ||
    rest[0].role !== 'user' ||
    rest[1].role !== 'assistant' ||
    typeof rest[0].content !== 'string' ||
    typeof rest[1].content !== 'string'
  ) {
    return { issues: [err('convert_not_single_turn', {}, 'messages')] };
  }
  const sys = system.map((m) => (typeof m.content === 'string' ? m.content : '')).filter((s) => s !== '');
  if (sys.length) issues.push(coreIssue('info', 'convert_system_merged', {}));
  return done({ prompt: [...sys, rest[0].content].join('\n\n'), completion: rest[1].content }, issues);
}

/** Returns the value unless an error was found (then only the issues). */
function done(value: unknown, issues: Issue[]): ConvertResult {
  return issues.some((i) => i.severity === 'error') ? { issues } : { value, issues };
}

/**
 * Converts one parsed record into a dataset format. The source format is recognised from the keys.
 * Supported: sharegpt/alpaca/prompt_completion → chat, trl_preference → preference, chat (single turn) →
 * prompt_completion; a record already in `to` is returned as is. Anything else yields a `convert_unsupported` error.
 */
export function convertRecord(value: unknown, to: DatasetFormat): ConvertResult {
  const from = guessRecordFormat(value);
  if (!isObject(value) || from === 'unknown') {
    return { issues: [err('convert_unknown_format', {})] };
  }
  if (from === to) return { value, issues: [] };
  if (to === 'chat') {
    if (from === 'sharegpt') return fromShareGpt(value);
    if (from === 'alpaca') return fromAlpaca(value);
    if (from === 'prompt_completion') return promptToChat(value);
  }
  if (to === 'preference' && from === 'trl_preference') return fromTrl(value);
  if (to === 'prompt_completion') {
    if (from === 'chat') return chatToPrompt(value);
    if (from === 'sharegpt' || from === 'alpaca') {
      const chat = convertRecord(value, 'chat');
      if (!chat.value) return chat;
      const pc = chatToPrompt(chat.value as Record<string, unknown>);
      return { ...pc, issues: [...chat.issues, ...pc.issues] };
    }
  }
  return { issues: [err('convert_unsupported', { from, to })] };
}
