// Curation at scale in the built app (#12 "Speed"): on a 100,000-example dataset, search keystroke → updated list
// (p95), a bulk find-and-replace previewed and applied (time and longest main-thread task of each), near-duplicate
// groups ready (time, longest task: the page must answer meanwhile), and a catastrophic regular expression stopped by
// its time budget. Reported by `npm run bench`, not asserted.
import type { Browser, Page } from '@playwright/test';

/** Installed before any page script: long tasks, keydown times and every change of the list's "n of N shown" line. */
const INIT = `(() => {
  const b = (window.__cur = { longtasks: [], keys: [], list: [] });
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.longtasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  window.addEventListener('keydown', (e) => b.keys.push(e.timeStamp), true);
  let last = null;
  const check = () => {
    const p = document.querySelector('.position');
    const text = p ? p.textContent : null;
    if (text !== last) { last = text; b.list.push([performance.now(), text]); }
  };
  const start = () => new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;

export interface CurationResult {
  examples: number | null;
  /** Search keystrokes measured (those that changed the list) and keydown → list updated, ms. */
  search_keys: number;
  search_median_ms: number | null;
  search_p95_ms: number | null;
  search_longest_task_ms: number;
  /** "Replace all" click → preview shown and Apply ready (errors counted), ms; longest task in that time. */
  replace_preview_ms: number | null;
  replace_preview_longest_task_ms: number;
  /** "Apply" click → "n examples changed", ms; longest task in that time; how many changed. */
  replace_apply_ms: number | null;
  replace_apply_longest_task_ms: number;
  replace_changed: number | null;
  /** "Find" click → near-duplicate groups shown, ms; longest task meanwhile; the summary line. */
  dup_ms: number | null;
  dup_longest_task_ms: number;
  dup_summary: string | null;
  /** A catastrophic regular expression typed: → "took too long" shown, ms; longest task meanwhile. */
  catastrophic_ms: number | null;
  catastrophic_longest_task_ms: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
/** Polls a page expression until true (not page.waitForFunction: the app's CSP forbids the eval it needs). */
async function until(page: Page, expr: string, timeoutMs: number, pollMs = 20): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await page.evaluate(expr).catch(() => false)) return true;
    await sleep(pollMs);
  }
  return false;
}
const now = (page: Page) => page.evaluate(() => performance.now());
/** Longest task that overlaps [from, to] (page clock). */
async function longestTask(page: Page, from: number, to: number): Promise<number> {
  const tasks = (await page.evaluate('__cur.longtasks')) as [number, number][];
  return Math.max(0, ...tasks.filter(([s, d]) => s + d >= from && s <= to).map(([, d]) => d));
}

/** Types `word` one key at a time into the focused box, waiting (≤ 1.5 s) for the list line to change after each. */
async function typeWord(page: Page, word: string): Promise<void> {
  for (const key of word) {
    const before = (await page.evaluate('__cur.list.length')) as number;
    const start = Date.now();
    await page.keyboard.press(key);
    await until(page, `__cur.list.length > ${before}`, 1500);
    await sleep(150 - (Date.now() - start));
  }
}

/** Imports the file at `filePath` (100,000 short examples) in a fresh context and measures the curation figures. */
export async function benchCuration(browser: Browser, url: string, filePath: string, expected: number): Promise<CurationResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT);
  await page.goto(url);
  const r: CurationResult = {
    examples: null,
    search_keys: 0,
    search_median_ms: null,
    search_p95_ms: null,
    search_longest_task_ms: 0,
    replace_preview_ms: null,
    replace_preview_longest_task_ms: 0,
    replace_apply_ms: null,
    replace_apply_longest_task_ms: 0,
    replace_changed: null,
    dup_ms: null,
    dup_longest_task_ms: 0,
    dup_summary: null,
    catastrophic_ms: null,
    catastrophic_longest_task_ms: 0,
  };
  try {
    await page.getByLabel('Import file').first().setInputFiles(filePath);
    await page.getByText(`/ ${expected}`).first().waitFor({ timeout: 240_000 });
    await page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved$/ })
      .waitFor({ timeout: 240_000 });
    r.examples = expected;
    await sleep(1000);

    // Search: keydown → the list's "n of N shown" line changes, for each key that changes what is shown.
    const box = page.getByLabel('Search', { exact: true });
    await box.click();
    const t0 = await now(page);
    await page.evaluate('__cur.keys = []; __cur.list = []');
    await typeWord(page, 'readable');
    await box.fill('');
    await sleep(300);
    await box.click();
    await typeWord(page, 'buffer');
    const t1 = await now(page);
    const { keys, list } = (await page.evaluate('({ keys: __cur.keys, list: __cur.list })')) as { keys: number[]; list: [number, string][] };
    const lat: number[] = [];
    keys.forEach((down, i) => {
      const next = keys[i + 1] ?? Infinity;
      const upd = list.find(([t]) => t >= down && t < next);
      if (upd) lat.push(upd[0] - down);
    });
    lat.sort((a, b) => a - b);
    r.search_keys = lat.length;
    if (lat.length) {
      r.search_median_ms = lat[(lat.length - 1) >> 1];
      r.search_p95_ms = lat[Math.min(lat.length - 1, Math.ceil(lat.length * 0.95) - 1)];
    }
    r.search_longest_task_ms = await longestTask(page, t0, t1);
    await box.fill('');
    await until(page, `!document.querySelector('.position')?.textContent?.includes(' shown')`, 30_000, 100);

    // Bulk find and replace over everything: preview, then apply.
    await page.getByRole('button', { name: `Change all ${expected}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Change ${expected} examples` });
    await dialog.getByLabel('Find', { exact: true }).fill('the');
    await dialog.getByLabel('Replace with').fill('THE');
    await dialog.getByLabel('In', { exact: true }).selectOption('assistant');
    const p0 = await now(page);
    await dialog.getByRole('button', { name: 'Replace all' }).click();
    await dialog.getByTestId('bulk-preview-count').waitFor({ timeout: 120_000 });
    await dialog.locator('button.primary:not([disabled])').waitFor({ timeout: 120_000 });
    const p1 = await now(page);
    r.replace_preview_ms = p1 - p0;
    r.replace_preview_longest_task_ms = await longestTask(page, p0, p1);
    const a0 = await now(page);
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: 'examples changed' });
    await done.waitFor({ timeout: 120_000 });
    const a1 = await now(page);
    await sleep(500); // tasks the apply left queued (re-analysis, storing) count too
    r.replace_apply_ms = a1 - a0;
    r.replace_apply_longest_task_ms = await longestTask(page, a0, a1 + 500);
    r.replace_changed = Number(/(\d+) examples changed/.exec((await done.textContent()) ?? '')?.[1] ?? NaN);
    await page
      .getByTestId('save-status')
      .filter({ hasText: /^Saved$/ })
      .waitFor({ timeout: 240_000 });

    // Near-duplicate groups over the whole dataset.
    await page.getByRole('button', { name: 'Near-duplicates…' }).click();
    const dup = page.getByRole('dialog', { name: 'Near-duplicate examples' });
    const d0 = await now(page);
    await dup.getByRole('button', { name: 'Find' }).click();
    await dup.getByTestId('dup-summary').waitFor({ timeout: 120_000 });
    const d1 = await now(page);
    r.dup_ms = d1 - d0;
    r.dup_longest_task_ms = await longestTask(page, d0, d1);
    r.dup_summary = (await dup.getByTestId('dup-summary').textContent())?.trim() ?? null;
    await dup.getByRole('button', { name: 'Close' }).click();

    // A catastrophic regular expression: stopped by the time budget, the page answering meanwhile.
    await page.getByRole('button', { name: 'Regular expression' }).click();
    const c0 = await now(page);
    await box.fill('(\\w+\\s?)+!');
    await page.getByRole('alert').filter({ hasText: 'took too long' }).waitFor({ timeout: 60_000 });
    const c1 = await now(page);
    r.catastrophic_ms = c1 - c0;
    r.catastrophic_longest_task_ms = await longestTask(page, c0, c1);
  } catch (e) {
    r.error = (e as Error).message.split('\n')[0];
  }
  await context.close();
  return r;
}
