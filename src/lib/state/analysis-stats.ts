// Gathers the dataset-level rules and statistics of the open dataset from the analysis's caches (Analysis,
// analysis.svelte.ts, owns one and publishes what it hands back): debounced after changes, in slices so a big
// dataset never blocks the page, a newer run superseding one still going. The figures themselves are worked out by
// the pure datasetFigures (analysis-types.ts). No reactivity here.
import type { DatasetFormat, Example, Issue, RecordFormat } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens } from '../dataset/example-tokens';
import { primeLongStrings, type DatasetFacts } from '../dataset/validate';
import { SLICE_MS, inSlices, yieldToPage } from '../util/yield';
import { datasetFigures, type DatasetStats, type TargetRules } from './analysis-types';
import { ChartGatherer, type ChartData } from './chart-data';

/** Delay before dataset-level rules and stats are recomputed after an edit, in ms. */
const STATS_DEBOUNCE_MS = 250;
/** Uncounted examples a stats update counts on the spot (~0.1 ms each); more start a background pass. */
const INLINE_COUNT_LIMIT = 200;

/** What a statistics run needs from the analysis that owns it. */
export interface StatsHost {
  /** What a run is over, read as it starts (a new dataset or target supersedes the runs, so it holds for them). */
  subject(): { examples: readonly Example[]; format: DatasetFormat; limit: number | null; target: TargetRules | null };
  /** Validation result of `ex`, computed now if not cached. */
  validate(ex: Example): ExampleAnalysis;
  /** The result as the user sees it: the target's view of `a`, `validate`'s result for `ex`. The charts count by it. */
  shown(ex: Example, a: ExampleAnalysis): ExampleAnalysis;
  /** Token counts of `ex` if counted (never counts). */
  cached(ex: Example): ExampleTokens | undefined;
  /** This thread's tokenizer is loaded: countHere counts. */
  canCountHere(): boolean;
  /** Counts `ex` on this thread now (see Analysis.tokens). */
  countHere(ex: Example): ExampleTokens | undefined;
  /** The long texts of `ex` are being counted in slices on this thread. */
  slicing(ex: Example): boolean;
  /** A run's figures; `needPass` when some uncounted example is not being counted: a background pass must. */
  publish(figures: { issues: Issue[]; stats: DatasetStats; charts: ChartData }, needPass: boolean): void;
}

export class StatsRunner {
  #host: StatsHost;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each run; a sliced one still running stops when it is no longer the latest. */
  #run = 0;
  /**
   * Examples holding a very long text validated since the last run, by id (only the latest version of each: one per
   * keystroke would pin a 12 MB string each): their texts are hashed in slices first.
   */
  #longPending = new Map<string, Example>();
  /** The target's facts of each example (forgotten with the target). */
  #facts = new WeakMap<Example, unknown>();

  constructor(host: StatsHost) {
    this.#host = host;
  }

  /** Runs after STATS_DEBOUNCE_MS without a newer call. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.run(), STATS_DEBOUNCE_MS);
  }

  /** A run still in slices must not publish (its figures are of another dataset). */
  supersede(): void {
    this.#run++;
  }

  /** The target changed: its facts are gathered afresh. */
  forgetFacts(): void {
    this.#facts = new WeakMap();
  }

  /** `ex` holds a very long text and was just validated: the next run hashes its texts first, in slices. */
  hashFirst(ex: Example): void {
    this.#longPending.set(ex.id, ex);
  }

  /**
   * Recomputes dataset-level issues and statistics from the caches, in slices of SLICE_MS (100,000 examples take
   * ~50 ms of lookups, more under garbage collection): the first slice runs now, so small datasets get their figures
   * at once. A newer call supersedes one still running.
   */
  run(): void {
    const run = ++this.#run;
    if (this.#longPending.size) {
      // The duplicate fingerprint of a 12 MB reply hashes it whole (≈ 50 ms): done first, in slices.
      void (async () => {
        for (const [id, ex] of [...this.#longPending]) {
          if (run !== this.#run) return; // superseded: the newer run primes what is left
          await primeLongStrings(ex.value, SLICE_MS, yieldToPage);
          if (this.#longPending.get(id) === ex) this.#longPending.delete(id);
        }
        if (run === this.#run) this.#gather(run);
      })();
      return;
    }
    this.#gather(run);
  }

  #gather(run: number): void {
    const h = this.#host;
    const { examples: list, format, limit, target: rules } = h.subject();
    const formats: RecordFormat[] = new Array(list.length);
    const fingerprints: string[] = new Array(list.length);
    const lines: (number | undefined)[] = new Array(list.length);
    const msgs: number[] = [];
    const facts: unknown[] = [];
    const charts = new ChartGatherer();
    let complete = true;
    /** Some uncounted example is not being counted in slices here: a background pass must count it. */
    let needPass = false;
    let inline = 0;
    inSlices(
      list,
      () => run === this.#run, // else superseded
      (ex, i) => {
        const a = h.validate(ex);
        formats[i] = a.format;
        fingerprints[i] = a.fingerprint;
        lines[i] = ex.line;
        if (ex.value === undefined) return charts.add(ex, h.shown(ex, a), undefined);
        if (rules) {
          let f = this.#facts.get(ex);
          if (f === undefined) this.#facts.set(ex, (f = rules.facts(ex.value)));
          facts.push(f);
        }
        msgs.push(a.messages);
        // A few uncounted examples (new or edited ones) are counted here; many are left to a background pass, since
        // counting them here would block the page for seconds.
        let t = h.cached(ex);
        if (!t && h.canCountHere() && inline < INLINE_COUNT_LIMIT) {
          inline++;
          t = h.countHere(ex);
        }
        charts.add(ex, h.shown(ex, a), t); // it keeps each counted example's tokens as the report counts them
        if (!t) {
          complete = false;
          if (!h.slicing(ex)) needPass = true;
        }
      },
      () => {
        // The dataset-wide part: sorts and a duplicate map.
        const summary: DatasetFacts = { formats, fingerprints, lines };
        const c = charts.result();
        const figures = datasetFigures({ count: list.length, summary, facts, msgs, toks: c.tokens, asst: c.assistant, complete, format, limit, target: rules });
        h.publish({ ...figures, charts: c }, needPass);
      },
    );
  }
}
