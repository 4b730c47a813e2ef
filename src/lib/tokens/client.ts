// TokenPool: counts tokens in a small pool of web workers (tokens.worker.ts), batching texts into messages of
// bounded size and dropping results a newer submission of the same key has superseded, so a fast typist never
// sees an old count overwrite a new one. Usage:
//   const pool = new TokenPool();                       // workers start on first use
//   await pool.count('o200k_base', texts);              // number[] in input order
//   pool.countBatches('o200k_base', [{ key: exampleId, version: edits, texts }], { onResult }); // latest wins
//   pool.analyseBatches('o200k_base', [{ key: exampleId, json, line }], { format, toolFamily }); // validate + count
import type { EncodingName } from './count';
import type { DatasetFormat } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens, ToolFamily } from '../dataset/example-tokens';
import { tokenResponseSchema, type TokenRequest } from './protocol';

/** The part of a Worker the pool uses (a real Worker fits; tests hand in fakes). */
export interface WorkerLike {
  postMessage(message: TokenRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** Options of TokenPool. */
export interface TokenPoolOptions {
  /** Most workers to run. Default max(1, navigator.hardwareConcurrency − 1); workers start only when needed. */
  size?: number;
  /** Makes one worker. Default: the bundled tokens.worker.ts as a module worker. */
  createWorker?: () => WorkerLike;
  /** Target characters per message (an item is never split, so one big item can exceed it). Default 262,144. */
  batchChars?: number;
}

/**
 * Texts to count under a key. `version` orders submissions of the same key: a result is delivered only if no
 * submission of that key with a higher version was made before the result arrived. Omit it to mean "newer than
 * anything submitted for this key so far".
 */
export interface VersionedItem {
  key: string;
  texts: string[];
  version?: number;
}

/** Counts of one item (one number per text, in order), with the version they answer. */
export interface VersionedCounts {
  key: string;
  version: number;
  counts: number[];
}

/** Options of countBatches. */
export interface CountBatchesOptions {
  /** Called as soon as each item's counts arrive (never for superseded items). */
  onResult?: (result: VersionedCounts) => void;
}

/** An example to validate and count in a worker; `version` as in VersionedItem. */
export interface VersionedExample {
  key: string;
  /** The example's JSON text (its source line while untouched). */
  json: string;
  /** Source line, for the issues' messages. */
  line?: number;
  version?: number;
}

/**
 * What a worker found for one example: exactly what analyseExample and exampleTokens give on the page. Both are
 * absent when the worker could not read the example (the caller then works it out itself).
 */
export interface VersionedAnalysis {
  key: string;
  version: number;
  analysis?: ExampleAnalysis;
  tokens?: ExampleTokens;
}

/** Options of analyseBatches. */
export interface AnalyseBatchesOptions {
  /** Format of the dataset the examples belong to (validation rules depend on it). */
  format: DatasetFormat;
  /** Tool-definition rule of the model's family (FORMATS §5). */
  toolFamily: ToolFamily;
  /** Called as soon as each example's results arrive (never for superseded ones). */
  onResult?: (result: VersionedAnalysis) => void;
  /** Once aborted, messages not yet sent are dropped and the call rejects (e.g. the import was cancelled). */
  signal?: AbortSignal;
}

/** Characters per message by default: ~10–20 ms of counting, small enough to drop stale work early. */
const DEFAULT_BATCH_CHARS = 1 << 18;
/** Messages outstanding per worker: two keep a worker busy while the next one is in transit. */
const MAX_IN_FLIGHT = 2;
/** Prefix of the private keys count() uses; callers' keys never collide with it in practice. */
const COUNT_KEY_PREFIX = '\u0000count:';

/** What a job does with its items: count texts, or validate and count whole examples. */
type Task = { type: 'count' } | { type: 'analyse'; format: DatasetFormat; toolFamily: ToolFamily };
/** One item's answer, whichever the task: `counts` for count, `analysis`/`tokens` for analyse. */
interface Delivered {
  key: string;
  version: number;
  counts?: number[];
  analysis?: ExampleAnalysis;
  tokens?: ExampleTokens;
}
interface Call {
  results: (Delivered | undefined)[];
  remaining: number;
  settled: boolean;
  signal?: AbortSignal;
  onResult?: (result: Delivered) => void;
  resolve: (results: Delivered[]) => void;
  reject: (error: Error) => void;
}
/** An item as submitted: texts to count (count) or an example's JSON (analyse). */
interface Submitted {
  key: string;
  version?: number;
  texts?: string[];
  json?: string;
  line?: number;
}
interface JobItem extends Submitted {
  index: number;
  version: number;
}
interface Job {
  call: Call;
  encoding: EncodingName;
  task: Task;
  items: JobItem[];
}
interface Slot {
  worker: WorkerLike;
  inFlight: Map<number, Job>;
}

/** The bundled worker; Vite sees this exact `new Worker(new URL(…))` form and bundles tokens.worker.ts. */
function defaultWorker(): WorkerLike {
  return new Worker(new URL('./tokens.worker.ts', import.meta.url), { type: 'module' });
}

/** A pool of token-counting workers. Create one per app; call dispose() when done. */
export class TokenPool {
  readonly #size: number;
  readonly #createWorker: () => WorkerLike;
  readonly #batchChars: number;
  #slots: Slot[] = [];
  #queue: Job[] = [];
  /** Highest version submitted per key, kept while the key has items pending. */
  #latest = new Map<string, number>();
  #pending = new Map<string, number>();
  #nextId = 0;
  #nextCall = 0;
  #disposed = false;

  constructor(opts: TokenPoolOptions = {}) {
    const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
    this.#size = Math.max(1, Math.floor(opts.size ?? cores - 1));
    this.#createWorker = opts.createWorker ?? defaultWorker;
    this.#batchChars = Math.max(1, opts.batchChars ?? DEFAULT_BATCH_CHARS);
  }

  /** Workers currently running (0 until the first count). */
  get workerCount(): number {
    return this.#slots.length;
  }

  /** Messages waiting for a free worker (not yet sent): a caller can do work itself instead of queueing more. */
  get backlog(): number {
    return this.#queue.length;
  }

  /** Tokens of each text (ordinary text, as tiktoken's encode_ordinary), in input order. Spread over the pool. */
  async count(encoding: EncodingName, texts: string[]): Promise<number[]> {
    const call = this.#nextCall++;
    const items: VersionedItem[] = [];
    let chunk: string[] = [];
    let chars = 0;
    for (const text of texts) {
      if (chunk.length > 0 && chars + text.length > this.#batchChars) {
        items.push({ key: `${COUNT_KEY_PREFIX}${call}:${items.length}`, texts: chunk });
        chunk = [];
        chars = 0;
      }
      chunk.push(text);
      chars += text.length;
    }
    if (chunk.length > 0) items.push({ key: `${COUNT_KEY_PREFIX}${call}:${items.length}`, texts: chunk });
    const results = await this.countBatches(encoding, items);
    return results.flatMap((r) => r.counts);
  }

  /**
   * Count every item's texts. Resolves with the counts of the items that were not superseded (see
   * VersionedItem.version), in input order; superseded items are left out and never reach onResult.
   * Items whose newer version was submitted before they were sent are never sent at all.
   * Rejects if a worker fails or the pool is disposed.
   */
  countBatches(encoding: EncodingName, items: VersionedItem[], opts: CountBatchesOptions = {}): Promise<VersionedCounts[]> {
    const onResult = opts.onResult;
    return this.#submit(encoding, { type: 'count' }, items, onResult && ((r) => onResult(r as VersionedCounts))).then(
      (results) => results as VersionedCounts[],
    );
  }

  /**
   * Validate and count whole examples in the workers (analyseExample + exampleTokens over each example's JSON), so
   * opening a big file leaves the page free. Versions, superseding and failures as in countBatches.
   */
  analyseBatches(encoding: EncodingName, items: VersionedExample[], opts: AnalyseBatchesOptions): Promise<VersionedAnalysis[]> {
    const onResult = opts.onResult;
    const task: Task = { type: 'analyse', format: opts.format, toolFamily: opts.toolFamily };
    return this.#submit(encoding, task, items, onResult && ((r) => onResult(r as VersionedAnalysis)), opts.signal) as Promise<VersionedAnalysis[]>;
  }

  /** Queues `items` in jobs of about batchChars characters; resolves with the delivered results in input order. */
  #submit(encoding: EncodingName, task: Task, items: Submitted[], onResult?: (result: Delivered) => void, signal?: AbortSignal): Promise<Delivered[]> {
    if (this.#disposed) return Promise.reject(new Error('The token counter was closed.'));
    return new Promise((resolve, reject) => {
      const call: Call = { results: new Array(items.length), remaining: items.length, settled: false, signal, onResult, resolve, reject };
      if (items.length === 0) return resolve([]);
      let job: Job = { call, encoding, task, items: [] };
      let chars = 0;
      items.forEach((item, index) => {
        const latest = this.#latest.get(item.key);
        const version = item.version ?? (latest ?? 0) + 1;
        this.#latest.set(item.key, Math.max(latest ?? version, version));
        this.#pending.set(item.key, (this.#pending.get(item.key) ?? 0) + 1);
        const size = item.json !== undefined ? item.json.length : (item.texts ?? []).reduce((n, t) => n + t.length, 0);
        if (job.items.length > 0 && chars + size > this.#batchChars) {
          this.#queue.push(job);
          job = { call, encoding, task, items: [] };
          chars = 0;
        }
        job.items.push({ ...item, index, version });
        chars += size;
      });
      this.#queue.push(job);
      this.#pump();
    });
  }

  /**
   * Start every worker of the pool and have each load `encoding` (0.1–0.5 s), e.g. when a dataset is opened, so
   * the first real count is not delayed. Resolves when all are ready; rejects like count() does.
   */
  async warmup(encoding: EncodingName): Promise<void> {
    const call = this.#nextCall++;
    const calls = Array.from({ length: this.#size }, (_, i) => this.countBatches(encoding, [{ key: `${COUNT_KEY_PREFIX}${call}:warmup:${i}`, texts: [] }]));
    await Promise.all(calls);
  }

  /** Stop every worker; pending and later calls reject. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const error = new Error('The token counter was closed.');
    for (const slot of this.#slots) {
      slot.worker.terminate();
      for (const job of slot.inFlight.values()) this.#failJob(job, error);
    }
    for (const job of this.#queue) this.#failJob(job, error);
    this.#slots = [];
    this.#queue = [];
  }

  #superseded(item: JobItem): boolean {
    return (this.#latest.get(item.key) ?? item.version) > item.version;
  }

  /** Record one item as done (with its answer, or dropped when `answer` is undefined) and settle its call when complete. */
  #finishItem(call: Call, item: JobItem, answer?: Omit<Delivered, 'key' | 'version'>): void {
    const left = (this.#pending.get(item.key) ?? 1) - 1;
    if (left > 0) this.#pending.set(item.key, left);
    else {
      this.#pending.delete(item.key);
      this.#latest.delete(item.key);
    }
    call.remaining--;
    if (call.settled) return;
    if (answer) {
      const result: Delivered = { key: item.key, version: item.version, ...answer };
      call.results[item.index] = result;
      try {
        call.onResult?.(result);
      } catch (error) {
        queueMicrotask(() => {
          throw error; // a caller's bug: surface it without breaking the pool
        });
      }
    }
    if (call.remaining === 0) {
      call.settled = true;
      call.resolve(call.results.filter((r): r is Delivered => r !== undefined));
    }
  }

  #failJob(job: Job, error: Error): void {
    if (!job.call.settled) {
      job.call.settled = true;
      job.call.reject(error);
    }
    for (const item of job.items) this.#finishItem(job.call, item);
  }

  /** The least busy worker that can take a message, starting a new one if all are busy and the pool has room. */
  #pickSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.#slots) if (!best || slot.inFlight.size < best.inFlight.size) best = slot;
    if ((!best || best.inFlight.size > 0) && this.#slots.length < this.#size) best = this.#startWorker();
    return best && best.inFlight.size < MAX_IN_FLIGHT ? best : undefined;
  }

  #startWorker(): Slot {
    const slot: Slot = { worker: this.#createWorker(), inFlight: new Map() };
    slot.worker.onmessage = (event) => this.#onMessage(slot, event.data);
    slot.worker.onerror = (event) => {
      event.preventDefault?.();
      this.#onCrash(slot, event.message);
    };
    this.#slots.push(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#disposed) {
      const slot = this.#pickSlot();
      if (!slot) return;
      const job = this.#queue.shift() as Job;
      if (job.call.signal?.aborted) {
        this.#failJob(job, new Error('Cancelled.'));
        continue;
      }
      const live: JobItem[] = [];
      for (const item of job.items) {
        if (!job.call.settled && !this.#superseded(item)) live.push(item);
        else this.#finishItem(job.call, item);
      }
      if (live.length === 0) continue;
      const sent: Job = { ...job, items: live };
      const id = this.#nextId++;
      slot.inFlight.set(id, sent);
      const task = job.task;
      slot.worker.postMessage(
        task.type === 'count'
          ? { type: 'count', id, encoding: job.encoding, items: live.map((i) => ({ key: i.key, texts: i.texts ?? [] })) }
          : {
              type: 'analyse',
              id,
              encoding: job.encoding,
              format: task.format,
              toolFamily: task.toolFamily,
              items: live.map((i) => ({ key: i.key, json: i.json ?? '', ...(i.line !== undefined ? { line: i.line } : {}) })),
            },
      );
    }
  }

  #onMessage(slot: Slot, data: unknown): void {
    const parsed = tokenResponseSchema.safeParse(data);
    const id = parsed.success ? parsed.data.id : (data as { id?: unknown })?.id;
    const job = typeof id === 'number' ? slot.inFlight.get(id) : undefined;
    if (!job || typeof id !== 'number') return; // not ours, or already failed
    slot.inFlight.delete(id);
    if (!parsed.success) this.#failJob(job, new Error('The token counter sent an unreadable answer.'));
    else if (parsed.data.type === 'error') this.#failJob(job, new Error(parsed.data.message));
    else {
      const data = parsed.data;
      job.items.forEach((item, i) => {
        let answer: Omit<Delivered, 'key' | 'version'> | undefined;
        if (data.type === 'counts' && job.task.type === 'count') {
          const result = data.results[i];
          if (result?.key === item.key && result.counts.length === (item.texts ?? []).length) answer = { counts: result.counts };
        } else if (data.type === 'analysed' && job.task.type === 'analyse') {
          const result = data.results[i];
          if (result?.key === item.key) answer = { analysis: result.analysis as ExampleAnalysis | undefined, tokens: result.tokens };
        }
        if (!answer && !job.call.settled) {
          job.call.settled = true;
          job.call.reject(new Error('The token counter answered with results that do not match the request.'));
        }
        this.#finishItem(job.call, item, answer && !this.#superseded(item) ? answer : undefined);
      });
    }
    this.#pump();
  }

  /** A worker died (failed to load, or threw): fail what it held, forget it, and carry on with a fresh one. */
  #onCrash(slot: Slot, message: string | undefined): void {
    this.#slots = this.#slots.filter((s) => s !== slot);
    slot.worker.terminate();
    const error = new Error(`The token counter stopped unexpectedly${message ? ` (${message})` : ''}. Counts will retry on the next change.`);
    for (const job of slot.inFlight.values()) this.#failJob(job, error);
    slot.inFlight.clear();
    this.#pump();
  }
}
