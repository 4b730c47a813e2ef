// The raw JSONL document as a CodeMirror Text (line i+1 ↔ example i) and the line arithmetic between document
// changes and example indexes. Uses only @codemirror/state (no DOM), so it runs and is tested in Node.
import { Text, type ChangeSet, type ChangeSpec } from '@codemirror/state';
import type { Example } from '../dataset/types';
import { lineText, type ListChange } from '../state/raw-sync';

/** The document of `examples`: one line each, joined by '\n', no final newline ('' for none). O(total length). */
export function docOf(examples: readonly Example[]): Text {
  return examples.length ? Text.of(examples.map(lineText)) : Text.empty;
}

/** Lines `[from, to)` of a raw edit in example indexes (0-based), and the document lines that now stand there. */
export interface LineEdit {
  from: number;
  to: number;
  lines: string[];
}

/**
 * Which examples a raw edit touched: `changes` turned `startDoc` (the document of `count` examples) into `doc`.
 * Only the changed lines are read (never the whole document). Null when nothing changed. An emptied document
 * means no examples.
 */
export function changedLines(startDoc: Text, count: number, doc: Text, changes: ChangeSet): LineEdit | null {
  if (changes.empty) return null;
  if (doc.length === 0) return { from: 0, to: count, lines: [] };
  if (count === 0) return { from: 0, to: 0, lines: doc.toJSON() };
  let fromA = Infinity;
  let toA = -1;
  let fromB = Infinity;
  let toB = -1;
  changes.iterChangedRanges((fA, tA, fB, tB) => {
    fromA = Math.min(fromA, fA);
    toA = Math.max(toA, tA);
    fromB = Math.min(fromB, fB);
    toB = Math.max(toB, tB);
  });
  if (toA < 0) return null;
  const first = startDoc.lineAt(fromA).number;
  const last = startDoc.lineAt(toA).number;
  const lines: string[] = [];
  for (let n = doc.lineAt(fromB).number, end = doc.lineAt(toB).number; n <= end; n++) lines.push(doc.line(n).text);
  return { from: first - 1, to: last, lines };
}

/**
 * The document change that makes `doc` (of `count` examples) show `texts` in place of examples
 * `[change.from, change.oldTo)`, touching nothing else (so the cursor and scroll elsewhere stay put).
 */
export function spliceChange(doc: Text, count: number, change: Pick<ListChange, 'from' | 'oldTo'>, texts: readonly string[]): ChangeSpec {
  const { from: a, oldTo: b } = change;
  const insert = texts.join('\n');
  if (count === 0) return { from: 0, to: doc.length, insert };
  if (b > a) {
    let from = doc.line(a + 1).from;
    let to = doc.line(b).to;
    if (texts.length === 0) {
      // Removing whole lines also removes one line break: the following one, or the preceding one at the end.
      if (b < count) to = doc.line(b + 1).from;
      else if (a > 0) from = doc.line(a).to;
    }
    return { from, to, insert };
  }
  if (texts.length === 0) return [];
  if (a < count) return { from: doc.line(a + 1).from, insert: insert + '\n' };
  return { from: doc.length, insert: '\n' + insert };
}
