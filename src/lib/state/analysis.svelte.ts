// Validation and token counts of the open dataset, cached per example object (examples are immutable, so an
// edited example is a new object and only it is recomputed). A background pass fills the caches: token workers
// validate and count examples whole while they have little backlog (and while a big file is still read, see
// prefetch), this thread validates the rest in small slices and sends their texts to be counted. Dataset-level
// rules and statistics are recomputed, debounced and in slices, after changes. This class owns the caches and the
// reactive results; the parts live beside it: the pass (analysis-pass.ts), the workers and prefetch
// (analysis-workers.ts), counting on this thread (analysis-counter.ts) and the statistics (analysis-stats.ts).
import type { DatasetFormat, Example, Issue } from '../dataset/types';
export type { ExampleAnalysis } from '../dataset/example-analysis';
import { adaptAnalysis, analyseExample, type ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens, ToolFamily } from '../dataset/example-tokens';
import type { TokenCounter, EncodingName } from '../tokens/count';
import { inSlices } from '../util/yield';
import { CountingPass } from './analysis-pass';
import { RecentById, ThreadCounter } from './analysis-counter';
import { StatsRunner } from './analysis-stats';
import { AnalysisWorkers } from './analysis-workers';
import type { ChartData } from './chart-data';
import { flightKey, holdsLongString, tokensKey, type AnalysisOptions, type AnalysisTarget, type DatasetStats, type TargetRules } from './analysis-types';
export type { AnalysisOptions, AnalysisTarget, DatasetStats, TargetRules } from './analysis-types';
import { TokenCountsPacker, unpackTokenCounts, type TokenCache } from '../storage/records';

/** Delay before the counts of a finished pass are stored (after the statistics, which the user waits for), in ms. */
const EXPORT_DELAY_MS = 500;
/** Delay before a new version of an example holding a long text is validated (after a pause in typing), in ms. */
const LONG_VALIDATE_DELAY_MS = 300;

export class Analysis {
  /** Validation results by dataset format, and token counts by tokensKey, each by example object. */
  #issueCaches = new Map<DatasetFormat, WeakMap<Example, ExampleAnalysis>>();
  #tokenCaches = new Map<string, WeakMap<Example, ExampleTokens>>();
  /** The caches of the open dataset's format and target. */
  #issues = this.#issueCache('chat');
  #tokens = this.#tokenCache('o200k_base/gpt-4o');
  #examples: readonly Example[] = [];
  #format: DatasetFormat = 'chat';
  #limit: number | null = null;
  #passId = 0;
  #toolFamily: ToolFamily = 'gpt-4o';
  #targetRules: TargetRules | null = null;
  /** The target's view of each OpenAI result (reset with the target). */
  #adapted = new WeakMap<ExampleAnalysis, ExampleAnalysis>();
  /** True while a background pass runs (stats updates then never start another). */
  #passRunning = false;
  /** Counts stored by an earlier session (`[total, assistant, trainable, tools, ...perMessage]`), by fingerprint. */
  #stored = new Map<string, number[]>();
  #onCounted: ((cache: TokenCache) => void) | undefined;
  /** Last validation of recently shown examples, by example id (see analyse). */
  #recentAnalysis = new RecentById<ExampleAnalysis>();
  #validateTimer: ReturnType<typeof setTimeout> | undefined;

  /** The token workers, and whole examples sent to them ahead of a pass. */
  #workers = new AnalysisWorkers((t) => ({ issues: this.#issueCache(t.format), tokens: this.#tokenCache(tokensKey(t.encoding, t.toolFamily)) }));
  /** Counting on this thread: single edits, long texts in slices, and the whole pass without workers. */
  #here = new ThreadCounter({
    tokens: () => this.#tokens,
    toolFamily: () => this.#toolFamily,
    loaded: () => {
      this.#version++;
      if (this.stats && !this.stats.complete) this.#stats.schedule(); // count what waited for it
    },
    sliced: (fresh) => {
      if (fresh) this.#stats.schedule();
      this.#version++;
    },
  });
  /** Dataset-level rules and statistics, gathered from the caches. */
  #stats = new StatsRunner({
    subject: () => ({ examples: this.#examples, format: this.#format, limit: this.#limit, target: this.#targetRules }),
    validate: (ex) => this.#analyseNow(ex),
    shown: (ex, a) => this.#forTarget(a, ex),
    cached: (ex) => this.#tokens.get(ex),
    canCountHere: () => this.#here.counter !== null,
    countHere: (ex) => this.tokens(ex),
    slicing: (ex) => this.#here.slicing(ex),
    publish: (figures, needPass) => {
      this.datasetIssues = figures.issues;
      // Count the rest in the background (without workers, once the tokenizer is loaded: the counter calls back).
      if (needPass && !this.#passRunning && (this.#here.counter || this.#workers.pool)) this.#runPass(this.#passId);
      this.stats = figures.stats;
      this.charts = figures.charts;
    },
  });

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
  /** What the Statistics charts draw, gathered with the statistics (null until the first run). */
  charts = $state.raw<ChartData | null>(null);
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
    this.#workers.prefetch(examples, target, signal);
  }

  /** Starts (or restarts) the analysis of `examples` (see AnalysisOptions). */
  reset(examples: readonly Example[], opts: AnalysisOptions): void {
    const { format, encoding, limit, toolFamily = 'gpt-4o', stored, onCounted, target = null } = opts;
    if (target?.id !== this.#targetRules?.id) {
      this.#adapted = new WeakMap();
      this.#stats.forgetFacts();
    }
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
      this.#here.use(encoding);
      this.encoding = encoding;
    }
    const pass = ++this.#passId;
    this.counted = 0;
    this.#stats.supersede(); // a computation of the previous dataset's figures still in slices must not publish them
    this.stats = null; // the previous dataset's figures must not show while this one is analysed
    this.charts = null;
    this.datasetIssues = [];
    this.#runPass(pass);
  }

  /** Tells the analysis the dataset changed (after an edit, undo or import append). */
  update(examples: readonly Example[]): void {
    this.#examples = examples;
    this.#stats.schedule();
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
      if (this.#recentAnalysis.get(ex.id) !== cached && ex.value !== undefined && holdsLongString(ex.value)) this.#recentAnalysis.set(ex.id, cached);
      return cached;
    }
    const previous = this.#recentAnalysis.get(ex.id);
    if (previous && ex.value !== undefined && holdsLongString(ex.value)) {
      clearTimeout(this.#validateTimer);
      this.#validateTimer = setTimeout(() => {
        if (this.#issues.has(ex)) return;
        this.#analyseNow(ex);
        this.#version++;
        this.#stats.schedule();
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
        this.#recentAnalysis.set(ex.id, a);
        this.#stats.hashFirst(ex);
      }
    }
    return a;
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
   * a long text that changed much: see ThreadCounter.count) or the tokenizer is loaded.
   */
  tokens(ex: Example): ExampleTokens | undefined {
    void this.#version; // reactive, as analyse()
    return this.#here.count(ex);
  }

  /**
   * While tokens(ex) is undefined because `ex` is being counted in slices: the last counts shown for an example
   * with its id (an earlier version of it), to show as updating. Undefined otherwise.
   */
  staleTokens(ex: Example): ExampleTokens | undefined {
    void this.#version; // reactive, as analyse()
    return this.#here.stale(ex);
  }

  /** True while `ex` is counted in slices on this thread (its count shows as updating). */
  isCounting(ex: Example): boolean {
    return this.#here.slicing(ex) && !this.#tokens.has(ex);
  }

  /**
   * Gets the example about to be edited ready for typing: its long texts (a 12 MB reply) are counted here in slices
   * (once; its count may have come from a worker), so that a keystroke then recounts only what it changed.
   */
  prime(ex: Example): void {
    void this.#version; // reactive: an effect that primes the shown example runs again once the counter has loaded
    this.#here.prime(ex);
  }

  /** The counter in use (null while the tokenizer loads). */
  get counter(): TokenCounter | null {
    return this.#here.counter;
  }

  /**
   * Fills the caches in slices of SLICE_MS (see CountingPass): validation on this thread, token counting in the
   * worker pool or, without workers, here once the tokenizer is loaded. Stops when superseded by a newer pass;
   * statistics are computed when both are done.
   */
  #runPass(pass: number): void {
    const workers = this.#workers;
    const pool = workers.pool;
    if (!pool && !this.#here.counter) {
      // Without workers everything is counted here: validate now, count once the tokenizer is loaded.
      this.#here.ensure();
    }
    this.#passRunning = true;
    // Batches prefetched for this very target while the file was read: waited for, not sent again.
    const key = this.encoding ? flightKey(this.#format, this.encoding, this.#toolFamily) : '';
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
        inFlight: workers.flight(ex, key) !== undefined,
        parsed: ex.value !== undefined,
        validated: this.#issues.has(ex),
        counted: this.#tokens.has(ex),
        slicing: this.#here.slicing(ex),
      }),
      flight: (ex) => workers.flight(ex, key),
      validate: (ex) => this.#analyseNow(ex).fingerprint,
      stored: (fingerprint) => this.#stored.get(fingerprint),
      setTokens: (ex, tokens) => void this.#tokens.set(ex, tokens),
      countHere: (ex) => void this.tokens(ex),
      analyseWhole: (examples) => workers.analyseWhole(pool!, examples, { format: this.#format, encoding: this.encoding!, toolFamily: this.#toolFamily }),
      progress: (n) => {
        if (current()) this.counted += n;
      },
      progressHere: (i) => {
        this.counted = this.#here.counter ? i : 0;
      },
      poolFailed: () => workers.broke(), // validated and counted on this thread from now on (see tokens())
      finished: (reused) => {
        this.#passRunning = false;
        this.#here.ensure(); // ready for the first edit
        this.#stats.run();
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
}
