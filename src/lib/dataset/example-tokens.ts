// Token estimate of one training example, extending the guide's formula (FORMATS.md §5) to everything a modern
// file holds: tool calls, tool definitions, image parts, null content, preference and prompt/completion records.
// Pure: the tokenizer is injected as `count`. All figures are estimates of what OpenAI bills; never exact.
import { isObject } from './edit';

/** Tokens of one string as ordinary text (e.g. `TokenCounter.count`). */
export type CountFn = (text: string) => number;

/** Tool-definition constants family (cookbook `num_tokens_for_tools`). */
export type ToolFamily = 'gpt-4o' | 'gpt-3.5';

/** Token figures of one example. */
export interface ExampleTokens {
  /**
   * Tokens of the messages (the guide's `num_tokens_from_messages`): 3 per message + tokens of each message's
   * role, content and name (+1 when a name is present) + tool calls/refusal (see RULES) + 3 for reply priming.
   * Does not include `tools`.
   */
  total: number;
  /** Tokens the guide calls "assistant tokens": content (+ tool calls, refusal) of assistant messages. */
  assistant: number;
  /** Assistant tokens actually trained on: assistant messages without `weight: 0`. */
  trainable: number;
  /** Tokens of the tool (function) definitions sent with the example; 0 when it has none. */
  tools: number;
  /** Tokens of each message in order, 3-token overhead included (for preference: input, preferred, non-preferred). */
  perMessage: number[];
}

/** Per-message overhead (`tokens_per_message` in the guide). */
export const TOKENS_PER_MESSAGE = 3;
/** Extra tokens when a message carries a `name` (`tokens_per_name`). */
export const TOKENS_PER_NAME = 1;
/** Tokens priming the reply (`<|start|>assistant<|message|>`), added once per example. */
export const REPLY_PRIMING_TOKENS = 3;
/** An image part with `detail: "low"` (documented by OpenAI). */
export const IMAGE_LOW_DETAIL_TOKENS = 85;
/**
 * Estimate for an image part with `detail` "high"/"auto"/absent: a 1024×1024 image at high detail is 85 base +
 * 170 per 512-px tile × 4 tiles = 765. The true figure depends on the image's size, which we do not decode.
 */
export const IMAGE_DEFAULT_TOKENS = 765;

/** Cookbook constants for tool definitions, per model family. */
const TOOL_CONSTANTS: Readonly<
  Record<ToolFamily, { funcInit: number; propInit: number; propKey: number; enumInit: number; enumItem: number; funcEnd: number }>
> = {
  'gpt-4o': { funcInit: 7, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
  'gpt-3.5': { funcInit: 10, propInit: 3, propKey: 3, enumInit: -3, enumItem: 3, funcEnd: 12 },
};

/**
 * RULES (documented contract of this module):
 * - role, name, string content: tokens of the string. Non-string values (invalid data) count 0, never throw.
 * - content `null`/absent: 0 tokens (assistant turns that only call tools).
 * - content array: Σ tokens of `text` of text parts; image parts cost 85 tokens at `detail: "low"`, else the
 *   765-token estimate (IMAGE_DEFAULT_TOKENS); other parts count 0.
 * - `tool_calls`: Σ tokens(function.name) + tokens(function.arguments) per call; deprecated `function_call` the
 *   same; `refusal`: tokens of the string. Ids (`id`, `tool_call_id`), `type` and `weight` count 0.
 * - tools: the cookbook's num_tokens_for_tools: per function funcInit + tokens("name:description" without a
 *   final "."); if it has properties, propInit + per property propKey + tokens("key:type:description"), and for
 *   an enum enumInit + per item enumItem + tokens(item); funcEnd once when there is any function. gpt-4o family:
 *   7/3/3/−3/3/12, gpt-3.5/gpt-4: 10/3/3/−3/3/12. Deprecated top-level `functions` are counted the same way.
 * - preference: input messages, then the preferred and the non-preferred output, one priming; `tools` from
 *   `input.tools`; assistant = preferred output; trainable = preferred + non-preferred outputs (both are learned from).
 * - prompt/completion: total = tokens(prompt) + tokens(completion); assistant = trainable = tokens(completion).
 * - anything else (not an object, unknown format): all zeros.
 */
function str(v: unknown, count: CountFn): number {
  return typeof v === 'string' ? count(v) : 0;
}

/** Tokens of a message's content: string, null, or an array of parts. */
export function contentTokens(content: unknown, count: CountFn): number {
  if (typeof content === 'string') return count(content);
  if (!Array.isArray(content)) return 0;
  let sum = 0;
  for (const part of content) {
    if (!isObject(part)) continue;
    if (part.type === 'text' || (part.type === undefined && typeof part.text === 'string')) sum += str(part.text, count);
    else if (part.type === 'image_url') {
      const image = isObject(part.image_url) ? part.image_url : {};
      sum += image.detail === 'low' ? IMAGE_LOW_DETAIL_TOKENS : IMAGE_DEFAULT_TOKENS;
    }
  }
  return sum;
}

function callTokens(call: unknown, count: CountFn): number {
  if (!isObject(call)) return 0;
  const fn = isObject(call.function) ? call.function : call; // tool_calls[i].function, or function_call itself
  return str(fn.name, count) + str(fn.arguments, count);
}

/** Tokens of what an assistant message says: content, tool calls, function call and refusal. */
function spokenTokens(m: Record<string, unknown>, count: CountFn): number {
  let sum = contentTokens(m.content, count) + callTokens(m.function_call, count) + str(m.refusal, count);
  if (Array.isArray(m.tool_calls)) for (const c of m.tool_calls) sum += callTokens(c, count);
  return sum;
}

/** Tokens of one message, overhead included (the guide's per-message term). */
export function messageTokens(message: unknown, count: CountFn): number {
  if (!isObject(message)) return TOKENS_PER_MESSAGE;
  return withOverhead(message, spokenTokens(message, count), count);
}

/** messageTokens of `m` whose spokenTokens are `spoken` (counted once: a long text is not remembered by the counter). */
function withOverhead(m: Record<string, unknown>, spoken: number, count: CountFn): number {
  let sum = TOKENS_PER_MESSAGE + str(m.role, count) + spoken;
  if ('name' in m) sum += str(m.name, count) + TOKENS_PER_NAME;
  return sum;
}

/** An enum item as text (String(item)); never throws, though a parsed object may own a "toString" key. */
function enumText(item: unknown): string {
  try {
    return String(item);
  } catch {
    return JSON.stringify(item) ?? '';
  }
}

/** Tokens of tool definitions (`tools: [{type, function}]` or deprecated `functions: [{name,…}]`), cookbook rule. */
export function toolTokens(tools: unknown, count: CountFn, family: ToolFamily = 'gpt-4o'): number {
  if (!Array.isArray(tools)) return 0;
  const k = TOOL_CONSTANTS[family];
  let sum = 0;
  let functions = 0;
  for (const tool of tools) {
    if (!isObject(tool)) continue;
    const fn = isObject(tool.function) ? tool.function : tool;
    functions++;
    sum += k.funcInit;
    const name = typeof fn.name === 'string' ? fn.name : '';
    const desc = (typeof fn.description === 'string' ? fn.description : '').replace(/\.$/, '');
    sum += count(`${name}:${desc}`);
    const props = isObject(fn.parameters) && isObject(fn.parameters.properties) ? fn.parameters.properties : {};
    const keys = Object.keys(props);
    if (keys.length === 0) continue;
    sum += k.propInit;
    for (const key of keys) {
      sum += k.propKey;
      const p = isObject(props[key]) ? (props[key] as Record<string, unknown>) : {};
      if (Array.isArray(p.enum)) {
        sum += k.enumInit;
        for (const item of p.enum) sum += k.enumItem + count(enumText(item));
      }
      const type = typeof p.type === 'string' ? p.type : '';
      const pDesc = (typeof p.description === 'string' ? p.description : '').replace(/\.$/, '');
      sum += count(`${key}:${type}:${pDesc}`);
    }
  }
  return functions > 0 ? sum + k.funcEnd : 0;
}

function fromMessages(
  groups: unknown[][],
  count: CountFn,
  trainedGroups: ReadonlySet<number>,
  assistantGroups: ReadonlySet<number>,
): Omit<ExampleTokens, 'tools'> {
  const perMessage: number[] = [];
  let assistant = 0;
  let trainable = 0;
  groups.forEach((messages, g) => {
    for (const m of messages) {
      if (!isObject(m)) {
        perMessage.push(TOKENS_PER_MESSAGE);
        continue;
      }
      const spoken = spokenTokens(m, count);
      perMessage.push(withOverhead(m, spoken, count));
      if (m.role !== 'assistant') continue;
      if (assistantGroups.has(g)) assistant += spoken;
      if (trainedGroups.has(g) && m.weight !== 0) trainable += spoken;
    }
  });
  const total = perMessage.reduce((a, b) => a + b, 0) + (perMessage.length > 0 ? REPLY_PRIMING_TOKENS : 0);
  return { total, assistant, trainable, perMessage };
}

const ZERO: ExampleTokens = Object.freeze({ total: 0, assistant: 0, trainable: 0, tools: 0, perMessage: [] as number[] });

/**
 * Token figures of one parsed example (chat, preference or prompt/completion; see RULES above).
 * `opts.toolFamily` picks the tool-definition constants; defaults to 'gpt-4o' (every model still trainable).
 * On the guide's kind of data (messages of string role/content/name) `total` equals its num_tokens_from_messages.
 * Never throws: malformed parts count 0.
 */
export function exampleTokens(value: unknown, count: CountFn, opts: { toolFamily?: ToolFamily } = {}): ExampleTokens {
  if (!isObject(value)) return { ...ZERO, perMessage: [] };
  const family = opts.toolFamily ?? 'gpt-4o';
  const all = new Set([0, 1, 2]);
  if ('messages' in value) {
    const messages = Array.isArray(value.messages) ? value.messages : [];
    const tools = toolTokens(value.tools, count, family) + toolTokens(value.functions, count, family);
    // The guide adds the priming 3 even to an example with no messages; keep that only when messages is a list.
    const base = fromMessages([messages], count, all, all);
    const total = messages.length === 0 && Array.isArray(value.messages) ? REPLY_PRIMING_TOKENS : base.total;
    return { ...base, total, tools };
  }
  if ('input' in value || 'preferred_output' in value || 'non_preferred_output' in value) {
    const input = isObject(value.input) ? value.input : {};
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    const base = fromMessages([list(input.messages), list(value.preferred_output), list(value.non_preferred_output)], count, new Set([1, 2]), new Set([1]));
    return { ...base, tools: toolTokens(input.tools, count, family) };
  }
  if ('prompt' in value || 'completion' in value) {
    const prompt = str(value.prompt, count);
    const completion = str(value.completion, count);
    return { total: prompt + completion, assistant: completion, trainable: completion, tools: 0, perMessage: [prompt, completion] };
  }
  return { ...ZERO, perMessage: [] };
}
