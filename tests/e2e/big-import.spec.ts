// A 100 MB import in real Chromium: progress shows, Cancel stops it with nothing added, and a second run completes.
// Long tasks (PerformanceObserver 'longtask') are logged during the import: the page must never freeze (no single
// task over 2 s); speed itself is measured by the bench, not asserted here.
import { test, expect, type Page } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp } from './helpers';

/** Target size of the generated file, in bytes (decimal MB, as the brief's "100 MB"). */
const TARGET_BYTES = 100e6;
/** A task longer than this (ms) counts as a frozen page. */
const FREEZE_MS = 2000;

/** Words the generated texts are made of (some non-ASCII, one emoji). */
const WORDS =
  'the of and to in is for on with as by at from this that be are it an or was which file data model train example token line café naïve 東京 🙂'.split(' ');

/** Writes ~TARGET_BYTES of valid chat JSONL (deterministic: mulberry32, seed 1) and returns its path and example count. */
function bigFile(): { file: string; examples: number; bytes: number } {
  const file = path.join(os.tmpdir(), 'tuneset-import-e2e-100mb.jsonl');
  let s = 1;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const text = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let examples = 0;
  let batch: string[] = [];
  while (bytes < TARGET_BYTES) {
    const line =
      JSON.stringify({
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: `#${examples} ${text(20 + Math.floor(rand() * 60))}?` },
          { role: 'assistant', content: text(40 + Math.floor(rand() * 120)) },
        ],
      }) + '\n';
    batch.push(line);
    bytes += Buffer.byteLength(line);
    examples++;
    if (batch.length === 5000) {
      fs.writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  fs.writeSync(fd, batch.join(''));
  fs.closeSync(fd);
  return { file, examples, bytes };
}

/** Records every long task (start, duration in ms) from page load on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Long tasks that started at or after `since` (page time, ms). */
const longTasksSince = (page: Page, since: number) =>
  page.evaluate((t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((x) => x.start >= t), since);

let big: { file: string; examples: number; bytes: number };

test.beforeAll(() => {
  const t0 = Date.now();
  big = bigFile();
  console.log(`generated ${big.examples} examples, ${(big.bytes / 1e6).toFixed(1)} MB in ${Date.now() - t0} ms → ${big.file}`);
});

test.afterAll(() => {
  if (big) fs.rmSync(big.file, { force: true });
});

test('a 100 MB import shows progress and can be cancelled: nothing is added', async ({ page }) => {
  test.setTimeout(180_000);
  await watchLongTasks(page);
  await openApp(page);
  // A slower machine (the page's CPU throttled 6×), so the import is surely still running when Cancel is pressed:
  // unthrottled, the whole file is read in a few seconds here.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const since = await page.evaluate(() => performance.now());
  await page.getByLabel('Import file').setInputFiles(big.file);
  const progress = page.getByRole('status').filter({ hasText: 'Reading tuneset-import-e2e-100mb.jsonl' });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  // The bar moves: some bytes and records are read before we cancel.
  await expect.poll(async () => Number(await progress.getByRole('progressbar').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(progress).toContainText(/[1-9][\d,]* records/);
  await progress.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByRole('status').filter({ hasText: /cancelled/ })).toContainText('nothing was added', { timeout: 60_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByLabel('Datasets').locator('option')).toHaveCount(1); // only the "Datasets…" placeholder
  await expect(page.getByText('No datasets yet.')).toBeVisible();
  const tasks = await longTasksSince(page, since);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  console.log(`cancel run: ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms`);
  expect(longest, 'no task freezes the page').toBeLessThan(FREEZE_MS);
});

test('a 100 MB import completes, the list shows every example, and no task freezes the page', async ({ page }) => {
  test.setTimeout(600_000);
  await watchLongTasks(page);
  await openApp(page);
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  // Throttled (6×) until the preview is seen: unthrottled, the preview can come and go between two looks of a check.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.getByLabel('Import file').setInputFiles(big.file);
  await expect(page.getByRole('progressbar')).toBeVisible();
  // The file's first examples show (as text, with their line) while the rest is still being read.
  const preview = page.getByRole('list', { name: 'First examples of the file' }).getByRole('listitem');
  await expect(preview.first()).toContainText(/^1 user #0 \w+/);
  await expect(preview.nth(1)).toContainText(/^2 user #1 \w+/);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const done = page.getByRole('status').filter({ hasText: /^Imported/ });
  await expect(done).toContainText(`Imported ${big.examples} examples from tuneset-import-e2e-100mb.jsonl`, { timeout: 540_000 });
  await expect(preview).toHaveCount(0); // gone with the progress bar
  const importMs = Date.now() - t0;
  const importEnd = await page.evaluate(() => performance.now());
  await expect(page.getByText(new RegExp(`/ ${big.examples}\\b|/ ${big.examples.toLocaleString('en-US')}\\b`)).first()).toBeVisible({ timeout: 60_000 });
  const listMs = Date.now() - t0;
  // Give the analysis that follows the import a few seconds, then read the long tasks.
  await page.waitForTimeout(5000);
  const tasks = await longTasksSince(page, since);
  const during = tasks.filter((t) => t.start < importEnd);
  const after = tasks.filter((t) => t.start >= importEnd);
  const fmt = (xs: { start: number; duration: number }[]) =>
    `${xs.length} long tasks, total ${xs.reduce((a, t) => a + t.duration, 0).toFixed(0)} ms, longest ${Math.max(0, ...xs.map((t) => t.duration)).toFixed(0)} ms` +
    ` [top: ${[...xs]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5)
      .map((t) => `${t.duration.toFixed(0)}@${((t.start - since) / 1000).toFixed(1)}s`)
      .join(', ')}]`;
  console.log(`import of ${(big.bytes / 1e6).toFixed(1)} MB (${big.examples} examples): notice after ${importMs} ms, list count after ${listMs} ms`);
  console.log(`  during import: ${fmt(during)}`);
  console.log(`  5 s after:     ${fmt(after)}`);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  expect(longest, 'no task freezes the page').toBeLessThan(FREEZE_MS);
});
