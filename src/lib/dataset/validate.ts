// Validation of training records (FORMATS.md §2–4): every problem of every example at once, as Issues with a
// stable code, a severity, a message that says how to fix it, and line/example/message_index/path.
// Hand-written checks (no zod on the hot path): validateExample runs for every example on every edit.
import type { DatasetFormat, FileFormat, Issue, ParseError, RecordFormat, Severity } from './types';
import {
  detectFileFormat,
  detectRecordFormat,
  firstIndexByFormat,
  FORMAT_LABELS,
  isPlainObject,
  OPENAI_FORMATS,
} from './detect';
import { describeSpecialTokens, findSpecialTokens } from './special-tokens';

/** Every code this module emits, with its severity: the single source of truth (codes are never renamed). */
export const VALIDATION_CODES = {
  // records
  invalid_json: 'error',
  not_an_object: 'error',
  foreign_format: 'error',
  wrong_format: 'error',
  extra_key: 'error',
  internal_error: 'error',
  // chat structure
  missing_messages: 'error',
  messages_invalid: 'error',
  messages_empty: 'error',
  functions_deprecated: 'warning',
  parallel_tool_calls_invalid: 'error',
  message_not_object: 'error',
  missing_role: 'error',
  unknown_role: 'error',
  developer_role: 'error',
  message_extra_key: 'error',
  missing_content: 'error',
  content_null: 'error',
  content_invalid: 'error',
  content_part_invalid: 'error',
  image_not_allowed: 'error',
  image_url_invalid: 'error',
  image_detail_invalid: 'error',
  too_many_images: 'error',
  empty_content: 'warning',
  tool_content_array: 'warning',
  assistant_missing_content: 'error',
  name_invalid: 'error',
  refusal_invalid: 'error',
  weight_not_allowed: 'error',
  weight_invalid: 'error',
  function_call_deprecated: 'warning',
  function_role_deprecated: 'warning',
  // tools and tool calls
  tools_invalid: 'error',
  tool_invalid: 'error',
  tool_name_invalid: 'error',
  tool_name_duplicate: 'error',
  tool_parameters_invalid: 'error',
  tool_calls_invalid: 'error',
  tool_call_invalid: 'error',
  tool_call_arguments_not_string: 'error',
  tool_call_arguments_invalid_json: 'error',
  tool_call_id_duplicate: 'error',
  tool_call_unknown_function: 'warning',
  tool_call_unanswered: 'warning',
  missing_tool_call_id: 'error',
  tool_response_unknown_id: 'error',
  // content quality
  missing_system_message: 'warning',
  missing_user_message: 'warning',
  missing_assistant_message: 'warning',
  last_not_assistant: 'warning',
  no_trainable_assistant: 'warning',
  special_tokens: 'warning',
  // preference (DPO)
  missing_input: 'error',
  input_invalid: 'error',
  preference_output_invalid: 'error',
  preference_outputs_identical: 'warning',
  // prompt/completion
  missing_prompt: 'error',
  missing_completion: 'error',
  prompt_invalid: 'error',
  completion_invalid: 'error',
  // dataset
  invalid_n_examples: 'error',
  mixed_formats: 'error',
  duplicate_example: 'warning',
} as const satisfies Record<string, Severity>;

/** A code emitted by the validator. */
export type ValidationCode = keyof typeof VALIDATION_CODES;

/** OpenAI's minimum number of training examples (error `invalid_n_examples` below it). */
export const MIN_EXAMPLES = 10;
/** Most images one example may hold (vision fine-tuning limit). */
export const MAX_IMAGES_PER_EXAMPLE = 10;
/** Allowed function (tool) names. */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Image URLs OpenAI accepts: http(s) or a base64 data URL of JPEG/PNG/WEBP. */
const IMAGE_URL = /^(https?:\/\/\S+|data:image\/(png|jpeg|jpg|webp);base64,)/i;
/** Allowed `detail` values of an image part. */
const IMAGE_DETAILS = new Set(['low', 'high', 'auto']);

/** Top-level keys of a supervised chat example. */
const CHAT_KEYS = new Set(['messages', 'tools', 'parallel_tool_calls', 'functions']);
/** Keys of a preference example, and of its `input`. */
const PREFERENCE_KEYS = new Set(['input', 'preferred_output', 'non_preferred_output']);
const PREFERENCE_INPUT_KEYS = new Set(['messages', 'tools', 'parallel_tool_calls']);
/** Keys of a legacy prompt/completion example. */
const PROMPT_COMPLETION_KEYS = new Set(['prompt', 'completion']);
/** Allowed keys per message role (FORMATS.md §3 table). */
const ROLE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  system: new Set(['role', 'content', 'name']),
  user: new Set(['role', 'content', 'name']),
  assistant: new Set(['role', 'content', 'name', 'tool_calls', 'function_call', 'refusal', 'weight']),
  tool: new Set(['role', 'content', 'tool_call_id']),
  function: new Set(['role', 'content', 'name']),
};
/** Role spellings seen in the wild, mapped to OpenAI's (for "did you mean" hints). */
const ROLE_ALIASES: Readonly<Record<string, string>> = {
  human: 'user',
  gpt: 'assistant',
  bot: 'assistant',
  model: 'assistant',
  ai: 'assistant',
  chatbot: 'assistant',
  observation: 'tool',
  function_call: 'assistant',
};
/** Which OpenAI format each foreign format converts to. */
const CONVERTS_TO: Partial<Record<RecordFormat, DatasetFormat>> = {
  sharegpt: 'chat',
  alpaca: 'chat',
  trl_preference: 'preference',
};

/** Where an example sits and which format its dataset expects. */
export interface ExampleContext {
  /** 1-based example number. */
  example: number;
  /** 1-based source line of the record, when known. */
  line?: number;
  /** Expected format of the dataset. */
  format: DatasetFormat;
}

/** One record handed to validateDataset: its parsed value, or its parse error. */
export interface DatasetInput {
  value?: unknown;
  error?: ParseError;
  raw?: string;
  /** 1-based source line where the record starts. */
  line?: number;
}

/** Per-example facts the dataset-level rules need (kept by callers to revalidate one edited example cheaply). */
export interface DatasetSummary {
  formats: RecordFormat[];
  /** exampleFingerprint of each example; '' for an unparsable one (never a duplicate). */
  fingerprints: string[];
  lines: (number | undefined)[];
}

/** Result of validating a whole dataset. */
export interface DatasetValidation {
  /** Detected format of the file (before any `format` override). */
  format: FileFormat;
  /** All issues (datasetIssues + byExample), sorted by example, then message_index; dataset-wide ones first. */
  issues: Issue[];
  /** byExample[i]: what validateExample (or the parse error) reports for example i + 1 — nothing dataset-level. */
  byExample: Issue[][];
  /** What validateDatasetRules reports (some name an example, e.g. duplicates). */
  datasetIssues: Issue[];
  /** The summary the dataset rules ran on (reuse it with validateDatasetRules after an edit). */
  summary: DatasetSummary;
}

/** Collects the issues of one example with its position filled in. */
class Collector {
  readonly issues: Issue[] = [];
  constructor(
    readonly example: number,
    readonly line: number | undefined,
  ) {}
  add(code: ValidationCode, message: string, path?: string, messageIndex?: number): void {
    const issue: Issue = { severity: VALIDATION_CODES[code], code, message, example: this.example };
    if (this.line !== undefined) issue.line = this.line;
    if (messageIndex !== undefined) issue.message_index = messageIndex;
    if (path !== undefined) issue.path = path;
    this.issues.push(issue);
  }
}

/** How messages are checked: supervised chat, or preference (text only, no weights). */
type Mode = 'supervised' | 'preference';

/** A list of messages being checked: where it sits, and what it may contain. */
interface MessageList {
  c: Collector;
  mode: Mode;
  /** Path of the list, e.g. `messages`, `input.messages`, `preferred_output`. */
  path: string;
  /** Plain name used in messages, e.g. `message` or `input message`. */
  noun: string;
  /** Whether issues carry message_index (false for preference outputs, which are not "the" message list). */
  indexed: boolean;
  /** Function names declared in `tools`, or null when the example declares no tools. */
  toolNames: Set<string> | null;
}

/** Running state across one example's messages (tool-call bookkeeping, image count). */
interface ChatState {
  /** Call id → index of the message that made it. */
  calls: Map<string, number>;
  answered: Set<string>;
  images: number;
}

/** Counts of one message list, for the example-level warnings. */
interface MessageStats {
  system: number;
  user: number;
  assistant: number;
  trainable: number;
  lastRole: string | undefined;
  /** Messages whose role is missing or not recognised (their role-based warnings would be noise). */
  unknown: number;
}

/** "1 example" / "3 examples". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A short description of a JSON value's type for messages ("a number", "an array", "null"). */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

/** Warns about special tokens in one piece of text. */
function checkText(c: Collector, text: string, where: string, path: string, messageIndex?: number): void {
  const tokens = findSpecialTokens(text);
  if (tokens.length > 0) c.add('special_tokens', describeSpecialTokens(where, tokens), path, messageIndex);
}

/** Checks `tools` and returns the declared function names (null when `tools` is not a list or a definition has no name). */
function checkTools(c: Collector, tools: unknown, path: string): Set<string> | null {
  const n = c.example;
  if (!Array.isArray(tools)) {
    c.add('tools_invalid', `Example ${n}: 'tools' must be a list of tool definitions, not ${kind(tools)}.`, path);
    return null;
  }
  const names = new Set<string>();
  let complete = true; // false when a definition has no readable name: calls can't then be checked against it
  const shape = `{"type": "function", "function": {"name": "...", "parameters": {...}}}`;
  tools.forEach((tool, i) => {
    const p = `${path}[${i}]`;
    if (!isPlainObject(tool)) {
      complete = false;
      c.add('tool_invalid', `Example ${n}, tool ${i + 1} must be an object like ${shape}.`, p);
      return;
    }
    for (const key of Object.keys(tool)) {
      if (key !== 'type' && key !== 'function') {
        c.add('tool_invalid', `Example ${n}, tool ${i + 1} has an unexpected key '${key}': remove it.`, `${p}.${key}`);
      }
    }
    if (tool.type !== 'function') {
      c.add('tool_invalid', `Example ${n}, tool ${i + 1} must have "type": "function".`, `${p}.type`);
    }
    const fn = tool.function;
    if (!isPlainObject(fn)) {
      complete = false;
      c.add('tool_invalid', `Example ${n}, tool ${i + 1} needs a 'function' object like ${shape}.`, `${p}.function`);
      return;
    }
    for (const key of Object.keys(fn)) {
      if (key !== 'name' && key !== 'description' && key !== 'parameters' && key !== 'strict') {
        c.add(
          'tool_invalid',
          `Example ${n}, tool ${i + 1}: function has an unexpected key '${key}' (allowed: name, description, parameters, strict): remove it.`,
          `${p}.function.${key}`,
        );
      }
    }
    if (typeof fn.name !== 'string') {
      complete = false;
      c.add('tool_name_invalid', `Example ${n}, tool ${i + 1} needs a function 'name' of 1–64 letters, digits, '_' or '-'.`, `${p}.function.name`);
    } else if (!TOOL_NAME.test(fn.name)) {
      names.add(fn.name); // calls naming it are not "unknown": the name itself is the problem
      c.add('tool_name_invalid', `Example ${n}, tool ${i + 1}: the function name '${fn.name}' must be 1–64 letters, digits, '_' or '-'.`, `${p}.function.name`);
    } else if (names.has(fn.name)) {
      c.add('tool_name_duplicate', `Example ${n}: the function '${fn.name}' is defined twice in 'tools': keep one.`, `${p}.function.name`);
    } else {
      names.add(fn.name);
    }
    if ('description' in fn && typeof fn.description !== 'string') {
      c.add('tool_invalid', `Example ${n}, tool ${i + 1}: 'description' must be a string.`, `${p}.function.description`);
    }
    if ('strict' in fn && typeof fn.strict !== 'boolean' && fn.strict !== null) {
      c.add('tool_invalid', `Example ${n}, tool ${i + 1}: 'strict' must be true or false.`, `${p}.function.strict`);
    }
    if ('parameters' in fn) {
      const params = fn.parameters;
      if (!isPlainObject(params)) {
        c.add(
          'tool_parameters_invalid',
          `Example ${n}, tool ${i + 1}: 'parameters' must be a JSON Schema object like {"type": "object", "properties": {...}}, not ${kind(params)}.`,
          `${p}.function.parameters`,
        );
      } else if ('type' in params && params.type !== 'object') {
        c.add(
          'tool_parameters_invalid',
          `Example ${n}, tool ${i + 1}: 'parameters' must describe an object ("type": "object"), not ${JSON.stringify(params.type)}.`,
          `${p}.function.parameters.type`,
        );
      }
    }
  });
  return complete ? names : null;
}

/** Checks one assistant message's `tool_calls` and records the call ids. */
function checkToolCalls(list: MessageList, state: ChatState, calls: unknown, mPath: string, i: number, where: string): void {
  const { c } = list;
  const mi = list.indexed ? i : undefined;
  const path = `${mPath}.tool_calls`;
  if (!Array.isArray(calls)) {
    c.add('tool_calls_invalid', `${where}: 'tool_calls' must be a list of calls, not ${kind(calls)}.`, path, mi);
    return;
  }
  if (calls.length === 0) {
    c.add('tool_calls_invalid', `${where}: 'tool_calls' is an empty list: remove it, or add a call.`, path, mi);
    return;
  }
  const shape = `{"id": "call_1", "type": "function", "function": {"name": "...", "arguments": "{}"}}`;
  calls.forEach((call, j) => {
    const p = `${path}[${j}]`;
    const at = `${where}, tool call ${j + 1}`;
    if (!isPlainObject(call)) {
      c.add('tool_call_invalid', `${at} must be an object like ${shape}.`, p, mi);
      return;
    }
    for (const key of Object.keys(call)) {
      if (key !== 'id' && key !== 'type' && key !== 'function') {
        c.add('tool_call_invalid', `${at} has an unexpected key '${key}' (allowed: id, type, function): remove it.`, `${p}.${key}`, mi);
      }
    }
    if (typeof call.id !== 'string' || call.id === '') {
      c.add('tool_call_invalid', `${at} needs an 'id' string (e.g. "call_1") that a later tool message answers.`, `${p}.id`, mi);
    } else if (state.calls.has(call.id)) {
      c.add('tool_call_id_duplicate', `${at}: the id '${call.id}' is used twice in this example: give each call its own id.`, `${p}.id`, mi);
    } else {
      state.calls.set(call.id, i);
    }
    if (call.type !== 'function') {
      c.add('tool_call_invalid', `${at} must have "type": "function".`, `${p}.type`, mi);
    }
    const fn = call.function;
    if (!isPlainObject(fn)) {
      c.add('tool_call_invalid', `${at} needs a 'function' object with 'name' and 'arguments', like ${shape}.`, `${p}.function`, mi);
      return;
    }
    for (const key of Object.keys(fn)) {
      if (key !== 'name' && key !== 'arguments') {
        c.add('tool_call_invalid', `${at}: function has an unexpected key '${key}' (allowed: name, arguments): remove it.`, `${p}.function.${key}`, mi);
      }
    }
    if (typeof fn.name !== 'string' || fn.name === '') {
      c.add('tool_call_invalid', `${at} needs a function 'name' string.`, `${p}.function.name`, mi);
    } else if (list.toolNames !== null && !list.toolNames.has(fn.name)) {
      c.add(
        'tool_call_unknown_function',
        `${at} calls '${fn.name}', which is not defined in this example's 'tools': add its definition or fix the name.`,
        `${p}.function.name`,
        mi,
      );
    }
    const args = fn.arguments;
    const argsPath = `${p}.function.arguments`;
    if (typeof args === 'string') {
      try {
        JSON.parse(args);
      } catch {
        c.add('tool_call_arguments_invalid_json', `${at}: 'arguments' is not valid JSON: write it as JSON text such as "{\\"city\\":\\"Paris\\"}" ("{}" for none).`, argsPath, mi);
      }
    } else if (isPlainObject(args) || Array.isArray(args)) {
      c.add(
        'tool_call_arguments_not_string',
        `${at}: arguments must be a JSON string, e.g. "{\\"city\\":\\"Paris\\"}", not ${kind(args)} — Tuneset can convert it.`,
        argsPath,
        mi,
      );
    } else {
      c.add('tool_call_invalid', `${at} needs 'arguments' as a JSON string, e.g. "{\\"city\\":\\"Paris\\"}" ("{}" for none).`, argsPath, mi);
    }
  });
}

/** Checks one message's content (string or list of parts); returns true when it carries any text or image. */
function checkContent(list: MessageList, state: ChatState, role: string, content: unknown, mPath: string, i: number, where: string): boolean {
  const { c } = list;
  const mi = list.indexed ? i : undefined;
  const path = `${mPath}.content`;
  if (typeof content === 'string') {
    checkText(c, content, where, path, mi);
    return content.trim() !== '';
  }
  if (!Array.isArray(content)) {
    c.add('content_invalid', `${where}: 'content' must be a string (or a list of content parts), not ${kind(content)}.`, path, mi);
    return true; // reported; don't also call it empty
  }
  if (role === 'tool') {
    c.add('tool_content_array', `${where}: a list as tool content has been rejected in practice: write the tool result as one string.`, path, mi);
  }
  let filled = false;
  content.forEach((part, j) => {
    const p = `${path}[${j}]`;
    const at = `${where}, content part ${j + 1}`;
    if (!isPlainObject(part)) {
      c.add('content_part_invalid', `${at} must be an object like {"type": "text", "text": "..."}, not ${kind(part)}.`, p, mi);
      filled = true; // reported; don't also call the content empty
      return;
    }
    if (part.type === 'text') {
      for (const key of Object.keys(part)) {
        if (key !== 'type' && key !== 'text') {
          c.add('content_part_invalid', `${at} has an unexpected key '${key}' (a text part is {"type": "text", "text": "..."}): remove it.`, `${p}.${key}`, mi);
        }
      }
      if (typeof part.text !== 'string') {
        c.add('content_part_invalid', `${at} needs a 'text' string.`, `${p}.text`, mi);
        filled = true; // reported; don't also call the content empty
      } else {
        checkText(c, part.text, where, `${p}.text`, mi);
        if (part.text.trim() !== '') filled = true;
      }
      return;
    }
    if (part.type === 'image_url') {
      state.images += 1;
      filled = true;
      if (list.mode === 'preference') {
        c.add('image_not_allowed', `${at} is an image, but preference (DPO) examples are text only: remove it.`, p, mi);
        return;
      }
      if (role !== 'user') {
        c.add('image_not_allowed', `${at} is an image, but only user messages may contain images: move it to a user message.`, p, mi);
        return;
      }
      for (const key of Object.keys(part)) {
        if (key !== 'type' && key !== 'image_url') {
          c.add('content_part_invalid', `${at} has an unexpected key '${key}' (an image part is {"type": "image_url", "image_url": {"url": "..."}}): remove it.`, `${p}.${key}`, mi);
        }
      }
      const img = part.image_url;
      if (!isPlainObject(img)) {
        c.add('image_url_invalid', `${at} needs "image_url": {"url": "https://…" or "data:image/png;base64,…"}.`, `${p}.image_url`, mi);
        return;
      }
      if (typeof img.url !== 'string' || !IMAGE_URL.test(img.url)) {
        c.add(
          'image_url_invalid',
          `${at}: the image url must be an http(s) address or a base64 data URL of a JPEG, PNG or WEBP image ("data:image/png;base64,…").`,
          `${p}.image_url.url`,
          mi,
        );
      }
      if ('detail' in img && (typeof img.detail !== 'string' || !IMAGE_DETAILS.has(img.detail))) {
        c.add('image_detail_invalid', `${at}: 'detail' must be "low", "high" or "auto" (or left out).`, `${p}.image_url.detail`, mi);
      }
      for (const key of Object.keys(img)) {
        if (key !== 'url' && key !== 'detail') {
          c.add('content_part_invalid', `${at}: image_url has an unexpected key '${key}' (allowed: url, detail): remove it.`, `${p}.image_url.${key}`, mi);
        }
      }
      return;
    }
    filled = true; // reported; don't also call the content empty
    c.add(
      'content_part_invalid',
      `${at} has type ${JSON.stringify(part.type ?? null)}; supported parts are "text"${role === 'user' && list.mode === 'supervised' ? ' and "image_url"' : ''}.`,
      `${p}.type`,
      mi,
    );
  });
  return filled;
}

/** Checks one message; returns its role when known (counted by the caller). */
function checkMessage(list: MessageList, state: ChatState, m: unknown, i: number): string | undefined {
  const { c } = list;
  const n = c.example;
  const mi = list.indexed ? i : undefined;
  const mPath = list.indexed ? `${list.path}[${i}]` : `${list.path}[0]`;
  const place = list.indexed ? `Example ${n}, ${list.noun} ${i + 1}` : `Example ${n}, ${list.noun}`;
  if (!isPlainObject(m)) {
    c.add('message_not_object', `${place} must be an object like {"role": "user", "content": "..."}, not ${kind(m)}.`, mPath, mi);
    return undefined;
  }
  const role = m.role;
  if (!('role' in m)) {
    c.add('missing_role', `${place} has no 'role': add "role": "system", "user", "assistant" or "tool".`, mPath, mi);
    return undefined;
  }
  if (role === 'developer') {
    c.add(
      'developer_role',
      `${place} has role 'developer', which is only for reinforcement fine-tuning files: use "system" in supervised and preference files.`,
      `${mPath}.role`,
      mi,
    );
    return undefined;
  }
  // Own keys only: a role such as "constructor" or "toString" must not find Object.prototype's members.
  if (typeof role !== 'string' || !Object.hasOwn(ROLE_KEYS, role)) {
    const lower = typeof role === 'string' ? role.toLowerCase() : '';
    const alias = Object.hasOwn(ROLE_ALIASES, lower) ? ROLE_ALIASES[lower] : Object.hasOwn(ROLE_KEYS, lower) ? lower : undefined;
    const hint = alias ? `: did you mean "${alias}"?` : ': use "system", "user", "assistant" or "tool".';
    c.add('unknown_role', `${place} has an unknown role ${JSON.stringify(role)}${hint}`, `${mPath}.role`, mi);
    return undefined;
  }
  const where = `${place} (${role})`;
  if (list.mode === 'preference' && role !== 'assistant' && !list.indexed) {
    c.add('preference_output_invalid', `${where}: a preference output must be an assistant message.`, `${mPath}.role`, mi);
    return role;
  }
  const allowed = ROLE_KEYS[role];
  for (const key of Object.keys(m)) {
    if (key === 'weight' && (role !== 'assistant' || list.mode === 'preference')) {
      c.add(
        'weight_not_allowed',
        list.mode === 'preference'
          ? `${where} has 'weight', which preference examples don't use: remove it.`
          : `${where} has 'weight', which is only allowed on assistant messages: remove it.`,
        `${mPath}.weight`,
        mi,
      );
    } else if (!allowed.has(key)) {
      c.add(
        'message_extra_key',
        `${where} contains an extra key '${key}' (allowed: ${[...allowed].join(', ')}): remove it or OpenAI will reject the file.`,
        `${mPath}.${key}`,
        mi,
      );
    }
  }
  if ('name' in m && typeof m.name !== 'string') {
    c.add('name_invalid', `${where}: 'name' must be a string, not ${kind(m.name)}.`, `${mPath}.name`, mi);
  }
  if (role === 'function') {
    c.add('function_role_deprecated', `${where}: the 'function' role is deprecated: use tool_calls and "tool" messages instead.`, `${mPath}.role`, mi);
  }

  let hasCalls = false;
  if (role === 'assistant') {
    if ('tool_calls' in m && m.tool_calls !== null) {
      checkToolCalls(list, state, m.tool_calls, mPath, i, where);
      hasCalls = Array.isArray(m.tool_calls) && m.tool_calls.length > 0;
    }
    if ('function_call' in m && m.function_call !== null) {
      hasCalls = true;
      c.add('function_call_deprecated', `${where}: 'function_call' is deprecated: use 'tool_calls' instead.`, `${mPath}.function_call`, mi);
    }
    if ('refusal' in m && m.refusal !== null && typeof m.refusal !== 'string') {
      c.add('refusal_invalid', `${where}: 'refusal' must be a string (or null), not ${kind(m.refusal)}.`, `${mPath}.refusal`, mi);
    }
    if ('weight' in m && list.mode === 'supervised' && m.weight !== 0 && m.weight !== 1) {
      c.add('weight_invalid', `${where}: 'weight' must be 0 (don't train on this reply) or 1 (train on it), not ${JSON.stringify(m.weight)}.`, `${mPath}.weight`, mi);
    }
  }
  if (role === 'tool') {
    const id = m.tool_call_id;
    if (typeof id !== 'string' || id === '') {
      c.add('missing_tool_call_id', `${where} needs a 'tool_call_id' naming the assistant tool call it answers.`, `${mPath}.tool_call_id`, mi);
    } else if (!state.calls.has(id)) {
      c.add(
        'tool_response_unknown_id',
        `${where} answers tool call '${id}', but no earlier assistant message made a call with that id: fix the id or add the call.`,
        `${mPath}.tool_call_id`,
        mi,
      );
    } else {
      state.answered.add(id);
    }
  }

  const content = m.content;
  const hasRefusal = role === 'assistant' && typeof m.refusal === 'string' && m.refusal !== '';
  if (content === undefined || content === null) {
    if (role === 'assistant') {
      if (!hasCalls && !hasRefusal) {
        c.add('assistant_missing_content', `${where} has no content: write the reply in 'content' (or give it 'tool_calls').`, `${mPath}.content`, mi);
      }
    } else if (content === undefined) {
      c.add('missing_content', `${where} is missing 'content': add the ${role === 'tool' ? 'tool result' : 'text'} as a string.`, `${mPath}.content`, mi);
    } else {
      c.add(
        'content_null',
        `${where} has null content; only an assistant message that makes tool calls may: write the ${role === 'tool' ? 'tool result' : 'text'} as a string.`,
        `${mPath}.content`,
        mi,
      );
    }
  } else {
    const filled = checkContent(list, state, role, content, mPath, i, where);
    if (!filled && !hasCalls && !hasRefusal) {
      c.add('empty_content', `${where} has empty content: write it, or delete the message.`, `${mPath}.content`, mi);
    }
  }
  if (typeof m.refusal === 'string') checkText(c, m.refusal, where, `${mPath}.refusal`, mi);
  return role;
}

/** Checks a message list (example messages, preference input, or one preference output). */
function checkMessages(list: MessageList, state: ChatState, messages: unknown[]): MessageStats {
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
function checkUnanswered(list: MessageList, state: ChatState, count: number): void {
  for (const [id, at] of state.calls) {
    if (!state.answered.has(id) && at < count - 1) {
      list.c.add(
        'tool_call_unanswered',
        `Example ${list.c.example}, ${list.noun} ${at + 1} (assistant) makes tool call '${id}' but no later tool message answers it: add a "tool" message with "tool_call_id": "${id}".`,
        `${list.path}[${at}].tool_calls`,
        list.indexed ? at : undefined,
      );
    }
  }
}

/** A fresh state for one example. */
function newState(): ChatState {
  return { calls: new Map(), answered: new Set(), images: 0 };
}

/** Checks `messages` is a non-empty list; returns it, or undefined after reporting. */
function messageArray(c: Collector, holder: Record<string, unknown>, path: string): unknown[] | undefined {
  const n = c.example;
  if (!('messages' in holder)) {
    c.add('missing_messages', `Example ${n} is missing key 'messages': add "${path}": [{"role": "user", "content": "..."}, {"role": "assistant", "content": "..."}].`, path);
    return undefined;
  }
  const messages = holder.messages;
  if (!Array.isArray(messages)) {
    c.add('messages_invalid', `Example ${n}: '${path}' must be a list of messages, not ${kind(messages)}.`, path);
    return undefined;
  }
  if (messages.length === 0) {
    c.add('messages_empty', `Example ${n} has an empty '${path}' list: add the conversation (at least a user and an assistant message).`, path);
    return undefined;
  }
  return messages;
}

/** Checks `parallel_tool_calls` when present. */
function checkParallel(c: Collector, holder: Record<string, unknown>, path: string): void {
  if ('parallel_tool_calls' in holder && typeof holder.parallel_tool_calls !== 'boolean') {
    c.add('parallel_tool_calls_invalid', `Example ${c.example}: 'parallel_tool_calls' must be true or false, not ${kind(holder.parallel_tool_calls)}.`, path);
  }
}

/** Reports top-level keys outside `allowed`. */
function checkExtraKeys(c: Collector, value: Record<string, unknown>, allowed: ReadonlySet<string>, prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) {
      c.add(
        'extra_key',
        `Example ${c.example} contains an extra key '${prefix}${key}' (allowed: ${[...allowed].join(', ')}): remove it or OpenAI will reject the file.`,
        `${prefix}${key}`,
      );
    }
  }
}

/** Supervised chat example. */
function validateChat(c: Collector, v: Record<string, unknown>): void {
  const n = c.example;
  checkExtraKeys(c, v, CHAT_KEYS, '');
  if ('functions' in v) {
    c.add('functions_deprecated', `Example ${n} uses 'functions', which is deprecated: declare them in 'tools' instead.`, 'functions');
  }
  const toolNames = 'tools' in v ? checkTools(c, v.tools, 'tools') : null;
  checkParallel(c, v, 'parallel_tool_calls');
  const messages = messageArray(c, v, 'messages');
  if (!messages) return;
  const list: MessageList = { c, mode: 'supervised', path: 'messages', noun: 'message', indexed: true, toolNames };
  const state = newState();
  const stats = checkMessages(list, state, messages);
  checkUnanswered(list, state, messages.length);
  if (state.images > MAX_IMAGES_PER_EXAMPLE) {
    c.add('too_many_images', `Example ${n} has ${state.images} images; at most ${MAX_IMAGES_PER_EXAMPLE} are allowed: split it or remove some.`, 'messages');
  }
  if (stats.unknown > 0) return; // role errors already reported; role-count warnings would mislead
  if (stats.assistant === 0) {
    c.add('missing_assistant_message', `Example ${n} has no assistant message, so it teaches nothing: add the reply the model should give.`, 'messages');
  } else if (stats.trainable === 0) {
    c.add('no_trainable_assistant', `Example ${n}: every assistant message has weight 0, so nothing is trained on: set "weight": 1 on the reply to learn.`, 'messages');
  } else if (stats.lastRole !== 'assistant') {
    c.add(
      'last_not_assistant',
      `Example ${n} does not end with an assistant message; messages after the last reply are not trained on: end with the reply to learn, or remove the trailing messages.`,
      `messages[${messages.length - 1}]`,
      messages.length - 1,
    );
  }
  if (stats.system === 0) {
    c.add('missing_system_message', `Example ${n} has no system message: consider adding the same system prompt you will use in production.`, 'messages');
  }
  if (stats.user === 0) {
    c.add('missing_user_message', `Example ${n} has no user message: add the user's turn that the assistant answers.`, 'messages');
  }
}

/** Preference (DPO) example. */
function validatePreference(c: Collector, v: Record<string, unknown>): void {
  const n = c.example;
  checkExtraKeys(c, v, PREFERENCE_KEYS, '');
  let toolNames: Set<string> | null = null;
  const state = newState();
  if (!('input' in v)) {
    c.add('missing_input', `Example ${n} is missing key 'input': add "input": {"messages": [...]} holding the conversation so far.`, 'input');
  } else if (!isPlainObject(v.input)) {
    c.add('input_invalid', `Example ${n}: 'input' must be an object like {"messages": [...]}, not ${kind(v.input)}.`, 'input');
  } else {
    const input = v.input;
    checkExtraKeys(c, input, PREFERENCE_INPUT_KEYS, 'input.');
    if ('tools' in input) toolNames = checkTools(c, input.tools, 'input.tools');
    checkParallel(c, input, 'input.parallel_tool_calls');
    const messages = messageArray(c, input, 'input.messages');
    if (messages) {
      const list: MessageList = { c, mode: 'preference', path: 'input.messages', noun: 'input message', indexed: true, toolNames };
      const stats = checkMessages(list, state, messages);
      if (stats.user === 0 && stats.unknown === 0) {
        c.add('missing_user_message', `Example ${n}: 'input.messages' has no user message: add the user's turn the two outputs answer.`, 'input.messages');
      }
    }
  }
  const outputs: unknown[] = [];
  for (const key of ['preferred_output', 'non_preferred_output'] as const) {
    const out = v[key];
    if (!(key in v)) {
      c.add('preference_output_invalid', `Example ${n} is missing key '${key}': add "${key}": [{"role": "assistant", "content": "..."}].`, key);
    } else if (!Array.isArray(out) || out.length !== 1) {
      c.add(
        'preference_output_invalid',
        `Example ${n}: '${key}' must be a list holding exactly one assistant message, like [{"role": "assistant", "content": "..."}]${Array.isArray(out) ? `, not ${plural(out.length, 'message')}` : ''}.`,
        key,
      );
    } else {
      const list: MessageList = { c, mode: 'preference', path: key, noun: key, indexed: false, toolNames };
      checkMessages(list, state, out);
      outputs.push(out[0]);
    }
  }
  if (outputs.length === 2 && exampleFingerprint(outputs[0]) === exampleFingerprint(outputs[1])) {
    c.add('preference_outputs_identical', `Example ${n}: the preferred and non-preferred outputs are identical, so there is nothing to prefer: make them differ.`, 'non_preferred_output');
  }
}

/** Legacy prompt/completion example. */
function validatePromptCompletion(c: Collector, v: Record<string, unknown>): void {
  const n = c.example;
  checkExtraKeys(c, v, PROMPT_COMPLETION_KEYS, '');
  if (!('prompt' in v)) c.add('missing_prompt', `Example ${n} is missing key 'prompt': add "prompt": "...".`, 'prompt');
  else if (typeof v.prompt !== 'string') c.add('prompt_invalid', `Example ${n}: 'prompt' must be a string, not ${kind(v.prompt)}.`, 'prompt');
  else checkText(c, v.prompt, `Example ${n}, prompt`, 'prompt');
  if (!('completion' in v)) c.add('missing_completion', `Example ${n} is missing key 'completion': add "completion": "...".`, 'completion');
  else if (typeof v.completion !== 'string') c.add('completion_invalid', `Example ${n}: 'completion' must be a string, not ${kind(v.completion)}.`, 'completion');
  else {
    if (v.completion.trim() === '') c.add('empty_content', `Example ${n} has an empty completion, so it teaches nothing: write the completion.`, 'completion');
    checkText(c, v.completion, `Example ${n}, completion`, 'completion');
  }
}

/** The body of validateExample (may throw only on a bug; the export guards it). */
function validateExampleUnguarded(value: unknown, ctx: ExampleContext): Issue[] {
  const c = new Collector(ctx.example, ctx.line);
  const n = ctx.example;
  if (!isPlainObject(value)) {
    const shape = ctx.format === 'preference' ? '{"input": {...}, "preferred_output": [...], "non_preferred_output": [...]}' : ctx.format === 'prompt_completion' ? '{"prompt": "...", "completion": "..."}' : '{"messages": [...]}';
    const what = value === null ? 'the JSON value null' : typeof value === 'boolean' ? `the JSON value ${value}` : `a JSON ${kind(value).replace(/^an? /, '')}`;
    const where = ctx.line !== undefined ? ` (line ${ctx.line})` : '';
    c.add('not_an_object', `Example ${n}${where} is ${what}, not an object: each line must be one JSON object like ${shape}. Edit the line into that shape, or delete it.`);
    return c.issues;
  }
  const detected = detectRecordFormat(value);
  const target = CONVERTS_TO[detected];
  if (target) {
    c.add(
      'foreign_format',
      `Example ${n} looks like ${FORMAT_LABELS[detected]}, not an OpenAI format: convert it to ${FORMAT_LABELS[target]} (importing the file converts it).`,
    );
    return c.issues;
  }
  if (detected !== 'unknown' && detected !== ctx.format) {
    c.add(
      'wrong_format',
      `Example ${n} is in the ${FORMAT_LABELS[detected]} format, but this dataset is ${FORMAT_LABELS[ctx.format]}: a file holds one format only, so move it to another dataset or rewrite it.`,
    );
    return c.issues;
  }
  if (ctx.format === 'chat') validateChat(c, value);
  else if (ctx.format === 'preference') validatePreference(c, value);
  else validatePromptCompletion(c, value);
  return c.issues;
}

/**
 * All issues of one example, in reading order: structure, then per-message, then example-level warnings.
 * Pure and fast (no dataset-level rules, no zod). Never throws: a validator bug becomes an `internal_error` issue.
 */
export function validateExample(value: unknown, ctx: ExampleContext): Issue[] {
  try {
    return validateExampleUnguarded(value, ctx);
  } catch (e) {
    const issue: Issue = {
      severity: 'error',
      code: 'internal_error',
      message: `Tuneset could not check example ${ctx.example} (a bug in Tuneset: ${e instanceof Error ? e.message : String(e)}). Please report it.`,
      example: ctx.example,
    };
    if (ctx.line !== undefined) issue.line = ctx.line;
    return [issue];
  }
}

/** The issue of an unparsable record, located at its file line:column. */
function parseIssue(item: DatasetInput, example: number): Issue {
  const err = item.error;
  const issue: Issue = { severity: 'error', code: 'invalid_json', message: '', example };
  if (item.line !== undefined) issue.line = item.line;
  if (err) {
    const line = item.line !== undefined ? item.line + err.line - 1 : err.line;
    issue.message = `Example ${example} is not valid JSON (line ${line}, column ${err.column}: ${err.message.replace(/\.$/, '')}): fix the syntax; until then it cannot be checked or trained on.`;
  } else {
    issue.message = `Example ${example} could not be read as JSON: fix its text; until then it cannot be checked or trained on.`;
  }
  return issue;
}

/** Orders issues by example (dataset-wide first), then message_index (example-wide first); stable otherwise. */
function sortIssues(issues: Issue[]): Issue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort(
      (a, b) =>
        (a.issue.example ?? 0) - (b.issue.example ?? 0) ||
        (a.issue.message_index ?? -1) - (b.issue.message_index ?? -1) ||
        a.i - b.i,
    )
    .map((x) => x.issue);
}

/** The dataset format to validate against when none is given: the detected one, the majority, or chat. */
function expectedFormat(fileFormat: FileFormat, formats: RecordFormat[]): DatasetFormat {
  if (fileFormat === 'chat' || fileFormat === 'preference' || fileFormat === 'prompt_completion') return fileFormat;
  const target = CONVERTS_TO[fileFormat as RecordFormat];
  if (target) return target;
  if (fileFormat === 'mixed') {
    let best: DatasetFormat = 'chat';
    let bestCount = -1;
    for (const f of OPENAI_FORMATS as DatasetFormat[]) {
      const count = formats.filter((x) => x === f).length;
      if (count > bestCount) {
        best = f;
        bestCount = count;
      }
    }
    return best;
  }
  return 'chat';
}

/**
 * Whole-dataset validation: every example (validateExample or its parse error) plus the dataset-level rules.
 * `opts.format` defaults to the detected format (the majority when mixed, chat when unknown or empty).
 */
export function validateDataset(items: DatasetInput[], opts: { format?: DatasetFormat } = {}): DatasetValidation {
  const formats = items.map((it) => (it.error || it.value === undefined ? 'unknown' : detectRecordFormat(it.value)));
  const fileFormat = detectFileFormat(formats);
  const format = opts.format ?? expectedFormat(fileFormat, formats);
  const byExample = items.map((it, i) =>
    it.error || it.value === undefined ? [parseIssue(it, i + 1)] : validateExample(it.value, { example: i + 1, line: it.line, format }),
  );
  const summary: DatasetSummary = {
    formats,
    fingerprints: items.map((it) => (it.error || it.value === undefined ? '' : exampleFingerprint(it.value))),
    lines: items.map((it) => it.line),
  };
  const datasetIssues = validateDatasetRules(summary, format);
  const all: Issue[] = [...datasetIssues];
  for (const list of byExample) for (const issue of list) all.push(issue);
  return { format: fileFormat, issues: sortIssues(all), byExample, datasetIssues, summary };
}

/**
 * Only the dataset-level rules: at least MIN_EXAMPLES examples, one OpenAI format per file, exact duplicates
 * (empty fingerprints are never duplicates). `format` is the dataset's expected format.
 */
export function validateDatasetRules(summary: DatasetSummary, format: DatasetFormat): Issue[] {
  const issues: Issue[] = [];
  const n = summary.formats.length;
  if (n < MIN_EXAMPLES) {
    issues.push({
      severity: 'error',
      code: 'invalid_n_examples',
      message: `Training file has ${n} example(s), but must have at least ${MIN_EXAMPLES} examples. Add ${MIN_EXAMPLES - n} more (OpenAI suggests starting from about 50 well-made examples).`,
    });
  }
  const first = firstIndexByFormat(summary.formats);
  const present = OPENAI_FORMATS.filter((f) => first.has(f));
  if (present.length > 1) {
    const list = present.map((f) => `${FORMAT_LABELS[f]} first at example ${(first.get(f) ?? 0) + 1}`).join(', ');
    issues.push({
      severity: 'error',
      code: 'mixed_formats',
      message: `This file mixes formats: ${list}. A file holds one format only; this dataset is ${FORMAT_LABELS[format]}, so move the other examples to their own dataset.`,
    });
  }
  const seen = new Map<string, number>();
  summary.fingerprints.forEach((fp, i) => {
    if (fp === '') return;
    const firstAt = seen.get(fp);
    if (firstAt === undefined) {
      seen.set(fp, i);
      return;
    }
    const firstLine = summary.lines[firstAt];
    const issue: Issue = {
      severity: 'warning',
      code: 'duplicate_example',
      message: `Example ${i + 1} is an exact duplicate of example ${firstAt + 1}${firstLine !== undefined ? ` (line ${firstLine})` : ''}: remove one copy; duplicates cost tokens and over-weight that example.`,
      example: i + 1,
    };
    const line = summary.lines[i];
    if (line !== undefined) issue.line = line;
    issues.push(issue);
  });
  return issues;
}

/**
 * Strings at least this long (UTF-16 units) are fingerprinted apart and stand in the example's JSON as their length
 * and hash: escaping and encoding a 12 MB reply anew after each edit took ≈ 0.4 s; hashing it takes ≈ 20 ms, and
 * the hash of a string seen before is remembered.
 */
const LONG_STRING = 65_536;
/** Hashes of the last long strings (keyed by the string: V8 compares long keys by length, then content). */
const longHashes = new Map<string, string>();

/** True when `value` holds a string of LONG_STRING units or more (throws on a cycle, as JSON.stringify would). */
function hasLongString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.length >= LONG_STRING;
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 10_000) throw new RangeError('too deep');
  if (Array.isArray(value)) return value.some((v) => hasLongString(v, depth + 1));
  for (const key in value) if (Object.hasOwn(value, key) && hasLongString((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** UTF-16 units of a long string encoded and hashed at a time (a 4 MB buffer, kept once a long string was seen). */
const LONG_PIECE = 1 << 20;
let longBuffer: Uint8Array | null = null;

/**
 * JSON.stringify replacer of exampleFingerprint: a long string becomes "\u0000long <length> <hash> <hash>", the hash
 * of its UTF-8 bytes taken in pieces of LONG_PIECE units (never splitting a surrogate pair; a lone surrogate hashes
 * as U+FFFD, the only loss), four bytes at a time: ≈ 15 ms for 12 MB, where walking its characters took 100–200 ms.
 */
function replaceLongString(_key: string, v: unknown): unknown {
  if (typeof v !== 'string' || v.length < LONG_STRING) return v;
  let tag = longHashes.get(v);
  if (tag === undefined) {
    const buf = (longBuffer ??= new Uint8Array(LONG_PIECE * 3 + 8));
    const words = new Int32Array(buf.buffer);
    let h1 = 0x811c9dc5;
    let h2 = 0x2545f491;
    for (let at = 0; at < v.length; ) {
      let end = Math.min(v.length, at + LONG_PIECE);
      const last = v.charCodeAt(end - 1);
      if (end < v.length && last >= 0xd800 && last < 0xdc00) end++;
      const len = fingerprintEncoder.encodeInto(v.slice(at, end), buf).written;
      buf[len] = buf[len + 1] = buf[len + 2] = 0;
      const n = (len + 3) >>> 2;
      for (let i = 0; i < n; i++) {
        const k = words[i];
        h1 = Math.imul(h1 ^ k, 0x01000193);
        h1 ^= h1 >>> 13;
        h2 = Math.imul(h2 ^ k, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
      at = end;
    }
    tag = `\u0000long ${v.length} ${(h1 >>> 0).toString(36)} ${(h2 >>> 0).toString(36)}`;
    if (longHashes.size >= 4) longHashes.delete(longHashes.keys().next().value as string);
    longHashes.set(v, tag);
  }
  return tag;
}

/** UTF-8 encoder of exampleFingerprint, and its reused output buffer (grown for big examples, see below). */
const fingerprintEncoder = new TextEncoder();
let fingerprintBuffer = new Uint8Array(1 << 16);
/** Buffers up to this size are kept for the next call; bigger ones (a 10 MB example) are dropped after use. */
const KEEP_FINGERPRINT_BUFFER = 1 << 20;

/**
 * A cheap stable fingerprint for exact-duplicate detection: the UTF-8 length of the example's compact JSON plus two
 * 32-bit hashes of those bytes (64 bits: a false match among 100k examples has odds around 1e-9). Exact means the
 * same JSON value with keys in the same order (whitespace of the source line doesn't matter). The bytes are hashed
 * four at a time (TextEncoder.encodeInto then 32-bit words): several times faster than walking the string, which
 * matters at 100 MB. JSON.stringify escapes lone surrogates, so the UTF-8 is lossless. Strings of LONG_STRING units
 * or more are hashed apart and stand in the JSON as their length and hash (see replaceLongString). Returns '' for
 * values that cannot be serialised (never a duplicate).
 */
export function exampleFingerprint(value: unknown): string {
  let text: string;
  try {
    text = (hasLongString(value) ? JSON.stringify(value, replaceLongString) : JSON.stringify(value)) ?? '';
  } catch {
    return '';
  }
  if (text === '') return '';
  const need = text.length * 3 + 4; // worst case of UTF-8, plus room to read the last partial word as zeros
  let buf = fingerprintBuffer;
  if (buf.length < need) {
    buf = new Uint8Array(need);
    if (need <= KEEP_FINGERPRINT_BUFFER) fingerprintBuffer = buf;
  }
  const len = fingerprintEncoder.encodeInto(text, buf).written;
  buf[len] = buf[len + 1] = buf[len + 2] = 0; // the last word's unused bytes
  const words = new Int32Array(buf.buffer, 0, (len + 3) >>> 2);
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let i = 0; i < words.length; i++) {
    const k = words[i];
    h1 = Math.imul(h1 ^ k, 0x01000193);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ k, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `${len.toString(36)}.${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}
