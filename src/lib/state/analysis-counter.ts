// The analysis's token counting on this thread (Analysis, analysis.svelte.ts, owns one): the tokenizer, loaded on
// demand; an example counted at once when that is cheap (a keystroke in a long text recounts only the chunks it
// touched, tokens/long-text.ts), else its long texts counted in slices while the last counts of that example show
// as updating. The workers count the bulk of a dataset (analysis-pass.ts); this serves edits, and a whole pass where
// there are no workers. No reactivity here: Analysis re-renders when its host says so.
import type { Example } from '../dataset/types';
import { exampleTokens, type ExampleTokens, type ToolFamily } from '../dataset/example-tokens';
import type { TokenCounter, EncodingName } from '../tokens/count';
import { getCounter } from '../tokens/encodings';
import { SLICE_MS } from '../util/yield';
import { longTexts } from './analysis-types';

/**
 * Characters an edit may have counted afresh on this thread at once (≈ 3–5 ms): a keystroke in a long text recounts
 * only the chunks it touched (tokens/long-text.ts). An example needing more (a long text pasted, or not counted here
 * before) is counted in slices of SLICE_MS while its previous count shows as updating.
 */
const SYNC_COUNT_CHARS = 200_000;
/** Results of recently shown examples kept by example id, shown (as updating) while a new version is worked on. */
const RECENT_COUNTS = 8;

/** The latest value of each of the few most recently set ids (few: each may pin a 12 MB text). */
export class RecentById<T> {
  #values = new Map<string, T>();

  get(id: string): T | undefined {
    return this.#values.get(id);
  }

  /** Makes `value` the latest of `id` (already so: left as it is), dropping the least recently set id beyond a few. */
  set(id: string, value: T): void {
    if (this.#values.get(id) === value) return;
    this.#values.delete(id);
    this.#values.set(id, value);
    if (this.#values.size > RECENT_COUNTS) this.#values.delete(this.#values.keys().next().value as string);
  }
}

/** What the counter needs from the analysis that owns it. */
export interface CounterHost {
  /** The token cache of the open dataset's tokenizer and tool rule (it changes with the dataset). */
  tokens(): WeakMap<Example, ExampleTokens>;
  toolFamily(): ToolFamily;
  /** The tokenizer is loaded: what waited for it can be counted. */
  loaded(): void;
  /** Long texts were counted in slices; `fresh` when that put new counts in the cache (else they were in already). */
  sliced(fresh: boolean): void;
}

export class ThreadCounter {
  #host: CounterHost;
  #counter: TokenCounter | null = null;
  #encoding: EncodingName | null = null;
  /** Encoding whose counter is being loaded (see ensure). */
  #loading: EncodingName | null = null;
  /** Examples whose long texts are queued to be counted in slices (see #countInSlices). */
  #slicing = new WeakSet<Example>();
  #sliceQueue: Example[] = [];
  #sliceRunning = false;
  /** Last counts of recently shown examples, by example id (see stale). */
  #recent = new RecentById<ExampleTokens>();

  constructor(host: CounterHost) {
    this.#host = host;
  }

  /** The counter in use (null while the tokenizer loads). */
  get counter(): TokenCounter | null {
    return this.#counter;
  }

  /** Counts with `encoding`'s tokenizer from now on (a new one is loaded by the next ensure). */
  use(encoding: EncodingName): void {
    if (this.#encoding === encoding) return;
    this.#counter = null;
    this.#encoding = encoding;
  }

  /**
   * Loads the counter (a 1–2 MB chunk of ranks, decoded in ≈ 50 ms in slices) if it is not loaded or loading. It
   * serves single edits (typing: the shown example is counted here at once, even while a pass runs) and, without
   * workers, the whole pass. A pass does not load it itself before it ends: a big import needs the page for parsing.
   */
  ensure(): void {
    const encoding = this.#encoding;
    if (this.#counter || !encoding || this.#loading === encoding) return;
    this.#loading = encoding;
    getCounter(encoding).then(
      (c) => {
        // Cleared even when superseded: else switching back to this encoding would find it "loading" for ever.
        if (this.#loading === encoding) this.#loading = null;
        if (this.#encoding !== encoding) return; // superseded: the next ensure loads the one in use
        this.#counter = c;
        this.#host.loaded();
      },
      () => {
        if (this.#loading === encoding) this.#loading = null; // a later call retries
      },
    );
  }

  /**
   * Token counts of one example: cached, or counted now — unless the tokenizer is not loaded yet (it starts loading)
   * or the example holds a long text that changed much (see SYNC_COUNT_CHARS): then undefined, and it is counted in
   * slices.
   */
  count(ex: Example): ExampleTokens | undefined {
    const cache = this.#host.tokens();
    let t = cache.get(ex);
    if (!t && !this.#counter) this.ensure();
    if (!t && this.#counter && ex.value !== undefined) {
      const c = this.#counter;
      let over = false;
      t = exampleTokens(
        ex.value,
        (s) => {
          const n = over ? 0 : c.countWithin(s, SYNC_COUNT_CHARS);
          if (n === undefined) over = true;
          return n ?? 0;
        },
        { toolFamily: this.#host.toolFamily() },
      );
      if (over) {
        this.#countInSlices(ex);
        return undefined;
      }
      cache.set(ex, t);
    }
    if (t) this.#recent.set(ex.id, t);
    return t;
  }

  /** True while the long texts of `ex` are queued or counted in slices here (a pass need not count it). */
  slicing(ex: Example): boolean {
    return this.#slicing.has(ex);
  }

  /**
   * While `ex` is uncounted because it is being counted in slices: the last counts shown for an example with its id
   * (an earlier version of it), to show as updating. Undefined otherwise.
   */
  stale(ex: Example): ExampleTokens | undefined {
    return this.#host.tokens().has(ex) || !this.#slicing.has(ex) ? undefined : this.#recent.get(ex.id);
  }

  /**
   * Gets the example about to be edited ready for typing: its long texts (a 12 MB reply) are counted here in slices
   * (once; its count may have come from a worker), so that a keystroke then recounts only what it changed. Starts
   * loading the tokenizer instead when it is not loaded.
   */
  prime(ex: Example): void {
    const c = this.#counter;
    if (!c) return this.ensure();
    if (ex.value === undefined || this.#slicing.has(ex)) return;
    if (longTexts(ex.value, this.#host.toolFamily()).some((s) => !c.isCounted(s))) this.#countInSlices(ex);
  }

  /**
   * Counts the long texts of `ex` in slices of SLICE_MS (the newest queued example first; older ones are dropped:
   * they are superseded versions, or examples no longer shown), then its counts, and tells the host.
   */
  #countInSlices(ex: Example): void {
    if (this.#slicing.has(ex)) return;
    this.#slicing.add(ex);
    this.#sliceQueue.push(ex);
    if (this.#sliceRunning) return;
    this.#sliceRunning = true;
    void (async () => {
      try {
        while (this.#sliceQueue.length) {
          const next = this.#sliceQueue.pop()!;
          for (const old of this.#sliceQueue) this.#slicing.delete(old);
          this.#sliceQueue = [];
          const c = this.#counter;
          if (!c || next.value === undefined) continue;
          const family = this.#host.toolFamily();
          const counts = new Map<string, number>();
          for (const text of longTexts(next.value, family)) counts.set(text, await c.countInSlices(text, SLICE_MS));
          if (c !== this.#counter || family !== this.#host.toolFamily()) continue;
          const cache = this.#host.tokens();
          const fresh = !cache.has(next);
          if (fresh)
            cache.set(
              next,
              exampleTokens(next.value, (s) => counts.get(s) ?? c.count(s), { toolFamily: family }),
            );
          this.#host.sliced(fresh);
        }
      } catch {
        // A failed count leaves the example uncounted: the next pass (or edit) counts it.
      } finally {
        this.#sliceRunning = false;
      }
    })();
  }
}
