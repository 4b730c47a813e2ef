// Another tab's stored change merges into this tab's list: its values win unless this tab's change is not stored
// yet; deletions apply; unchanged examples keep their identity; the op is one undoable step.
import { describe, expect, it } from 'vitest';
import { applyOp, invertOp } from '../dataset/ops';
import type { Example } from '../dataset/types';
import { mergeRemote } from './remote-merge';

const ex = (id: string, content = id): Example => ({ id, value: { messages: [{ role: 'user', content }] } });
const ids = (list: readonly Example[]) => list.map((e) => e.id);
const none = () => false;

describe('mergeRemote', () => {
  const local = [ex('a'), ex('b'), ex('c'), ex('d')];

  it("takes another tab's edit of an example and keeps every other example's identity", () => {
    const m = mergeRemote(local, { upsert: [ex('b', 'theirs')], remove: [] }, none);
    const next = applyOp(local, m.op!);
    expect(next[1]).toEqual(ex('b', 'theirs'));
    expect(next[0]).toBe(local[0]);
    expect(next[2]).toBe(local[2]);
    expect(m.replaced).toEqual(['b']);
    // Undo restores this tab's text.
    expect(applyOp(next, invertOp(m.op!))).toEqual(local);
  });

  it("keeps this tab's own change that is not stored yet (it is the later write)", () => {
    const mine = [local[0], ex('b', 'mine, unsaved'), local[2], local[3]];
    const m = mergeRemote(mine, { upsert: [ex('b', 'theirs')], remove: [] }, (id) => id === 'b');
    expect(m.op).toBeNull();
  });

  it('applies a deletion even of an example this tab is editing, and undo brings it back', () => {
    const m = mergeRemote(local, { order: ['a', 'c', 'd'], upsert: [], remove: ['b'] }, (id) => id === 'b');
    const next = applyOp(local, m.op!);
    expect(ids(next)).toEqual(['a', 'c', 'd']);
    expect(m.removed).toEqual(['b']);
    expect(ids(applyOp(next, invertOp(m.op!)))).toEqual(['a', 'b', 'c', 'd']);
  });

  it("inserts another tab's new examples where its order puts them and keeps this tab's unsaved additions", () => {
    const mine = [local[0], ex('mine'), local[1], local[2], local[3]];
    const m = mergeRemote(mine, { order: ['a', 'b', 'x', 'c', 'd'], upsert: [ex('x', 'new there')], remove: [] }, (id) => id === 'mine');
    expect(ids(applyOp(mine, m.op!))).toEqual(['a', 'mine', 'b', 'x', 'c', 'd']);
  });

  it('follows a reorder made in another tab', () => {
    const m = mergeRemote(local, { order: ['d', 'c', 'b', 'a'], upsert: [], remove: [] }, none);
    const next = applyOp(local, m.op!);
    expect(ids(next)).toEqual(['d', 'c', 'b', 'a']);
    expect(next[0]).toBe(local[3]);
  });

  it('reports ids in the order it has no value for, so the caller reads them from storage', () => {
    const m = mergeRemote(local, { order: ['a', 'b', 'c', 'd', 'z'], upsert: [], remove: [] }, none);
    expect(m.missing).toEqual(['z']);
  });

  it('does nothing when the stored values equal what this tab shows (its own write echoed back)', () => {
    expect(mergeRemote(local, { upsert: [ex('a'), ex('c')], remove: [] }, none).op).toBeNull();
  });
});
