// The CLI's worker threads. Each builds its own token counter once told the encoding (an `init` message: the
// threads may be started before the command line is read, see prestart.ts), then analyses what it is sent:
// chunks of file bytes (fast-pass.ts: decode, split, parse, validate, count; the buffer is transferred, not copied)
// or, on the general path, batches of example texts (parsing them again: a string is cheaper to post than a parsed
// value). The workers run the same bundled file as the command (src/cli/bin.ts starts `runWorker` when it is loaded
// as a worker).
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyseBatch, type AnalyseOptions, type BatchResult } from './analyse';
import { analyseChunk, transferablesOf, type ChunkOutcome } from './fast-pass';
import type { ToolFamily } from '../lib/dataset/example-tokens';
import type { DatasetFormat } from '../lib/dataset/types';
import type { EncodingName } from '../lib/tokens/count';
import type { TargetId } from '../lib/dataset/targets/info';
import { loadCounter } from './counter';
import { beforeStartingWorkers, WORKER_MARKER } from './prestart';

/** What every job of one check shares: the first message a worker gets. */
export interface WorkerInit {
  encoding: EncodingName;
  toolFamily: ToolFamily;
  /** --target, whose rules the workers apply too (null: OpenAI's validator as it is). */
  target: TargetId | null;
}

/** A batch posted to a worker: the texts of parsed records, their example numbers and lines, the dataset format. */
export interface BatchJob {
  kind: 'batch';
  id: number;
  texts: string[];
  examples: Int32Array;
  lines: Int32Array;
  format: DatasetFormat;
}

/** A chunk of whole lines of the file (fast-pass.ts), validated as `format`. */
export interface ChunkJob {
  kind: 'chunk';
  id: number;
  bytes: Uint8Array;
  format: DatasetFormat;
}

type Message = ({ kind: 'init' } & WorkerInit) | BatchJob | ChunkJob;
type Reply = { id: number; result: BatchResult | ChunkOutcome; busyMs: number } | { id: number; error: string };

/** The body of a worker thread. */
export function runWorker(): void {
  if ((workerData as Record<string, unknown> | null)?.[WORKER_MARKER] !== true) throw new Error('not a tuneset worker');
  const port = parentPort!;
  let ready: Promise<AnalyseOptions> | null = null;
  port.on('message', (m: Message) => {
    if (m.kind === 'init') {
      ready = loadCounter(m.encoding).then((counter) => ({ count: (s: string) => counter.count(s), toolFamily: m.toolFamily, target: m.target }));
      return;
    }
    if (!ready) return port.postMessage({ id: m.id, error: 'a job came before the worker was told the encoding' } satisfies Reply);
    void ready.then((opts) => {
      const t0 = performance.now();
      try {
        if (m.kind === 'chunk') {
          const result = analyseChunk(m.bytes, m.format, opts);
          port.postMessage({ id: m.id, result, busyMs: performance.now() - t0 } satisfies Reply, transferablesOf(result));
        } else {
          const values = m.texts.map((t) => JSON.parse(t) as unknown);
          const result = analyseBatch(values, m.examples, m.lines, m.format, opts);
          port.postMessage({ id: m.id, result, busyMs: performance.now() - t0 } satisfies Reply);
        }
      } catch (e) {
        port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies Reply);
      }
    });
  });
}

/** Keep a log of the jobs (a big file on the general path posts tens of thousands): only when it is printed. */
const LOG_JOBS = process.env.TUNESET_STATS === 'chunks';

interface Pending {
  resolve: (r: never) => void;
  reject: (e: Error) => void;
  weight: number;
  worker: number;
}

/** A fixed set of workers; `run` posts a job to the least loaded one. */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #load: number[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failed: Error | null = null;
  /** Weight (characters or bytes) posted and not yet answered, over all workers. */
  inFlight = 0;
  /** Milliseconds the workers spent on jobs (TUNESET_STATS=1). */
  busyMs = 0;
  /** With TUNESET_STATS=chunks, each answered job: when its answer came (ms since start) and the worker's time on it. */
  readonly jobLog: [at: number, ms: number][] = [];

  /** Workers for `file` (new ones, or `started`: threads prestart.ts started early), told `init`. */
  constructor(file: string | URL, size: number, init: WorkerInit, started: Worker[] = []) {
    if (started.length < size) beforeStartingWorkers(size + 1); // prestart.ts set it for the ones it started
    for (let w = 0; w < size; w++) {
      const worker = started[w] ?? new Worker(file, { workerData: { [WORKER_MARKER]: true } });
      worker.ref();
      worker.on('message', (reply: Reply) => this.#settle(reply));
      worker.on('error', (e) => this.#fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      worker.postMessage({ kind: 'init', ...init } satisfies Message);
      this.#workers.push(worker);
      this.#load.push(0);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Analyse one batch of example texts on the least loaded worker. */
  run(job: Omit<BatchJob, 'id' | 'kind'>, chars: number): Promise<BatchResult> {
    return this.#post({ kind: 'batch', ...job }, chars, []);
  }

  /** Analyse one chunk of file bytes on the least loaded worker (its buffer is transferred: unusable here after). */
  runChunk(bytes: Uint8Array, format: DatasetFormat): Promise<ChunkOutcome> {
    return this.#post({ kind: 'chunk', bytes, format }, bytes.length, [bytes.buffer as ArrayBuffer]);
  }

  #post<T>(job: Omit<BatchJob, 'id'> | Omit<ChunkJob, 'id'>, weight: number, transfer: ArrayBuffer[]): Promise<T> {
    if (this.#failed) return Promise.reject(this.#failed);
    let w = 0;
    for (let i = 1; i < this.#load.length; i++) if (this.#load[i] < this.#load[w]) w = i;
    const id = this.#nextId++;
    this.#load[w] += weight;
    this.inFlight += weight;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (r: never) => void, reject, weight, worker: w });
      this.#workers[w].postMessage({ ...job, id }, transfer);
    });
  }

  #settle(reply: Reply): void {
    const p = this.#pending.get(reply.id);
    if (!p) return;
    this.#pending.delete(reply.id);
    this.#load[p.worker] -= p.weight;
    this.inFlight -= p.weight;
    if ('error' in reply) p.reject(new Error(reply.error));
    else {
      this.busyMs += reply.busyMs;
      if (LOG_JOBS) this.jobLog.push([performance.now(), reply.busyMs]);
      p.resolve(reply.result as never);
    }
  }

  #fail(e: Error): void {
    if (this.#failed) return;
    this.#failed = e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.#failed ??= new Error('the pool is closed');
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
