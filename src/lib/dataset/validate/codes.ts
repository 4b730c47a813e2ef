// The validator's vocabulary: every code it emits with its severity (the single source of truth; codes are never
// renamed), the limits it applies, and the allowed keys and values of each part of a record (FORMATS.md §2–4).
// What OpenAI does with each code is in parity.ts; a code is an error exactly when OpenAI rejects it.
import type { DatasetFormat, RecordFormat, Severity } from '../types';

/** Every code this module emits, with its severity. */
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
  tool_content_array: 'error', // OpenAI has refused files with list content in tool messages (FORMATS.md §3)
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
  missing_assistant_message: 'error', // OpenAI refuses the file: "At least one message must be from the assistant."
  last_not_assistant: 'warning',
  no_trainable_assistant: 'warning',
  special_tokens: 'warning',
  invalid_token: 'error', // OpenAI refuses the file: "message contains an invalid token: <|fim_suffix|>"
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
  // the job
  method_mismatch: 'error', // a chat file in a DPO job, or a preference file in a supervised job
} as const satisfies Record<string, Severity>;

/** A code emitted by the validator. */
export type ValidationCode = keyof typeof VALIDATION_CODES;

/** OpenAI's minimum number of training examples (error `invalid_n_examples` below it). */
export const MIN_EXAMPLES = 10;
/** Most images one example may hold (vision fine-tuning limit). */
export const MAX_IMAGES_PER_EXAMPLE = 10;
/** Allowed function (tool) names. */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Image URLs OpenAI accepts: http(s) or a base64 data URL of JPEG/PNG/WEBP. */
export const IMAGE_URL = /^(https?:\/\/\S+|data:image\/(png|jpeg|jpg|webp);base64,)/i;
/** Allowed `detail` values of an image part. */
export const IMAGE_DETAILS: ReadonlySet<string> = new Set(['low', 'high', 'auto']);

/** Top-level keys of a supervised chat example. */
export const CHAT_KEYS: ReadonlySet<string> = new Set(['messages', 'tools', 'parallel_tool_calls', 'functions']);
/** Keys of a preference example, and of its `input`. */
export const PREFERENCE_KEYS: ReadonlySet<string> = new Set(['input', 'preferred_output', 'non_preferred_output']);
export const PREFERENCE_INPUT_KEYS: ReadonlySet<string> = new Set(['messages', 'tools', 'parallel_tool_calls']);
/** Keys of a legacy prompt/completion example. */
export const PROMPT_COMPLETION_KEYS: ReadonlySet<string> = new Set(['prompt', 'completion']);
/** Allowed keys per message role (FORMATS.md §3 table). */
export const ROLE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  system: new Set(['role', 'content', 'name']),
  user: new Set(['role', 'content', 'name']),
  assistant: new Set(['role', 'content', 'name', 'tool_calls', 'function_call', 'refusal', 'weight']),
  tool: new Set(['role', 'content', 'tool_call_id']),
  function: new Set(['role', 'content', 'name']),
};
/** Role spellings seen in the wild, mapped to OpenAI's (for "did you mean" hints). */
export const ROLE_ALIASES: Readonly<Record<string, string>> = {
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
export const CONVERTS_TO: Partial<Record<RecordFormat, DatasetFormat>> = {
  sharegpt: 'chat',
  alpaca: 'chat',
  trl_preference: 'preference',
};
