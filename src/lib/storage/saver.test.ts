import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyOp, changedIds, type Op } from '../dataset/ops';
import type { Example } from '../dataset/types';
import { openTunesetDb } from './db';
import { createMemoryBackend } from './kv';
import type { DatasetMeta } from './records';
import { Saver, type SaveRequest, type SaveStatus, type SaverEventTarget } from './saver';

const T0 = '2025-01-01T00:00:00.000Z';

function ex(id: string, content = id): Example {
  return { id, value: { messages: [{ role: 'user', content }] } };
}

/** A fake window: records listeners, dispatches events, has a settable visibility. */
class FakeWindow implements SaverEventTarget {
  listeners = new Map<string, Set<() => void>>();
  document = {
    visibilityState: 'visible',
    addEventListener: (t: string, f: () => void) => this.addEventListener(`doc:${t}`, f),
    removeEventListener: (t: string, f: () => void) => this.removeEventListener(`doc:${t}`, f),
  };
  addEventListener(type: string, f: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(f);
  }
  removeEventListener(type: string, f: () => void) {
    this.listeners.get(type)?.delete(f);
  }
  dispatch(type: string) {
    for (const f of this.listeners.get(type) ?? []) f();
  }
  count() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** A workspace in miniature: the in-memory dataset, a real db over a memory backend, a recording saver. */
async function setup(opts: { examples?: Example[]; loaded?: boolean } = {}) {
  const backend = createMemoryBackend();
  const db = openTunesetDb({ backend });
  const examples0 = opts.examples ?? [ex('a'), ex('b'), ex('c')];
  const state = {
    meta: { id: 'ds', name: 'Set', model: 'm', format: 'chat', createdAt: T0, updatedAt: T0, exampleIds: examples0.map((e) => e.id) } as DatasetMeta | null,
    examples: examples0 as readonly Example[],
  };
  await db.createDataset(state.meta!, state.examples);
  const writes: SaveRequest[] = [];
  const statuses: SaveStatus[] = [];
  const saver = new Saver({
    write: (r) => {
      writes.push(r);
      return db.saveChanges(r.datasetId, r);
    },
    getExample: (id) => state.examples.find((e) => e.id === id),
    getMeta: () => state.meta,
    onStatus: (s) => statuses.push(s),
  });
  if (opts.loaded !== false) saver.markLoaded();
  const apply = (op: Op) => {
    state.examples = applyOp(state.examples, op);
    state.meta = { ...state.meta!, exampleIds: state.examples.map((e) => e.id) };
    saver.markChanged(changedIds(op));
  };
  const edit = (index: number, content: string) => {
    const before = state.examples[index];
    apply({ kind: 'replace', index, before, after: ex(before.id, content) });
  };
  return { backend, db, state, saver, writes, statuses, apply, edit };
}

/** Lets pending promise callbacks (the fake store's async commit) run without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Saver', () => {
  it('close() before the initial load has finished never writes', async () => {
    const t = await setup({ loaded: false });
    const win = new FakeWindow();
    t.saver.attach(win);
    t.state.examples = []; // e.g. the state is still empty while loading
    t.state.meta = { ...t.state.meta!, exampleIds: [] };
    t.saver.markChanged({ upserted: [], removed: ['a', 'b', 'c'], orderChanged: true });
    await vi.advanceTimersByTimeAsync(5000); // the load is slow: debounce and max-wait pass
    win.dispatch('pagehide');
    win.dispatch('blur');
    await t.saver.flush();
    await t.saver.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.writes).toEqual([]);
    expect((await t.db.loadDataset('ds'))?.examples.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(win.count()).toBe(0);
  });

  it('ten edits within the debounce write the example once, with its latest value', async () => {
    const t = await setup();
    for (let i = 1; i <= 10; i++) {
      t.edit(1, `draft ${i}`);
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(t.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(t.writes).toHaveLength(1);
    expect(t.writes[0].upsert).toEqual([ex('b', 'draft 10')]);
    expect(t.writes[0].meta).not.toHaveProperty('exampleIds'); // a plain edit does not rewrite the order
    expect((await t.db.loadDataset('ds'))?.examples[1]).toEqual(ex('b', 'draft 10'));
    expect(t.saver.status).toBe('saved');
    expect(t.statuses).toEqual(['dirty', 'saving', 'saved']);
  });

  it('continuous typing is still saved at least every 2 seconds', async () => {
    const t = await setup();
    for (let i = 0; i < 25; i++) {
      t.edit(0, `typing ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(t.writes.length).toBeGreaterThanOrEqual(1);
    expect(t.writes[0].upsert[0]).toEqual(ex('a', 'typing 19'));
  });

  it('a failed write stays dirty and is retried', async () => {
    const t = await setup();
    t.backend.failWrites(new Error('disk hiccup'), 2);
    t.edit(0, 'important');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.writes).toHaveLength(1);
    expect(t.saver.status).toEqual({ error: expect.stringMatching(/disk hiccup.*still in this tab/) });
    expect(t.saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(1000); // first retry fails too
    expect(t.writes).toHaveLength(2);
    t.edit(2, 'edited while failing');
    await vi.advanceTimersByTimeAsync(1999); // backoff doubled: nothing yet
    expect(t.writes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.writes).toHaveLength(3);
    expect(t.saver.status).toBe('saved');
    expect(t.saver.dirty).toBe(false);
    const loaded = await t.db.loadDataset('ds');
    expect(loaded?.examples).toEqual([ex('a', 'important'), ex('b'), ex('c', 'edited while failing')]);
  });

  it('a full disk is reported in plain words', async () => {
    const t = await setup();
    t.backend.failWrites(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
    t.edit(0, 'x');
    await t.saver.flush();
    expect(t.saver.status).toEqual({ error: expect.stringMatching(/storage for this site is full/) });
  });

  it('a hidden tab flushes immediately', async () => {
    const t = await setup();
    const win = new FakeWindow();
    t.saver.attach(win);
    t.edit(0, 'before hiding');
    win.dispatch('doc:visibilitychange'); // still visible: no flush
    await settle();
    expect(t.writes).toEqual([]);
    win.document.visibilityState = 'hidden';
    win.dispatch('doc:visibilitychange');
    expect(t.writes).toHaveLength(1); // the write started synchronously, inside the event
    await settle();
    expect((await t.db.loadDataset('ds'))?.examples[0]).toEqual(ex('a', 'before hiding'));
  });

  it('closing the page (pagehide) or leaving the window (blur) flushes immediately', async () => {
    const t = await setup();
    const win = new FakeWindow();
    t.saver.attach(win);
    t.edit(0, 'one');
    win.dispatch('pagehide');
    expect(t.writes).toHaveLength(1);
    await settle();
    t.edit(0, 'two');
    win.dispatch('blur');
    expect(t.writes).toHaveLength(2);
  });

  it('after any edits and a flush, reloading gives exactly the in-memory dataset', async () => {
    const t = await setup();
    const fresh = (id: string) => ex(id, `new ${id}`);
    t.apply({ kind: 'insert', index: 1, examples: [fresh('n1'), fresh('n2')] });
    t.edit(0, 'edited a');
    t.apply({ kind: 'remove', index: 2, examples: [t.state.examples[2]] }); // n2: inserted then removed
    t.apply({ kind: 'move', from: 0, to: 3 });
    await vi.advanceTimersByTimeAsync(100);
    t.apply({ kind: 'remove', index: 0, examples: [t.state.examples[0]] });
    await t.saver.flush();
    const loaded = await t.db.loadDataset('ds');
    expect(loaded?.examples).toEqual(t.state.examples);
    expect(loaded?.problems).toEqual([]);
    expect(t.writes.flatMap((w) => w.upsert.map((e) => e.id))).not.toContain('n2');
  });

  it('edits made while a write is running are written next, not lost', async () => {
    const t = await setup();
    t.edit(0, 'first');
    const flushing = t.saver.flush();
    t.edit(1, 'during write');
    await flushing;
    await vi.advanceTimersByTimeAsync(300);
    expect((await t.db.loadDataset('ds'))?.examples.slice(0, 2)).toEqual([ex('a', 'first'), ex('b', 'during write')]);
    expect(t.saver.status).toBe('saved');
  });

  it('edits whose write failed are still saved after another dataset is opened', async () => {
    const t = await setup();
    t.backend.failWrites(new Error('busy'));
    t.edit(0, 'keep me');
    await t.saver.flush();
    expect(t.saver.dirty).toBe(true);
    await t.db.createDataset({ ...t.state.meta!, id: 'other', exampleIds: ['z'] }, [ex('z')]);
    t.state.meta = { ...t.state.meta!, id: 'other', exampleIds: ['z'] }; // switch datasets
    t.state.examples = [ex('z')];
    await vi.advanceTimersByTimeAsync(1000);
    expect((await t.db.loadDataset('ds'))?.examples[0]).toEqual(ex('a', 'keep me'));
    expect((await t.db.loadDataset('other'))?.examples).toEqual([ex('z')]);
    expect(t.saver.status).toBe('saved');
  });

  it('a bulk edit of many examples uses getExamples() once instead of a lookup per id', async () => {
    const examples = Array.from({ length: 2000 }, (_, i) => ex(`e${i}`));
    const state = { examples: examples as readonly Example[] };
    const meta: DatasetMeta = { id: 'ds', name: 'n', model: 'm', format: 'chat', createdAt: T0, updatedAt: T0, exampleIds: examples.map((e) => e.id) };
    const getExample = vi.fn((id: string) => state.examples.find((e) => e.id === id));
    const writes: SaveRequest[] = [];
    const saver = new Saver({ write: async (r) => void writes.push(r), getExample, getExamples: () => state.examples, getMeta: () => meta });
    saver.markLoaded();
    const ops: Op[] = examples.map((e, i) => ({ kind: 'replace', index: i, before: e, after: ex(e.id, 'bulk') }));
    const op: Op = { kind: 'batch', ops, label: 'bulk' };
    state.examples = applyOp(state.examples, op);
    saver.markChanged(changedIds(op));
    await saver.flush();
    expect(getExample).not.toHaveBeenCalled();
    expect(writes[0].upsert).toHaveLength(2000);
    expect(writes[0].upsert.every((e) => e === state.examples[Number(e.id.slice(1))])).toBe(true);
  });
});
