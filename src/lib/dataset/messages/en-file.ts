// English sentences of what reading a file finds (decode.ts, read.ts, csv.ts, convert.ts), of JSON syntax errors
// (nested in `invalid_json` issues), and of the token-limit and model issues of a report (report.ts, the app's
// analysis). Keyed by code or `code.variant`; the params each function declares are the contract.
import type { At, Message, Render } from './types';

/** Known binary formats (decode.ts SIGNATURES ids), named for the user. */
export const BINARY_NAMES_EN = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  riff: 'a RIFF file (WebP image or WAV audio)',
  pdf: 'a PDF document',
  zip: 'a ZIP archive (or an Excel/Word file, which are ZIP archives): unzip it, or save the sheet as CSV',
  gzip: 'a gzip archive: decompress it first',
  zstd: 'a Zstandard archive: decompress it first',
  parquet: 'a Parquet file (as Hugging Face datasets often are): convert it to JSONL first',
  sqlite: 'an SQLite database',
  elf: 'a program (ELF)',
} as const;

/** A binary format decode.ts recognises by its first bytes. */
export type BinaryKind = keyof typeof BINARY_NAMES_EN;

/** "Line 4: " before an issue of a converted CSV row. */
const row = (p: { csv_line?: number }): string => (p.csv_line !== undefined ? `Line ${p.csv_line}: ` : '');
/** A JSON path, or the key in a CSV row. */
type Where = { path: string; csv_line?: number };

export const fileEn = {
  // JSON syntax (the `error` of invalid_json issues)
  'json.not_json': () => 'Not valid JSON.',
  'json.empty': () => 'The record is empty.',
  'json.cut_off': (p: { open: number }) => `Unexpected end of line: the record seems cut off (${p.open} bracket(s) still open).`,
  'json.after_end': (p: { found: string }) => `Unexpected '${p.found}' after the end of the record: two records glued together, or stray text.`,
  'json.expected_colon': (p: { found: string }) => `Expected ':' after the property name, found '${p.found}'.`,
  'json.expected_comma': (p: { close: string; found: string }) => `Expected ',' or '${p.close}' but found '${p.found}': a comma is probably missing.`,
  'json.trailing_comma': (p: { close: string }) => `Trailing comma before '${p.close}': remove the last comma.`,
  'json.single_quoted_key': () => 'Property names need double quotes, not single quotes.',
  'json.expected_key': (p: { found: string }) => `Expected a property name in double quotes, found '${p.found}'.`,
  'json.invalid_number': () => 'Invalid number.',
  'json.single_quoted_string': () => 'Strings need double quotes, not single quotes.',
  'json.python_literal': () => 'NaN, Infinity and Python values (None, True, False) are not JSON: use null, true, false or a number.',
  'json.unexpected_value': (p: { found: string }) => `Unexpected '${p.found}' where a value was expected.`,
  'json.bad_unicode_escape': () => 'Invalid \\u escape: it needs 4 hex digits.',
  'json.bad_escape': (p: { escape: string }) => `Invalid escape '\\${p.escape}' in a string: write a backslash as \\\\.`,
  'json.string_unclosed': () => 'A string is not closed before the end of the line (write line breaks inside text as \\n).',
  'json.control_char': () => 'A control character (such as a raw tab) is inside a string: escape it (\\t, \\n…).',
  'json.cut_in_string': () => 'Unexpected end of line: the record seems cut off inside a string.',
  'json.too_deep': (p: { max: number }) => `Nested more than ${p.max} levels deep: this cannot be a training example.`,

  // decoding
  binary_file: (p: { signature?: BinaryKind; nul_line?: number }) => {
    const what =
      p.signature !== undefined
        ? `it looks like ${BINARY_NAMES_EN[p.signature] ?? p.signature}`
        : p.nul_line !== undefined
          ? `it contains NUL bytes (first on line ${p.nul_line}), which a text file never has`
          : 'most of its first bytes are control characters, not text';
    return `This is a binary file, not text (${what}), so it was not imported. Open the .jsonl training file itself (not a zip, image, spreadsheet or database).`;
  },
  not_utf8: (p: { line: number }) =>
    `The file is not UTF-8 (first invalid byte on line ${p.line}). It looks like Windows-1252 (Latin-1); it was decoded as such — check accented characters, then export it as UTF-8 (OpenAI requires UTF-8).`,
  'not_utf8.utf16': (p: { name: string; bom: boolean }) =>
    `The file is ${p.name}${p.bom ? ' (it starts with a byte-order mark)' : ''}, not UTF-8; it was decoded as ${p.name}. Export it as UTF-8: OpenAI only accepts UTF-8 JSONL.`,

  // reading
  bom: () =>
    'The file starts with a byte-order mark (BOM). OpenAI expects UTF-8 without BOM; it is dropped on export (or save the file as "UTF-8" rather than "UTF-8 with BOM").',
  crlf: (p: { count: number }) =>
    `${p.count} line(s) end with Windows line endings (CRLF). They are read fine and tolerated by OpenAI; export can write plain \\n.`,
  blank_lines: (p: { count: number; first: number }) =>
    `${p.count} blank line(s) (first: line ${p.first}). A blank line is not a valid record; they are ignored and removed on export.`,
  json_array: (p: { count: number }) =>
    `The file is one JSON array of ${p.count} element(s), not JSONL. Each element was read as one example; export writes one JSON object per line.`,
  pretty_printed: (p: { count: number; first: number }) =>
    `${p.count} record(s) span several lines (first at line ${p.first}): pretty-printed JSON. They were joined; JSONL needs one object per line, which export writes.`,
  glued_objects: (p: { count: number; first: number }) =>
    `${p.count} record(s) were glued onto the line of another (first at line ${p.first}). They were split; export writes each on its own line.`,
  empty_file: () => 'The file is empty (or only blank lines). Add at least 10 examples, one JSON object per line.',
  too_deep: (p: { line: number; max: number }) =>
    `Line ${p.line} is nested more than ${p.max} brackets deep, so it was not read. Delete this line or fix the data that produced it.`,
  'invalid_json.line': (p: { line: number; column: number; error: Message; text: string }, _at: At, r: Render) =>
    `Line ${p.line}, column ${p.column} is not valid JSON: ${r(p.error)} Text: ${p.text}. Fix or delete this line.`,
  'invalid_json.more': (p: { count: number; max: number }) =>
    `${p.count} more line(s) could not be read; only the first ${p.max} are listed. Check how the file was produced.`,
  'invalid_json.raw': () => 'This line is not valid JSON. Fix it in the raw editor or accept a proposed repair.',
  'invalid_json.editor': (p: { column: number; error: Message }, _at: At, r: Render) =>
    `Not valid JSON at column ${p.column}: ${r(p.error)} Fix it here, or use a proposed fix.`,

  // CSV
  csv_unclosed_quote: (p: { line: number }) =>
    `A quoted field opened on line ${p.line} is never closed, so the rest of the file was read into it. Add the closing quote (").`,
  csv_empty: () => 'The CSV file has no rows.',
  csv_no_header: () =>
    'The first row must name the columns: role and content (one message per row), or prompt and completion, or instruction and output, or prompt, chosen and rejected.',
  csv_columns_ignored: (p: { columns: readonly string[] }) => `These columns were not imported: ${p.columns.join(', ')}.`,
  csv_one_conversation: () =>
    'There is no id/conversation column and no blank row, so all rows became one conversation. Add an id column or leave a blank row between conversations.',
  csv_unknown_role: (p: { line: number; given: string }) => `Line ${p.line}: role "${p.given}" is not system, user, assistant or tool. Fix it in the CSV.`,
  csv_bad_weight: (p: { line: number; weight: string }) => `Line ${p.line}: weight "${p.weight}" is not 0 or 1, so it was left out.`,

  // converting foreign records
  convert_not_text: (p: Where) => `${row(p)}${p.path} is not text, so it cannot become a message. Make it text.`,
  convert_bad_turn: (p: Where) => `${row(p)}${p.path} is not an object with "from" and "value".`,
  convert_bad_function_call: (p: Where) => `${row(p)}${p.path}.value should be JSON like {"name": …, "arguments": {…}}; fix it and import again.`,
  convert_orphan_observation: (p: Where) => `${row(p)}${p.path} is a tool result ("observation") with no function_call before it.`,
  convert_unknown_role: (p: Where & { from: string | null }) =>
    `${row(p)}${p.path}.from is ${p.from ?? 'missing'}, which is not system/human/gpt/function_call/observation.`,
  convert_tools_dropped: (p: { csv_line?: number }) => `${row(p)}The "tools" field is not a JSON list of function definitions, so it was left out.`,
  convert_bad_history: (p: { csv_line?: number }) => `${row(p)}"history" should be a list of [question, answer] pairs.`,
  'convert_bad_history.pair': (p: { index: number; csv_line?: number }) => `${row(p)}history[${p.index}] should be a [question, answer] pair.`,
  convert_bad_trl: (p: Where) => `${row(p)}${p.path} should be text or a list of messages.`,
  'convert_bad_trl.message': (p: Where) => `${row(p)}${p.path} should be a message with a known role and text content.`,
  convert_preference_shape: (p: { name: string; csv_line?: number }) =>
    `${row(p)}"${p.name}" must be exactly one assistant reply for OpenAI preference training.`,
  'convert_preference_shape.no_prompt': (p: { csv_line?: number }) => `${row(p)}There is no prompt: add a "prompt" field with the user message.`,
  convert_not_single_turn: (p: { csv_line?: number }) =>
    `${row(p)}Only a single user message followed by one text assistant reply can become prompt/completion.`,
  convert_system_merged: (p: { csv_line?: number }) => `${row(p)}The system message was put at the start of the prompt, followed by a blank line.`,
  convert_unknown_format: (p: { csv_line?: number }) =>
    `${row(p)}This record is in no format Tuneset knows (chat, preference, prompt/completion, ShareGPT, Alpaca, TRL preference).`,
  convert_unsupported: (p: { from: string; to: string; csv_line?: number }) => `${row(p)}A ${p.from} record cannot be converted to ${p.to}.`,

  // token limits and models
  example_too_long: (p: { tokens: number; limit: number; model: string }, at: At) =>
    `Example ${at.example ?? '?'} has about ${p.tokens} tokens, over the ${p.limit}-token limit of ${p.model}: it will be truncated during fine-tuning. Shorten it or split the conversation.`,
  too_long: (p: { count: number; limit: number }) =>
    `${p.count} example(s) are over the model's limit of ${p.limit.toLocaleString('en')} tokens and will be truncated during fine-tuning. Shorten them or pick a model with a larger limit.`,
  unknown_model: (p: { model: string; encoding: string }) =>
    `Tuneset does not know the model "${p.model}": tokens are counted with ${p.encoding} and no limit or price is applied. Pick a model from the catalog or add it as a custom model.`,
};
