// The CLI's worker threads: each builds its own token counter, then analyses batches of example texts (parsing them
// again: a string is cheaper to post than a parsed value) and posts the results back. The workers run the same
// bundled file as the command (src/cli/bin.ts starts `runWorker` when it is loaded as a worker).
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyseBatch, type BatchResult } from './analyse';
import type { ToolFamily } from '../lib/dataset/example-tokens';
import type { DatasetFormat } from '../lib/dataset/types';
import type { EncodingName } from '../lib/tokens/count';
import type { TargetId } from '../lib/dataset/targets/info';
import { loadCounter } from './counter';

/** workerData of a CLI worker (the marker tells bin.ts to run `runWorker`; keep its test there in step). */
export interface WorkerInit {
  tunesetWorker: true;
  encoding: EncodingName;
  toolFamily: ToolFamily;
  /** --target, whose rules the workers apply too (null: OpenAI's validator as it is). */
  target: TargetId | null;
}

/** A batch posted to a worker: the texts of parsed records, their example numbers and lines, the dataset format. */
export interface BatchJob {
  id: number;
  texts: string[];
  examples: Int32Array;
  lines: Int32Array;
  format: DatasetFormat;
}

type Reply = { id: number; result: BatchResult } | { id: number; error: string };

/** The body of a worker thread. */
export async function runWorker(): Promise<void> {
  const init = workerData as WorkerInit;
  const port = parentPort!;
  const counter = await loadCounter(init.encoding);
  const opts = { count: (s: string) => counter.count(s), toolFamily: init.toolFamily, target: init.target };
  port.on('message', (job: BatchJob) => {
    let reply: Reply;
    try {
      const values = job.texts.map((t) => JSON.parse(t) as unknown);
      reply = { id: job.id, result: analyseBatch(values, job.examples, job.lines, job.format, opts) };
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}

interface Pending {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
  chars: number;
  worker: number;
}

/** A fixed set of workers; `run` posts a batch to the least loaded one. */
export class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #load: number[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failed: Error | null = null;
  /** Characters posted and not yet answered, over all workers. */
  inFlightChars = 0;

  constructor(file: string | URL, size: number, init: Omit<WorkerInit, 'tunesetWorker'>) {
    for (let w = 0; w < size; w++) {
      const worker = new Worker(file, { workerData: { ...init, tunesetWorker: true } satisfies WorkerInit });
      worker.on('message', (reply: Reply) => this.#settle(reply));
      worker.on('error', (e) => this.#fail(e));
      worker.on('exit', (code) => {
        if (code !== 0) this.#fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.#workers.push(worker);
      this.#load.push(0);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Analyse one batch on the least loaded worker. */
  run(job: Omit<BatchJob, 'id'>, chars: number): Promise<BatchResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    let w = 0;
    for (let i = 1; i < this.#load.length; i++) if (this.#load[i] < this.#load[w]) w = i;
    const id = this.#nextId++;
    this.#load[w] += chars;
    this.inFlightChars += chars;
    return new Promise<BatchResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, chars, worker: w });
      this.#workers[w].postMessage({ ...job, id } satisfies BatchJob);
    });
  }

  #settle(reply: Reply): void {
    const p = this.#pending.get(reply.id);
    if (!p) return;
    this.#pending.delete(reply.id);
    this.#load[p.worker] -= p.chars;
    this.inFlightChars -= p.chars;
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
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
