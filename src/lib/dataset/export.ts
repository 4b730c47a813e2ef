// Writes examples back to JSONL text. Lossless: an untouched example is written byte for byte as it was read;
// an edited one as compact JSON; an unparsable one as its raw text (so nothing the user wrote is ever dropped).
import type { Example } from './types.ts';

/** Options for toJsonl. */
export interface JsonlOptions {
  /** Line terminator between and after records. Defaults to '\n' (pass ReadResult.eol to keep a CRLF file CRLF). */
  eol?: '\n' | '\r\n';
}

/**
 * One example's line text (no terminator): `original` when untouched and on one line, else compact
 * `JSON.stringify(value)` (a pretty-printed record spans lines: JSONL needs it on one), else `raw`, else ''.
 */
export function exampleText(example: Example): string {
  if (example.original !== undefined && (example.value === undefined || !example.original.includes('\n'))) return example.original;
  if (example.value !== undefined) return JSON.stringify(example.value) ?? '';
  return example.raw ?? '';
}

/**
 * Serialises examples to JSONL. Every record, including the last, ends with `eol` (POSIX text-file rule; a file
 * read without a final newline gains one). No BOM is written. An empty list gives ''. Units: UTF-16 string.
 */
export function toJsonl(examples: readonly Example[], opts: JsonlOptions = {}): string {
  const eol = opts.eol ?? '\n';
  if (examples.length === 0) return '';
  return examples.map(exampleText).join(eol) + eol;
}
