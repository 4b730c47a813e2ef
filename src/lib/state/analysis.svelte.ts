// Validation and token counts of the open dataset, cached per example object (examples are immutable, so an
// edited example is a new object and only it is recomputed). A background pass fills the caches: token workers
// validate and count examples whole while they have little backlog (and while a big file is still read, see
// prefetch), this thread validates the rest in small slices and sends their texts to be counted. Dataset-level
// rules and statistics are recomputed, debounced and in slices, after changes.
import type { DatasetFormat, Example, Issue, RecordFormat } from '../dataset/types';
export type { ExampleAnalysis } from '../dataset/example-analysis';
import { primeLongStrings, type DatasetFacts } from '../dataset/validate';
import { adaptAnalysis, analyseExample, type ExampleAnalysis } from '../dataset/example-analysis';
import { exampleTokens, type ExampleTokens, type ToolFamily } from '../dataset/example-tokens';
import type { TokenCounter, EncodingName } from '../tokens/count';
import { getCounter } from '../tokens/encodings';
import { TokenPool } from '../tokens/client';
import { SLICE_MS, inSlices, yieldToPage } from '../util/yield';
import { CountingPass, POOL_BATCH_CHARS } from './analysis-pass';
import {
  datasetFigures,
  flightKey,
  holdsLongString,
  longTexts,
  tokensKey,
  type AnalysisOptions,
  type AnalysisTarget,
  type DatasetStats,
  type Flight,
  type TargetRules,
} from './analysis-types';
export type { AnalysisOptions, AnalysisTarget, DatasetStats, TargetRules } from './analysis-types';
import { TokenCountsPacker, unpackTokenCounts, type TokenCache } from '../storage/records';

/** Delay before dataset-level rules and stats are recomputed after an edit, in ms. */
const STATS_DEBOUNCE_MS = 250;
/** Delay before the counts of a finished pass are stored (after the statistics, which the user waits for), in ms. */
const EXPORT_DELAY_MS = 500;
/** Uncounted examples a stats update counts on the spot (~0.1 ms each); more start a background pass. */
const INLINE_COUNT_LIMIT = 200;
/**
 * Token workers: one per core less one, but at least two — on 2 cores, two workers reached complete statistics of
 * the 100 MB bench import in 4.8–5.3 s against 5.4–5.6 s for one (the page is busy parsing and storing meanwhile).
 */
const POOL_SIZE = () => Math.max(2, Math.min(8, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));
/** Messages waiting in the worker pool below which examples of a file still being read are handed to it. */
const PREFETCH_BACKLOG = 4;
/**
 * Characters an edit may have counted afresh on this thread at once (≈ 3–5 ms): a keystroke in a long text recounts
 * only the chunks it touched (tokens/long-text.ts). An example needing more (a long text pasted, or not counted here
 * before) is counted in slices of SLICE_MS while its previous count shows as updating.
 */
const SYNC_COUNT_CHARS = 200_000;
/** Counts of recently shown examples kept by example id, shown (as updating) while a new version is counted. */
const RECENT_COUNTS = 8;

/** Delay before a new version of an example holding a long text is validated (after a pause in typing), in ms. */
const LONG_VALIDATE_DELAY_MS = 300;

export class Analysis {
  /** Validation results by dataset format, and token counts by tokensKey, each by example object. */
  #issueCaches = new Map<DatasetFormat, WeakMap<Example, ExampleAnalysis>>();
  #tokenCaches = new Map<string, WeakMap<Example, ExampleTokens>>();
  /** The caches of the open dataset's format and target. */
  #issues = this.#issueCache('chat');
  #tokens = this.#tokenCache('o200k_base/gpt-4o');
  /** Worker batches sent by prefetch and not settled yet, by example: a pass waits for them instead of resending. */
  #inFlight = new WeakMap<Example, Flight>();
  #counter: TokenCounter | null = null;
  /** Encoding whose counter is being loaded for this thread (see #ensureCounter). */
  #counterLoading: EncodingName | null = null;
  #examples: readonly Example[] = [];
  #format: DatasetFormat = 'chat';
  #limit: number | null = null;
  #passId = 0;
  #statsTimer: ReturnType<typeof setTimeout> | undefined;
  #pool: TokenPool | null = null;
  #toolFamily: ToolFamily = 'gpt-4o';
  #targetRules: TargetRules | null = null;
  /** The target's view of each OpenAI result, and its per-example facts (reset with the target). */
  #adapted = new WeakMap<ExampleAnalysis, ExampleAnalysis>();
  #facts = new WeakMap<Example, unknown>();
  /** True while a background pass runs (stats updates then never start another). */
  #passRunning = false;
  /** Bumped by each statistics computation; a sliced one still running stops when it is no longer the latest. */
  #statsRun = 0;
  /**
   * Examples holding a very long text analysed since the last statistics, by id (only the latest version of each:
   * one per keystroke would pin a 12 MB string each): their texts are hashed in slices first.
   */
  #longPending = new Map<string, Example>();
  /** Counts stored by an earlier session (`[total, assistant, trainable, tools, ...perMessage]`), by fingerprint. */
  #stored = new Map<string, number[]>();
  #onCounted: ((cache: TokenCache) => void) | undefined;
  /** Set when a worker failed: counting falls back to this thread. */
  #poolBroken = false;
  /** Examples whose long texts are queued to be counted in slices on this thread (see #countInSlices). */
  #slicing = new WeakSet<Example>();
  #sliceQueue: Example[] = [];
  #sliceRunning = false;
  /** Last validation of recently shown examples, by example id (see analyse). */
  #recentAnalysis = new Map<string, ExampleAnalysis>();
  #validateTimer: ReturnType<typeof setTimeout> | undefined;
  /** Last counts of recently shown examples, by example id (see staleTokens). */
  #recent = new Map<string, ExampleTokens>();

  /** Bumped whenever cached results change; read by this class's getters, so views that use them re-render. */
  #version = $state(0);

  /**
   * Changes whenever any cached result changes: for a view outside Svelte's reach that reads results untracked
   * (the raw editor's linter), to know when to read them again. Svelte views use the getters below instead.
   */
  get revision(): number {
    return this.#version;
  }
  /** Issues that concern the whole dataset (count, mixed formats, duplicates, too long…). */
  datasetIssues = $state.raw<Issue[]>([]);
  stats = $state.raw<DatasetStats | null>(null);
  /** Examples whose tokens are counted, during the background pass. */
  counted = $state(0);
  encoding = $state<EncodingName | null>(null);
  /** Id of the target whose rules the results follow (TargetRules.id), null for OpenAI's own rules. */
  checkedFor = $state<string | null>(null);

  #issueCache(format: DatasetFormat): WeakMap<Example, ExampleAnalysis> {
    let cache = this.#issueCaches.get(format);
    if (!cache) this.#issueCaches.set(format, (cache = new WeakMap()));
    return cache;
  }

  #tokenCache(key: string): WeakMap<Example, ExampleTokens> {
    let cache = this.#tokenCaches.get(key);
    if (!cache) this.#tokenCaches.set(key, (cache = new WeakMap()));
    return cache;
  }

  /**
   * Starts validating and counting examples that are about to be opened (a big file still being read) in the
   * workers, for `target`; a later reset() with the same target uses the results instead of starting over. Sends
   * nothing while the workers are busy (the pass does those examples later) or when there are no workers.
   */
  prefetch(examples: readonly Example[], target: AnalysisTarget, signal?: AbortSignal): void {
    const pool = this.#getPool();
    if (!pool || signal?.aborted || pool.backlog >= PREFETCH_BACKLOG) return;
    const issues = this.#issueCache(target.format);
    const tokens = this.#tokenCache(tokensKey(target.encoding, target.toolFamily));
    const key = flightKey(target.format, target.encoding, target.toolFamily);
    let batch: Example[] = [];
    let chars = 0;
    const send = () => {
      const sent = batch;
      [batch, chars] = [[], 0];
      const done = this.#analyseWhole(pool, sent, target, signal)
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
   * Has the workers validate and count `examples` whole from their JSON (analyseExample + exampleTokens, as here);
   * the results land in the caches of `target`. Rejects when the pool fails or `signal` aborts.
   */
  #analyseWhole(pool: TokenPool, examples: readonly Example[], target: AnalysisTarget, signal?: AbortSignal): Promise<void> {
    const issues = this.#issueCache(target.format);
    const tokens = this.#tokenCache(tokensKey(target.encoding, target.toolFamily));
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

  /** Starts (or restarts) the analysis of `examples` (see AnalysisOptions). */
  reset(examples: readonly Example[], opts: AnalysisOptions): void {
    const { format, encoding, limit, toolFamily = 'gpt-4o', stored, onCounted, target = null } = opts;
    if (target?.id !== this.#targetRules?.id) [this.#adapted, this.#facts] = [new WeakMap(), new WeakMap()];
    this.#targetRules = target;
    this.checkedFor = target?.id ?? null;
    const cacheKey = tokensKey(encoding, toolFamily);
    this.#examples = examples;
    this.#stored = stored?.encoding === cacheKey ? unpackTokenCounts(stored) : new Map();
    this.#onCounted = onCounted;
    this.#toolFamily = toolFamily;
    this.#tokens = this.#tokenCache(cacheKey);
    this.#format = format;
    this.#issues = this.#issueCache(format);
    this.#limit = limit;
    if (this.encoding !== encoding) {
      this.#counter = null;
      this.encoding = encoding;
    }
    const pass = ++this.#passId;
    this.counted = 0;
    this.#statsRun++; // a computation of the previous dataset's figures still in slices must not publish them
    this.stats = null; // the previous dataset's figures must not show while this one is analysed
    this.datasetIssues = [];
    this.#runPass(pass);
  }

  /**
   * Loads this thread's counter (a 1–2 MB chunk of ranks, decoded in ≈ 50 ms in slices) if it is not loaded or
   * loading. It serves single edits (typing: the shown example is counted here at once, even while a pass runs) and,
   * without workers, the whole pass. A pass does not load it itself before it ends: a big import needs the page for
   * parsing.
   */
  #ensureCounter(): void {
    const encoding = this.encoding;
    if (this.#counter || !encoding || this.#counterLoading === encoding) return;
    this.#counterLoading = encoding;
    getCounter(encoding).then(
      (c) => {
        if (this.encoding !== encoding) return; // superseded
        this.#counter = c;
        this.#counterLoading = null;
        this.#version++;
        if (this.stats && !this.stats.complete) this.#scheduleStats(); // count what waited for it
      },
      () => {
        this.#counterLoading = null; // a later call retries
      },
    );
  }

  /** Tells the analysis the dataset changed (after an edit, undo or import append). */
  update(examples: readonly Example[]): void {
    this.#examples = examples;
    this.#scheduleStats();
    this.#version++;
  }

  /**
   * Validation result of one example, for display: computed now if not cached — except for a new version of an
   * example holding a long text (typing in a 12 MB reply), which shows its previous version's result until it is
   * validated after a pause (reading the new text whole costs ≈ 0.1 s: not on every keystroke).
   */
  analyse(ex: Example): ExampleAnalysis {
    void this.#version; // reactive: a $derived or $effect that reads this re-runs when cached results change
    return this.#forTarget(this.#analyseOpenAI(ex), ex);
  }

  /** The dataset target's view of an example's OpenAI validation (itself when the target is OpenAI's). */
  #forTarget(a: ExampleAnalysis, ex: Example): ExampleAnalysis {
    const rules = this.#targetRules;
    if (!rules || ex.value === undefined) return a;
    let t = this.#adapted.get(a);
    if (!t) this.#adapted.set(a, (t = adaptAnalysis(a, rules.exampleIssues(ex.value, a.issues, ex.line))));
    return t;
  }

  /** analyse() under OpenAI's rules (what the caches and the workers hold). */
  #analyseOpenAI(ex: Example): ExampleAnalysis {
    const cached = this.#issues.get(ex);
    if (cached) {
      if (this.#recentAnalysis.get(ex.id) !== cached && ex.value !== undefined && holdsLongString(ex.value)) this.#rememberAnalysis(ex.id, cached);
      return cached;
    }
    const previous = this.#recentAnalysis.get(ex.id);
    if (previous && ex.value !== undefined && holdsLongString(ex.value)) {
      clearTimeout(this.#validateTimer);
      this.#validateTimer = setTimeout(() => {
        if (this.#issues.has(ex)) return;
        this.#analyseNow(ex);
        this.#version++;
        this.#scheduleStats();
      }, LONG_VALIDATE_DELAY_MS);
      return previous;
    }
    return this.#analyseNow(ex);
  }

  /** Validation result of one example, computed now if not cached (what statistics and passes rely on). */
  #analyseNow(ex: Example): ExampleAnalysis {
    let a = this.#issues.get(ex);
    if (!a) {
      a = analyseExample(ex, this.#format);
      this.#issues.set(ex, a);
      if (ex.value !== undefined && holdsLongString(ex.value)) {
        this.#rememberAnalysis(ex.id, a);
        this.#longPending.set(ex.id, ex);
      }
    }
    return a;
  }

  #rememberAnalysis(id: string, a: ExampleAnalysis): void {
    this.#recentAnalysis.delete(id);
    this.#recentAnalysis.set(id, a);
    if (this.#recentAnalysis.size > RECENT_COUNTS) this.#recentAnalysis.delete(this.#recentAnalysis.keys().next().value as string);
  }

  /** Examples with at least one error, computed now (validation is cached per example, so this is quick). */
  errorExampleCount(): number {
    void this.#version; // reactive, as analyse()
    let n = 0;
    for (const ex of this.#examples) if (this.analyse(ex).errors) n++;
    return n;
  }

  /** Token counts of one example if already counted (never counts: safe in loops over a whole dataset). */
  cachedTokens(ex: Example): ExampleTokens | undefined {
    void this.#version; // reactive, as analyse()
    return this.#tokens.get(ex);
  }

  /**
   * Token counts of one example; undefined until it is counted (by a running pass, or in slices here when it holds
   * a long text that changed much: see SYNC_COUNT_CHARS) or the tokenizer is loaded.
   */
  tokens(ex: Example): ExampleTokens | undefined {
    void this.#version; // reactive, as analyse()
    let t = this.#tokens.get(ex);
    if (!t && !this.#counter) this.#ensureCounter();
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
        { toolFamily: this.#toolFamily },
      );
      if (over) {
        this.#countInSlices(ex);
        return undefined;
      }
      this.#tokens.set(ex, t);
    }
    if (t && this.#recent.get(ex.id) !== t) {
      this.#recent.delete(ex.id);
      this.#recent.set(ex.id, t);
      if (this.#recent.size > RECENT_COUNTS) this.#recent.delete(this.#recent.keys().next().value as string);
    }
    return t;
  }

  /**
   * While tokens(ex) is undefined because `ex` is being counted in slices: the last counts shown for an example
   * with its id (an earlier version of it), to show as updating. Undefined otherwise.
   */
  staleTokens(ex: Example): ExampleTokens | undefined {
    void this.#version; // reactive, as analyse()
    return this.#tokens.has(ex) || !this.#slicing.has(ex) ? undefined : this.#recent.get(ex.id);
  }

  /** True while `ex` is counted in slices on this thread (its count shows as updating). */
  isCounting(ex: Example): boolean {
    return this.#slicing.has(ex) && !this.#tokens.has(ex);
  }

  /**
   * Gets the example about to be edited ready for typing: its long texts (a 12 MB reply) are counted here in slices
   * (once; its count may have come from a worker), so that a keystroke then recounts only what it changed.
   */
  prime(ex: Example): void {
    const c = this.#counter;
    void this.#version; // reactive: an effect that primes the shown example runs again once the counter has loaded
    if (!c) return this.#ensureCounter();
    if (ex.value === undefined || this.#slicing.has(ex)) return;
    if (longTexts(ex.value, this.#toolFamily).some((s) => !c.isCounted(s))) this.#countInSlices(ex);
  }

  /**
   * Counts the long texts of `ex` on this thread in slices of SLICE_MS (the newest queued example first; older
   * ones are dropped: they are superseded versions, or examples no longer shown), then its counts, and re-renders.
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
          const family = this.#toolFamily;
          const counts = new Map<string, number>();
          for (const text of longTexts(next.value, family)) counts.set(text, await c.countInSlices(text, SLICE_MS));
          if (c !== this.#counter || family !== this.#toolFamily) continue;
          if (!this.#tokens.has(next)) {
            this.#tokens.set(
              next,
              exampleTokens(next.value, (s) => counts.get(s) ?? c.count(s), { toolFamily: family }),
            );
            this.#scheduleStats();
          }
          this.#version++;
        }
      } catch {
        // A failed count leaves the example uncounted: the next pass (or edit) counts it.
      } finally {
        this.#sliceRunning = false;
      }
    })();
  }

  /** The counter in use (null while the tokenizer loads). */
  get counter(): TokenCounter | null {
    return this.#counter;
  }

  /** The worker pool for bulk counting (null where workers are unavailable, e.g. in Node tests). */
  #getPool(): TokenPool | null {
    if (this.#poolBroken || typeof Worker === 'undefined') return null;
    return (this.#pool ??= new TokenPool({ size: POOL_SIZE() }));
  }

  /**
   * Fills the caches in slices of {@link SLICE_MS}: validation on this thread, token counting in the worker pool
   * (batches of about {@link POOL_BATCH_CHARS} characters) or, without workers, here once the tokenizer is loaded.
   * Stops when superseded by a newer pass; statistics are computed when both are done.
   */
  #runPass(pass: number): void {
    const pool = this.#getPool();
    if (!pool && !this.#counter) {
      // Without workers everything is counted here: validate now, count once the tokenizer is loaded.
      this.#ensureCounter();
    }
    this.#passRunning = true;
    // Batches prefetched for this very target while the file was read: waited for, not sent again.
    const key = this.encoding ? flightKey(this.#format, this.encoding, this.#toolFamily) : '';
    const flight = (ex: Example) => {
      const f = this.#inFlight.get(ex);
      return f?.key === key ? f : undefined;
    };
    const current = () => pass === this.#passId;
    new CountingPass({
      examples: this.#examples,
      pool,
      encoding: this.encoding,
      toolFamily: this.#toolFamily,
      // Examples neither validated nor counted go to the workers whole (validation, fingerprint and count there)
      // while the workers have little backlog; otherwise this thread validates them and the workers only count, so
      // both stay busy (on 2 cores neither alone keeps up with a 100 MB import). Not when stored counts may spare
      // the counting: looking those up needs the fingerprint here first.
      wholeAllowed: pool !== null && this.#stored.size === 0,
      current,
      facts: (ex) => ({
        inFlight: flight(ex) !== undefined,
        parsed: ex.value !== undefined,
        validated: this.#issues.has(ex),
        counted: this.#tokens.has(ex),
        slicing: this.#slicing.has(ex),
      }),
      flight,
      validate: (ex) => this.#analyseNow(ex).fingerprint,
      stored: (fingerprint) => this.#stored.get(fingerprint),
      setTokens: (ex, tokens) => void this.#tokens.set(ex, tokens),
      countHere: (ex) => void this.tokens(ex),
      analyseWhole: (examples) => this.#analyseWhole(pool!, examples, { format: this.#format, encoding: this.encoding!, toolFamily: this.#toolFamily }),
      progress: (n) => {
        if (current()) this.counted += n;
      },
      progressHere: (i) => {
        this.counted = this.#counter ? i : 0;
      },
      poolFailed: () => {
        this.#poolBroken = true; // validated and counted on this thread from now on (see tokens())
      },
      finished: (reused) => {
        this.#passRunning = false;
        this.#ensureCounter(); // ready for the first edit
        this.#computeStats();
        this.counted = this.#examples.length;
        this.#version++;
        const save = this.#onCounted;
        const encoding = this.encoding;
        if (save && encoding && reused < this.#examples.length) {
          // A task of its own, once the statistics are out: with them it made a task of ~100 ms at 100 MB.
          setTimeout(() => this.#exportCounts(pass, encoding, save), EXPORT_DELAY_MS);
        }
      },
    }).start();
  }

  /** The counts of every counted example, by fingerprint, for storage. */
  /** Packs the counts of every counted example, by fingerprint, in slices of SLICE_MS, and hands them to `save`. */
  #exportCounts(pass: number, encoding: EncodingName, save: (cache: TokenCache) => void): void {
    const packer = new TokenCountsPacker();
    inSlices(
      this.#examples,
      () => pass === this.#passId, // else another dataset or target meanwhile
      (ex) => {
        const t = this.#tokens.get(ex);
        if (t) packer.add(this.#analyseNow(ex).fingerprint, t.total, t.assistant, t.trainable, t.tools, t.perMessage);
      },
      () => save(packer.finish(tokensKey(encoding, this.#toolFamily))),
    );
  }

  #scheduleStats(): void {
    clearTimeout(this.#statsTimer);
    this.#statsTimer = setTimeout(() => this.#computeStats(), STATS_DEBOUNCE_MS);
  }

  /**
   * Recomputes dataset-level issues and statistics from the caches, in slices of SLICE_MS (100,000 examples take
   * ~50 ms of lookups, more under garbage collection): the first slice runs now, so small datasets get their figures
   * at once. A newer call supersedes one still running.
   */
  #computeStats(): void {
    const run = ++this.#statsRun;
    if (this.#longPending.size) {
      // The duplicate fingerprint of a 12 MB reply hashes it whole (≈ 50 ms): done first, in slices.
      void (async () => {
        for (const [id, ex] of [...this.#longPending]) {
          if (run !== this.#statsRun) return; // superseded: the newer run primes what is left
          await primeLongStrings(ex.value, SLICE_MS, yieldToPage);
          if (this.#longPending.get(id) === ex) this.#longPending.delete(id);
        }
        if (run === this.#statsRun) this.#computeStatsNow(run);
      })();
      return;
    }
    this.#computeStatsNow(run);
  }

  #computeStatsNow(run: number): void {
    const list = this.#examples;
    const formats: RecordFormat[] = new Array(list.length);
    const fingerprints: string[] = new Array(list.length);
    const lines: (number | undefined)[] = new Array(list.length);
    const msgs: number[] = [];
    const toks: number[] = [];
    const asst: number[] = [];
    const rules = this.#targetRules;
    const facts: unknown[] = [];
    let complete = true;
    /** Some uncounted example is not being counted in slices here: a background pass must count it. */
    let needPass = false;
    let inline = 0;
    inSlices(
      list,
      () => run === this.#statsRun, // else superseded
      (ex, i) => {
        const a = this.#analyseNow(ex);
        formats[i] = a.format;
        fingerprints[i] = a.fingerprint;
        lines[i] = ex.line;
        if (ex.value === undefined) return;
        if (rules) {
          let f = this.#facts.get(ex);
          if (f === undefined) this.#facts.set(ex, (f = rules.facts(ex.value)));
          facts.push(f);
        }
        msgs.push(a.messages);
        // A few uncounted examples (new or edited ones) are counted here; many are left to a background pass, since
        // counting them here would block the page for seconds.
        let t = this.#tokens.get(ex);
        if (!t && this.#counter && inline < INLINE_COUNT_LIMIT) {
          inline++;
          t = this.tokens(ex);
        }
        if (t) {
          toks.push(t.total + t.tools); // as the report counts: messages plus tool definitions
          asst.push(t.assistant);
        } else {
          complete = false;
          if (!this.#slicing.has(ex)) needPass = true;
        }
      },
      () => this.#publishStats(list, { formats, fingerprints, lines }, facts, msgs, toks, asst, complete, needPass),
    );
  }

  /** Dataset rules and figures from what #computeStats gathered (the dataset-wide part: sorts and a duplicate map). */
  #publishStats(
    list: readonly Example[],
    summary: DatasetFacts,
    facts: unknown[],
    msgs: number[],
    toks: number[],
    asst: number[],
    complete: boolean,
    needPass: boolean,
  ): void {
    const figures = datasetFigures({
      count: list.length,
      summary,
      facts,
      msgs,
      toks,
      asst,
      complete,
      format: this.#format,
      limit: this.#limit,
      target: this.#targetRules,
    });
    this.datasetIssues = figures.issues;
    // Count the rest in the background (without workers, once the tokenizer is loaded: #ensureCounter calls back).
    if (needPass && !this.#passRunning && (this.#counter || this.#getPool())) this.#runPass(this.#passId);
    this.stats = figures.stats;
  }
}
