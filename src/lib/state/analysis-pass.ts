// One background pass of the analysis over a dataset's examples: what it does with each example (a pure planner),
// and the pass itself, which batches texts for the token workers, waits for their answers and says when all is in.
// Analysis (analysis.svelte.ts) owns the caches and hands the pass a host with what it needs from them.
import type { Example } from '../dataset/types';
import { exampleTokens, type ExampleTokens, type ToolFamily } from '../dataset/example-tokens';
import type { EncodingName } from '../tokens/count';
import { SLICE_MS, yieldToPage } from '../util/yield';

/** Characters of text per batch sent to the token workers (~10 ms of counting each). */
export const POOL_BATCH_CHARS = 256 * 1024;
/** Messages waiting in the worker pool below which whole examples are handed to it. */
export const WHOLE_BACKLOG = 2;

/** What the pass does with one example. */
export type Plan =
  /** A worker batch sent for this very target (prefetched while the file was read) holds it: wait for that. */
  | { kind: 'await' }
  /** Neither validated nor counted: the workers validate and count it from its JSON. */
  | { kind: 'whole' }
  /** Validated here; nothing to count (counted already, unparsed, or its long texts are counted in slices here). */
  | { kind: 'done' }
  /** Validated here; counts saved by an earlier session for the same content are reused. */
  | { kind: 'stored'; tokens: ExampleTokens }
  /** Validated here; counted here too (no workers). */
  | { kind: 'here' }
  /** Validated here; its texts go to the workers to be counted. */
  | { kind: 'pool' };

/** What the planner needs to know of one example. */
export interface ExampleFacts {
  /** A worker batch for this target holds it. */
  inFlight: boolean;
  parsed: boolean;
  validated: boolean;
  counted: boolean;
  /** Its long texts are being counted in slices on this thread. */
  slicing: boolean;
}

/** How the pass works right now. */
export interface PassMode {
  /** Whole examples may go to the workers (there are workers, their backlog is small and no stored counts apply). */
  whole: boolean;
  /** There are workers to count texts. */
  pool: boolean;
}

/**
 * What the pass does with one example. Every example it neither awaits nor sends whole is validated on this thread
 * (`validate`, which gives its fingerprint; the statistics need every example validated); `stored` looks up counts
 * an earlier session saved for that fingerprint (`[total, assistant, trainable, tools, ...perMessage]`).
 */
export function planExample(f: ExampleFacts, mode: PassMode, validate: () => string, stored: (fingerprint: string) => number[] | undefined): Plan {
  if (f.inFlight) return { kind: 'await' };
  if (mode.whole && f.parsed && !f.validated && !f.counted) return { kind: 'whole' };
  const fingerprint = validate();
  if (f.counted || !f.parsed || f.slicing) return { kind: 'done' };
  const saved = stored(fingerprint);
  if (saved && saved.length >= 4) {
    const [total, assistant, trainable, tools, ...perMessage] = saved;
    return { kind: 'stored', tokens: { total, assistant, trainable, tools, perMessage } };
  }
  return mode.pool ? { kind: 'pool' } : { kind: 'here' };
}

/** The part of TokenPool a pass uses (tokens/client.ts). */
export interface PassPool {
  readonly backlog: number;
  countBatches(encoding: EncodingName, items: { key: string; texts: string[] }[]): Promise<{ key: string; counts: number[] }[]>;
}

/** What a pass needs from the analysis that runs it. */
export interface PassHost {
  readonly examples: readonly Example[];
  readonly pool: PassPool | null;
  readonly encoding: EncodingName | null;
  readonly toolFamily: ToolFamily;
  /** Whole examples may be sent when the backlog allows (workers, and no stored counts to look up first). */
  readonly wholeAllowed: boolean;
  /** False once a newer pass superseded this one. */
  current(): boolean;
  facts(ex: Example): ExampleFacts;
  /** The unsettled worker batch of this target holding `ex`, if any. */
  flight(ex: Example): { done: Promise<void>; size: number } | undefined;
  /** Validates `ex` here (cached) and gives its fingerprint. */
  validate(ex: Example): string;
  stored(fingerprint: string): number[] | undefined;
  setTokens(ex: Example, tokens: ExampleTokens): void;
  /** Counts `ex` on this thread (no workers; a no-op until the tokenizer is loaded). */
  countHere(ex: Example): void;
  /** Has the workers validate and count `examples` whole (results land in the caches). */
  analyseWhole(examples: Example[]): Promise<void>;
  /** `n` more examples are counted (for the progress shown). */
  progress(n: number): void;
  /** Without workers: `i` examples are behind the pass. */
  progressHere(i: number): void;
  /** The workers failed: the rest is counted on this thread. */
  poolFailed(): void;
  /** Everything is validated and counted; `reused` examples took stored counts. */
  finished(reused: number): void;
}

/** A batch of examples whose texts are counted in the workers, each text sent once. */
class TextBatch {
  examples: Example[] = [];
  texts: string[][] = [];
  /** Per example: for each count exampleTokens asks for, the index of its text in `texts`. */
  orders: number[][] = [];
  chars = 0;

  /** Adds the texts exampleTokens will count for `ex`, in its own order (it counts assistant content twice). */
  add(ex: Example, toolFamily: ToolFamily): void {
    const texts: string[] = [];
    const order: number[] = [];
    exampleTokens(
      ex.value,
      (text) => {
        let at = texts.indexOf(text);
        if (at < 0) {
          at = texts.push(text) - 1;
          this.chars += text.length;
        }
        order.push(at);
        return 0;
      },
      { toolFamily },
    );
    this.examples.push(ex);
    this.texts.push(texts);
    this.orders.push(order);
  }
}

/**
 * A pass over the host's examples in slices of SLICE_MS: each example planned (planExample) and its work sent to the
 * workers in batches of about POOL_BATCH_CHARS characters; `finished` once the loop is over and no answer is out.
 */
export class CountingPass {
  #host: PassHost;
  #i = 0;
  #outstanding = 0;
  #looped = false;
  #reused = 0;
  #batch = new TextBatch();
  #whole: Example[] = [];
  #wholeChars = 0;
  #awaited = new Set<Promise<void>>();

  constructor(host: PassHost) {
    this.#host = host;
  }

  /** Starts the pass after the page had a turn. */
  start(): void {
    void yieldToPage().then(() => this.#step());
  }

  #step(): void {
    const h = this.#host;
    if (!h.current()) return; // superseded: the newer pass owns the analysis
    const list = h.examples;
    const end = performance.now() + SLICE_MS;
    while (this.#i < list.length && performance.now() < end) {
      for (let k = 0; k < 16 && this.#i < list.length; k++, this.#i++) this.#plan(list[this.#i]);
    }
    if (!h.pool) h.progressHere(Math.min(this.#i, list.length));
    if (this.#i < list.length) void yieldToPage().then(() => this.#step());
    else {
      this.#sendTexts();
      this.#sendWhole();
      this.#looped = true;
      this.#finish();
    }
  }

  #plan(ex: Example): void {
    const h = this.#host;
    const mode = { whole: h.wholeAllowed && (h.pool?.backlog ?? Infinity) < WHOLE_BACKLOG, pool: h.pool !== null };
    const plan = planExample(
      h.facts(ex),
      mode,
      () => h.validate(ex),
      (fp) => h.stored(fp),
    );
    switch (plan.kind) {
      case 'await':
        return this.#await(h.flight(ex));
      case 'whole':
        this.#whole.push(ex);
        this.#wholeChars += ex.original?.length ?? 1000; // an edited example's JSON is only made when sent
        if (this.#wholeChars >= POOL_BATCH_CHARS) this.#sendWhole();
        return;
      case 'stored':
        h.setTokens(ex, plan.tokens);
        this.#reused++;
        return;
      case 'here':
        return h.countHere(ex);
      case 'pool':
        this.#batch.add(ex, h.toolFamily);
        if (this.#batch.chars >= POOL_BATCH_CHARS) this.#sendTexts();
        return;
      case 'done':
        return;
    }
  }

  #await(flight: { done: Promise<void>; size: number } | undefined): void {
    if (!flight || this.#awaited.has(flight.done)) return;
    this.#awaited.add(flight.done);
    this.#track(flight.done.then(() => this.#host.current() && this.#host.progress(flight.size)));
  }

  /** Counts `work` as outstanding until it settles; a failure means the workers broke. */
  #track(work: Promise<unknown>): void {
    this.#outstanding++;
    void work
      .catch(() => this.#host.poolFailed())
      .finally(() => {
        this.#outstanding--;
        this.#finish();
      });
  }

  #sendTexts(): void {
    const h = this.#host;
    const encoding = h.encoding;
    const batch = this.#batch;
    if (!h.pool || !batch.examples.length || !encoding) return;
    this.#batch = new TextBatch();
    const items = batch.examples.map((ex, k) => ({ key: ex.id, texts: batch.texts[k] }));
    this.#track(
      h.pool.countBatches(encoding, items).then((results) => {
        if (!h.current()) return;
        const byKey = new Map(results.map((r) => [r.key, r.counts]));
        batch.examples.forEach((ex, e) => {
          const counts = byKey.get(ex.id);
          if (!counts) return; // superseded by a newer version of the example
          const order = batch.orders[e];
          let k = 0;
          h.setTokens(
            ex,
            exampleTokens(ex.value, () => counts[order[k++]] ?? 0, { toolFamily: h.toolFamily }),
          );
        });
        h.progress(batch.examples.length);
      }),
    );
  }

  #sendWhole(): void {
    const h = this.#host;
    if (!h.pool || !this.#whole.length || !h.encoding) return;
    const examples = this.#whole;
    [this.#whole, this.#wholeChars] = [[], 0];
    this.#track(h.analyseWhole(examples).then(() => h.current() && h.progress(examples.length)));
  }

  #finish(): void {
    if (!this.#host.current() || !this.#looped || this.#outstanding > 0) return;
    this.#host.finished(this.#reused);
  }
}
