// The shapes around Analysis (analysis.svelte.ts): what it is told (options, a target's rules), what it publishes
// (dataset statistics, worked out by the pure datasetFigures), and the small helpers its caches and passes share.
// No state here.
import type { DatasetFormat, Distribution, Issue } from '../dataset/types';
import { exampleTokens, type ToolFamily } from '../dataset/example-tokens';
import type { EncodingName } from '../tokens/count';
import { LONG_TEXT_CHARS } from '../tokens/long-text';
import type { TokenCache } from '../storage/records';
import { validateDatasetRules, type DatasetFacts } from '../dataset/validate';
import { coreIssue } from '../dataset/messages/index';
import { billingTokens, defaultEpochs, distribution } from '../dataset/stats';

/** What Analysis.reset needs to know about the dataset. */
export interface AnalysisOptions {
  format: DatasetFormat;
  /** Tokenizer of the dataset's model. */
  encoding: EncodingName;
  /** The model's tokens-per-example limit (null: none known). */
  limit: number | null;
  /** Tool-definition rule of the model's family (FORMATS §5). Defaults to 'gpt-4o'. */
  toolFamily?: ToolFamily;
  /** Counts saved by an earlier session, reused for examples with the same content, encoding and tool rule. */
  stored?: TokenCache | null;
  /** Receives the counts to store when a pass had to count anything new. */
  onCounted?: (cache: TokenCache) => void;
  /** The rules of the dataset's export target when it is not OpenAI (null or absent: OpenAI's rules alone). */
  target?: TargetRules | null;
}

/**
 * How an export target other than OpenAI sees a dataset (dataset/targets, loaded only once such a target is chosen).
 * Examples are validated (and cached, and sent to workers) under OpenAI's rules; these turn the results into the
 * target's: `exampleIssues` per example, `datasetIssues` over per-example `facts` (kept per example object).
 */
export interface TargetRules<F = unknown> {
  /** Target id; results are cached per id. */
  id: string;
  /** The example's issues for the target, from its OpenAI issues (numbered as example 1, at source `line`). */
  exampleIssues(value: unknown, openaiIssues: readonly Issue[], line: number | undefined): Issue[];
  facts(value: unknown): F;
  datasetIssues(facts: readonly F[], openaiIssues: readonly Issue[]): Issue[];
}

/** What examples are analysed for: their dataset's format, and the tokenizer and tool rule of its model. */
export interface AnalysisTarget {
  format: DatasetFormat;
  encoding: EncodingName;
  toolFamily: ToolFamily;
}

/** Dataset-wide figures shown in the statistics panel. */
export interface DatasetStats {
  examples: number;
  messages: Distribution | null;
  tokens: Distribution | null;
  assistant: Distribution | null;
  tooLong: number;
  epochs: number;
  billingTokens: number;
  /** True once every example has its token count. */
  complete: boolean;
}

/** True when `value` holds a string of LONG_TEXT_CHARS units or more (reads lengths only, never the text). */
export function holdsLongString(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.length >= LONG_TEXT_CHARS) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === 'object' && v !== null) stack.push(...Object.values(v));
  }
  return false;
}

/** The long texts (≥ LONG_TEXT_CHARS) exampleTokens counts in `value`, each once. */
export function longTexts(value: unknown, toolFamily: ToolFamily): string[] {
  const out: string[] = [];
  exampleTokens(
    value,
    (text) => {
      if (text.length >= LONG_TEXT_CHARS && !out.includes(text)) out.push(text);
      return 0;
    },
    { toolFamily },
  );
  return out;
}

/** A batch of examples being analysed by the workers ahead of a pass (see prefetch). */
export interface Flight {
  /** flightKey of the target it was sent for. */
  key: string;
  /** Settles once its results are in the caches (or it failed). */
  done: Promise<void>;
  size: number;
}

/** Key of the token caches: counts depend on the tokenizer and on the tool-definition rule. */
export const tokensKey = (encoding: EncodingName, toolFamily: ToolFamily) => `${encoding}/${toolFamily}`;
/** Key of a Flight: what its results are valid for. */
export const flightKey = (format: DatasetFormat, encoding: EncodingName, toolFamily: ToolFamily) => `${format} ${encoding}/${toolFamily}`;

/** What a statistics run gathered over a dataset (parsed examples only for the lists). */
export interface Gathered {
  count: number;
  summary: DatasetFacts;
  /** Per parsed example, the target's facts (empty without target rules). */
  facts: unknown[];
  msgs: number[];
  /** Tokens per counted example (messages plus tool definitions), and its assistant tokens. */
  toks: number[];
  asst: number[];
  /** Every parsed example is counted. */
  complete: boolean;
  format: DatasetFormat;
  limit: number | null;
  target: TargetRules | null;
}

/** The dataset-wide issues (the target's when it has rules) and figures of what a statistics run gathered. Pure. */
export function datasetFigures(g: Gathered): { issues: Issue[]; stats: DatasetStats } {
  const { limit, toks } = g;
  const tooLong = limit ? toks.filter((t) => t > limit).length : 0;
  const issues = validateDatasetRules(g.summary, g.format);
  if (tooLong && limit) issues.push(coreIssue('warning', 'too_long', { count: tooLong, limit }));
  return {
    issues: g.target ? g.target.datasetIssues(g.facts, issues) : issues,
    stats: {
      examples: g.count,
      messages: g.msgs.length ? distribution(g.msgs) : null,
      tokens: toks.length ? distribution(toks) : null,
      assistant: g.asst.length ? distribution(g.asst) : null,
      tooLong,
      epochs: defaultEpochs(g.count),
      billingTokens: limit ? billingTokens(toks, limit) : toks.reduce((a, b) => a + b, 0),
      complete: g.complete,
    },
  };
}
