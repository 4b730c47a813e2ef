// Pure mapping between a dataset and its raw JSONL text (line i+1 ↔ example i): the text of each line, and the
// one undoable op that turns a raw edit of some lines into dataset edits. No DOM, no svelte, no CodeMirror.
import type { Example } from '../dataset/types';
import { exampleText } from '../dataset/export';
import { newExampleId, type Op } from '../dataset/ops';

/** Label of the undo step a raw edit makes. */
export const RAW_EDIT_LABEL = 'Edit raw JSONL';

/** Any line break a record's text may carry (pretty-printed or multi-line raw records read from a file). */
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The example's text as one raw line: `exampleText(ex)` (original bytes, compact JSON or raw text), except that a
 * text spanning several lines (a pretty-printed record as read) is shown as compact JSON, or for unparsable text
 * with its line breaks turned into spaces, so one example is always exactly one line.
 */
export function lineText(ex: Example): string {
  const text = exampleText(ex);
  if (!/[\r\n]/.test(text)) return text;
  if (ex.value !== undefined) return JSON.stringify(ex.value) ?? '';
  return text.replace(LINE_BREAK, ' ');
}

/**
 * The example a raw line stands for. Valid JSON becomes a parsed example whose `original` is the typed line (so
 * export writes exactly what the user typed); anything else is kept as `raw` text. With `before`, the new example
 * keeps its id, source line and metadata (an edit, not a new example); without it gets a fresh id.
 */
export function parseLine(text: string, before?: Example): Example {
  const keep = before
    ? { id: before.id, ...(before.line !== undefined ? { line: before.line } : {}), ...(before.meta ? { meta: before.meta } : {}) }
    : { id: newExampleId() };
  try {
    return { ...keep, value: JSON.parse(text) as unknown, original: text };
  } catch {
    return { ...keep, raw: text };
  }
}

/**
 * The op that makes `oldExamples[fromLine..toLine)` (0-based example indexes, `toLine` exclusive) become one example
 * per line of `newLines`. Lines whose text equals the old example's {@link lineText} keep that very example
 * (common prefix and suffix are trimmed, and unchanged pairs are skipped). Changed lines replace old examples pairwise
 * (keeping their ids); extra lines are inserted, missing ones removed. Returns null when nothing changed, a single
 * `replace` for a one-example edit, else one `batch` (one undo step) labelled {@link RAW_EDIT_LABEL}.
 */
export function rawEditToOp(oldExamples: readonly Example[], fromLine: number, toLine: number, newLines: readonly string[]): Op | null {
  let from = Math.max(0, fromLine);
  let oldEnd = Math.min(oldExamples.length, Math.max(from, toLine));
  let newStart = 0;
  let newEnd = newLines.length;
  while (from < oldEnd && newStart < newEnd && lineText(oldExamples[from]) === newLines[newStart]) {
    from++;
    newStart++;
  }
  while (oldEnd > from && newEnd > newStart && lineText(oldExamples[oldEnd - 1]) === newLines[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  const oldCount = oldEnd - from;
  const newCount = newEnd - newStart;
  const pairs = Math.min(oldCount, newCount);
  const ops: Op[] = [];
  for (let k = 0; k < pairs; k++) {
    const before = oldExamples[from + k];
    const text = newLines[newStart + k];
    if (lineText(before) === text) continue;
    ops.push({ kind: 'replace', index: from + k, before, after: parseLine(text, before) });
  }
  if (newCount > pairs) {
    ops.push({ kind: 'insert', index: from + pairs, examples: newLines.slice(newStart + pairs, newEnd).map((t) => parseLine(t)) });
  } else if (oldCount > pairs) {
    ops.push({ kind: 'remove', index: from + pairs, examples: oldExamples.slice(from + pairs, oldEnd) });
  }
  if (ops.length === 0) return null;
  if (ops.length === 1 && ops[0].kind === 'replace') return ops[0];
  return { kind: 'batch', ops, label: RAW_EDIT_LABEL };
}

/** A region where two example lists differ: old `[from, oldTo)` became new `[from, newTo)`. */
export interface ListChange {
  from: number;
  oldTo: number;
  newTo: number;
}

/**
 * Where `next` differs from `prev`, comparing examples by identity (common prefix and suffix skipped; O(length),
 * no text compared). Null when both hold the same examples in the same order.
 */
export function diffByIdentity(prev: readonly Example[], next: readonly Example[]): ListChange | null {
  const min = Math.min(prev.length, next.length);
  let from = 0;
  while (from < min && prev[from] === next[from]) from++;
  if (from === prev.length && from === next.length) return null;
  let oldTo = prev.length;
  let newTo = next.length;
  while (oldTo > from && newTo > from && prev[oldTo - 1] === next[newTo - 1]) {
    oldTo--;
    newTo--;
  }
  return { from, oldTo, newTo };
}
