// The storage module against Chromium's real IndexedDB (Node has none): db.ts is bundled on its own and loaded
// into a page served from the app's origin (intercepted, so this spec does not depend on the app's UI).
import { expect, test, type Page } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';

/** Path the intercepted test page is served under (same origin as the app, so IndexedDB is available). */
const PAGE = '__storage-idb-test/';
let bundle = '';

test.beforeAll(async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuneset-storage-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.resolve('src/lib/storage/db.ts'), formats: ['es'], fileName: () => 'db.js' },
    },
  });
  bundle = fs.readFileSync(path.join(outDir, 'db.js'), 'utf8');
});

async function openPage(page: Page): Promise<void> {
  await page.route(`**/${PAGE}**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('db.js')) return route.fulfill({ contentType: 'text/javascript', body: bundle });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>storage</title><script type="module">import * as db from './db.js'; window.db = db; window.dbReady = true;</script>`,
    });
  });
  await page.goto(`./${PAGE}`);
  await page.waitForFunction(() => (window as unknown as { dbReady?: boolean }).dbReady === true);
}

const T0 = '2025-01-01T00:00:00.000Z';

test('saved changes survive a reload of the page (real IndexedDB)', async ({ page }) => {
  await openPage(page);
  await page.evaluate(async (T0) => {
    const db = (window as unknown as { db: typeof import('../../src/lib/storage/db') }).db;
    const ex = (id: string, content = id) => ({ id, value: { messages: [{ role: 'user', content }] } });
    const meta = (id: string, ids: string[]) => ({ id, name: id, model: 'm', format: 'chat' as const, createdAt: T0, updatedAt: T0, exampleIds: ids });
    await db.createDataset(meta('a', []), [ex('1'), ex('2'), ex('3')]);
    await db.createDataset(meta('ab', []), [ex('1', 'other dataset')]);
    // edit 2, insert 4 before 1, remove 3: one transaction with a header read inside (count) when order is absent
    await db.saveChanges('a', { meta: meta('a', ['4', '1', '2']), upsert: [ex('2', 'edited'), ex('4')], remove: ['3'] });
    await db.saveChanges('a', { meta: { ...meta('a', []), exampleIds: undefined, name: 'renamed' }, upsert: [], remove: [] });
    await db.setUiState({ lastDatasetId: 'a', scrollTop: 40 });
    await db.setUiState({ selectedExampleId: '2' });
  }, T0);
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { dbReady?: boolean }).dbReady === true);
  const result = await page.evaluate(async () => {
    const db = (window as unknown as { db: typeof import('../../src/lib/storage/db') }).db;
    const a = await db.loadDataset('a');
    const copy = await db.duplicateDataset('a', 'copy', 'Copy of a');
    await db.deleteDataset('a');
    return {
      list: (await db.listDatasets()).map((d) => [d.id, d.name, d.count]).sort(),
      ids: a?.examples.map((e) => e.id),
      second: a?.examples[2],
      name: a?.meta.name,
      problems: a?.problems,
      copy: (await db.loadDataset('copy'))?.examples.map((e) => e.id),
      copyCount: copy?.count,
      ab: (await db.loadDataset('ab'))?.examples.length,
      gone: await db.loadDataset('a'),
      ui: await db.getUiState(),
    };
  });
  expect(result.ids).toEqual(['4', '1', '2']);
  expect(result.second).toEqual({ id: '2', value: { messages: [{ role: 'user', content: 'edited' }] } });
  expect(result.name).toBe('renamed');
  expect(result.problems).toEqual([]);
  expect(result.copy).toEqual(['4', '1', '2']);
  expect(result.copyCount).toBe(3);
  expect(result.ab).toBe(1);
  expect(result.gone).toBeNull();
  expect(result.list).toEqual([
    ['ab', 'ab', 1],
    ['copy', 'Copy of a', 3],
  ]);
  expect(result.ui).toEqual({ lastDatasetId: 'a', scrollTop: 40, selectedExampleId: '2' });
});

test('a 100,000-example dataset is created, edited and loaded back intact (timings are logged)', async ({ page }) => {
  await openPage(page);
  const timing = await page.evaluate(async (T0) => {
    const db = (window as unknown as { db: typeof import('../../src/lib/storage/db') }).db;
    const examples = Array.from({ length: 100_000 }, (_, i) => ({
      id: `e${i}`,
      value: {
        messages: [
          { role: 'system', content: 'You are helpful.' },
          { role: 'user', content: `question ${i}` },
          { role: 'assistant', content: 'answer '.repeat(20) },
        ],
      },
    }));
    const meta = { id: 'big', name: 'big', model: 'm', format: 'chat' as const, createdAt: T0, updatedAt: T0 }; // no exampleIds: order unchanged
    let t = performance.now();
    await db.createDataset(meta, examples);
    const create = performance.now() - t;
    t = performance.now();
    await db.saveChanges('big', { meta, upsert: [{ id: 'e5', value: { edited: true } }], remove: [] });
    const save = performance.now() - t;
    t = performance.now();
    const loaded = await db.loadDataset('big');
    const load = performance.now() - t;
    return { create, save, load, n: loaded?.examples.length, problems: loaded?.problems, e5: loaded?.examples[5], last: loaded?.examples[99_999].id };
  }, T0);
  console.log(
    `100k examples in real IndexedDB: create ${timing.create.toFixed(0)} ms, one-example save ${timing.save.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms`,
  );
  expect(timing.n).toBe(100_000);
  expect(timing.problems).toEqual([]);
  expect(timing.e5).toEqual({ id: 'e5', value: { edited: true } });
  expect(timing.last).toBe('e99999');
});

test('an import stored as packs, edited afterwards, and its packed token counts come back after a reload (real IndexedDB)', async ({ page }) => {
  await openPage(page);
  await page.evaluate(async (T0) => {
    const db = (window as unknown as { db: typeof import('../../src/lib/storage/db') }).db;
    const ex = (i: number, content = `q${i}`) => {
      const value = {
        messages: [
          { role: 'user', content },
          { role: 'assistant', content: 'ok' },
        ],
      };
      return { id: `e${i}`, value, original: JSON.stringify(value), line: i + 1 };
    };
    const all = Array.from({ length: 3000 }, (_, i) => ex(i));
    const meta = { id: 'imp', name: 'imp', model: 'm', format: 'chat' as const, createdAt: T0, updatedAt: T0, exampleIds: all.map((e) => e.id) };
    // As Workspace stores an import: header and full order, then packs; later an edit and a deletion.
    await db.createDataset(meta, []);
    await db.saveChanges('imp', { meta, upsert: [], remove: [] });
    await db.savePack('imp', 0, all.slice(0, 1500));
    await db.savePack('imp', 1, all.slice(1500));
    const ids = meta.exampleIds.filter((id) => id !== 'e7');
    await db.saveChanges('imp', {
      meta: { ...meta, exampleIds: ids },
      upsert: [{ id: 'e2000', value: { messages: [{ role: 'user', content: 'edited' }] } }],
      remove: ['e7'],
    });
    await db.setTokenCache('imp', { encoding: 'o200k_base/gpt-4o', keys: ['fpA', 'fpB'], data: new Int32Array([5, 20, 3, 3, 0, 8, 4, 7, 0, 0, 0]) });
  }, T0);
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { dbReady?: boolean }).dbReady === true);
  const back = await page.evaluate(async () => {
    const db = (window as unknown as { db: typeof import('../../src/lib/storage/db') }).db;
    const loaded = await db.loadDataset('imp');
    const cache = await db.getTokenCache('imp');
    return {
      n: loaded?.examples.length,
      problems: loaded?.problems,
      has7: loaded?.examples.some((e) => e.id === 'e7'),
      first: loaded?.examples[0],
      edited: loaded?.examples.find((e) => e.id === 'e2000'),
      last: loaded?.examples.at(-1)?.id,
      cache: cache && { encoding: cache.encoding, keys: cache.keys, typed: cache.data instanceof Int32Array, data: [...cache.data] },
    };
  });
  expect(back.n).toBe(2999);
  expect(back.problems).toEqual([]);
  expect(back.has7).toBe(false);
  expect(back.first).toEqual({
    id: 'e0',
    value: {
      messages: [
        { role: 'user', content: 'q0' },
        { role: 'assistant', content: 'ok' },
      ],
    },
    original: '{"messages":[{"role":"user","content":"q0"},{"role":"assistant","content":"ok"}]}',
    line: 1,
  });
  expect(back.edited).toEqual({ id: 'e2000', value: { messages: [{ role: 'user', content: 'edited' }] } });
  expect(back.last).toBe('e2999');
  expect(back.cache).toEqual({ encoding: 'o200k_base/gpt-4o', keys: ['fpA', 'fpB'], typed: true, data: [5, 20, 3, 3, 0, 8, 4, 7, 0, 0, 0] });
});
