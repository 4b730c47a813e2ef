// English sentences of proposed repairs (repair.ts descriptions and their notes) and of export-target misfits
// (targets.ts reasons and notes). Keyed by message code; the params each function declares are the contract.
import type { At, Message, Render } from './types';

/** Up to four notes joined by "; ", then how many more. */
const list = (notes: readonly string[]): string => (notes.length > 4 ? `${notes.slice(0, 4).join('; ')}; and ${notes.length - 4} more` : notes.join('; '));

export const repairEn = {
  'repair.bom_crlf': () => 'Removed a byte-order mark or carriage return stuck to the record.',
  'repair.glued_split': (p: { count: number }) => `This line holds ${p.count} records glued together; each goes on its own line.`,
  'repair.json_syntax': () => 'Fixed the JSON syntax (e.g. trailing commas, single quotes, missing commas or Python literals).',
  'repair.smart_quotes': () => 'Curly quotes (“ ”) were used as JSON string quotes; they were replaced with straight quotes. Check the text around them.',
  'repair.truncated': (p: { closed: string }) =>
    `The record was cut off; check the end. Closing characters were added (${JSON.stringify(p.closed)}); the last message may be incomplete.`,
  'repair.truncated_dropped': (p: { closed: string; dropped: string }) =>
    `The record was cut off; check the end. Its unfinished last part ${JSON.stringify(p.dropped)} (no text yet) was removed and closing characters were added (${JSON.stringify(p.closed)}).`,
  'repair.foreign_format': (p: { from: string; to: string }) => `Converted this ${p.from} record to ${p.to} format.`,
  'repair.content_key': (p: { notes: readonly string[] }) => `Renamed the key "text" to "content" in ${list(p.notes)}.`,
  'repair.role_alias': (p: { notes: readonly string[] }) => `Changed role names to the ones OpenAI accepts: ${list(p.notes)}.`,
  'repair.null_content': (p: { notes: readonly Message[] }, _at: At, r: Render) => `Missing message text: ${list(p.notes.map(r))}.`,
  'repair.note.system_removed': (p: { where: string }) => `removed the empty system message ${p.where}`,
  'repair.note.empty_text': (p: { where: string; role: string }) => `${p.where} (${p.role}) now has empty text "" — write the missing text`,
  'repair.arguments_to_string': (p: { notes: readonly string[] }) =>
    `Wrote tool-call arguments as JSON text (a JSON string), as OpenAI requires: ${list(p.notes)}.`,
  'repair.weight_type': (p: { notes: readonly string[] }) => `Made weights the integer 0 or 1: ${list(p.notes)}.`,

  // export targets: why an example does not fit (reasons), and what the export changed (notes)
  'target.invalid_json': (p: { text: string }) => `not valid JSON: ${p.text}…`,
  'target.not_chat': () => 'not a chat example.',
  'target.not_chat_trl': () => 'not a chat example (TRL conversational data is {"messages": [...]}).',
  'target.not_chat_fireworks': () => 'not a chat example (Fireworks SFT takes {"messages": [...]}).',
  'target.not_preference': () => 'not a preference example (input, preferred_output, non_preferred_output).',
  'target.not_chat_or_preference': () => 'not a chat or preference example.',
  'target.no_assistant': () => 'there is no assistant reply to train on.',
  'target.role': (p: { msg: number; role: string | null; target: string }) =>
    `message ${p.msg} has role ${p.role ?? 'missing'}; ${p.target} takes only system, user and assistant (no tool calls).`,
  'target.tool_calls': (p: { msg: number; target: string }) => `message ${p.msg} has tool calls, which ${p.target} does not take.`,
  'target.no_text': (p: { msg: number; target?: string }) =>
    `message ${p.msg} has no plain text content (images or empty)${p.target !== undefined ? `, which ${p.target} does not take` : ''}.`,
  'target.system_late': (p: { target: string }) => `a system message appears after the start; ${p.target} allows it only first.`,
  'target.not_alternating': (p: { msg: number }) => `turns must alternate user, assistant, user…; message ${p.msg} breaks that.`,
  'target.many_calls': (p: { msg: number; count: number }) => `message ${p.msg} makes ${p.count} tool calls at once; ShareGPT holds one per turn.`,
  'target.bad_arguments': (p: { msg: number }) => `message ${p.msg} has tool-call arguments that are not valid JSON.`,
  'target.deep_arguments': (p: { msg: number }) => `message ${p.msg} has tool-call arguments too deeply nested to convert.`,
  'target.sharegpt_role': (p: { msg: number; role: string | null }) => `message ${p.msg} has role ${p.role ?? 'missing'}, which ShareGPT has no name for.`,
  'target.sharegpt_alternation': () => 'turns must alternate human, gpt, human… (tool results count as human turns) and end with gpt.',
  'target.alpaca_single_turn': () => 'Alpaca holds a single turn (one user message and one reply); this example has more.',
  'target.message_no_text': () => 'a message has no plain text content.',
  'target.image_source': (p: { msg: number; target: string }) =>
    `message ${p.msg} has an image that is not base64 JPEG, PNG or WEBP data (e.g. a link), which ${p.target} does not take.`,
  'target.image_weight': (p: { msg: number; target: string }) => `message ${p.msg} holds an image and has a weight, which ${p.target} does not allow.`,
  'target.weight_dropped': () => '"weight" was dropped: this target has no per-message weight, so turns with weight 0 are trained on too.',
  'target.fireworks_min': (p: { min: number; count: number }) => `Fireworks needs at least ${p.min} examples; this export has ${p.count}.`,
};
