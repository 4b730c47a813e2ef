// `npm run bench`: every performance figure of Tuneset in one run on one machine — the core in Node against the
// cookbook's algorithm over tiktoken WASM, then the built app in headless Chromium — printed as a table with its
// target and written to bench/RESULTS.md.
//
//   npm run bench -- [--mb 100] [--typing-examples 100000] [--huge-mb 12] [--skip-node] [--skip-browser] [--only-huge] [--only-curation] [--only-first-screen] [--profile] [--no-write]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchPipeline, guideCorpus, warmUp, typingCorpus, GUIDE_MAX_TOKENS, type PipelineResult } from './pipeline';
import { writeChatCorpus } from './gen-corpus';
import { hugeLineFile } from './huge-line';
import {
  benchFirstScreen,
  benchHugeLine,
  benchImport,
  benchTyping,
  buildApp,
  launchChromium,
  startServer,
  type FirstScreenResult,
  type HugeLineResult,
  type ImportResult,
  type ProfileEntry,
  type ProfileSummary,
  type TypingResult,
} from './browser-bench';
import { benchCuration, type CurationResult } from './curation-bench';
import type { Browser } from '@playwright/test';

/** Port of the bench's static server (assigned to the bench, so it never collides with e2e runs). */
const PORT = Number(process.env.BENCH_PORT ?? 4424);
/** Where the bench builds the app. */
const OUT_DIR = process.env.BENCH_OUTDIR ?? '/tmp/bench-dist';
/** Targets (see bench/README.md). */
const TARGET = { ratio: 6, statsMs: 6000, taskMs: 100, typingP95Ms: 50, firstScreenGzKb: 150, heapFactor: 5, searchP95Ms: 100, dupMs: 10_000 };

const here = path.dirname(fileURLToPath(import.meta.url));

interface Args {
  mb: number;
  typingExamples: number;
  /** Size of the "single huge line" file, MB. */
  hugeMb: number;
  /** Times the 100 MB import is repeated (figures quoted as median and range). */
  runs: number;
  /** Only the huge-line scenario (no core, big import, typing or first screen). */
  onlyHuge: boolean;
  /** Only the curation scenario (search, bulk replace, near-duplicates on --typing-examples examples). */
  onlyCuration: boolean;
  onlyFirstScreen: boolean;
  skipNode: boolean;
  skipBrowser: boolean;
  profile: boolean;
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const val = (k: string, d: number): number => {
    const i = argv.indexOf(k);
    const n = i >= 0 ? Number(argv[i + 1]) : d;
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${k} needs a positive number`);
    return n;
  };
  return {
    mb: val('--mb', 100),
    typingExamples: val('--typing-examples', 100_000),
    hugeMb: val('--huge-mb', 12),
    runs: val('--runs', 3),
    onlyHuge: argv.includes('--only-huge'),
    onlyCuration: argv.includes('--only-curation'),
    onlyFirstScreen: argv.includes('--only-first-screen'),
    skipNode: argv.includes('--skip-node') || argv.includes('--only-huge') || argv.includes('--only-curation') || argv.includes('--only-first-screen'),
    skipBrowser: argv.includes('--skip-browser'),
    profile: argv.includes('--profile'),
    write: !argv.includes('--no-write'),
  };
}

/** One row of the printed table. */
interface Row {
  figure: string;
  value: string;
  target: string;
  ok: boolean | null;
}

const f1 = (x: number): string => x.toFixed(1);
const f0 = (x: number): string => Math.round(x).toLocaleString('en');
const ms = (x: number | null): string => (x === null ? 'n/a' : `${f0(x)} ms`);
const mark = (ok: boolean | null): string => (ok === null ? '—' : ok ? 'yes' : 'NO');

function machine(): Record<string, string> {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: here, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- src', { cwd: here, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (src/ has uncommitted changes)';
  } catch {
    /* not a git checkout */
  }
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    ram: `${f1(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    commit,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  const t0 = performance.now();
  const info = machine();
  const load0 = os.loadavg()[0];
  const rows: Row[] = [];
  const notes: string[] = [];
  const pipeline: PipelineResult[] = [];
  let chromium = 'not run';
  let imp: ImportResult | undefined;
  let profiled: ImportResult | undefined;
  let typing: TypingResult | undefined;
  let typingProfiled: TypingResult | undefined;
  let huge: HugeLineResult | undefined;
  let first: FirstScreenResult | undefined;
  let buildMs = 0;

  console.log(`Tuneset bench — ${info.cpu}, ${info.ram}, node ${info.node}, load ${f1(load0)}`);

  if (!args.skipNode) {
    console.log(`\n[node] generating ${args.mb} MB corpus in memory…`);
    const text = guideCorpus(args.mb);
    warmUp();
    for (const encoding of ['cl100k_base', 'o200k_base'] as const) {
      console.log(`[node] ${encoding}: ours, then the cookbook algorithm over tiktoken WASM…`);
      const r = await benchPipeline(text, encoding);
      pipeline.push(r);
      console.log(
        `[node]   ours ${f1(r.ours_mb_s)} MB/s (read ${f0(r.ours_ms.read)} + validate ${f0(r.ours_ms.validate)} + count ${f0(r.ours_ms.count)} ms, ` +
          `of which load ${f0(r.ours_ms.load)}), ref ${f1(r.ref_mb_s)} MB/s, ratio ${r.ratio.toFixed(2)}× (CPU-time ratio ${(r.cpu_ms.ref / r.cpu_ms.ours).toFixed(2)}×), ` +
          `${r.mismatches} mismatches of ${r.examples}`,
      );
      rows.push({
        figure: `core ${encoding}: ours vs cookbook/tiktoken WASM (${f1(r.mb)} MB)`,
        value: `${f1(r.ours_mb_s)} vs ${f1(r.ref_mb_s)} MB/s = ${r.ratio.toFixed(2)}×`,
        target: `≥ ${TARGET.ratio}×`,
        ok: r.ratio >= TARGET.ratio,
      });
      rows.push({
        figure: `core ${encoding}: per-example tokens identical`,
        value:
          r.mismatches === 0
            ? `yes (${f0(r.examples)} examples)`
            : `${r.mismatches} differ, first #${r.firstMismatch?.example}: ${r.firstMismatch?.ours} vs ${r.firstMismatch?.ref}`,
        target: 'identical',
        ok: r.mismatches === 0,
      });
      if (r.mismatches) process.exitCode = 1;
    }
  }

  if (!args.skipBrowser) {
    console.log(`\n[browser] vite build → ${OUT_DIR}…`);
    buildMs = buildApp(OUT_DIR);
    let server = await startServer(PORT, OUT_DIR);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuneset-bench-'));
    const browser = await launchChromium();
    chromium = browser.version();
    try {
      if (args.onlyFirstScreen) {
        first = await runFirstScreen(browser, server.url, rows);
        // Which files make up the total (largest first), to see what to split off when it grows.
        for (const f of [...first.files].sort((a, b) => b.gzip - a.gzip))
          console.log(`[browser]   ${f1(f.gzip / 1024).padStart(6)} KB gz  ${f1(f.bytes / 1024).padStart(6)} KB  ${f.name}`);
        throw new OnlyHuge();
      }
      if (args.onlyCuration) {
        const file = path.join(tmp, `curation-${args.typingExamples}.jsonl`);
        fs.writeFileSync(file, typingCorpus(args.typingExamples));
        await runCuration(browser, server.url, file, args.typingExamples, rows);
        throw new OnlyHuge();
      }
      const hugeFile = path.join(tmp, `huge-line-${args.hugeMb}mb.jsonl`);
      fs.writeFileSync(hugeFile, hugeLineFile({ mb: args.hugeMb }));
      console.log(`[browser] a single ${args.hugeMb} MB line: import, show, open, type…`);
      huge = await benchHugeLine(browser, server.url, hugeFile);
      console.log(`[browser]   ${JSON.stringify(huge)}`);
      fs.rmSync(hugeFile, { force: true });
      const hl = `${f1(huge.file_mb)} MB single line`;
      rows.push({
        figure: `${hl}: import (first row) / example shown with its count`,
        value: huge.error ? `n/a (${huge.error})` : `${ms(huge.import_ms)} / ${ms(huge.shown_ms)}`,
        target: '—',
        ok: null,
      });
      rows.push({
        figure: `${hl}: longest task during import and showing`,
        value: ms(huge.import_longest_task_ms),
        target: `≤ ${TARGET.taskMs} ms`,
        ok: huge.import_longest_task_ms <= TARGET.taskMs,
      });
      rows.push({
        figure: `${hl}: "Edit all" → editor open; longest task`,
        value: `${ms(huge.open_ms)}; ${ms(huge.open_longest_task_ms)}`,
        target: `≤ ${TARGET.taskMs} ms`,
        ok: huge.open_longest_task_ms <= TARGET.taskMs,
      });
      rows.push({
        figure: `${hl}: keydown → token count (median / p95, n=${huge.measured})`,
        value: `${ms(huge.median_ms)} / ${ms(huge.p95_ms)}`,
        target: `p95 < ${TARGET.typingP95Ms} ms`,
        ok: huge.p95_ms !== null && huge.p95_ms < TARGET.typingP95Ms,
      });
      rows.push({
        figure: `${hl}: longest task while typing / after the last key`,
        value: `${ms(huge.typing_longest_task_ms)} / ${ms(huge.after_typing_longest_task_ms)}`,
        target: `≤ ${TARGET.taskMs} ms`,
        ok: Math.max(huge.typing_longest_task_ms, huge.after_typing_longest_task_ms) <= TARGET.taskMs,
      });
      if (args.onlyHuge) throw new OnlyHuge();

      first = await runFirstScreen(browser, server.url, rows);

      const big = path.join(tmp, `chat-${args.mb}mb.jsonl`);
      console.log(`[browser] writing ${args.mb} MB file, importing it…`);
      writeChatCorpus(big, args.mb);
      // The import is repeated (--runs, default 3) in fresh contexts: each figure is quoted as median and range.
      const runs: ImportResult[] = [];
      for (let k = 0; k < args.runs; k++) {
        const r = await benchImport(browser, server.url, big, { serverPid: server.proc.pid });
        console.log(`[browser]   run ${k + 1}/${args.runs}: ${JSON.stringify({ ...r, profile: undefined })}`);
        runs.push(r);
      }
      const spread = (pick: (r: ImportResult) => number | null, fmt: (x: number) => string = ms): string => {
        const xs = runs
          .map(pick)
          .filter((x): x is number => x !== null)
          .sort((a, b) => a - b);
        if (!xs.length) return 'n/a';
        const mid = xs[(xs.length - 1) >> 1];
        return xs.length === 1 ? fmt(mid) : `${fmt(mid)} (${fmt(xs[0])}–${fmt(xs[xs.length - 1])}, n=${xs.length})`;
      };
      // The run with the median statistics time stands for the others where one run is needed (RESULTS.md, profile).
      imp = [...runs].sort((a, b) => (a.stats_ms ?? Infinity) - (b.stats_ms ?? Infinity))[(runs.length - 1) >> 1];
      const worst = (pick: (r: ImportResult) => number) => Math.max(...runs.map(pick));
      const mbText = `${f1(imp.file_mb)} MB`;
      rows.push({ figure: `import ${mbText}: first examples shown (preview while reading)`, value: spread((r) => r.first_preview_ms), target: '—', ok: null });
      rows.push({ figure: `import ${mbText}: first row of the example list (file read)`, value: spread((r) => r.first_row_ms), target: '—', ok: null });
      rows.push({
        figure: `import ${mbText}: complete statistics`,
        value: imp.error ? `${ms(imp.stats_ms)} (${imp.error})` : spread((r) => r.stats_ms),
        target: `≤ ${TARGET.statsMs / 1000} s`,
        ok: runs.every((r) => r.stats_ms !== null && r.stats_ms <= TARGET.statsMs),
      });
      rows.push({
        figure: `import ${mbText}: longest main-thread task`,
        value: `${spread((r) => r.longest_task_ms)}; tasks > 100 ms: ${spread((r) => r.tasks_over_100ms, f0)}`,
        target: `≤ ${TARGET.taskMs} ms`,
        ok: worst((r) => r.longest_task_ms) <= TARGET.taskMs,
      });
      rows.push({
        figure: `import ${mbText}: stored in IndexedDB ("Saved"); longest task until then`,
        value: `${ms(imp.saved_ms)}; ${ms(imp.longest_task_to_saved_ms)}`,
        target: '—',
        ok: null,
      });
      rows.push({
        figure: `import ${mbText}: peak JS heap (page)`,
        value: `${f0(imp.peak_heap_mb)} MB = ${(imp.peak_heap_mb / imp.file_mb).toFixed(1)}× file`,
        target: `≤ ${TARGET.heapFactor}× file`,
        ok: imp.peak_heap_mb <= TARGET.heapFactor * imp.file_mb,
      });
      rows.push({
        figure: `import ${mbText}: Chromium RSS growth (all processes)`,
        value: `${f0(imp.peak_rss_growth_mb)} MB (peak Σ RSS ${f0(imp.peak_rss_mb)} MB)`,
        target: '—',
        ok: null,
      });

      const small = path.join(tmp, `typing-${args.typingExamples}.jsonl`);
      fs.writeFileSync(small, typingCorpus(args.typingExamples));
      const smallMb = fs.statSync(small).size / 1e6;
      console.log(`[browser] typing in a ${f0(args.typingExamples)}-example dataset (${f1(smallMb)} MB)…`);
      typing = await benchTyping(browser, server.url, small);
      console.log(`[browser]   ${JSON.stringify(typing)}`);
      rows.push({
        figure: `typing in ${f0(typing.examples ?? args.typingExamples)} examples: keydown → token count (median / p95, n=${typing.measured})`,
        value: typing.error ? `n/a (${typing.error})` : `${ms(typing.median_ms)} / ${ms(typing.p95_ms)}`,
        target: `p95 < ${TARGET.typingP95Ms} ms`,
        ok: typing.p95_ms !== null && typing.p95_ms < TARGET.typingP95Ms,
      });
      rows.push({
        figure: `import ${f1(smallMb)} MB / ${f0(args.typingExamples)} short examples: complete statistics`,
        value: ms(typing.import_stats_ms),
        target: '—',
        ok: null,
      });

      await runCuration(browser, server.url, small, args.typingExamples, rows);

      const slow = imp.error !== undefined || imp.stats_ms === null || imp.stats_ms > TARGET.statsMs || imp.longest_task_ms > TARGET.taskMs;
      const slowTyping = typing.p95_ms === null || typing.p95_ms >= TARGET.typingP95Ms;
      if (args.profile || slow || slowTyping) {
        // Unminified build so the profiles name functions.
        console.log('[browser] rebuilding unminified for CPU profiles…');
        await server.stop();
        buildApp(OUT_DIR, { minify: false });
        server = await startServer(PORT, OUT_DIR);
        if (args.profile || slow) {
          console.log(`[browser] profiling the main thread over the ${args.mb} MB import…`);
          profiled = await benchImport(browser, server.url, big, { profile: true, serverPid: server.proc.pid });
          console.log(`[browser]   ${JSON.stringify({ ...profiled, profile: undefined })}`);
        }
        if (args.profile || slowTyping) {
          console.log('[browser] profiling the main thread while typing…');
          typingProfiled = await benchTyping(browser, server.url, small, { profile: true });
          console.log(`[browser]   ${JSON.stringify({ ...typingProfiled, profile: undefined })}`);
        }
      }
      fs.rmSync(big, { force: true });
    } catch (e) {
      if (!(e instanceof OnlyHuge)) throw e;
    } finally {
      await browser.close();
      await server.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  const totalS = (performance.now() - t0) / 1000;
  const load1 = os.loadavg()[0];
  printTable(rows);
  console.log(`\nbench took ${f0(totalS)} s; load average ${f1(load0)} → ${f1(load1)} (${os.cpus().length} cores)`);
  if (load0 > os.cpus().length * 0.75 || load1 > os.cpus().length * 0.75) {
    notes.push(
      `The machine was busy (1-minute load average ${f1(load0)} at start, ${f1(load1)} at end, on ${os.cpus().length} cores): wall-clock figures are pessimistic. The CPU-time ratio of the core is less sensitive to that.`,
    );
  }
  if (args.write) {
    const md = renderMarkdown({
      started,
      info,
      chromium,
      rows,
      pipeline,
      imp,
      profiled,
      typing,
      typingProfiled,
      huge,
      first,
      buildMs,
      totalS,
      load: [load0, load1],
      notes,
      args,
    });
    fs.writeFileSync(path.join(here, 'RESULTS.md'), md);
    console.log('wrote bench/RESULTS.md');
  }
}

/** The curation scenario (search, bulk replace, near-duplicates, a catastrophic pattern) on `file`; adds its rows. */
async function runCuration(browser: Browser, url: string, file: string, examples: number, rows: Row[]): Promise<CurationResult> {
  console.log(`[browser] curation in ${f0(examples)} examples: search, bulk replace, near-duplicates, a catastrophic pattern…`);
  const cur = await benchCuration(browser, url, file, examples);
  console.log(`[browser]   ${JSON.stringify(cur)}`);
  const inN = `in ${f0(examples)} examples`;
  const err = cur.error ? ` (${cur.error})` : '';
  rows.push({
    figure: `search ${inN}: keydown → list updated (median / p95, n=${cur.search_keys}); longest task`,
    value: `${ms(cur.search_median_ms)} / ${ms(cur.search_p95_ms)}; ${ms(cur.search_longest_task_ms)}${err}`,
    target: `p95 < ${TARGET.searchP95Ms} ms`,
    ok: cur.search_p95_ms !== null && cur.search_p95_ms < TARGET.searchP95Ms,
  });
  rows.push({
    figure: `bulk replace ${inN} (${cur.replace_changed ?? '?'} changed): preview; longest task`,
    value: `${ms(cur.replace_preview_ms)}; ${ms(cur.replace_preview_longest_task_ms)}`,
    target: `≤ ${TARGET.taskMs} ms`,
    ok: cur.replace_preview_ms !== null && cur.replace_preview_longest_task_ms <= TARGET.taskMs,
  });
  rows.push({
    figure: `bulk replace ${inN}: apply; longest task`,
    value: `${ms(cur.replace_apply_ms)}; ${ms(cur.replace_apply_longest_task_ms)}`,
    target: `≤ ${TARGET.taskMs} ms`,
    ok: cur.replace_apply_ms !== null && cur.replace_apply_longest_task_ms <= TARGET.taskMs,
  });
  rows.push({
    figure: `near-duplicate groups ${inN} (${os.cpus().length} cores): ready; longest task`,
    value: `${ms(cur.dup_ms)}; ${ms(cur.dup_longest_task_ms)}`,
    target: `≤ ${TARGET.dupMs / 1000} s; ≤ ${TARGET.taskMs} ms`,
    ok: cur.dup_ms !== null && cur.dup_ms <= TARGET.dupMs && cur.dup_longest_task_ms <= TARGET.taskMs,
  });
  rows.push({
    figure: `catastrophic regular expression ${inN}: stopped after; longest task`,
    value: `${ms(cur.catastrophic_ms)}; ${ms(cur.catastrophic_longest_task_ms)}`,
    target: `≤ ${TARGET.taskMs} ms`,
    ok: cur.catastrophic_ms !== null && cur.catastrophic_longest_task_ms <= TARGET.taskMs,
  });
  return cur;
}

/** The first-screen JavaScript figure (benchFirstScreen) as a row. */
async function runFirstScreen(browser: Browser, url: string, rows: Row[]): Promise<FirstScreenResult> {
  console.log('[browser] first screen JS…');
  const first = await benchFirstScreen(browser, url);
  rows.push({
    figure: `first-screen JS (${first.files.length} files, gzip -6)`,
    value: `${f1(first.total_gzip / 1024)} KB gz (${f1(first.total_bytes / 1024)} KB raw)`,
    target: `≤ ${TARGET.firstScreenGzKb} KB gz`,
    ok: first.total_gzip / 1024 <= TARGET.firstScreenGzKb,
  });
  return first;
}

/** Thrown to end the browser part early (--only-huge, --only-curation, --only-first-screen). */
class OnlyHuge extends Error {}

function printTable(rows: Row[]): void {
  const w = [
    Math.max(6, ...rows.map((r) => r.figure.length)),
    Math.max(5, ...rows.map((r) => r.value.length)),
    Math.max(6, ...rows.map((r) => r.target.length)),
  ];
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w[0])}  ${b.padEnd(w[1])}  ${c.padEnd(w[2])}  ${d}`;
  console.log('\n' + line('Figure', 'Value', 'Target', 'Met'));
  console.log('-'.repeat(w[0] + w[1] + w[2] + 11));
  for (const r of rows) console.log(line(r.figure, r.value, r.target, mark(r.ok)));
}

interface Report {
  started: Date;
  info: Record<string, string>;
  chromium: string;
  rows: Row[];
  pipeline: PipelineResult[];
  imp?: ImportResult;
  profiled?: ImportResult;
  typing?: TypingResult;
  typingProfiled?: TypingResult;
  huge?: HugeLineResult;
  first?: FirstScreenResult;
  buildMs: number;
  totalS: number;
  load: [number, number];
  notes: string[];
  args: Args;
}

/** Markdown of a profile summary: top self time, then the longest busy stretches. */
function profileMarkdown(p: ProfileSummary): string[] {
  const out: string[] = [];
  const table = (entries: ProfileEntry[], head: string) => {
    out.push(`| Function | Where | ${head} ms | % |`, '|---|---|---|---|');
    for (const e of entries) out.push(`| \`${e.fn}\` | ${e.at} | ${f0(e.self_ms)} | ${f1(e.pct)} |`);
    out.push('');
  };
  out.push('Top self time over the whole run (`(idle)` = main thread waiting, e.g. for workers or the file; `(program)` = native work outside JS):', '');
  table(p.top, 'Self');
  p.stretches.forEach((st, i) => {
    out.push(`Busy stretch ${i + 1} (no idle sample for ${f0(st.ms)} ms ≈ one task): self time, then app functions by inclusive time:`, '');
    table(st.self, 'Self');
    table(st.inclusive, 'Inclusive');
  });
  return out;
}

function renderMarkdown(r: Report): string {
  const out: string[] = [];
  out.push('# Tuneset benchmark results', '');
  out.push('Written by `npm run bench` (bench/run.ts); re-run it to refresh. Method and targets: bench/README.md.', '');
  out.push(`- Date: ${r.started.toISOString()}`);
  out.push(`- Machine: ${r.info.cpu}; RAM ${r.info.ram}; ${r.info.os}`);
  out.push(`- Node ${r.info.node}; Chromium ${r.chromium} (headless, ${'/usr/bin/chromium'})`);
  out.push(`- Commit: ${r.info.commit}`);
  out.push(`- Load average (1 min) at start / end: ${f1(r.load[0])} / ${f1(r.load[1])}; the run took ${f0(r.totalS)} s`);
  out.push(
    `- Options: --mb ${r.args.mb}, --runs ${r.args.runs}, --typing-examples ${r.args.typingExamples}${r.args.skipNode ? ', --skip-node' : ''}${r.args.skipBrowser ? ', --skip-browser' : ''}`,
  );
  out.push('');
  for (const n of r.notes) out.push(`> ${n}`, '');
  out.push('## Summary', '', '| Figure | Value | Target | Met |', '|---|---|---|---|');
  for (const row of r.rows) out.push(`| ${row.figure} | ${row.value} | ${row.target} | ${mark(row.ok)} |`);
  out.push('');
  if (r.pipeline.length) {
    out.push('## Core in Node (single thread)', '');
    out.push(
      `Ours = \`readText\` + \`validateDataset\` + \`exampleTokens(value, counter.count)\` per example (counter from \`getCounter\`, rank ` +
        `loading included). Reference = \`runGuideScript(jsonl, encoding, ${GUIDE_MAX_TOKENS})\` (tests/reference/guide-script.ts): the cookbook ` +
        "notebook's load + format checks + num_tokens_from_messages over the `tiktoken` WASM package (encoder creation included). " +
        'Corpus: bench/gen-corpus.ts chat records, seed 1, no faults, no `weight` keys (the cookbook would raise on them), in memory.',
      '',
    );
    out.push(
      '| Encoding | MB | Examples | Ours MB/s | Ref MB/s | Ratio (wall) | Ratio (CPU time) | read / validate / count (load) ms | Ref ms | Identical counts | Over 4096 |',
    );
    out.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const p of r.pipeline) {
      out.push(
        `| ${p.encoding} | ${f1(p.mb)} | ${f0(p.examples)} | ${f1(p.ours_mb_s)} | ${f1(p.ref_mb_s)} | ${p.ratio.toFixed(2)}× | ${(p.cpu_ms.ref / p.cpu_ms.ours).toFixed(2)}× | ` +
          `${f0(p.ours_ms.read)} / ${f0(p.ours_ms.validate)} / ${f0(p.ours_ms.count)} (${f0(p.ours_ms.load)}) | ${f0(p.ref_ms)} | ${p.mismatches === 0 ? 'yes' : `NO (${p.mismatches})`} | ${f0(p.tooLong)} |`,
      );
    }
    out.push('');
  }
  if (r.imp || r.first || r.typing) {
    out.push('## Built app in headless Chromium', '');
    out.push(
      `Built with \`TUNESET_OUTDIR=${OUT_DIR} npx vite build\` (${f1(r.buildMs / 1000)} s), served by scripts/serve.mjs on port ${PORT}, fresh browser context (empty storage) per measurement.`,
      '',
    );
  }
  if (r.first) {
    out.push('### First screen', '', '| File | Bytes | Gzip |', '|---|---|---|');
    for (const file of r.first.files) out.push(`| ${file.name} | ${f0(file.bytes)} | ${f0(file.gzip)} |`);
    out.push(`| **total** | ${f0(r.first.total_bytes)} | ${f0(r.first.total_gzip)} (${f1(r.first.total_gzip / 1024)} KB) |`, '');
  }
  if (r.imp) {
    const i = r.imp;
    out.push('### Import of the big file', '');
    out.push(
      `A ${f1(i.file_mb)} MB chat file (gen-corpus seed 1, no faults, default weights/long examples) set on the "Import file" input. Times from the ` +
        'input\'s change event (page clock) to: the first row of the Examples listbox; the Statistics tab showing `data-testid="stats"` with no ' +
        '"Counting tokens" status. Long tasks from a `longtask` PerformanceObserver; heap from CDP `Performance.getMetrics` (page only, not workers) ' +
        'every 100 ms; RSS = Σ of every Chromium process, from /proc.',
      '',
    );
    out.push('| Figure | Value |', '|---|---|');
    out.push(`| examples shown | ${i.examples === null ? 'n/a' : f0(i.examples)} |`);
    out.push(`| first examples shown (preview under the progress bar, file still being read) | ${ms(i.first_preview_ms)} |`);
    out.push(`| first row of the example list (whole file read) | ${ms(i.first_row_ms)} |`);
    out.push(`| complete statistics | ${ms(i.stats_ms)} |`);
    out.push(`| longest main-thread task | ${ms(i.longest_task_ms)} |`);
    out.push(`| tasks > 100 ms | ${i.tasks_over_100ms} |`);
    out.push(`| Σ long tasks (> 50 ms) | ${ms(i.long_task_total_ms)} |`);
    out.push(`| autosave "Saved" (in IndexedDB) | ${ms(i.saved_ms)} |`);
    out.push(`| longest main-thread task until "Saved" | ${ms(i.longest_task_to_saved_ms)} |`);
    out.push(`| peak JS heap (page), until "Saved" | ${f0(i.peak_heap_mb)} MB |`);
    out.push(`| Chromium RSS growth / peak | ${f0(i.peak_rss_growth_mb)} MB / ${f0(i.peak_rss_mb)} MB |`);
    if (i.error) out.push(`| error | ${i.error} |`);
    out.push('');
  }
  if (r.profiled?.profile) {
    const p = r.profiled;
    out.push('### Where the main thread spends the import (CPU profile)', '');
    out.push(
      `A second import of the same file into an **unminified** build under the CDP sampling profiler (main thread only; workers ` +
        `not profiled; the profiler slows it): statistics at ${ms(p.stats_ms)}, longest task ${ms(p.longest_task_ms)}, ${p.tasks_over_100ms} tasks > 100 ms.`,
      '',
    );
    out.push(...profileMarkdown(p.profile!));
  }
  if (r.typing) {
    const t = r.typing;
    out.push('### Typing latency', '');
    out.push(
      `${f0(t.examples ?? r.args.typingExamples)} short examples imported (statistics complete after ${ms(t.import_stats_ms)}), first example selected ` +
        `after autosave said "Saved", its first "Content" box clicked, ${t.keys} keys pressed one at a time, one every 200 ms (alternating letter/digit so each adds a token). Latency = ` +
        'MutationObserver time of the changed `data-testid="example-tokens"` text − the keydown event\'s timeStamp (page clock).',
      '',
    );
    out.push('| Figure | Value |', '|---|---|');
    out.push(`| keystrokes measured | ${t.measured} of ${t.keys} |`);
    out.push(`| median | ${ms(t.median_ms)} |`);
    out.push(`| p95 | ${ms(t.p95_ms)} |`);
    out.push(`| max | ${ms(t.max_ms)} |`);
    out.push(`| longest main-thread task while typing | ${ms(t.longest_task_ms)} |`);
    if (t.error) out.push(`| error | ${t.error} |`);
    out.push('');
  }
  if (r.huge) {
    const h = r.huge;
    out.push('### A single 12 MB line', '');
    out.push(
      `bench/huge-line.ts: one chat example whose assistant reply is ${f1(h.file_mb)} MB of text (paragraphs of pool.txt, some non-ASCII), imported ` +
        'through "Import file" in a fresh context; then "Edit all" opens the reply in CodeMirror, and after 3 s (the page counts the text in slices ' +
        `ahead of typing) ${h.keys} keys are typed at its end, 200 ms apart, as in the typing figure. Long tasks from the \`longtask\` observer.`,
      '',
    );
    out.push('| Figure | Value |', '|---|---|');
    out.push(`| import: first row of the example list | ${ms(h.import_ms)} |`);
    out.push(`| example shown with its token count | ${ms(h.shown_ms)} |`);
    out.push(`| longest task, import to 2 s after shown | ${ms(h.import_longest_task_ms)} |`);
    out.push(`| "Edit all" → editor open / longest task | ${ms(h.open_ms)} / ${ms(h.open_longest_task_ms)} |`);
    out.push(`| keydown → token count: median / p95 / max (n=${h.measured} of ${h.keys}) | ${ms(h.median_ms)} / ${ms(h.p95_ms)} / ${ms(h.max_ms)} |`);
    out.push(`| longest task while typing / within 3 s after the last key | ${ms(h.typing_longest_task_ms)} / ${ms(h.after_typing_longest_task_ms)} |`);
    if (h.error) out.push(`| error | ${h.error} |`);
    out.push('');
  }
  if (r.typingProfiled?.profile) {
    const t = r.typingProfiled;
    out.push('### Where the main thread spends the typing (CPU profile)', '');
    out.push(
      `The typing run repeated in the unminified build under the profiler: median ${ms(t.median_ms)}, p95 ${ms(t.p95_ms)}, longest task ${ms(t.longest_task_ms)}.`,
      '',
    );
    out.push(...profileMarkdown(t.profile!));
  }
  return out.join('\n');
}

await main();
