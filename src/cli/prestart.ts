// Starting the worker threads of `tuneset check` before anything else: a worker takes ≈ 80 ms to boot and compile
// the bundle, which then overlaps the main thread's own start (loading the command, reading the command line, its
// counter). Only node built-ins here, so bin.ts can run it before importing the command. The guess of the command
// line is cheap and may be wrong: check.ts adopts these threads when it wants that many, else stops them.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/** workerData key telling bin.ts it runs as a worker (keep its test there in step). */
export const WORKER_MARKER = 'tunesetWorker';
/** With the default --jobs, files smaller than this are checked on the main thread (starting workers costs more). */
export const THREADS_FROM_BYTES = 8 * 1024 * 1024;
/** Options of `check` followed by a value (`--model ID`): the value is not the file. */
const VALUED = new Set(['--model', '--target', '--lang', '--jobs']);

let started: Worker[] = [];

/** Threads `tuneset check` will use for a file of `size` bytes with --jobs `jobs`. */
export function threadsFor(jobs: number | 'auto', size: number): number {
  return jobs === 'auto' ? (size < THREADS_FROM_BYTES ? 1 : availableParallelism()) : Math.max(1, Math.floor(jobs));
}

let compileOnWorkerThreads = false;

/**
 * Before starting workers for a check on `threads` threads in all: when those threads take every core, the workers
 * compile their optimised code on their own thread instead of handing it to V8's background compiler. Much of a
 * worker's warm-up is that compiler, and on a busy core a background job waits for a time slice while the function
 * it is for keeps running unoptimised (README, "How the CLI got to ≈ 10.8×"). The flag is read when an isolate is
 * created, so it changes the workers started after it, never the main thread (which keeps compiling in the
 * background while it also reads the file and merges the answers). Only a compiler flag is set at run time: setting
 * a heap flag once V8 runs crashed it.
 */
export function beforeStartingWorkers(threads: number): void {
  if (compileOnWorkerThreads || threads < 2 || threads < availableParallelism()) return;
  compileOnWorkerThreads = true;
  setFlagsFromString('--no-concurrent-recompilation');
}

/** Starts the workers `argv` (after the script name) will most likely want; the bundle `file` is what they run. */
export function prestartWorkers(argv: readonly string[], file: URL): void {
  if (argv[0] !== 'check' || argv.includes('--help') || argv.includes('-h')) return;
  let path: string | undefined;
  let jobs: number | 'auto' = 'auto';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--target' && argv[i + 1] === 'all') return; // one check per target: each starts its own
    if (a.startsWith('--jobs')) jobs = Number(a === '--jobs' ? argv[i + 1] : a.slice('--jobs='.length)) || 1;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('--') && path === undefined) path = a;
  }
  if (path === undefined) return;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > 512 * 1024 * 1024) return;
    size = st.size;
  } catch {
    return;
  }
  const n = threadsFor(jobs, size) - 1;
  beforeStartingWorkers(n + 1);
  for (let w = 0; w < n; w++) {
    const worker = new Worker(file, { workerData: { [WORKER_MARKER]: true } });
    worker.unref(); // a guess must not keep the process alive: the pool that adopts it refs it
    started.push(worker);
  }
}

/** The prestarted workers when there are `count` of them (each adopted once), else none (the others are stopped). */
export function takePrestarted(count: number): Worker[] {
  const ws = started;
  started = [];
  if (ws.length === count) return ws;
  for (const w of ws) void w.terminate();
  return [];
}
