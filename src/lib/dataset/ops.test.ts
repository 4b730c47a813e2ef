import { describe, expect, it } from 'vitest';
import { applyOp, changedIds, invertOp, newExampleId, type Op } from './ops';
import type { Example } from './types';
import { mulberry32 } from './random';

/** Seeded, so every failing sequence can be replayed from its seed. */
const prng = mulberry32;

let serial = 0;
function ex(id = `e${++serial}`, text = id): Example {
  return Object.freeze({ id, value: { messages: [{ role: 'user', content: text }] } });
}

function list(n: number): Example[] {
  return Array.from({ length: n }, (_, i) => ex(`base${i}`));
}

/** A random op that fits `cur` (any kind, batches nested up to `depth`). */
function randomOp(rand: () => number, cur: readonly Example[], depth = 1): Op {
  const int = (n: number) => Math.floor(rand() * n);
  const r = rand();
  if (r < 0.3 && cur.length > 0) {
    const index = int(cur.length);
    // Mostly same-id edits; sometimes the id changes too (e.g. "replace with pasted example").
    const after = rand() < 0.8 ? ex(cur[index].id, `edit${++serial}`) : ex();
    return { kind: 'replace', index, before: cur[index], after };
  }
  if (r < 0.5) {
    return { kind: 'insert', index: int(cur.length + 1), examples: Array.from({ length: 1 + int(3) }, () => ex()) };
  }
  if (r < 0.7 && cur.length > 0) {
    const index = int(cur.length);
    const n = 1 + int(Math.min(3, cur.length - index));
    return { kind: 'remove', index, examples: cur.slice(index, index + n) };
  }
  if (r < 0.85 && cur.length > 0) {
    const count = 1 + int(Math.min(3, cur.length));
    return { kind: 'move', from: int(cur.length - count + 1), to: int(cur.length - count + 1), count };
  }
  if (depth > 0) {
    const ops: Op[] = [];
    let work = cur;
    for (let i = 0, n = 1 + int(4); i < n; i++) {
      const op = randomOp(rand, work, depth - 1);
      ops.push(op);
      work = applyOp(work, op);
    }
    return { kind: 'batch', ops, label: 'bulk' };
  }
  return { kind: 'insert', index: 0, examples: [ex()] };
}

function expectSameItems(actual: readonly Example[], expected: readonly Example[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((item, i) => expect(item).toBe(expected[i]));
}

describe('applyOp / invertOp', () => {
  it('undo after any sequence of ops restores the exact original array (same objects, same order)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed);
      const original = Object.freeze(list(Math.floor(rand() * 8)));
      let cur: readonly Example[] = original;
      const applied: Op[] = [];
      for (let step = 0; step < 25; step++) {
        const op = randomOp(rand, cur);
        cur = Object.freeze(applyOp(cur, op)); // frozen: any in-place mutation would throw
        applied.push(op);
      }
      for (const op of applied.reverse()) cur = applyOp(cur, invertOp(op));
      expectSameItems(cur, original);
    }
  });

  it('redoing undone ops reaches the same final array', () => {
    const rand = prng(7);
    let cur: readonly Example[] = list(10);
    const ops: Op[] = [];
    for (let i = 0; i < 30; i++) {
      const op = randomOp(rand, cur);
      ops.push(op);
      cur = applyOp(cur, op);
    }
    const final = cur;
    for (const op of [...ops].reverse()) cur = applyOp(cur, invertOp(op));
    for (const op of ops) cur = applyOp(cur, op);
    expectSameItems(cur, final);
  });

  it('a replace keeps every other example as the same object', () => {
    const before = list(50);
    const after = applyOp(before, { kind: 'replace', index: 20, before: before[20], after: ex('base20', 'new') });
    after.forEach((item, i) => (i === 20 ? expect(item).not.toBe(before[i]) : expect(item).toBe(before[i])));
    expect(before[20].value).toEqual({ messages: [{ role: 'user', content: 'base20' }] });
  });

  it('a move puts the moved block at `to` in the final list', () => {
    const before = list(6); // base0..base5
    const after = applyOp(before, { kind: 'move', from: 1, to: 3, count: 2 });
    expect(after.map((e) => e.id)).toEqual(['base0', 'base3', 'base4', 'base1', 'base2', 'base5']);
  });

  it('a stale op throws a clear error instead of silently editing the wrong example', () => {
    const before = list(3);
    const stale = ex('base1', 'someone else changed this');
    expect(() => applyOp(before, { kind: 'replace', index: 1, before: stale, after: ex('base1') })).toThrow(/not the op's `before`/);
    expect(() => applyOp(before, { kind: 'remove', index: 0, examples: [before[1]] })).toThrow(/not the one to remove/);
    expect(() => applyOp(before, { kind: 'insert', index: 4, examples: [ex()] })).toThrow(/outside 0\.\.3/);
    expect(() => applyOp(before, { kind: 'move', from: 2, to: 0, count: 2 })).toThrow(/outside/);
  });

  it('inserting 100,000 examples at once does not overflow the stack', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ex(`m${i}`));
    const after = applyOp(list(2), { kind: 'insert', index: 1, examples: many });
    expect(after.length).toBe(100_002);
    expect(after[1]).toBe(many[0]);
    expect(after[100_001].id).toBe('base1');
  });

  it('a batch of 10,000 replaces on 100,000 examples changes exactly those examples', () => {
    const big = list(100_000);
    const ops: Op[] = [];
    for (let i = 0; i < 100_000; i += 10) ops.push({ kind: 'replace', index: i, before: big[i], after: ex(big[i].id, 'bulk') });
    const after = applyOp(big, { kind: 'batch', ops });
    expect(after.length).toBe(100_000);
    after.forEach((item, i) => (i % 10 === 0 ? expect(item).toBe((ops[i / 10] as { after: Example }).after) : expect(item).toBe(big[i])));
  });
});

describe('changedIds', () => {
  it('writing only the changed ids keeps a key-value mirror equal to the list, for any op sequence', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed * 31);
      let cur: readonly Example[] = list(Math.floor(rand() * 8));
      const stored = new Map(cur.map((e) => [e.id, e]));
      let storedOrder = cur.map((e) => e.id);
      for (let step = 0; step < 20; step++) {
        const op = randomOp(rand, cur);
        const next = applyOp(cur, op);
        const { upserted, removed, orderChanged } = changedIds(op);
        const byId = new Map(next.map((e) => [e.id, e]));
        expect(upserted.filter((id) => removed.includes(id))).toEqual([]);
        for (const id of upserted) stored.set(id, byId.get(id)!);
        for (const id of removed) stored.delete(id);
        const nextOrder = next.map((e) => e.id);
        if (orderChanged) storedOrder = nextOrder;
        expect(storedOrder).toEqual(nextOrder);
        expect(stored.size).toBe(next.length);
        for (const e of next) expect(stored.get(e.id)).toBe(e);
        cur = next;
      }
    }
  });

  it('a plain edit of one example does not rewrite the order', () => {
    const before = list(3);
    expect(changedIds({ kind: 'replace', index: 0, before: before[0], after: ex('base0', 'x') })).toEqual({
      upserted: ['base0'],
      removed: [],
      orderChanged: false,
    });
  });
});

describe('newExampleId', () => {
  it('never repeats within 10,000 calls', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newExampleId()));
    expect(ids.size).toBe(10_000);
  });
});
