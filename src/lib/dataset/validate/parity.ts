// What OpenAI's fine-tuning server does with each issue code, and its own wording where it is known, so that every
// sentence can quote the server beside Tuneset's plain fix. Sources: FORMATS.md §2–4 (server texts users reported),
// OpenAI's OpenAPI schema (FineTuneChatRequestInput, FineTunePreferenceRequestInput,
// FineTuneChatCompletionRequestAssistantMessage, ChatCompletionRequest*Message) and the fine-tuning guides.
// The rule this table keeps (tested): a code is an error exactly when OpenAI rejects it (or, by its published
// schema, should); a code whose server behaviour is unknown stays a warning and its sentence says so.
import type { ValidationCode } from './codes';

/**
 * What OpenAI does with a file holding the issue:
 * - `rejects`: the server refuses the file (its wording is known, or the guide/limit says so);
 * - `rejects_schema`: outside OpenAI's published schema, so its validator refuses it; the exact text is not known;
 * - `rejects_likely`: a rule the schema cannot express (call ids, JSON inside `arguments`), no server text known; kept
 *   an error because the conversation is broken either way (shown as "probably rejects");
 * - `accepts`: the file is accepted and the thing is ignored or harmless;
 * - `trains_on_it`: the file is accepted and the model learns from it as it is (why it is still worth a warning);
 * - `unknown`: not documented and not reported; Tuneset warns and says so;
 * - `not_openai`: Tuneset's own problem (it could not check the example).
 */
export type OpenAIBehaviour = 'rejects' | 'rejects_schema' | 'rejects_likely' | 'accepts' | 'trains_on_it' | 'unknown' | 'not_openai';

/** What OpenAI does with every code (README's "Issue codes and what OpenAI does with them" follows it). */
export const OPENAI_BEHAVIOUR = {
  // records
  invalid_json: 'rejects', // "Expected file to have JSONL format, where every line is a valid JSON dictionary."
  not_an_object: 'rejects', // same upload-time check
  foreign_format: 'rejects_schema',
  wrong_format: 'rejects', // chat line in a DPO job: "Example 1 is missing key 'input'"
  extra_key: 'rejects', // "Example 1 contains an extra "weight"."
  internal_error: 'not_openai',
  // chat structure
  missing_messages: 'rejects_schema',
  messages_invalid: 'rejects_schema',
  messages_empty: 'rejects_schema', // messages: minItems 1
  functions_deprecated: 'accepts', // `functions` is still in FineTuneChatRequestInput
  parallel_tool_calls_invalid: 'rejects_schema',
  message_not_object: 'rejects_schema',
  missing_role: 'rejects', // "No match for discriminator 'role' and value None"
  unknown_role: 'rejects', // "No match for discriminator 'role' and value …"
  developer_role: 'rejects', // not one of the supervised/preference roles: same discriminator error
  message_extra_key: 'rejects_schema',
  missing_content: 'rejects_schema', // content is required on system, user, tool and function messages
  content_null: 'rejects', // "Input should be a valid string"
  content_invalid: 'rejects', // "Input should be a valid string"
  content_part_invalid: 'rejects_schema',
  image_not_allowed: 'rejects_schema', // only user content parts may be images; DPO is text only
  image_url_invalid: 'rejects_schema',
  image_detail_invalid: 'rejects_schema', // detail: low | high | auto
  too_many_images: 'rejects', // vision fine-tuning guide: at most 10 images per example
  empty_content: 'unknown',
  tool_content_array: 'rejects', // FORMATS.md §3: rejected in practice, although the schema allows text parts
  assistant_missing_content: 'rejects_schema', // "required unless tool_calls or function_call is specified"
  name_invalid: 'rejects', // "Input should be a valid string"
  refusal_invalid: 'rejects', // "Input should be a valid string"
  weight_not_allowed: 'rejects_schema', // weight exists only on FineTuneChatCompletionRequestAssistantMessage
  weight_invalid: 'rejects_schema', // weight: integer, enum [0, 1]
  function_call_deprecated: 'accepts',
  function_role_deprecated: 'accepts',
  // tools and tool calls
  tools_invalid: 'rejects_schema',
  tool_invalid: 'rejects_schema',
  tool_name_invalid: 'rejects_schema', // name: ^[a-zA-Z0-9_-]{1,64}$
  tool_name_duplicate: 'rejects_schema',
  tool_parameters_invalid: 'rejects_schema',
  tool_calls_invalid: 'rejects_schema',
  tool_call_invalid: 'rejects_schema',
  tool_call_arguments_not_string: 'rejects', // "Input should be a valid string"
  tool_call_arguments_invalid_json: 'rejects_likely', // arguments holds "the arguments … in JSON format"
  tool_call_id_duplicate: 'rejects_likely', // a tool answer could match either call
  tool_call_unknown_function: 'unknown',
  tool_call_unanswered: 'unknown',
  missing_tool_call_id: 'rejects_schema', // tool_call_id is required on tool messages
  tool_response_unknown_id: 'rejects_likely', // chat API: a tool message must answer a preceding tool_calls
  // content quality
  missing_system_message: 'accepts',
  missing_user_message: 'accepts',
  missing_assistant_message: 'rejects', // "At least one message must be from the assistant."
  last_not_assistant: 'accepts', // trailing messages are context only
  no_trainable_assistant: 'unknown',
  special_tokens: 'trains_on_it', // other models' chat markup is plain text to OpenAI's tokenizer
  invalid_token: 'rejects', // "message contains an invalid token: <|fim_suffix|>"
  // preference (DPO)
  missing_input: 'rejects', // "Example 1 is missing key 'input'"
  input_invalid: 'rejects_schema',
  preference_output_invalid: 'rejects_schema', // one assistant message per output
  preference_outputs_identical: 'unknown',
  // prompt/completion
  missing_prompt: 'rejects_schema',
  missing_completion: 'rejects_schema',
  prompt_invalid: 'rejects', // "Input should be a valid string"
  completion_invalid: 'rejects', // "Input should be a valid string"
  // dataset
  invalid_n_examples: 'rejects', // "Training file has N example(s), but must have at least 10 examples"
  mixed_formats: 'rejects', // one format per file: the other format's lines fail as wrong_format does
  duplicate_example: 'trains_on_it',
  method_mismatch: 'rejects', // chat file in a DPO job: "Example 1 is missing key 'input'"
} as const satisfies Record<ValidationCode, OpenAIBehaviour>;

/** Python's repr of a JSON value as OpenAI's validator prints it ('human', None, 5). */
function pyRepr(json: string): string {
  if (json === 'undefined' || json === 'null') return 'None';
  if (json === 'true' || json === 'false') return json === 'true' ? 'True' : 'False';
  if (json.startsWith('"')) {
    try {
      return `'${String(JSON.parse(json))}'`;
    } catch {
      return json;
    }
  }
  return json;
}

/**
 * OpenAI's own words for an issue, in the shape its server reports them (kept in English in every language).
 * Only for texts users have actually seen from the server (FORMATS.md §3, issue #13).
 */
export const SERVER_SAYS = {
  extraKey: (example: number | undefined, key: string) => `Example ${example ?? 1} contains an extra "${key}".`,
  discriminator: (valueJson: string) => `No match for discriminator 'role' and value ${pyRepr(valueJson)}`,
  notString: () => 'Input should be a valid string',
  noAssistant: () => 'At least one message must be from the assistant.',
  invalidToken: (token: string) => `message contains an invalid token: ${token}`,
  missingInput: (example: number | undefined) => `Example ${example ?? 1} is missing key 'input'`,
  tooFew: (count: number, min: number) => `Training file has ${count} example(s), but must have at least ${min} examples`,
};
