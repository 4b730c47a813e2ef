// Validation of training records (FORMATS.md §2–4): every problem of every example at once, as Issues with a
// stable code, a severity, params, and line/example/message_index/path; the sentence is written at display time
// (messages/). Hand-written checks (no zod on the hot path): validateExample runs for every example on every edit.
//   codes.ts      codes and severities, limits, allowed keys
//   collector.ts  the issue collector, message places, kinds of values
//   example.ts    one example: shape and format, then chat.ts / preference.ts / prompt-completion.ts
//   message.ts    one message, per role; content.ts its content; tools.ts tools and tool calls
//   dataset.ts    a whole dataset and the dataset rules (and the job method's); fingerprint.ts exact-duplicate hashes
//   parity.ts     what OpenAI's server does with each code, and its own wording
export { VALIDATION_CODES, MIN_EXAMPLES, MAX_IMAGES_PER_EXAMPLE, type ValidationCode } from './codes';
export { validateExample, type ExampleContext } from './example';
export { checkJobMethod, METHOD_FORMAT, type JobMethod } from './dataset';
export { OPENAI_BEHAVIOUR, SERVER_SAYS, type OpenAIBehaviour } from './parity';
export { expectedFormat, sortIssues, validateDataset, validateDatasetRules, type DatasetInput, type DatasetFacts, type DatasetValidation } from './dataset';
export { exampleFingerprint, primeLongStrings } from './fingerprint';
