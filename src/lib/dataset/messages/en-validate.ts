// English sentences of the validator's issues (validate/), keyed by code or `code.variant`. The params type each
// function declares is the contract: the validator must pass exactly that, and every other language takes the same.
// Wording: a JSON array is "a list", a JSON string is "text" (a "JSON string" is text that holds JSON).
import type { At, Message, Render } from './types';
import { FORMAT_LABELS } from '../detect';
import { describeSpecialTokens, specialTokenFamily } from '../special-tokens';
import type { DatasetFormat, RecordFormat } from '../types';
import { ARGS_EXAMPLE, CALL_SHAPE, SHAPES, TOOL_SHAPE, type Kind, type Place } from './shapes';
import { SERVER_SAYS as S } from '../validate/parity';

const KIND: Readonly<Record<Kind, string>> = {
  null: 'null',
  array: 'a list',
  object: 'an object',
  string: 'text',
  number: 'a number',
  boolean: 'a boolean',
  other: 'something else',
};
const k = (kind: Kind): string => KIND[kind] ?? kind;
const NOUN: Readonly<Record<string, string>> = { messages: 'message', 'input.messages': 'input message' };
const ex = (at: At): string => `Example ${at.example ?? '?'}`;
const place = (p: Place, at: At): string => `${ex(at)}, ${NOUN[p.list] ?? p.list}${p.msg !== undefined ? ` ${p.msg}` : ''}`;
const where = (p: Place, at: At): string => (p.role !== undefined ? `${place(p, at)} (${p.role})` : place(p, at));
const tool = (p: { tool: number }, at: At): string => `${ex(at)}, tool ${p.tool}`;
const call = (p: Place & { call: number }, at: At): string => `${where(p, at)}, tool call ${p.call}`;
const part = (p: Place & { part: number }, at: At): string => `${where(p, at)}, content part ${p.part}`;
const label = (f: string): string => FORMAT_LABELS[f as RecordFormat] ?? f;
/** OpenAI's own wording after our fix (validate/parity.ts), in the shape its server reports it. */
const says = (text: string): string => ` OpenAI says: "${text}"`;
/** For codes whose server behaviour nobody has documented or reported (they stay warnings). */
const UNKNOWN = ' What OpenAI does with it is not known (not documented, not reported): Tuneset only warns.';

export const validateEn = {
  // records
  not_an_object: (p: { kind: Kind; value?: boolean; format: DatasetFormat }, at: At) => {
    const what =
      p.kind === 'null' ? 'the JSON value null' : p.kind === 'boolean' ? `the JSON value ${p.value}` : `a JSON ${p.kind === 'array' ? 'array' : p.kind}`;
    const line = at.line !== undefined ? ` (line ${at.line})` : '';
    return `${ex(at)}${line} is ${what}, not an object: each line must be one JSON object like ${SHAPES[p.format]}. Edit the line into that shape, or delete it.`;
  },
  foreign_format: (p: { found: RecordFormat; target: DatasetFormat }, at: At) =>
    `${ex(at)} looks like ${label(p.found)}, not an OpenAI format: convert it to ${label(p.target)} (importing the file converts it).`,
  wrong_format: (p: { found: RecordFormat; format: DatasetFormat }, at: At) =>
    `${ex(at)} is in the ${label(p.found)} format, but this dataset is ${label(p.format)}: a file holds one format only, so move it to another dataset or rewrite it.` +
    (p.found === 'chat' && p.format === 'preference' ? says(S.missingInput(at.example)) : ''),
  extra_key: (p: { key: string; allowed: readonly string[] }, at: At) =>
    `${ex(at)} contains an extra key '${p.key}' (allowed: ${p.allowed.join(', ')}): remove it, or OpenAI rejects the file.${says(S.extraKey(at.example, p.key))}`,
  internal_error: (p: { reason: string }, at: At) => `Tuneset could not check example ${at.example ?? '?'} (a bug in Tuneset: ${p.reason}). Please report it.`,
  invalid_json: (p: { line: number; column: number; error: Message }, at: At, r: Render) =>
    `${ex(at)} is not valid JSON (line ${p.line}, column ${p.column}: ${r(p.error).replace(/\.$/, '')}): fix the syntax; until then it cannot be checked or trained on.`,
  'invalid_json.unreadable': (_p: object, at: At) => `${ex(at)} could not be read as JSON: fix its text; until then it cannot be checked or trained on.`,

  // chat structure
  missing_messages: (p: { path: string }, at: At) =>
    `${ex(at)} is missing key 'messages': add "${p.path}": [{"role": "user", "content": "..."}, {"role": "assistant", "content": "..."}].`,
  messages_invalid: (p: { path: string; kind: Kind }, at: At) => `${ex(at)}: '${p.path}' must be a list of messages, not ${k(p.kind)}.`,
  messages_empty: (p: { path: string }, at: At) => `${ex(at)} has an empty '${p.path}' list: add the conversation (at least a user and an assistant message).`,
  functions_deprecated: (_p: object, at: At) => `${ex(at)} uses 'functions', which is deprecated: declare them in 'tools' instead.`,
  parallel_tool_calls_invalid: (p: { kind: Kind }, at: At) => `${ex(at)}: 'parallel_tool_calls' must be true or false, not ${k(p.kind)}.`,
  message_not_object: (p: Place & { kind: Kind }, at: At) => `${place(p, at)} must be an object like {"role": "user", "content": "..."}, not ${k(p.kind)}.`,
  missing_role: (p: Place, at: At) =>
    `${place(p, at)} has no 'role': add "role": "system", "user", "assistant" or "tool".${says(S.discriminator('undefined'))}`,
  unknown_role: (p: Place & { value: string }, at: At) =>
    `${place(p, at)} has an unknown role ${p.value}: use "system", "user", "assistant" or "tool".${says(S.discriminator(p.value))}`,
  'unknown_role.alias': (p: Place & { value: string; alias: string }, at: At) =>
    `${place(p, at)} has an unknown role ${p.value}: did you mean "${p.alias}"?${says(S.discriminator(p.value))}`,
  developer_role: (p: Place, at: At) =>
    `${place(p, at)} has role 'developer', which is only for reinforcement fine-tuning files: use "system" in supervised and preference files.${says(S.discriminator('"developer"'))}`,
  message_extra_key: (p: Place & { key: string; allowed: readonly string[] }, at: At) =>
    `${where(p, at)} contains an extra key '${p.key}' (allowed: ${p.allowed.join(', ')}): remove it; OpenAI's schema has no such key, so the file can be rejected.`,
  missing_content: (p: Place, at: At) => `${where(p, at)} is missing 'content': add the ${p.role === 'tool' ? 'tool result' : 'text'} as "content": "...".`,
  content_null: (p: Place, at: At) =>
    `${where(p, at)} has null content; only an assistant message that makes tool calls may: write the ${p.role === 'tool' ? 'tool result' : 'text'} in 'content'.${says(S.notString())}`,
  content_invalid: (p: Place & { kind: Kind }, at: At) =>
    `${where(p, at)}: 'content' must be text (or a list of content parts), not ${k(p.kind)}.${says(S.notString())}`,
  'content_part_invalid.not_object': (p: Place & { part: number; kind: Kind }, at: At) =>
    `${part(p, at)} must be an object like {"type": "text", "text": "..."}, not ${k(p.kind)}.`,
  'content_part_invalid.text_extra_key': (p: Place & { part: number; key: string }, at: At) =>
    `${part(p, at)} has an unexpected key '${p.key}' (a text part is {"type": "text", "text": "..."}): remove it.`,
  'content_part_invalid.text': (p: Place & { part: number }, at: At) => `${part(p, at)} needs its text in 'text'.`,
  'content_part_invalid.image_extra_key': (p: Place & { part: number; key: string }, at: At) =>
    `${part(p, at)} has an unexpected key '${p.key}' (an image part is {"type": "image_url", "image_url": {"url": "..."}}): remove it.`,
  'content_part_invalid.image_url_extra_key': (p: Place & { part: number; key: string }, at: At) =>
    `${part(p, at)}: image_url has an unexpected key '${p.key}' (allowed: url, detail): remove it.`,
  'content_part_invalid.type': (p: Place & { part: number; type: string; images: boolean }, at: At) =>
    `${part(p, at)} has type ${p.type}; supported parts are "text"${p.images ? ' and "image_url"' : ''}.`,
  image_not_allowed: (p: Place & { part: number }, at: At) =>
    `${part(p, at)} is an image, but only user messages may contain images: move it to a user message.`,
  'image_not_allowed.preference': (p: Place & { part: number }, at: At) =>
    `${part(p, at)} is an image, but preference (DPO) examples are text only: remove it.`,
  image_url_invalid: (p: Place & { part: number }, at: At) =>
    `${part(p, at)}: the image url must be an http(s) address or a base64 data URL of a JPEG, PNG or WEBP image ("data:image/png;base64,…").`,
  'image_url_invalid.missing': (p: Place & { part: number }, at: At) => `${part(p, at)} needs "image_url": {"url": "https://…" or "data:image/png;base64,…"}.`,
  image_detail_invalid: (p: Place & { part: number }, at: At) => `${part(p, at)}: 'detail' must be "low", "high" or "auto" (or left out).`,
  too_many_images: (p: { count: number; max: number }, at: At) => `${ex(at)} has ${p.count} images; at most ${p.max} are allowed: split it or remove some.`,
  empty_content: (p: Place, at: At) => `${where(p, at)} has empty content: write it, or delete the message.${UNKNOWN}`,
  'empty_content.completion': (_p: object, at: At) => `${ex(at)} has an empty completion, so it teaches nothing: write the completion.`,
  tool_content_array: (p: Place, at: At) =>
    `${where(p, at)}: OpenAI has refused files with a list as a tool message's content (although its schema allows one): write the tool result as plain text.`,
  assistant_missing_content: (p: Place, at: At) => `${where(p, at)} has no content: write the reply in 'content' (or give it 'tool_calls').`,
  name_invalid: (p: Place & { kind: Kind }, at: At) => `${where(p, at)}: 'name' must be text, not ${k(p.kind)}.${says(S.notString())}`,
  'name_invalid.missing': (p: Place, at: At) => `${where(p, at)} needs the 'name' of the function it answers (or use tool_calls and a "tool" message).`,
  refusal_invalid: (p: Place & { kind: Kind }, at: At) => `${where(p, at)}: 'refusal' must be text (or null), not ${k(p.kind)}.${says(S.notString())}`,
  weight_not_allowed: (p: Place, at: At) => `${where(p, at)} has 'weight', which is only allowed on assistant messages: remove it.`,
  'weight_not_allowed.preference': (p: Place, at: At) => `${where(p, at)} has 'weight', which a preference output does not take: remove it.`,
  weight_invalid: (p: Place & { value: string }, at: At) =>
    `${where(p, at)}: 'weight' must be 0 (don't train on this reply) or 1 (train on it), not ${p.value}.`,
  function_call_deprecated: (p: Place, at: At) => `${where(p, at)}: 'function_call' is deprecated: use 'tool_calls' instead.`,
  function_role_deprecated: (p: Place, at: At) => `${where(p, at)}: the 'function' role is deprecated: use tool_calls and "tool" messages instead.`,

  // tools and tool calls
  tools_invalid: (p: { kind: Kind }, at: At) => `${ex(at)}: 'tools' must be a list of tool definitions, not ${k(p.kind)}.`,
  'tool_invalid.not_object': (p: { tool: number }, at: At) => `${tool(p, at)} must be an object like ${TOOL_SHAPE}.`,
  'tool_invalid.extra_key': (p: { tool: number; key: string }, at: At) => `${tool(p, at)} has an unexpected key '${p.key}': remove it.`,
  'tool_invalid.type': (p: { tool: number }, at: At) => `${tool(p, at)} must have "type": "function".`,
  'tool_invalid.no_function': (p: { tool: number }, at: At) => `${tool(p, at)} needs a 'function' object like ${TOOL_SHAPE}.`,
  'tool_invalid.function_extra_key': (p: { tool: number; key: string }, at: At) =>
    `${tool(p, at)}: function has an unexpected key '${p.key}' (allowed: name, description, parameters, strict): remove it.`,
  'tool_invalid.description': (p: { tool: number }, at: At) => `${tool(p, at)}: 'description' must be text.`,
  'tool_invalid.strict': (p: { tool: number }, at: At) => `${tool(p, at)}: 'strict' must be true or false.`,
  tool_name_invalid: (p: { tool: number; name: string }, at: At) => `${tool(p, at)}: the function name '${p.name}' must be 1–64 letters, digits, '_' or '-'.`,
  'tool_name_invalid.missing': (p: { tool: number }, at: At) => `${tool(p, at)} needs a function 'name' of 1–64 letters, digits, '_' or '-'.`,
  tool_name_duplicate: (p: { name: string }, at: At) => `${ex(at)}: the function '${p.name}' is defined twice in 'tools': keep one.`,
  'tool_parameters_invalid.not_object': (p: { tool: number; kind: Kind }, at: At) =>
    `${tool(p, at)}: 'parameters' must be a JSON Schema object like {"type": "object", "properties": {...}}, not ${k(p.kind)}.`,
  'tool_parameters_invalid.type': (p: { tool: number; type: string }, at: At) =>
    `${tool(p, at)}: 'parameters' must describe an object ("type": "object"), not ${p.type}.`,
  'tool_calls_invalid.not_list': (p: Place & { kind: Kind }, at: At) => `${where(p, at)}: 'tool_calls' must be a list of calls, not ${k(p.kind)}.`,
  'tool_calls_invalid.empty': (p: Place, at: At) => `${where(p, at)}: 'tool_calls' is an empty list: remove it, or add a call.`,
  'tool_call_invalid.not_object': (p: Place & { call: number }, at: At) => `${call(p, at)} must be an object like ${CALL_SHAPE}.`,
  'tool_call_invalid.extra_key': (p: Place & { call: number; key: string }, at: At) =>
    `${call(p, at)} has an unexpected key '${p.key}' (allowed: id, type, function): remove it.`,
  'tool_call_invalid.id': (p: Place & { call: number }, at: At) => `${call(p, at)} needs an 'id' (text, e.g. "call_1") that a later tool message answers.`,
  'tool_call_invalid.type': (p: Place & { call: number }, at: At) => `${call(p, at)} must have "type": "function".`,
  'tool_call_invalid.no_function': (p: Place & { call: number }, at: At) =>
    `${call(p, at)} needs a 'function' object with 'name' and 'arguments', like ${CALL_SHAPE}.`,
  'tool_call_invalid.function_extra_key': (p: Place & { call: number; key: string }, at: At) =>
    `${call(p, at)}: function has an unexpected key '${p.key}' (allowed: name, arguments): remove it.`,
  'tool_call_invalid.name': (p: Place & { call: number }, at: At) => `${call(p, at)} needs the function's 'name' (text).`,
  'tool_call_invalid.arguments': (p: Place & { call: number }, at: At) =>
    `${call(p, at)} needs 'arguments' as a JSON string, e.g. ${ARGS_EXAMPLE} ("{}" for none).`,
  tool_call_arguments_not_string: (p: Place & { call: number; kind: Kind }, at: At) =>
    `${call(p, at)}: arguments must be a JSON string, e.g. ${ARGS_EXAMPLE}, not ${k(p.kind)} — Tuneset can convert it.${says(S.notString())}`,
  tool_call_arguments_invalid_json: (p: Place & { call: number }, at: At) =>
    `${call(p, at)}: 'arguments' is not valid JSON: write it as JSON text such as ${ARGS_EXAMPLE} ("{}" for none).`,
  tool_call_id_duplicate: (p: Place & { call: number; id: string }, at: At) =>
    `${call(p, at)}: the id '${p.id}' is used twice in this example: give each call its own id.`,
  tool_call_unknown_function: (p: Place & { call: number; name: string }, at: At) =>
    `${call(p, at)} calls '${p.name}', which is not defined in this example's 'tools': add its definition or fix the name.${UNKNOWN}`,
  tool_call_unanswered: (p: Place & { id: string }, at: At) =>
    `${where(p, at)} makes tool call '${p.id}' but no later tool message answers it: add a "tool" message with "tool_call_id": "${p.id}".${UNKNOWN}`,
  missing_tool_call_id: (p: Place, at: At) => `${where(p, at)} needs a 'tool_call_id' naming the assistant tool call it answers.`,
  tool_response_unknown_id: (p: Place & { id: string }, at: At) =>
    `${where(p, at)} answers tool call '${p.id}', but no earlier assistant message made a call with that id: fix the id or add the call.`,

  // content quality
  missing_system_message: (_p: object, at: At) => `${ex(at)} has no system message: consider adding the same system prompt you will use in production.`,
  missing_user_message: (_p: object, at: At) => `${ex(at)} has no user message: add the user's turn that the assistant answers.`,
  'missing_user_message.input': (_p: object, at: At) => `${ex(at)}: 'input.messages' has no user message: add the user's turn the two outputs answer.`,
  missing_assistant_message: (_p: object, at: At) =>
    `${ex(at)} has no assistant message, so it teaches nothing and OpenAI rejects the whole file: add the reply the model should give, or delete the example.${says(S.noAssistant())}`,
  last_not_assistant: (_p: object, at: At) =>
    `${ex(at)} does not end with an assistant message; messages after the last reply are not trained on: end with the reply to learn, or remove the trailing messages.`,
  no_trainable_assistant: (_p: object, at: At) =>
    `${ex(at)}: every assistant message has weight 0, so nothing is trained on: set "weight": 1 on the reply to learn.${UNKNOWN}`,
  invalid_token: (p: Partial<Place> & { field?: string; tokens: readonly string[] }, at: At) =>
    `${p.field !== undefined ? `${ex(at)}, ${p.field}` : where(p as Place, at)} contains ${p.tokens.map((t) => `'${t}'`).join(', ')}, ` +
    `${p.tokens.length > 1 ? 'special tokens' : 'a special token'} of OpenAI's tokenizers, so OpenAI rejects the whole file: ` +
    `remove ${p.tokens.length > 1 ? 'them' : 'it'}, or write ${p.tokens.length > 1 ? 'them' : 'it'} differently (e.g. with spaces: "< |endoftext| >").${says(S.invalidToken(p.tokens[0]))}`,
  special_tokens: (p: Partial<Place> & { field?: string; tokens: readonly string[] }, at: At) =>
    describeSpecialTokens(
      p.field !== undefined ? `${ex(at)}, ${p.field}` : where(p as Place, at),
      p.tokens.map((text) => ({ text, family: specialTokenFamily(text) })),
    ),

  // preference (DPO)
  missing_input: (_p: object, at: At) =>
    `${ex(at)} is missing key 'input': add "input": {"messages": [...]} holding the conversation so far.${says(S.missingInput(at.example))}`,
  input_invalid: (p: { kind: Kind }, at: At) => `${ex(at)}: 'input' must be an object like {"messages": [...]}, not ${k(p.kind)}.`,
  preference_output_invalid: (p: { key: string; count?: number }, at: At) =>
    `${ex(at)}: '${p.key}' must be a list holding exactly one assistant message, like [{"role": "assistant", "content": "..."}]${p.count !== undefined ? `, not ${p.count} message${p.count === 1 ? '' : 's'}` : ''}.`,
  'preference_output_invalid.missing': (p: { key: string }, at: At) =>
    `${ex(at)} is missing key '${p.key}': add "${p.key}": [{"role": "assistant", "content": "..."}].`,
  'preference_output_invalid.role': (p: Place, at: At) => `${where(p, at)}: a preference output must be an assistant message.`,
  preference_outputs_identical: (_p: object, at: At) =>
    `${ex(at)}: the preferred and non-preferred outputs are identical, so there is nothing to prefer: make them differ.${UNKNOWN}`,

  // prompt/completion
  missing_prompt: (_p: object, at: At) => `${ex(at)} is missing key 'prompt': add "prompt": "...".`,
  missing_completion: (_p: object, at: At) => `${ex(at)} is missing key 'completion': add "completion": "...".`,
  prompt_invalid: (p: { kind: Kind }, at: At) => `${ex(at)}: 'prompt' must be text, not ${k(p.kind)}.${says(S.notString())}`,
  completion_invalid: (p: { kind: Kind }, at: At) => `${ex(at)}: 'completion' must be text, not ${k(p.kind)}.${says(S.notString())}`,

  // dataset
  invalid_n_examples: (p: { count: number; min: number }) =>
    `This file has ${p.count} example${p.count === 1 ? '' : 's'}; OpenAI needs at least ${p.min}: add ${p.min - p.count} more (OpenAI suggests starting from about 50 well-made examples).${says(S.tooFew(p.count, p.min))}`,
  mixed_formats: (p: { formats: readonly string[]; firsts: readonly number[]; format: DatasetFormat }) =>
    `This file mixes formats: ${p.formats.map((f, i) => `${label(f)} first at example ${p.firsts[i]}`).join(', ')}. A file holds one format only; this dataset is ${label(p.format)}, so move the other examples to their own dataset.`,
  duplicate_example: (p: { first: number; first_line?: number }, at: At) =>
    `${ex(at)} is an exact duplicate of example ${p.first}${p.first_line !== undefined ? ` (line ${p.first_line})` : ''}: remove one copy; duplicates cost tokens and over-weight that example.`,

  // the job
  method_mismatch: (p: { format: DatasetFormat; method: 'supervised' | 'dpo' }) =>
    p.method === 'dpo'
      ? `This is a ${label(p.format)} file, but the job's method is DPO, which trains on preference examples only: choose the supervised method, or use a preference dataset.${says(S.missingInput(1))}`
      : `This is a ${label(p.format)} file, but the job's method is supervised, which trains on chat examples only: choose the DPO method (on a model that supports it), or use a chat dataset.`,
};
