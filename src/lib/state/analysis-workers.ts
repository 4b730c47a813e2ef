// The analysis's token workers (Analysis, analysis.svelte.ts, owns these): the pool, started on first use and given
// up once a worker fails (counting then stays on this thread), and whole examples sent to it to be validated and
// counted there — by a pass, or ahead of one while a big file is still read (prefetch). Prefetched batches are kept
// while in flight, so that the pass waits for them instead of sending the same examples again.
import type { Example } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens } from '../dataset/example-tokens';
import { TokenPool } from '../tokens/client';
import { POOL_BATCH_CHARS } from './analysis-pass';
import { flightKey, type AnalysisTarget, type Flight } from './analysis-types';

/**
 * Token workers: one per core less one, but at least two — on 2 cores, two workers reached complete statistics of
 * the 100 MB bench import in 4.8–5.3 s against 5.4–5.6 s for one (the page is busy parsing and storing meanwhile).
 */
const POOL_SIZE = () => Math.max(2, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));
/** Messages waiting in the worker pool below which examples of a file still being read are handed to it. */
const PREFETCH_BACKLOG = 4;

/** The caches the results for `target` land in: validation results and token counts, each by example object. */
export type CachesFor = (target: AnalysisTarget) => {
  issues: WeakMap<Example, ExampleAnalysis>;
  tokens: WeakMap<Example, ExampleTokens>;
};

export class AnalysisWorkers {
  #caches: CachesFor;
  #pool: TokenPool | null = null;
  /** Set when a worker failed: counting falls back to this thread. */
  #broken = false;
  /** Worker batches sent by prefetch and not settled yet, by example: a pass waits for them instead of resending. */
  #inFlight = new WeakMap<Example, Flight>();

  constructor(caches: CachesFor) {
    this.#caches = caches;
  }

  /** The worker pool for bulk counting (null where workers are unavailable, e.g. in Node tests, or once one failed). */
  get pool(): TokenPool | null {
    if (this.#broken || typeof Worker === 'undefined') return null;
    return (this.#pool ??= new TokenPool({ size: POOL_SIZE() }));
  }

  /** A worker failed: everything is validated and counted on this thread from now on. */
  broke(): void {
    this.#broken = true;
  }

  /** The unsettled prefetched batch holding `ex`, if it was sent for the target of `key` (a flightKey). */
  flight(ex: Example, key: string): Flight | undefined {
    const f = this.#inFlight.get(ex);
    return f?.key === key ? f : undefined;
  }

  /**
   * Starts validating and counting examples that are about to be opened (a big file still being read) in the
   * workers, for `target`; a later pass for the same target uses the results instead of starting over. Sends
   * nothing while the workers are busy (the pass does those examples later) or when there are no workers.
   */
  prefetch(examples: readonly Example[], target: AnalysisTarget, signal?: AbortSignal): void {
    const pool = this.pool;
    if (!pool || signal?.aborted || pool.backlog >= PREFETCH_BACKLOG) return;
    const { issues, tokens } = this.#caches(target);
    const key = flightKey(target.format, target.encoding, target.toolFamily);
    let batch: Example[] = [];
    let chars = 0;
    const send = () => {
      const sent = batch;
      [batch, chars] = [[], 0];
      const done = this.analyseWhole(pool, sent, target, signal)
        .catch(() => undefined) // cancelled or failed: the pass does these examples itself
        .finally(() => {
          for (const ex of sent) if (this.#inFlight.get(ex) === flight) this.#inFlight.delete(ex);
        });
      const flight: Flight = { key, done, size: sent.length };
      for (const ex of sent) this.#inFlight.set(ex, flight);
    };
    for (const ex of examples) {
      if (ex.value === undefined || (issues.has(ex) && tokens.has(ex)) || this.#inFlight.has(ex)) continue;
      batch.push(ex);
      chars += ex.original?.length ?? 1000;
      if (chars >= POOL_BATCH_CHARS) send();
    }
    if (batch.length) send();
  }

  /**
   * Has the workers of `pool` validate and count `examples` whole from their JSON (analyseExample + exampleTokens,
   * as on this thread); the results land in the caches of `target`. Rejects when the pool fails or `signal` aborts.
   */
  analyseWhole(pool: TokenPool, examples: readonly Example[], target: AnalysisTarget, signal?: AbortSignal): Promise<void> {
    const { issues, tokens } = this.#caches(target);
    const items = examples.map((ex) => ({ key: ex.id, json: ex.original ?? JSON.stringify(ex.value), line: ex.line }));
    return pool.analyseBatches(target.encoding, items, { format: target.format, toolFamily: target.toolFamily, signal }).then((results) => {
      const byKey = new Map(results.map((r) => [r.key, r]));
      for (const ex of examples) {
        const r = byKey.get(ex.id); // none when superseded by a newer version of the example
        if (r?.analysis && !issues.has(ex)) issues.set(ex, r.analysis);
        if (r?.tokens) tokens.set(ex, r.tokens); // else counted when next needed
      }
    });
  }
}
