// Entry point of the bundled command (dist-cli/tuneset.mjs, built by scripts/build-cli.mjs): `tuneset check FILE …`.
// The same file is what the worker threads run (pool.ts starts it with a marker in workerData). Both halves are
// imported on demand, so a worker never evaluates what only the command needs (the report, zod, the catalog).
import { parentPort, workerData } from 'node:worker_threads';
import { prestartWorkers, WORKER_MARKER } from './prestart';

/** Exit code for a crash (the same as "cannot be used": see tuneset.ts). */
const EXIT_CRASH = 2;

/** One line for an unexpected failure; the stack only with TUNESET_DEBUG=1. */
function crashed(e: unknown): void {
  const debug = Boolean(process.env.TUNESET_DEBUG);
  const detail = debug ? (e instanceof Error ? (e.stack ?? e.message) : String(e)) : e instanceof Error ? e.message : String(e);
  process.stderr.write(`tuneset crashed (a bug, please report it): ${debug ? detail : detail.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = EXIT_CRASH;
}

if (parentPort !== null && (workerData as Record<string, unknown> | null)?.[WORKER_MARKER] === true) {
  // A worker: a failure here reaches the pool as the worker's 'error' event.
  void import('./pool').then((m) => m.runWorker());
} else {
  // Output cut short (`tuneset check … | head`): stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    crashed(e);
  });
  // The worker threads boot while this thread loads the command (prestart.ts).
  prestartWorkers(process.argv.slice(2), new URL(import.meta.url));
  const cli = import('./tuneset');
  cli
    .then((m) => m.main(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    }, crashed)
    .finally(async () => {
      // TUNESET_STATS=1: time, peak memory (all threads) and the text analysed on each side, for benchmarks.
      if (process.env.TUNESET_STATS) {
        const rss = process.resourceUsage().maxRSS / 1024;
        const { threadShare, fastStats, rankSource } = await cli;
        const { main: here, workers } = threadShare;
        const share = here + workers > 0 ? `, ${Math.round((100 * workers) / (here + workers))}% of the text analysed by workers` : '';
        const f = fastStats;
        const fast =
          f.passes > 0
            ? `; fast pass ×${f.passes} (${f.fallbacks ? `fell back: ${f.lastFallback}; ` : ''}chunks: ${f.chunksHere} here in ${Math.round(f.msHere)} ms, ${f.chunksOnWorkers} on workers in ${Math.round(f.workerMs)} ms; pass from ${Math.round(f.startMs)} to ${Math.round(f.endMs)} ms, first worker answer at ${Math.round(f.firstWorkerMs)} ms)`
            : '';
        const ranks =
          rankSource.text > 0 ? `; ranks decoded from js-tiktoken (${rankSource.why})` : rankSource.file > 0 ? '; ranks read from the rank file' : '';
        process.stderr.write(`tuneset stats: ${Math.round(performance.now())} ms since start, peak RSS ${Math.round(rss)} MB${share}${fast}${ranks}\n`);
        // TUNESET_STATS=chunks: each chunk of the fast pass, where it ran, when it was done and how long it took.
        if (process.env.TUNESET_STATS === 'chunks') {
          const log = (name: string, xs: [number, number][]) => xs.map(([at, ms]) => `${name} ${Math.round(at)} ${ms.toFixed(1)}`).join('\n');
          process.stderr.write(`chunks (thread, done at ms, took ms):\n${[log('here', f.hereLog), log('worker', f.workerLog)].filter(Boolean).join('\n')}\n`);
        }
      }
    });
}
