// What the check computes for each parsed example, on whichever thread runs it: its issues (validateExample), its
// duplicate fingerprint, its token figures and its share of the guide's counters. A pure function of the values, the
// example numbers and lines, the dataset format and the counter, so one thread or many give the same results.
import { exampleTokens, type ToolFamily } from '../lib/dataset/example-tokens';
import { guideCheck } from '../lib/dataset/guide-check';
import { exampleFingerprint, validateExample } from '../lib/dataset/validate';
import type { DatasetFormat, Issue } from '../lib/dataset/types';
import { targetExampleIssues, type TargetId } from '../lib/dataset/targets/index';

/** Guide counters summed over examples (guideCheck is a sum over examples: it can be run by parts). */
export interface GuideSums {
  format_errors: Record<string, number>;
  missing_system: number;
  missing_user: number;
}

/** Results for a batch of examples, in the batch's order (typed arrays and plain data: cheap to post). */
export interface BatchResult {
  /** validateExample's issues of each example (empty for most). */
  issues: Issue[][];
  fingerprints: string[];
  /** Messages per example (exampleTokens' perMessage.length). */
  messages: Float64Array;
  /** Tokens per example: total + tools, the report's tokens_per_example. */
  tokens: Float64Array;
  assistant: Float64Array;
  trainable: Float64Array;
  guide: GuideSums;
}

/** Options every batch of one check shares. */
export interface AnalyseOptions {
  count: (text: string) => number;
  toolFamily: ToolFamily;
  /** The target chosen with --target (its rules replace OpenAI-only ones); absent: OpenAI's validator as it is. */
  target?: TargetId | null;
}

/** Adds `b` into `a`. */
export function addGuide(a: GuideSums, b: GuideSums): void {
  for (const [k, v] of Object.entries(b.format_errors)) a.format_errors[k] = (a.format_errors[k] ?? 0) + v;
  a.missing_system += b.missing_system;
  a.missing_user += b.missing_user;
}

/** Analyses parsed examples `values` (numbered `examples`, 1-based, at source `lines`) of a `format` dataset. */
export function analyseBatch(
  values: readonly unknown[],
  examples: ArrayLike<number>,
  lines: ArrayLike<number>,
  format: DatasetFormat,
  opts: AnalyseOptions,
): BatchResult {
  const n = values.length;
  const result: BatchResult = {
    issues: new Array<Issue[]>(n),
    fingerprints: new Array<string>(n),
    messages: new Float64Array(n),
    tokens: new Float64Array(n),
    assistant: new Float64Array(n),
    trainable: new Float64Array(n),
    guide: { format_errors: {}, missing_system: 0, missing_user: 0 },
  };
  for (let i = 0; i < n; i++) {
    const value = values[i];
    const issues = validateExample(value, { example: examples[i], line: lines[i], format });
    result.issues[i] = opts.target ? targetExampleIssues(opts.target, value, issues, { example: examples[i], line: lines[i] }) : issues;
    result.fingerprints[i] = exampleFingerprint(value);
    const t = exampleTokens(value, opts.count, { toolFamily: opts.toolFamily });
    result.messages[i] = t.perMessage.length;
    result.tokens[i] = t.total + t.tools;
    result.assistant[i] = t.assistant;
    result.trainable[i] = t.trainable;
  }
  const guide = guideCheck(values as unknown[]);
  result.guide = { format_errors: guide.format_errors, missing_system: guide.missing_system, missing_user: guide.missing_user };
  return result;
}
