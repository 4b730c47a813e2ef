// "Saved" means saved: work another writer could not store is adopted by the saver, stays visible as unsaved
// after later successful writes, is offered for export, and a suspended (outdated) saver never writes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyOp, changedIds, type Op } from '../dataset/ops';
import type { Example } from '../dataset/types';
import { openTunesetDb } from './db';
import { createMemoryBackend } from './kv';
import type { DatasetMeta } from './records';
import { Saver, type SaveRequest } from './saver';

const T0 = '2025-01-01T00:00:00.000Z';
const ex = (id: string, content = id): Example => ({ id, value: { messages: [{ role: 'user', content }] } });
const quota = () => Object.assign(new Error('quota'), { name: 'QuotaExceededError' });

async function setup() {
  const backend = createMemoryBackend();
  const db = openTunesetDb({ backend });
  const examples0 = Array.from({ length: 40 }, (_, i) => ex(`e${i}`));
  const state = {
    meta: { id: 'ds', name: 'Set', model: 'm', format: 'chat', createdAt: T0, updatedAt: T0, exampleIds: examples0.map((e) => e.id) } as DatasetMeta | null,
    examples: examples0 as readonly Example[],
  };
  const written: SaveRequest[] = [];
  const saver = new Saver({
    write: (r) => db.saveChanges(r.datasetId, r),
    getExample: (id) => state.examples.find((e) => e.id === id),
    getExamples: () => state.examples,
    getMeta: () => state.meta,
    onWritten: (r) => written.push(r),
  });
  saver.markLoaded();
  const apply = (op: Op) => {
    state.examples = applyOp(state.examples, op);
    state.meta = { ...state.meta!, exampleIds: state.examples.map((e) => e.id) };
    saver.markChanged(changedIds(op));
  };
  return { backend, db, state, saver, written, apply };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('Saver durability', () => {
  it('a small successful edit after a failed import write does not say "Saved" while the import is still unstored', async () => {
    const t = await setup();
    // The import's own write stored nothing (disk full): the saver takes it over.
    const all = t.state.examples.map((e) => e.id);
    t.backend.failWrites(quota(), 1);
    t.saver.adopt('ds', { upserted: all, removed: [], orderChanged: true }, { meta: t.state.meta!, examples: t.state.examples }, quota());
    expect(typeof t.saver.status).toBe('object');
    expect(t.saver.unsavedCount).toBe(40);
    // A small edit: its write includes everything still missing, and fails again (the disk is still full).
    t.apply({ kind: 'replace', index: 0, before: t.state.examples[0], after: ex('e0', 'edited') });
    await vi.advanceTimersByTimeAsync(1500);
    expect(t.saver.status).not.toBe('saved');
    expect(t.saver.unsavedCount).toBe(40);
    expect(await t.db.loadDataset('ds')).toBeNull();
    // Space freed: the retry stores all of it, then and only then "Saved".
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.saver.status).toBe('saved');
    expect(t.saver.unsavedCount).toBe(0);
    const loaded = await t.db.loadDataset('ds');
    expect(loaded?.examples.map((e) => e.id)).toEqual(all);
    expect(loaded?.examples[0]).toEqual(ex('e0', 'edited'));
  });

  it('unsaved() lists the current values of every change not yet stored, for an export', async () => {
    const t = await setup();
    t.backend.failWrites(quota(), 10);
    t.apply({ kind: 'replace', index: 3, before: t.state.examples[3], after: ex('e3', 'mine') });
    t.apply({ kind: 'insert', index: 0, examples: [ex('new', 'fresh')] });
    await vi.advanceTimersByTimeAsync(400);
    expect(typeof t.saver.status).toBe('object');
    const [work] = t.saver.unsaved();
    expect(work.meta.id).toBe('ds');
    expect(work.examples).toEqual([ex('new', 'fresh'), ex('e3', 'mine')]);
    expect(t.saver.isUnsaved('ds', 'e3')).toBe(true);
    expect(t.saver.isUnsaved('ds', 'e4')).toBe(false);
  });

  it('a suspended saver (an outdated tab) never writes, and its changes stay unsaved', async () => {
    const t = await setup();
    await t.db.createDataset(t.state.meta!, t.state.examples);
    t.saver.suspend();
    t.apply({ kind: 'replace', index: 1, before: t.state.examples[1], after: ex('e1', 'late') });
    await vi.advanceTimersByTimeAsync(10_000);
    await t.saver.flush();
    expect(t.saver.dirty).toBe(true);
    expect((await t.db.loadDataset('ds'))?.examples[1]).toEqual(ex('e1'));
  });

  it('each committed write is reported once, after it committed, with what it wrote', async () => {
    const t = await setup();
    t.backend.failWrites(new Error('hiccup'), 1);
    t.apply({ kind: 'replace', index: 2, before: t.state.examples[2], after: ex('e2', 'x') });
    await vi.advanceTimersByTimeAsync(400);
    expect(t.written).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    expect(t.written).toHaveLength(1);
    expect(t.written[0].upsert).toEqual([ex('e2', 'x')]);
  });

  it('discard() forgets the changes of a dataset deleted elsewhere, so nothing brings it back', async () => {
    const t = await setup();
    t.apply({ kind: 'replace', index: 0, before: t.state.examples[0], after: ex('e0', 'y') });
    t.saver.discard('ds');
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.saver.status).toBe('saved');
    expect(await t.db.loadDataset('ds')).toBeNull();
  });
});
