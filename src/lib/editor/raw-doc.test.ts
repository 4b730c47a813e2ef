import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ChangeSet, EditorState, type ChangeSpec } from '@codemirror/state';
import { readText } from '../dataset/read';
import { applyOp, type Op } from '../dataset/ops';
import type { Example } from '../dataset/types';
import { diffByIdentity, parseLine, rawEditToOp } from '../state/raw-sync';
import { changedLines, docOf, spliceChange } from './raw-doc';

const FIXTURE = new URL('../../../tests/fixtures/raw/mixed.jsonl', import.meta.url);
const load = (): Example[] =>
  readText(readFileSync(FIXTURE, 'utf8')).records.map((r, i) =>
    r.value !== undefined ? { id: `e${i}`, value: r.value, original: r.text } : { id: `e${i}`, raw: r.text },
  );

/** Small deterministic random numbers (the same failures on every run). */
function rng(seed: number) {
  return (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
}

const SNIPPETS = ['\n', 'x', '{"messages": []}', '\n{"prompt": "p", "completion": "c"}', '"', ''];

describe('raw edits → dataset', () => {
  it('after any sequence of typing, pasting and deleting, the dataset written out is exactly the editor text', () => {
    const rand = rng(11);
    for (let round = 0; round < 200; round++) {
      let examples: readonly Example[] = load();
      const start = EditorState.create({ doc: docOf(examples), extensions: EditorState.lineSeparator.of('\n') });
      let state = start;
      let changes = ChangeSet.empty(start.doc.length);
      for (let k = 1 + rand(4); k > 0; k--) {
        const len = state.doc.length;
        const from = rand(len + 1);
        const to = Math.min(len, from + rand(40));
        const tr = state.update({ changes: { from, to, insert: SNIPPETS[rand(SNIPPETS.length)] } });
        changes = changes.compose(tr.changes);
        state = tr.state;
      }
      const edit = changedLines(start.doc, examples.length, state.doc, changes);
      const op = edit && rawEditToOp(examples, edit.from, edit.to, edit.lines);
      if (op) examples = applyOp(examples, op);
      const expected = state.doc.length === 0 ? '' : state.doc.toString();
      expect(docOf(examples).toString()).toBe(expected);
    }
  });

  it('an edit inside one line reports only that line', () => {
    const examples = load();
    const start = EditorState.create({ doc: docOf(examples) });
    const at = start.doc.line(3).from + 5;
    const tr = start.update({ changes: { from: at, insert: 'zz' } });
    expect(changedLines(start.doc, examples.length, tr.state.doc, tr.changes)).toEqual({ from: 2, to: 3, lines: [tr.state.doc.line(3).text] });
  });
});

describe('dataset changes → raw text', () => {
  it('after any list edit (undo, delete, move, insert, replace) the patched text equals the text built from scratch', () => {
    const rand = rng(5);
    let examples: readonly Example[] = load();
    let doc = docOf(examples);
    for (let round = 0; round < 300; round++) {
      const n = examples.length;
      const kind = rand(4);
      let op: Op;
      if (kind === 0 || n === 0) op = { kind: 'insert', index: rand(n + 1), examples: [parseLine(`{"n": ${round}}`), parseLine('bad')].slice(0, 1 + rand(2)) };
      else if (kind === 1) {
        const i = rand(n);
        op = { kind: 'remove', index: i, examples: examples.slice(i, i + 1 + rand(Math.min(3, n - i))) };
      } else if (kind === 2) op = { kind: 'move', from: rand(n), to: rand(n) };
      else {
        const i = rand(n);
        op = { kind: 'replace', index: i, before: examples[i], after: { id: examples[i].id, value: { r: round } } };
      }
      const next = applyOp(examples, op);
      const change = diffByIdentity(examples, next);
      if (change) {
        const spec: ChangeSpec = spliceChange(
          doc,
          examples.length,
          change,
          next.slice(change.from, change.newTo).map((e) => docOf([e]).toString()),
        );
        doc = ChangeSet.of(spec, doc.length).apply(doc);
      }
      examples = next;
      expect(doc.toString()).toBe(docOf(examples).toString());
    }
  });
});
