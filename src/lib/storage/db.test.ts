import { describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { openTunesetDb } from './db';
import { compareKeys, createMemoryBackend } from './kv';
import { datasetKey, exampleKey, orderKey, packKey, packTokenCounts, unpackTokenCounts, UI_KEY, type DatasetMeta } from './records';
import { renderAppIssue } from '../i18n/messages/index';

const T0 = '2025-01-01T00:00:00.000Z';

function ex(id: string, content = id): Example {
  return {
    id,
    value: {
      messages: [
        { role: 'user', content },
        { role: 'assistant', content: 'ok' },
      ],
    },
  };
}

function meta(id: string, examples: Example[], extra: Partial<DatasetMeta> = {}): DatasetMeta {
  return {
    id,
    name: `Set ${id}`,
    model: 'gpt-4o-mini-2024-07-18',
    format: 'chat',
    createdAt: T0,
    updatedAt: T0,
    exampleIds: examples.map((e) => e.id),
    ...extra,
  };
}

function setup() {
  const backend = createMemoryBackend();
  const db = openTunesetDb({ backend, now: () => '2025-06-01T00:00:00.000Z' });
  return { backend, db };
}

describe('db', () => {
  it('stored token counts come back for the same dataset and are deleted with it', async () => {
    const { db } = setup();
    const examples = [ex('a'), ex('b')];
    await db.createDataset(meta('ds', examples), examples);
    const cache = packTokenCounts('o200k_base/gpt-4o', [
      ['fpA', [20, 3, 3, 0, 8, 9]],
      ['fpB', [7, 0, 0, 0, 4]],
    ]);
    await db.setTokenCache('ds', cache);
    const back = await db.getTokenCache('ds');
    expect(back).toEqual(cache);
    expect([...unpackTokenCounts(back!)]).toEqual([
      ['fpA', [20, 3, 3, 0, 8, 9]],
      ['fpB', [7, 0, 0, 0, 4]],
    ]);
    expect(await db.getTokenCache('other')).toBeNull();
    await db.deleteDataset('ds');
    expect(await db.getTokenCache('ds')).toBeNull();
  });

  it('stored token counts whose packed runs do not add up are ignored (recounted), not misread', () => {
    const cache = packTokenCounts('o200k_base/gpt-4o', [['fpA', [20, 3, 3, 0, 8, 9]]]);
    expect(unpackTokenCounts({ ...cache, data: cache.data.slice(0, 4) }).size).toBe(0);
    expect(unpackTokenCounts({ ...cache, keys: ['fpA', 'fpB'] }).size).toBe(0);
    expect(unpackTokenCounts({ ...cache, data: new Int32Array([...cache.data, 0]) }).size).toBe(0);
    expect(unpackTokenCounts(cache).get('fpA')).toEqual([20, 3, 3, 0, 8, 9]);
  });

  it('a created dataset loads back with the same examples in the same order and no problems', async () => {
    const { db } = setup();
    const examples = [ex('b'), ex('a'), { id: 'c', raw: '{"messages": [', line: 3 }, ex('d')];
    await db.createDataset(meta('ds1', examples, { sourceName: 'train.jsonl' }), examples);
    const loaded = await db.loadDataset('ds1');
    expect(loaded?.problems).toEqual([]);
    expect(loaded?.examples).toEqual(examples);
    expect(loaded?.meta).toEqual(meta('ds1', examples, { sourceName: 'train.jsonl' }));
    expect(await db.loadDataset('nope')).toBeNull();
  });

  it('saving one edited example writes that example and the header, not the other 999', async () => {
    const { db, backend } = setup();
    const examples = Array.from({ length: 1000 }, (_, i) => ex(`e${i}`));
    await db.createDataset(meta('ds', examples), examples);
    const before = new Map(backend.data);
    const { exampleIds: _ids, ...header } = meta('ds', examples, { updatedAt: '2025-02-01T00:00:00.000Z' });
    await db.saveChanges('ds', { meta: header, upsert: [ex('e500', 'edited')], remove: [] });
    const changed = [...backend.data.keys()].filter((k) => backend.data.get(k) !== before.get(k));
    expect(changed.sort()).toEqual([JSON.stringify(datasetKey('ds')), JSON.stringify(exampleKey('ds', 'e500'))].sort());
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples[500]).toEqual(ex('e500', 'edited'));
    expect(loaded?.meta.updatedAt).toBe('2025-02-01T00:00:00.000Z');
    expect((await db.listDatasets())[0].count).toBe(1000); // count kept although the order was not rewritten
  });

  it('inserts, removals and a new order survive a reload', async () => {
    const { db } = setup();
    const examples = [ex('a'), ex('b'), ex('c')];
    await db.createDataset(meta('ds', examples), examples);
    const next = [ex('c'), ex('new'), ex('a')];
    await db.saveChanges('ds', { meta: meta('ds', next), upsert: [ex('new')], remove: ['b'] });
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples).toEqual(next);
    expect(loaded?.problems).toEqual([]);
    expect((await db.listDatasets())[0].count).toBe(3);
  });

  it('a corrupt example record is reported and kept as a raw example in place; the rest loads', async () => {
    const { db, backend } = setup();
    const examples = [ex('a'), ex('b'), ex('c')];
    await db.createDataset(meta('ds', examples), examples);
    await backend.run('readwrite', async (tx) => tx.put(exampleKey('ds', 'b'), { v: 1, example: { id: 'b', line: 'not a number', value: { x: 1 } } }));
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(loaded?.examples[0]).toEqual(ex('a'));
    expect(loaded?.examples[1]).toEqual({ id: 'b', raw: '{"x":1}' });
    expect(loaded?.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'stored_example_unreadable', exampleId: 'b' })]);
    expect(renderAppIssue(loaded!.problems[0], 'en')).toMatch(/raw record: fix it or delete it/);
  });

  it('a record written by a newer version is reported as such, not as a crash', async () => {
    const { db, backend } = setup();
    const examples = [ex('a'), ex('b')];
    await db.createDataset(meta('ds', examples), examples);
    await backend.run('readwrite', async (tx) => tx.put(exampleKey('ds', 'a'), { v: 2, example: { id: 'a', shape: 'new' } }));
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples[1]).toEqual(ex('b'));
    expect(loaded?.problems[0]).toMatchObject({ code: 'stored_example_newer', exampleId: 'a' });
    expect(renderAppIssue(loaded!.problems[0], 'en')).toMatch(/newer version/);
  });

  it('an example saved but missing from the order (a save cut off between writes) is recovered at the end', async () => {
    const { db, backend } = setup();
    const examples = [ex('a'), ex('b')];
    await db.createDataset(meta('ds', examples), examples);
    await backend.run('readwrite', async (tx) => {
      tx.put(exampleKey('ds', 'orphan'), { v: 1, example: ex('orphan') });
      tx.put(orderKey('ds'), { v: 1, ids: ['b', 'gone', 'a'] });
    });
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples.map((e) => e.id)).toEqual(['b', 'a', 'orphan']);
    expect(loaded?.meta.exampleIds).toEqual(['b', 'a', 'orphan']);
    expect(loaded?.problems.map((p) => p.code).sort()).toEqual(['stored_example_missing', 'stored_example_unlisted']);
  });

  it('a dataset with an unreadable header is still listed and opens with its examples', async () => {
    const { db, backend } = setup();
    const examples = [ex('a')];
    await db.createDataset(meta('ds', examples), examples);
    await backend.run('readwrite', async (tx) => tx.put(datasetKey('ds'), 'garbage'));
    expect((await db.listDatasets()).map((d) => [d.id, d.name])).toEqual([['ds', 'Recovered dataset']]);
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples).toEqual(examples);
    expect(loaded?.problems.map((p) => p.code)).toEqual(['stored_dataset_unreadable']);
  });

  it('lists datasets most recently changed first, without their id lists', async () => {
    const { db } = setup();
    await db.createDataset(meta('old', [ex('x')], { updatedAt: '2024-01-01T00:00:00.000Z' }), [ex('x')]);
    await db.createDataset(meta('new', [], { updatedAt: '2025-03-01T00:00:00.000Z' }), []);
    const list = await db.listDatasets();
    expect(list.map((d) => [d.id, d.count])).toEqual([
      ['new', 0],
      ['old', 1],
    ]);
    expect(list[0]).not.toHaveProperty('exampleIds');
  });

  it('deleting a dataset removes all its records and none of another dataset whose id shares a prefix', async () => {
    const { db, backend } = setup();
    await db.createDataset(meta('a', [ex('1'), ex('2')]), [ex('1'), ex('2')]);
    await db.createDataset(meta('ab', [ex('1')]), [ex('1')]);
    await db.deleteDataset('a');
    expect(await db.loadDataset('a')).toBeNull();
    expect((await db.loadDataset('ab'))?.examples).toEqual([ex('1')]);
    expect([...backend.data.values()].every((e) => Array.isArray(e.key) && e.key[1] === 'ab')).toBe(true);
  });

  it('a duplicate is independent: editing it leaves the original unchanged', async () => {
    const { db } = setup();
    const examples = [ex('a'), ex('b')];
    await db.createDataset(meta('src', examples), examples);
    const copy = await db.duplicateDataset('src', 'dst', 'Copy');
    expect(copy).toMatchObject({ id: 'dst', name: 'Copy', count: 2, createdAt: '2025-06-01T00:00:00.000Z' });
    await db.saveChanges('dst', { upsert: [ex('a', 'changed')], remove: ['b'] });
    expect((await db.loadDataset('src'))?.examples).toEqual(examples);
    expect((await db.loadDataset('dst'))?.examples.map((e) => e.value)).toEqual([ex('a', 'changed').value]);
    expect(await db.duplicateDataset('missing', 'x', 'y')).toBeNull();
  });

  it('UI state merges patches and an unreadable one falls back to empty', async () => {
    const { db, backend } = setup();
    expect(await db.getUiState()).toEqual({});
    await db.setUiState({ lastDatasetId: 'ds', scrollTop: 120 });
    await db.setUiState({ selectedExampleId: 'e3' });
    expect(await db.getUiState()).toEqual({ lastDatasetId: 'ds', scrollTop: 120, selectedExampleId: 'e3' });
    await backend.run('readwrite', async (tx) => tx.put(UI_KEY, { v: 1, ui: { scrollTop: 'far' } }));
    expect(await db.getUiState()).toEqual({});
  });

  it('a stored field of an unexpected type is dropped, not the record: UI state, saved views, review status', async () => {
    const { db, backend } = setup();
    await backend.run('readwrite', async (tx) => tx.put(UI_KEY, { v: 1, ui: { lastDatasetId: 'ds', scrollTop: 'far', view: 3, futureKey: [1] } }));
    expect(await db.getUiState()).toEqual({ lastDatasetId: 'ds', futureKey: [1] });
    const examples = [{ ...ex('a'), meta: { status: 'maybe', tags: ['t'], editedAt: 5 } }, ex('b')] as Example[];
    await db.createDataset(meta('ds', examples, { views: 'not a list' as never }), examples);
    const loaded = await db.loadDataset('ds');
    expect(loaded?.meta.name).toBe('Set ds'); // the header still reads: not a "Recovered dataset"
    expect(loaded?.meta.views).toBeUndefined();
    expect(loaded?.examples[0].meta).toEqual({ tags: ['t'], editedAt: 5 });
    expect(loaded?.problems).toEqual([]);
  });

  it('a failed write changes nothing (one transaction per save)', async () => {
    const { db, backend } = setup();
    const examples = [ex('a'), ex('b')];
    await db.createDataset(meta('ds', examples), examples);
    backend.failWrites(new Error('disk'));
    await expect(db.saveChanges('ds', { meta: meta('ds', [ex('a')]), upsert: [ex('a', 'x')], remove: ['b'] })).rejects.toThrow('disk');
    expect((await db.loadDataset('ds'))?.examples).toEqual(examples);
  });
});

describe('compareKeys (the memory backend orders keys as IndexedDB does)', () => {
  it('sorts strings before arrays and arrays element by element, shorter prefix first', () => {
    const keys = [['example', 'a', 'z'], 'ui', ['example', 'a'], ['dataset', 'b'], ['example', 'ab', 'a'], ['example', 'a', 'b']];
    expect([...keys].sort(compareKeys)).toEqual([
      'ui',
      ['dataset', 'b'],
      ['example', 'a'],
      ['example', 'a', 'b'],
      ['example', 'a', 'z'],
      ['example', 'ab', 'a'],
    ]);
  });
});

describe('stored form of untouched examples', () => {
  it('an untouched imported example is stored as its source text only and loads back identical', async () => {
    const { db, backend } = setup();
    const original = '{"messages": [{"role": "user", "content": "hi"},  {"role": "assistant", "content": "yo"}], "x": 1}';
    const untouched: Example = { id: 'u', value: JSON.parse(original), original, line: 4 };
    const edited: Example = { id: 'e', value: { messages: [{ role: 'user', content: 'edited' }] } };
    await db.createDataset(meta('ds', [untouched, edited]), [untouched, edited]);
    const stored = backend.data.get(JSON.stringify(['example', 'ds', 'u']))!.value as { example: Record<string, unknown> };
    expect(Object.keys(stored.example).sort()).toEqual(['id', 'line', 'original']);
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples).toEqual([untouched, edited]);
    expect(loaded?.problems).toEqual([]);
  });
});

describe('packs (a big import stored in few records)', () => {
  /** A dataset whose first example is written by createDataset, then the full order, then the rest as two packs, as #storeNew does. */
  async function packed() {
    const s = setup();
    const examples = Array.from({ length: 7 }, (_, i) => ({ ...ex(`e${i}`), original: JSON.stringify(ex(`e${i}`).value), line: i + 1 }));
    await s.db.createDataset(meta('ds', examples), examples.slice(0, 1));
    await s.db.saveChanges('ds', { meta: meta('ds', examples), upsert: [], remove: [] }); // the full order
    await s.db.savePack('ds', 0, examples.slice(1, 4));
    await s.db.savePack('ds', 1, examples.slice(4));
    return { ...s, examples };
  }

  it('loads back every example in order, each pack being a single record', async () => {
    const { db, backend, examples } = await packed();
    const loaded = await db.loadDataset('ds');
    expect(loaded?.problems).toEqual([]);
    expect(loaded?.examples).toEqual(examples);
    expect([...backend.data.values()].filter((e) => e.key[0] === 'pack')).toHaveLength(2);
  });

  it('an edited example (its own record) wins over its packed copy, and a deleted one stays deleted', async () => {
    const { db, examples } = await packed();
    const ids = examples.map((e) => e.id).filter((id) => id !== 'e5');
    const { exampleIds: _ids, ...header } = meta('ds', examples);
    await db.saveChanges('ds', { meta: { ...header, exampleIds: ids }, upsert: [ex('e2', 'edited')], remove: ['e5'] });
    const loaded = await db.loadDataset('ds');
    expect(loaded?.problems).toEqual([]);
    expect(loaded?.examples.map((e) => e.id)).toEqual(ids);
    expect(loaded?.examples[2]).toEqual(ex('e2', 'edited'));
  });

  it('a corrupt pack entry is kept as a raw example in place; an unreadable pack is reported and the rest loads', async () => {
    const { db, backend } = await packed();
    await backend.run('readwrite', async (tx) => {
      tx.put(packKey('ds', 0), {
        v: 1,
        examples: [{ id: 'e1', value: 1, line: 'two' }, ...((await tx.get(packKey('ds', 0))) as { examples: unknown[] }).examples.slice(1)],
      });
      tx.put(packKey('ds', 1), 'garbage');
    });
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples.map((e) => e.id)).toEqual(['e0', 'e1', 'e2', 'e3']);
    expect(loaded?.examples[1]).toEqual({ id: 'e1', raw: '1' }); // its stored value, shown as text
    expect(loaded?.problems.map((p) => p.code).sort()).toEqual(['stored_example_missing', 'stored_example_unreadable', 'stored_pack_unreadable']);
  });

  it('duplicating copies the packed examples; deleting removes the packs', async () => {
    const { db, backend, examples } = await packed();
    await db.duplicateDataset('ds', 'copy', 'Copy');
    expect((await db.loadDataset('copy'))?.examples).toEqual(examples);
    await db.deleteDataset('ds');
    expect(await db.loadDataset('ds')).toBeNull();
    expect([...backend.data.values()].filter((e) => e.key[0] === 'pack').map((e) => e.key[1])).toEqual(['copy', 'copy']);
    expect((await db.loadDataset('copy'))?.examples).toEqual(examples);
  });

  it('with an unreadable order, packed examples still load (pack order first)', async () => {
    const { db, backend, examples } = await packed();
    await backend.run('readwrite', async (tx) => tx.put(orderKey('ds'), 'garbage'));
    const loaded = await db.loadDataset('ds');
    expect(loaded?.examples.map((e) => e.id).sort()).toEqual(examples.map((e) => e.id).sort());
    expect(loaded?.problems.map((p) => p.code)).toEqual(['stored_order_unreadable']);
  });

  describe('compaction', () => {
    const packBytes = (backend: ReturnType<typeof createMemoryBackend>) =>
      [...backend.data.values()].filter((e) => e.key[0] === 'pack').reduce((n, e) => n + JSON.stringify(e.value).length, 0);

    it('drops deleted and overridden entries from the packs, and the dataset loads back the same', async () => {
      const { db, backend, examples } = await packed();
      const ids = examples.map((e) => e.id).filter((id) => !['e4', 'e5', 'e6'].includes(id));
      const { exampleIds: _ids, ...header } = meta('ds', examples);
      await db.saveChanges('ds', { meta: { ...header, exampleIds: ids }, upsert: [ex('e2', 'edited')], remove: ['e4', 'e5', 'e6'] });
      const before = await db.loadDataset('ds');
      expect(before?.packed).toEqual({ entries: 6, dead: 4 });
      const bytes = packBytes(backend);

      const yields: number[] = [];
      const r = await db.compactPacks('ds', { yieldNow: async () => void yields.push(1) });
      expect(r).toEqual({ packs: 2, rewritten: 1, deleted: 1, dropped: 4 });
      expect(yields).toHaveLength(2);
      expect(packBytes(backend)).toBeLessThan(bytes / 2); // e1 and e3 are left of six
      const after = await db.loadDataset('ds');
      expect(after?.examples).toEqual(before?.examples);
      expect(after?.problems).toEqual([]);
      expect(after?.packed).toEqual({ entries: 2, dead: 0 });
      // Nothing left to do a second time.
      expect(await db.compactPacks('ds')).toEqual({ packs: 1, rewritten: 0, deleted: 0, dropped: 0 });
    });

    it('an example deleted, compacted, then brought back by undo (stored with its own record) is still there', async () => {
      const { db, examples } = await packed();
      const { exampleIds: _ids, ...header } = meta('ds', examples);
      await db.saveChanges('ds', { meta: { ...header, exampleIds: examples.map((e) => e.id).filter((id) => id !== 'e3') }, upsert: [], remove: ['e3'] });
      await db.compactPacks('ds');
      await db.saveChanges('ds', { meta: { ...header, exampleIds: examples.map((e) => e.id) }, upsert: [examples[3]], remove: [] });
      expect((await db.loadDataset('ds'))?.examples).toEqual(examples);
    });

    it('keeps entries without a readable id, leaves unreadable packs alone, and does nothing when the order cannot be read', async () => {
      const { db, backend } = await packed();
      await backend.run('readwrite', async (tx) => {
        const p0 = (await tx.get(packKey('ds', 0))) as { v: number; examples: unknown[] };
        tx.put(packKey('ds', 0), { ...p0, examples: [{ value: 'no id' }, ...p0.examples] });
        tx.put(packKey('ds', 1), 'garbage');
      });
      const { exampleIds: _ids, ...header } = meta('ds', []);
      await db.saveChanges('ds', { meta: { ...header, exampleIds: ['e0', 'e2', 'e3'] }, upsert: [], remove: ['e1'] });
      expect(await db.compactPacks('ds')).toEqual({ packs: 2, rewritten: 1, deleted: 0, dropped: 1 });
      const p0 = [...backend.data.values()].find((e) => JSON.stringify(e.key) === JSON.stringify(packKey('ds', 0)))!.value as { examples: unknown[] };
      expect(p0.examples).toEqual([{ value: 'no id' }, expect.objectContaining({ id: 'e2' }), expect.objectContaining({ id: 'e3' })]);
      expect([...backend.data.values()].some((e) => e.value === 'garbage')).toBe(true);

      await backend.run('readwrite', async (tx) => tx.put(orderKey('ds'), 'garbage'));
      const before = JSON.stringify([...backend.data.values()]);
      expect(await db.compactPacks('ds')).toEqual({ packs: 0, rewritten: 0, deleted: 0, dropped: 0 });
      expect(JSON.stringify([...backend.data.values()])).toBe(before);
    });
  });
});
