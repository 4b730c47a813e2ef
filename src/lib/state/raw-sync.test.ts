import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readText } from '../dataset/read';
import { applyOp, invertOp } from '../dataset/ops';
import { toJsonl } from '../dataset/export';
import type { Example } from '../dataset/types';
import { diffByIdentity, lineText, parseLine, rawEditToOp } from './raw-sync';

const FIXTURE = new URL('../../../tests/fixtures/raw/mixed.jsonl', import.meta.url);

/** Examples as the importer makes them (parsed with original bytes, or raw). */
function load(text = readFileSync(FIXTURE, 'utf8')): Example[] {
  return readText(text).records.map((r, i) =>
    r.value !== undefined ? { id: `e${i}`, value: r.value, original: r.text, line: r.line } : { id: `e${i}`, raw: r.text, line: r.line },
  );
}

/** Independent oracle: the file text after splicing lines [from, to) for `lines`. */
function spliced(examples: readonly Example[], from: number, to: number, lines: string[]): string[] {
  const all = examples.map(lineText);
  all.splice(from, to - from, ...lines);
  return all;
}

describe('lineText', () => {
  it('shows every example of an imported file as exactly its own line of the file', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    expect(load().map(lineText).join('\n') + '\n').toBe(text);
  });

  it('keeps a pretty-printed record on one line, with the same value', () => {
    const [ex] = load('{\n  "messages": [\n    {"role": "user", "content": "a"}\n  ]\n}\n');
    expect(ex.original).toContain('\n');
    expect(lineText(ex)).not.toMatch(/[\r\n]/);
    expect(JSON.parse(lineText(ex))).toEqual(ex.value);
  });
});

describe('rawEditToOp', () => {
  it('an edited line replaces only that example, keeping its id, and export writes exactly the typed line', () => {
    const old = load();
    const typed = old[4].original!.replace('Yes.', 'Yes, gladly.');
    const op = rawEditToOp(old, 4, 5, [typed]);
    expect(op?.kind).toBe('replace');
    const next = applyOp(old, op!);
    expect(next[4].id).toBe(old[4].id);
    expect(next.slice(0, 4).every((e, i) => e === old[i])).toBe(true);
    expect(toJsonl(next).split('\n')[4]).toBe(typed);
  });

  it('a line that stops being JSON is kept as raw text, and fixing it makes it a parsed example again', () => {
    const old = load();
    const broken = rawEditToOp(old, 0, 1, ['{"messages": [']);
    const mid = applyOp(old, broken!);
    expect(mid[0].value).toBeUndefined();
    expect(mid[0].raw).toBe('{"messages": [');
    const fixed = applyOp(mid, rawEditToOp(mid, 0, 1, ['{"messages": []}'])!);
    expect(fixed[0].value).toEqual({ messages: [] });
    expect(fixed[0].id).toBe(old[0].id);
  });

  it('returns null when the region holds the same text (e.g. a change typed and typed back)', () => {
    const old = load();
    expect(rawEditToOp(old, 1, 4, old.slice(1, 4).map(lineText))).toBeNull();
  });

  it('splitting a line in two keeps the first example and inserts one new example after it', () => {
    const old = load();
    const op = rawEditToOp(old, 2, 3, ['{"messages": []}', '{"prompt": "a", "completion": "b"}'])!;
    const next = applyOp(old, op);
    expect(next).toHaveLength(old.length + 1);
    expect(next[2].id).toBe(old[2].id);
    expect(new Set(next.map((e) => e.id)).size).toBe(next.length);
    expect(next[3].value).toEqual({ prompt: 'a', completion: 'b' });
    expect(next[4]).toBe(old[3]);
  });

  it('deleting lines removes exactly those examples, as one undo step that brings them back', () => {
    const old = load();
    const op = rawEditToOp(old, 1, 3, [])!;
    expect(op.kind).toBe('batch');
    const next = applyOp(old, op);
    expect(next.map((e) => e.id)).toEqual(['e0', 'e3', 'e4']);
    const back = applyOp(next, invertOp(op));
    expect(back.every((e, i) => e === old[i])).toBe(true);
  });

  it('for random multi-line edits the dataset afterwards reads as the edited text, and undo restores every example', () => {
    const old = load();
    const pool = ['{"messages": []}', 'not json', '', ...old.map(lineText)];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 300; round++) {
      const from = rand(old.length + 1);
      const to = from + rand(old.length - from + 1);
      const lines = Array.from({ length: rand(4) }, () => pool[rand(pool.length)]);
      const op = rawEditToOp(old, from, to, lines);
      const next = op ? applyOp(old, op) : old;
      expect(next.map(lineText)).toEqual(spliced(old, from, to, lines));
      if (op) expect(applyOp(next, invertOp(op)).every((e, i) => e === old[i])).toBe(true);
    }
  });
});

describe('parseLine', () => {
  it('a new line gets a fresh id; an edited one keeps id, source line and tags', () => {
    const before: Example = { id: 'x', value: {}, line: 9, meta: { tags: ['keep'] } };
    const edited = parseLine('{"a":1}', before);
    expect(edited).toMatchObject({ id: 'x', line: 9, meta: { tags: ['keep'] }, value: { a: 1 } });
    expect(parseLine('{"a":1}').id).not.toBe('x');
  });
});

describe('diffByIdentity', () => {
  it('finds the region an undo or list action changed, and nothing for the same examples', () => {
    const old = load();
    expect(diffByIdentity(old, old.slice())).toBeNull();
    const moved = applyOp(old, { kind: 'move', from: 1, to: 3 });
    expect(diffByIdentity(old, moved)).toEqual({ from: 1, oldTo: 4, newTo: 4 });
    const removed = applyOp(old, { kind: 'remove', index: 4, examples: [old[4]] });
    expect(diffByIdentity(old, removed)).toEqual({ from: 4, oldTo: 5, newTo: 4 });
  });
});
