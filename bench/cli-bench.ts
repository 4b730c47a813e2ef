// `npm run bench:cli`: the command-line tool, whole process (`node dist-cli/tuneset.mjs check FILE`, built first),
// against the cookbook's script over tiktoken WASM on the same file; start-up on a small file; peak memory on a big
// one. Every figure is repeated (median and range). Prints a table and writes bench/CLI-RESULTS.md.
//
//   npm run bench:cli -- [--mb 24] [--runs 5] [--ref-runs 3] [--big-mb 512] [--wait-idle] [--no-write]
//
// - Reference: tests/reference/guide-script.ts `runGuideScript(text, 'cl100k_base', 4096)` (the notebook's checks and
//   num_tokens_from_messages over tiktoken WASM), timed inside this process from reading the file to its last figure,
//   encoder creation included — its own process start (and TypeScript compilation) is left out, in its favour.
// - Ours: the built bin with --model gpt-3.5-turbo-0613 (cl100k_base, 4,096 tokens: the notebook's settings) --json,
//   timed from spawn to exit. One core: `taskset -c 0` (the default --jobs is then 1). All cores: the default --jobs.
//   The billing tokens must equal the reference's n_billing_tokens_in_dataset (the exit code is 1 otherwise).
// - Peak RSS: the bin's own `TUNESET_STATS=1` line (process.resourceUsage().maxRSS: every thread of the process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { guideCorpus } from './pipeline';
import { runGuideScript } from '../tests/reference/guide-script';
import { writeChatCorpus } from './gen-corpus';
import { buildCli, CLI_BUNDLE } from '../scripts/build-cli.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const TARGET = { oneCore: 6, allCores: 10, startupMs: 150, rssMb: 1024 };

interface Args {
  mb: number;
  runs: number;
  refRuns: number;
  bigMb: number;
  write: boolean;
  /** Wait for an idle second before each timed run (a machine shared with other work). */
  waitIdle: boolean;
}

function parseArgs(argv: string[]): Args {
  const val = (k: string, d: number): number => {
    const i = argv.indexOf(k);
    const n = i >= 0 ? Number(argv[i + 1]) : d;
    if (!Number.isFinite(n) || n < 0) throw new Error(`${k} needs a number`);
    return n;
  };
  return {
    mb: val('--mb', 24),
    runs: val('--runs', 5),
    refRuns: val('--ref-runs', 3),
    bigMb: val('--big-mb', 512),
    write: !argv.includes('--no-write'),
    waitIdle: argv.includes('--wait-idle'),
  };
}

/** min, median, max. */
function spread(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
}

const f0 = (x: number): string => Math.round(x).toLocaleString('en');
const f1 = (x: number): string => x.toFixed(1);
const range = (xs: number[], fmt: (x: number) => string, unit: string): string => {
  const s = spread(xs);
  return `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)})`;
};

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  rssMb: number | null;
}

/** CPU time counters of the whole machine (Linux /proc/stat), or null elsewhere. */
function cpuTimes(): { idle: number; total: number } | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** With --wait-idle: before a timed run, waits (up to 60 s) for a second in which the machine was ≥ 90 % idle. */
let waitIdle = false;
const idleWaits: number[] = [];
function settle(): void {
  if (!waitIdle) return;
  const t0 = performance.now();
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  while (performance.now() - t0 < 60_000) {
    const a = cpuTimes();
    Atomics.wait(sleep, 0, 0, 1000);
    const b = cpuTimes();
    if (!a || !b || (b.idle - a.idle) / Math.max(1, b.total - a.total) >= 0.9) break;
  }
  idleWaits.push(performance.now() - t0);
}

function runBin(args: string[], opts: { oneCore?: boolean; stats?: boolean } = {}): Run {
  settle();
  const cmd = opts.oneCore ? 'taskset' : process.execPath;
  const argv = opts.oneCore ? ['-c', '0', process.execPath, CLI_BUNDLE, ...args] : [CLI_BUNDLE, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...(opts.stats ? { TUNESET_STATS: '1' } : {}) } });
  const ms = performance.now() - t0;
  const rss = /peak RSS (\d+) MB/.exec(r.stderr ?? '');
  return { ms, code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', rssMb: rss ? Number(rss[1]) : null };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  waitIdle = args.waitIdle;
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}, ${f1(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;
  const load0 = os.loadavg()[0];
  console.log(`Tuneset CLI bench — ${machine}, load ${f1(load0)}`);
  const size = await buildCli();
  console.log(`[cli] built ${path.relative(root, CLI_BUNDLE)} (${f1(size / 1e6)} MB)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tuneset-cli-bench-'));
  const rows: { figure: string; value: string; target: string; ok: boolean | null }[] = [];
  const notes: string[] = [];
  try {
    // Start-up: the notebook's 5-example toy file.
    const toy = path.join(root, 'tests/fixtures/guide/toy_chat_fine_tuning.jsonl');
    runBin(['check', toy]);
    const startup = Array.from({ length: Math.max(10, args.runs * 3) }, () => runBin(['check', toy]).ms);
    const bare = Array.from({ length: 10 }, () => {
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      return performance.now() - t0;
    });
    console.log(`[cli] start-up on a 5-example file: ${range(startup, f0, 'ms')}; bare \`node -e 0\`: ${range(bare, f0, 'ms')}`);
    rows.push({
      figure: `start-up, 5-example file (n=${startup.length}; bare node ${f0(spread(bare).median)} ms)`,
      value: range(startup, f0, 'ms'),
      target: `< ${TARGET.startupMs} ms`,
      ok: spread(startup).median < TARGET.startupMs,
    });

    // Throughput on the chat corpus.
    const file = path.join(tmp, `chat-${args.mb}mb.jsonl`);
    fs.writeFileSync(file, guideCorpus(args.mb));
    const bytes = fs.statSync(file).size;
    const mb = bytes / 1e6;
    console.log(`[cli] ${f1(mb)} MB chat corpus; the reference (cookbook script over tiktoken WASM), ${args.refRuns} runs…`);
    const refMs: number[] = [];
    let refBilling = -1;
    for (let i = 0; i < args.refRuns; i++) {
      settle();
      const t0 = performance.now();
      const ref = runGuideScript(fs.readFileSync(file, 'utf8'), 'cl100k_base', 4096);
      refMs.push(performance.now() - t0);
      refBilling = ref.n_billing_tokens_in_dataset;
    }
    const ref = spread(refMs).median;
    console.log(`[cli]   reference ${range(refMs, f0, 'ms')} = ${f1(mb / (ref / 1000))} MB/s`);
    const check = ['check', file, '--model', 'gpt-3.5-turbo-0613', '--json'];
    let mismatch = false;
    for (const [name, oneCore, target] of [
      ['one core (taskset -c 0)', true, TARGET.oneCore],
      [`all cores (${os.availableParallelism()})`, false, TARGET.allCores],
    ] as const) {
      runBin(check, { oneCore }); // warm the page cache
      const runs = Array.from({ length: args.runs }, () => runBin(check, { oneCore, stats: true }));
      for (const r of runs) {
        if (r.code !== 0) throw new Error(`tuneset exited ${r.code}: ${r.stderr}`);
        const billing = (JSON.parse(r.stdout) as { billing_tokens: number }).billing_tokens;
        if (billing !== refBilling) mismatch = true;
      }
      const ms = runs.map((r) => r.ms);
      const ratios = ms.map((x) => ref / x);
      // How the threads shared the work in the median run (the bin's TUNESET_STATS line: chunks analysed on this
      // thread and on the workers, when the workers' first answer came).
      const median = runs.find((r) => r.ms === spread(ms).median);
      const stats = /tuneset stats: .*/.exec(median?.stderr ?? '')?.[0];
      if (stats) notes.push(`- ${name}, median run: \`${stats}\``);
      console.log(`[cli]   ours, ${name}: ${range(ms, f0, 'ms')} = ${f1(mb / (spread(ms).median / 1000))} MB/s, ${range(ratios, (x) => x.toFixed(1), '×')}`);
      rows.push({
        figure: `${f1(mb)} MB chat file, whole process, ${name}: ours vs reference (${f0(ref)} ms)`,
        value: `${range(ms, f0, 'ms')} = ${range(ratios, (x) => x.toFixed(1), '×')}`,
        target: `≥ ${target}×`,
        ok: spread(ratios).median >= target,
      });
    }
    rows.push({ figure: 'billing tokens identical to the reference', value: mismatch ? 'NO' : `yes (${f0(refBilling)})`, target: 'identical', ok: !mismatch });
    if (mismatch) process.exitCode = 1;

    if (args.bigMb > 0) {
      const big = path.join(tmp, `chat-${args.bigMb}mb.jsonl`);
      console.log(`[cli] writing a ${args.bigMb} MB file…`);
      writeChatCorpus(big, args.bigMb);
      const bigMb = fs.statSync(big).size / 2 ** 20;
      const runs = Array.from({ length: Math.max(3, Math.min(args.runs, 3)) }, () => runBin(['check', big, '--json'], { stats: true }));
      for (const r of runs) if (r.code !== 0 && r.code !== 1) throw new Error(`tuneset exited ${r.code}: ${r.stderr}`);
      const rss = runs.map((r) => r.rssMb ?? NaN);
      const ms = runs.map((r) => r.ms);
      console.log(`[cli]   ${f0(bigMb)} MiB: ${range(ms, f0, 'ms')}, peak RSS ${range(rss, f0, 'MB')}`);
      rows.push({
        figure: `${f0(bigMb)} MiB file, all cores: time / peak RSS (all threads)`,
        value: `${range(ms, f0, 'ms')} / ${range(rss, f0, 'MB')}`,
        target: `< ${TARGET.rssMb} MB`,
        ok: spread(rss).max < TARGET.rssMb,
      });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const load1 = os.loadavg()[0];
  const table = [
    '| Figure | Measured: median (min–max) | Target | Met |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.target} | ${r.ok === null ? '—' : r.ok ? 'yes' : 'NO'} |`),
  ].join('\n');
  console.log('\n' + table);
  const waited = idleWaits.length
    ? ` Each timed run waited for an idle second first (--wait-idle; ${f1(idleWaits.reduce((a, b) => a + b, 0) / 1000)} s of waiting in all).`
    : '';
  const busy =
    Math.max(load0, load1) > cpus.length * 0.5
      ? `\n\n**The machine was busy** (load average ${f1(load0)} → ${f1(load1)} on ${cpus.length} cores): re-run on an idle machine for figures that count.`
      : '';
  if (busy) console.log(busy.trim());
  if (args.write) {
    let commit = 'unknown';
    try {
      commit = execSync('git rev-parse --short HEAD', { cwd: root, encoding: 'utf8' }).trim();
    } catch {
      /* not a git checkout */
    }
    const md = `# Command-line tool: measured figures\n\nWritten by \`npm run bench:cli -- ${process.argv.slice(2).join(' ')}\` (bench/cli-bench.ts) on ${new Date().toISOString()}.\nMachine: ${machine}; commit ${commit}; load average ${f1(load0)} at the start, ${f1(load1)} at the end.${waited}${busy}\n\n${table}\n${notes.length ? `\nHow the threads shared the work:\n\n${notes.join('\n')}\n` : ''}`;
    fs.writeFileSync(path.join(here, 'CLI-RESULTS.md'), md);
    console.log(`\nwrote ${path.relative(root, path.join(here, 'CLI-RESULTS.md'))}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
