// The built app in headless Chromium (Debian's /usr/bin/chromium through Playwright): time to import a big file,
// longest main-thread task, peak memory, typing latency in a 100,000-example dataset, first-screen JavaScript size,
// and (on request or when an import is slow) a CPU profile summary of where the main thread spends its time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';

/** Chromium the bench drives (Debian's package, as the e2e tests). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags of a quiet headless Chromium (as in the brief and playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Interval between memory samples, ms. */
const SAMPLE_MS = 100;
/** Give up waiting for an import after this long, ms. */
const IMPORT_TIMEOUT_MS = 240_000;
/** Time from one keystroke to the next when the count updates sooner, ms (200 ms ≈ a 60 wpm typist). */
const KEY_INTERVAL_MS = 200;
/** Page expression: autosave says everything is written. */
const SAVED = `document.querySelector('[data-testid="save-status"]')?.textContent?.trim() === 'Saved'`;
/** Give up waiting for one keystroke's token count after this long, ms (no update = count unchanged). */
const KEY_TIMEOUT_MS = 1500;

/** Installed before any page script: long-task log, file-input change time, first-row and stats-done times. */
const INIT_SCRIPT = `(() => {
  const b = (window.__bench = { longtasks: [], change: null, firstPreview: null, firstRow: null, statsDone: null, watchStats: false, keys: [], tokenUpdates: [] });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.type === 'file' && b.change === null) b.change = performance.now();
  }, true);
  window.addEventListener('keydown', (e) => { b.keys.push([e.key, e.timeStamp]); }, true);
  let lastTokens = null;
  const check = () => {
    const now = performance.now();
    if (b.change !== null && b.firstPreview === null && document.querySelector('[aria-label="First examples of the file"] li')) b.firstPreview = now;
    if (b.change !== null && b.firstRow === null && document.querySelector('[role="listbox"][aria-label="Examples"] [role="option"]')) b.firstRow = now;
    if (b.watchStats && b.statsDone === null && document.querySelector('[data-testid="stats"]')) {
      const counting = [...document.querySelectorAll('.pane p')].some((p) => (p.textContent || '').includes('Counting tokens'));
      if (!counting) b.statsDone = now;
    }
    const tok = document.querySelector('[data-testid="example-tokens"]');
    const text = tok ? tok.textContent : null;
    if (text !== lastTokens) { lastTokens = text; b.tokenUpdates.push([now, text]); }
  };
  b.check = check;
  const start = () => new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: false });
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;

/**
 * Builds the app into `outDir` with Vite (TUNESET_OUTDIR), throwing with Vite's output on failure; returns ms.
 * `minify: false` keeps function names readable in CPU profiles (default true, as shipped).
 */
export function buildApp(outDir: string, opts: { minify?: boolean } = {}): number {
  const t0 = performance.now();
  const args = ['vite', 'build', ...(opts.minify === false ? ['--minify', 'false'] : [])];
  const r = spawnSync('npx', args, { env: { ...process.env, TUNESET_OUTDIR: outDir }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t0;
}

/** Starts scripts/serve.mjs on `port` serving `dir`; resolves once it answers. `stop()` resolves once it exited. */
export async function startServer(port: number, dir: string): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const proc = spawn('node', ['scripts/serve.mjs', '--port', String(port), '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = `http://localhost:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        return { url, proc, stop: () => (proc.kill(), exited) };
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  proc.kill();
  throw new Error(`server on port ${port} did not start (is the port in use?)`);
}

/** Launches headless Chromium with the bench's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Chromium's version string (e.g. "156.0.8078.108"). */
export function chromiumVersion(browser: Browser): string {
  return browser.version();
}

/** Figures of one big-file import. Times are ms from the file input's change event (page clock). */
export interface ImportResult {
  file_mb: number;
  /** First example row in the list. */
  /** First example shown in the preview under the progress bar (while the file is still read), ms. */
  first_preview_ms: number | null;
  first_row_ms: number | null;
  /** Statistics panel shown and no "Counting tokens" status (null = not within the timeout). */
  stats_ms: number | null;
  /** Longest main-thread task between the change event and complete statistics, ms. */
  longest_task_ms: number;
  /** Main-thread tasks over 100 ms during the import. */
  tasks_over_100ms: number;
  /** Σ long-task (> 50 ms) time during the import, ms. */
  long_task_total_ms: number;
  /** Peak JSHeapUsedSize of the page (CDP Performance.getMetrics every 100 ms; workers not included), MB. */
  peak_heap_mb: number;
  /** Peak Σ RSS of every Chromium process (page, workers, GPU, browser) minus the RSS before import, MB. */
  peak_rss_growth_mb: number;
  /** Σ RSS of every Chromium process at the peak, MB. */
  peak_rss_mb: number;
  /** Autosave reports "Saved" (the dataset is in IndexedDB), ms from the change event; null = not seen. */
  saved_ms: number | null;
  /** Longest main-thread task from the change event to "Saved", ms. */
  longest_task_to_saved_ms: number;
  /** Number of examples the app shows ("– / N" in the list header), when readable. */
  examples: number | null;
  /** Page crash or other failure, if any. */
  error?: string;
  /** Where the main thread spent the import (only when profiled). */
  profile?: ProfileSummary;
}

/** One line of a CPU profile summary. */
export interface ProfileEntry {
  fn: string;
  /** Where: file:line (bundled file names). */
  at: string;
  /** Self (or inclusive, where stated) time, ms. */
  self_ms: number;
  /** Share of the samples summarised, %. */
  pct: number;
}

/** Σ RSS in MB of `root` and every process below it (Linux /proc), excluding `exclude` pids. */
function treeRssMb(root: number, exclude: Set<number>): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const pages = Number(fields[21]);
      const pid = Number(d);
      rss.set(pid, (pages * 4096) / 1e6);
      const list = children.get(ppid) ?? [];
      list.push(pid);
      children.set(ppid, list);
    } catch {
      /* process ended */
    }
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    if (exclude.has(pid)) continue;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples page heap (CDP) and Chromium RSS every SAMPLE_MS until stopped; returns the peaks. */
function startSampler(cdp: CDPSession, exclude: Set<number>): { stop(): Promise<{ heapMb: number; rssMb: number }> } {
  let heap = 0;
  let rss = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      rss = Math.max(rss, treeRssMb(process.pid, exclude));
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        heap = Math.max(heap, used / 1e6);
      } catch {
        /* page gone */
      }
      await sleep(Math.max(0, SAMPLE_MS - (performance.now() - t)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { heapMb: heap, rssMb: rss };
    },
  };
}

/** The parts of a CDP `Profiler.Profile` the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** A stretch of consecutive non-idle samples (≈ one main-thread task), with what ran in it. */
export interface BusyStretch {
  ms: number;
  /** Top functions by self time in the stretch. */
  self: ProfileEntry[];
  /** Top app functions (bundled code) by inclusive time in the stretch: the callers that own the work. */
  inclusive: ProfileEntry[];
}

/** What a CPU profile says: top self time overall and the longest busy stretches. */
export interface ProfileSummary {
  top: ProfileEntry[];
  stretches: BusyStretch[];
}

/**
 * Summarises a CDP CPU profile: the top `n` functions by self time, and the 3 longest stretches of samples with no
 * `(idle)` between them (a stretch approximates one long main-thread task) with their top self and inclusive
 * functions.
 */
export function summariseProfile(profile: CpuProfile, n = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const label = (id: number): { key: string; fn: string; at: string; app: boolean } => {
    const cf = byId.get(id)!.callFrame;
    const file = cf.url ? cf.url.slice(cf.url.lastIndexOf('/') + 1) : '';
    const fn = cf.functionName || (cf.url ? '(anonymous)' : '(native)');
    const at = file ? `${file}:${cf.lineNumber + 1}` : '';
    return { key: `${fn}@${at}`, fn, at, app: /^https?:/.test(cf.url) };
  };
  const tally = (from: number, to: number, inclusive: boolean, limit: number): ProfileEntry[] => {
    const acc = new Map<string, { fn: string; at: string; us: number }>();
    let total = 0;
    for (let i = from; i < to; i++) {
      if (!byId.has(samples[i])) continue;
      const dt = deltas[i + 1] ?? deltas[i] ?? 0;
      total += dt;
      const ids: number[] = [];
      if (inclusive) {
        const seen = new Set<string>();
        for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
          const l = label(id);
          if (l.app && !seen.has(l.key)) {
            seen.add(l.key);
            ids.push(id);
          }
        }
      } else ids.push(samples[i]);
      for (const id of ids) {
        const l = label(id);
        const e = acc.get(l.key) ?? { fn: l.fn, at: l.at, us: 0 };
        e.us += dt;
        acc.set(l.key, e);
      }
    }
    return [...acc.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, limit)
      .map((e) => ({ fn: e.fn, at: e.at, self_ms: e.us / 1000, pct: total ? (100 * e.us) / total : 0 }));
  };
  const idle = (i: number): boolean => byId.get(samples[i])?.callFrame.functionName === '(idle)';
  const stretches: { from: number; to: number; us: number }[] = [];
  let from = -1;
  let us = 0;
  for (let i = 0; i <= samples.length; i++) {
    if (i < samples.length && !idle(i)) {
      if (from < 0) [from, us] = [i, 0];
      us += deltas[i + 1] ?? 0;
    } else if (from >= 0) {
      stretches.push({ from, to: i, us });
      from = -1;
    }
  }
  stretches.sort((a, b) => b.us - a.us);
  return {
    top: tally(0, samples.length, false, n),
    stretches: stretches.slice(0, 3).map((st) => ({ ms: st.us / 1000, self: tally(st.from, st.to, false, 6), inclusive: tally(st.from, st.to, true, 6) })),
  };
}

/** Reads the "– / N" or "n / N" position line of the example list. */
async function shownExamples(page: Page): Promise<number | null> {
  const text = await page
    .locator('.position')
    .first()
    .textContent({ timeout: 2000 })
    .catch(() => null);
  const m = text?.replace(/[,\s]/g, '').match(/\/(\d+)/);
  return m ? Number(m[1]) : null;
}

/** Waits for a page-side condition by polling (cheap: the page's own observer does the timing). */
async function waitFor(page: Page, expr: string, timeoutMs: number, pollMs = 200): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await page.evaluate(expr).catch(() => false)) return true;
    await sleep(pollMs);
  }
  return false;
}

/** Imports `filePath` through "Import file", then waits for the first row and for complete statistics (throws on timeout). */
async function importUntilStats(page: Page, filePath: string): Promise<void> {
  await page.getByLabel('Import file').first().setInputFiles(filePath);
  if (!(await waitFor(page, 'window.__bench.firstRow !== null', IMPORT_TIMEOUT_MS))) throw new Error('no example row within the timeout');
  await page.getByRole('tab', { name: 'Statistics' }).click({ timeout: IMPORT_TIMEOUT_MS });
  await page.evaluate('window.__bench.watchStats = true; window.__bench.check()');
  if (!(await waitFor(page, 'window.__bench.statsDone !== null', IMPORT_TIMEOUT_MS))) throw new Error('statistics not complete within the timeout');
}

/**
 * Imports the file at `filePath` through "Import file" in a fresh context (empty storage) and measures it.
 * `profile` records a CPU profile of the main thread over the import (adds a little overhead).
 */
export async function benchImport(
  browser: Browser,
  url: string,
  filePath: string,
  opts: { profile?: boolean; serverPid?: number } = {},
): Promise<ImportResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let crashed: string | undefined;
  page.on('crash', () => (crashed = 'page crashed (renderer out of memory?)'));
  await page.addInitScript(INIT_SCRIPT);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.getByLabel('Import file').first().waitFor({ state: 'attached' });
  const exclude = new Set(opts.serverPid ? [opts.serverPid] : []);
  const rssBefore = treeRssMb(process.pid, exclude);
  if (opts.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const sampler = startSampler(cdp, exclude);
  let saved: number | null = null;
  const result: ImportResult = {
    file_mb: fs.statSync(filePath).size / 1e6,
    first_preview_ms: null,
    first_row_ms: null,
    stats_ms: null,
    longest_task_ms: 0,
    tasks_over_100ms: 0,
    long_task_total_ms: 0,
    peak_heap_mb: 0,
    peak_rss_growth_mb: 0,
    peak_rss_mb: 0,
    examples: null,
    saved_ms: null,
    longest_task_to_saved_ms: 0,
  };
  try {
    await importUntilStats(page, filePath);
    if (await waitFor(page, SAVED, IMPORT_TIMEOUT_MS, 100)) saved = (await page.evaluate('performance.now()')) as number;
  } catch (e) {
    result.error = crashed ?? (e as Error).message.split('\n')[0];
  }
  const peaks = await sampler.stop();
  result.peak_heap_mb = peaks.heapMb;
  result.peak_rss_mb = peaks.rssMb;
  result.peak_rss_growth_mb = peaks.rssMb - rssBefore;
  if (opts.profile) {
    try {
      const { profile } = await cdp.send('Profiler.stop');
      result.profile = summariseProfile(profile);
    } catch {
      /* page gone */
    }
  }
  if (!crashed) {
    const b = (await page
      .evaluate(
        '({ change: __bench.change, firstPreview: __bench.firstPreview, firstRow: __bench.firstRow, statsDone: __bench.statsDone, longtasks: __bench.longtasks })',
      )
      .catch(() => null)) as {
      change: number | null;
      firstPreview: number | null;
      firstRow: number | null;
      statsDone: number | null;
      longtasks: [number, number][];
    } | null;
    if (b && b.change !== null) {
      result.first_preview_ms = b.firstPreview === null ? null : b.firstPreview - b.change;
      result.first_row_ms = b.firstRow === null ? null : b.firstRow - b.change;
      result.stats_ms = b.statsDone === null ? null : b.statsDone - b.change;
      const end = b.statsDone ?? Infinity;
      const during = b.longtasks.filter(([start, dur]) => start + dur >= b.change! && start <= end);
      result.longest_task_ms = Math.max(0, ...during.map(([, d]) => d));
      result.tasks_over_100ms = during.filter(([, d]) => d > 100).length;
      result.long_task_total_ms = during.reduce((s, [, d]) => s + d, 0);
      if (saved !== null) {
        result.saved_ms = saved - b.change;
        result.longest_task_to_saved_ms = Math.max(0, ...b.longtasks.filter(([start, dur]) => start + dur >= b.change! && start <= saved!).map(([, d]) => d));
      }
    }
    result.examples = await shownExamples(page);
  }
  await context.close();
  return result;
}

/** Keystroke latencies, ms: keydown (event.timeStamp) to the DOM update of the example's token count. */
/**
 * Presses `chars` + 1 keys in the focused text box, KEY_INTERVAL_MS apart (later when the token count has not
 * updated yet). The first key may merge with the text before it; the following ones alternate letter/digit: +1 token
 * each.
 */
async function typeKeys(page: Page, chars: number): Promise<void> {
  const keys = Array.from({ length: chars + 1 }, (_, i) => (i % 2 === 0 ? 'x' : String(i % 10)));
  for (const key of keys) {
    const start = Date.now();
    const before = (await page.evaluate('__bench.tokenUpdates.length')) as number;
    await page.keyboard.press(key);
    await waitFor(page, `__bench.tokenUpdates.length > ${before}`, KEY_TIMEOUT_MS, 20);
    await sleep(KEY_INTERVAL_MS - (Date.now() - start));
  }
}

/**
 * Keystroke latencies: each keydown to the first token-count update (one `counts` accepts) before the next keydown;
 * how many were measured, and their median, p95 and maximum.
 */
function keyLatencies(
  keys: [string, number][],
  updates: [number, string | null][],
  counts: (text: string | null) => boolean,
): { measured: number; median_ms: number | null; p95_ms: number | null; max_ms: number | null } {
  const latencies: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const [, down] = keys[i];
    const next = keys[i + 1]?.[1] ?? Infinity;
    const update = updates.find(([t, text]) => counts(text) && t >= down && t < next);
    if (update) latencies.push(update[0] - down);
  }
  if (!latencies.length) return { measured: 0, median_ms: null, p95_ms: null, max_ms: null };
  const sorted = [...latencies].sort((a, b) => a - b);
  return { measured: latencies.length, median_ms: quantile(sorted, 0.5), p95_ms: quantile(sorted, 0.95), max_ms: sorted[sorted.length - 1] };
}

export interface TypingResult {
  examples: number | null;
  /** Import of the typing dataset, to complete statistics, ms (typing starts after it). */
  import_stats_ms: number | null;
  keys: number;
  /** Keystrokes whose token count changed (the ones measured). */
  measured: number;
  median_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  /** Longest main-thread task while typing, ms. */
  longest_task_ms: number;
  error?: string;
  /** Where the main thread spent the typing (only when profiled). */
  profile?: ProfileSummary;
}

/**
 * Imports `filePath` (many short examples), waits for complete statistics, selects the first example, clicks into
 * its first "Content" box and types `chars` keys one at a time, one every KEY_INTERVAL_MS (alternating letter and
 * digit, so each adds a token), measuring keydown → token count update in the example header.
 */
export async function benchTyping(browser: Browser, url: string, filePath: string, opts: { chars?: number; profile?: boolean } = {}): Promise<TypingResult> {
  const chars = opts.chars ?? 30;
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(url);
  const result: TypingResult = { examples: null, import_stats_ms: null, keys: 0, measured: 0, median_ms: null, p95_ms: null, max_ms: null, longest_task_ms: 0 };
  try {
    await importUntilStats(page, filePath);
    result.import_stats_ms = (await page.evaluate('__bench.statsDone - __bench.change')) as number;
    result.examples = await shownExamples(page);
    await waitFor(page, SAVED, IMPORT_TIMEOUT_MS, 100); // type in steady state, not while the import is still being stored
    await page.getByRole('tab', { name: 'Edit' }).click();
    await page.getByRole('listbox', { name: 'Examples' }).getByRole('option').first().click();
    const box = page.getByLabel('Content', { exact: true }).first();
    await box.click();
    await page.keyboard.press('Control+End');
    await page.getByTestId('example-tokens').waitFor();
    await sleep(500);
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const t0 = (await page.evaluate('(() => { __bench.keys = []; __bench.tokenUpdates = []; return performance.now(); })()')) as number;
    await typeKeys(page, chars);
    if (opts.profile) result.profile = summariseProfile((await cdp.send('Profiler.stop')).profile);
    const data = (await page.evaluate('({ keys: __bench.keys, updates: __bench.tokenUpdates, longtasks: __bench.longtasks })')) as {
      keys: [string, number][];
      updates: [number, string | null][];
      longtasks: [number, number][];
    };
    result.keys = data.keys.length;
    Object.assign(
      result,
      keyLatencies(data.keys, data.updates, () => true),
    );
    result.longest_task_ms = Math.max(0, ...data.longtasks.filter(([s]) => s >= t0).map(([, d]) => d));
  } catch (e) {
    result.error = (e as Error).message.split('\n')[0];
  }
  await context.close();
  return result;
}

/** Figures of the "12 MB single line" scenario (bench/huge-line.ts). Times in ms, page clock. */
export interface HugeLineResult {
  file_mb: number;
  /** change event → first row of the example list (file read, dataset created). */
  import_ms: number | null;
  /** change event → the example shown in the editor with its token count. */
  shown_ms: number | null;
  /** Longest main-thread task from the change event until 2 s after the count showed. */
  import_longest_task_ms: number;
  /** "Edit all" click → the CodeMirror editor on the whole text is there. */
  open_ms: number | null;
  /** Longest task from that click until 1 s after the editor showed. */
  open_longest_task_ms: number;
  keys: number;
  measured: number;
  median_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
  /** Longest task while typing (keys 200 ms apart, so it includes the work after pauses: stats, autosave). */
  typing_longest_task_ms: number;
  /** Longest task after the last key until the page is quiet again (validation, statistics, autosave). */
  after_typing_longest_task_ms: number;
  error?: string;
}

/**
 * Imports `filePath` (one huge chat example, bench/huge-line.ts) in a fresh context, waits until its count shows,
 * opens its long reply with "Edit all", waits `settleMs` (the page counts the text in slices ahead of typing), then
 * types `chars` keys at its end as benchTyping does, measuring keydown → updated token count in the header.
 */
export async function benchHugeLine(
  browser: Browser,
  url: string,
  filePath: string,
  opts: { chars?: number; settleMs?: number } = {},
): Promise<HugeLineResult> {
  const chars = opts.chars ?? 30;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(url);
  const result: HugeLineResult = {
    file_mb: fs.statSync(filePath).size / 1e6,
    import_ms: null,
    shown_ms: null,
    import_longest_task_ms: 0,
    open_ms: null,
    open_longest_task_ms: 0,
    keys: 0,
    measured: 0,
    median_ms: null,
    p95_ms: null,
    max_ms: null,
    typing_longest_task_ms: 0,
    after_typing_longest_task_ms: 0,
  };
  const longest = async (from: number, to: number) =>
    Math.max(0, ...((await page.evaluate('__bench.longtasks')) as [number, number][]).filter(([s, d]) => s + d >= from && s <= to).map(([, d]) => d));
  try {
    await page.getByLabel('Import file').first().setInputFiles(filePath);
    if (!(await waitFor(page, 'window.__bench.firstRow !== null', IMPORT_TIMEOUT_MS))) throw new Error('no example row within the timeout');
    await page.getByTestId('example-tokens').waitFor({ timeout: IMPORT_TIMEOUT_MS });
    const shownAt = (await page.evaluate('performance.now()')) as number;
    const b = (await page.evaluate('({ change: __bench.change, firstRow: __bench.firstRow, updates: __bench.tokenUpdates })')) as {
      change: number;
      firstRow: number;
      updates: [number, string | null][];
    };
    result.import_ms = b.firstRow - b.change;
    const firstCount = b.updates.find(([, text]) => text);
    result.shown_ms = (firstCount ? firstCount[0] : shownAt) - b.change;
    await sleep(2000);
    result.import_longest_task_ms = await longest(b.change, (await page.evaluate('performance.now()')) as number);

    const t0 = (await page.evaluate('performance.now()')) as number;
    await page.getByRole('button', { name: /^Edit all/ }).click();
    await page.locator('.cm-content').waitFor();
    result.open_ms = ((await page.evaluate('performance.now()')) as number) - t0;
    await sleep(1000);
    result.open_longest_task_ms = await longest(t0, (await page.evaluate('performance.now()')) as number);
    await sleep(opts.settleMs ?? 3000);

    const box = page.locator('.cm-content');
    await box.click();
    await page.keyboard.press('Control+End');
    await sleep(500);
    const k0 = (await page.evaluate('(() => { __bench.keys = []; __bench.tokenUpdates = []; return performance.now(); })()')) as number;
    await typeKeys(page, chars);
    const k1 = (await page.evaluate('performance.now()')) as number;
    await sleep(3000); // validation, statistics and autosave after the last key
    const data = (await page.evaluate('({ keys: __bench.keys, updates: __bench.tokenUpdates })')) as {
      keys: [string, number][];
      updates: [number, string | null][];
    };
    result.keys = data.keys.length;
    Object.assign(
      result,
      keyLatencies(data.keys, data.updates, (text) => text !== null),
    ); // not "updating…"
    result.typing_longest_task_ms = await longest(k0, k1);
    result.after_typing_longest_task_ms = await longest(k1, (await page.evaluate('performance.now()')) as number);
  } catch (e) {
    result.error = (e as Error).message.split('\n')[0];
  }
  await context.close();
  return result;
}

/** JavaScript fetched for the first screen (empty storage), with sizes as served and gzipped (zlib level 6). */
export interface FirstScreenResult {
  files: { name: string; bytes: number; gzip: number }[];
  total_bytes: number;
  total_gzip: number;
}

/** Loads the app with empty storage and sums the JS responses until the network is idle. */
export async function benchFirstScreen(browser: Browser, url: string): Promise<FirstScreenResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<{ name: string; bytes: number; gzip: number } | null>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    const u = new URL(response.url());
    if (!/javascript/.test(type) && !/\.m?js$/.test(u.pathname)) return;
    pending.push(
      response
        .body()
        .then((body) => ({ name: u.pathname.slice(u.pathname.lastIndexOf('/') + 1), bytes: body.length, gzip: zlib.gzipSync(body).length }))
        .catch(() => null),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByLabel('Import file').first().waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
  await sleep(1000);
  const files = (await Promise.all(pending)).filter((f): f is { name: string; bytes: number; gzip: number } => f !== null);
  await context.close();
  return {
    files,
    total_bytes: files.reduce((s, f) => s + f.bytes, 0),
    total_gzip: files.reduce((s, f) => s + f.gzip, 0),
  };
}

/** numpy-style linear quantile of a sorted array. */
function quantile(sorted: number[], q: number): number {
  const v = (sorted.length - 1) * q;
  const lo = Math.floor(v);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (v - lo);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
