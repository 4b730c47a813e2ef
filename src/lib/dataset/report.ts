// The dataset report: one plain object with everything a check of a file finds — our issues (with positions),
// the guide's own check (FORMATS §5, reproduced), distributions, the too-long count, epochs, billing and cost.
// Shared by the CLI (`tuneset check`) and the app's "Download report". Pure: the token counter is passed in.
import { z } from 'zod/mini';
import { CATALOG_AS_OF, resolveModel, type ModelInfo } from '../models/catalog';
import { exampleTokens, type ToolFamily } from './example-tokens';
import { GUIDE_ERROR_KEYS, guideCheck } from './guide-check';
import { readBytes, readText } from './read';
import { billingTokens, chargedTokens, defaultEpochs, distribution, estimatedCost } from './stats';
import type { Distribution, Issue, ReadResult } from './types';
import { validateDataset } from './validate';
import { coreIssue, renderIssue, type Lang } from './messages/index';

/** Version of the report's shape and of the tool that wrote it. Bump when fields change meaning. */
export const TUNESET_VERSION = '0.1.0';

/** Model used when none is given: the cheapest model still accepting supervised jobs (as of CATALOG_AS_OF). */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';

/** The guide's seven error counters, in the notebook's order (all present in a report, 0 when they did not fire). */
export { GUIDE_ERROR_KEYS };

const distributionSchema = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  median: z.number(),
  p5: z.number(),
  p95: z.number(),
  p10: z.number(),
  p90: z.number(),
}) satisfies z.ZodMiniType<Distribution>;

/** An issue as the report holds it: the data (code, params, position) plus its sentence in the report's language. */
const issueSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  /** The issue in plain words, in the language the report was built in (`lang`). */
  message: z.string(),
  /** The values the message names (`variant` picks one of a code's sentences); language-neutral. */
  params: z.record(z.string(), z.unknown()),
  line: z.optional(z.number().check(z.int())),
  example: z.optional(z.number().check(z.int())),
  message_index: z.optional(z.number().check(z.int())),
  path: z.optional(z.string()),
});

/** Shape of a report (what `tuneset check --json` prints and "Download report" saves). */
export const reportSchema = z.object({
  /** File name as given (path for the CLI, name for the app). */
  file: z.string(),
  /** Detected file format ('chat', 'preference', 'mixed', 'empty', …). */
  format: z.string(),
  /** Model id the estimate is for (as given, e.g. an `ft:` name). */
  model: z.string(),
  /** Catalog id the model resolved to; null when unknown to the catalog. */
  model_resolved: z.nullable(z.string()),
  /** Tokenizer used for every token figure. */
  encoding: z.string(),
  /** Text encoding the file was decoded from ('utf-8', 'windows-1252', 'binary', …). */
  text_encoding: z.string(),
  /** Records in the file (examples, parsable or not). */
  examples: z.number().check(z.int()),
  /** Issues found by Tuneset: file-level first, then by example. */
  issues: z.array(issueSchema),
  /** Counts of issues by severity. */
  counts: z.object({ error: z.number().check(z.int()), warning: z.number().check(z.int()), info: z.number().check(z.int()) }),
  /** What the article's script would report (its stale rules, its names), for comparison. */
  guide: z.object({
    format_errors: z.record(z.string(), z.number().check(z.int())),
    missing_system: z.number().check(z.int()),
    missing_user: z.number().check(z.int()),
  }),
  /**
   * Distributions over the parsable examples (numpy linear percentiles; p5/p95 are the real 5th/95th, the guide's
   * "p5 / p95" line is p10/p90). tokens_per_example = the guide's formula + tool definitions (see example-tokens);
   * on the guide's kind of data it equals the guide's num_total_tokens_per_example.
   */
  stats: z.object({
    messages_per_example: distributionSchema,
    tokens_per_example: distributionSchema,
    assistant_tokens_per_example: distributionSchema,
    trainable_tokens_per_example: distributionSchema,
  }),
  /** Max tokens per example of the model; null when unknown. */
  limit: z.nullable(z.number().check(z.int())),
  /** Examples over the limit (they will be truncated during fine-tuning). */
  too_long: z.number().check(z.int()),
  /** 1-based numbers of the too-long examples. */
  too_long_examples: z.array(z.number().check(z.int())),
  /** OpenAI's default epochs for this many examples. */
  epochs: z.number().check(z.int()),
  /** Tokens billed per epoch: Σ min(limit, tokens per example). */
  billing_tokens: z.number().check(z.int()),
  /** epochs × billing tokens. */
  charged_tokens: z.number().check(z.int()),
  /** charged tokens × price; null when the model has no per-token price. An estimate. */
  estimated_cost_usd: z.nullable(z.number()),
  /** ISO timestamp of the report. */
  generated_at: z.string(),
  tuneset_version: z.string(),
  /** Month the model catalog (limits, prices) was last checked. */
  catalog_as_of: z.string(),
});

/** A dataset report. */
export type Report = z.infer<typeof reportSchema>;

/** What buildReport needs: the file (text or raw bytes), the model id, and a counter for the model's encoding. */
export interface ReportInput {
  file: string;
  /** Decoded text (the app) — give this or `bytes`. */
  text?: string;
  /** Raw bytes (the CLI): decoded with the reader's UTF-8/UTF-16/Windows-1252/binary detection. */
  bytes?: Uint8Array;
  /** Model id, e.g. `gpt-4o-mini-2024-07-18` or `ft:gpt-4.1-2025-04-14:org::id`. Defaults to DEFAULT_MODEL. */
  model?: string;
  /** User-added models, consulted before the catalog. */
  customModels?: readonly ModelInfo[];
  /** Token counter; its encoding should be `reportEncoding(model)`. */
  counter: { encoding: string; count(text: string): number };
  /** Clock for `generated_at`. Defaults to now. */
  now?: Date;
  /** Language of each issue's `message` ('en' or 'zh'). Defaults to English. */
  lang?: Lang;
}

/** The encoding buildReport should count with for `model` (o200k_base for models the catalog does not know). */
export function reportEncoding(model: string = DEFAULT_MODEL, customModels: readonly ModelInfo[] = []): 'o200k_base' | 'cl100k_base' {
  return resolveModel(model, customModels)?.encoding ?? 'o200k_base';
}

/** Tool-definition constants for a model: gpt-3.5 / gpt-4 (cl100k era) use 10 per function, the rest 7. */
export function toolFamilyOf(info: ModelInfo | undefined): ToolFamily {
  return info && /^gpt-(3\.5|4-|4$)/.test(info.id) ? 'gpt-3.5' : 'gpt-4o';
}

/**
 * Check one file and build its report. Never throws: unreadable content becomes issues (binary, not UTF-8,
 * invalid JSON lines with their line numbers). Token figures use `counter` and are estimates.
 */
export function buildReport(input: ReportInput): Report {
  const model = input.model ?? DEFAULT_MODEL;
  const info = resolveModel(model, input.customModels);
  const read: ReadResult = input.bytes ? readBytes(input.bytes) : readText(input.text ?? '');
  const records = read.records;

  const validation = validateDataset(records.map((r) => ({ value: r.value, error: r.error, raw: r.text, line: r.line })));
  // The reader already reports each unparsable record (quoting its text); drop the validator's duplicate.
  const readExamples = new Set(read.issues.filter((i) => i.example !== undefined).map((i) => i.example));
  const validationIssues = validation.issues.filter((i) => !(i.code === 'invalid_json' && readExamples.has(i.example)));

  const count = (s: string) => input.counter.count(s);
  const toolFamily = toolFamilyOf(info);
  const figures: ExampleFigures = { example: [], line: [], messages: [], tokens: [], assistant: [], trainable: [] };
  records.forEach((r, i) => {
    if (r.value === undefined) return;
    const t = exampleTokens(r.value, count, { toolFamily });
    figures.example.push(i + 1);
    figures.line.push(r.line);
    figures.messages.push(t.perMessage.length);
    figures.tokens.push(t.total + t.tools);
    figures.assistant.push(t.assistant);
    figures.trainable.push(t.trainable);
  });
  return assembleReport({
    file: input.file,
    format: read.container === 'binary' ? 'binary' : validation.format,
    model,
    info,
    encoding: input.counter.encoding,
    textEncoding: read.encoding,
    examples: records.length,
    readIssues: read.issues,
    validationIssues,
    guide: guideCheck(records.map((r) => r.value)),
    figures,
    now: input.now ?? new Date(),
    lang: input.lang,
  });
}

/** Token figures of the parsed examples of a file, one entry each, in example order. */
export interface ExampleFigures {
  /** 1-based example number (unparsable records have none). */
  example: number[];
  line: number[];
  messages: number[];
  /** Tokens of the whole example, tool definitions included. */
  tokens: number[];
  assistant: number[];
  trainable: number[];
}

/** What a report is made from: buildReport gathers it from the whole text, the CLI's check from a stream. */
export interface ReportParts {
  file: string;
  format: string;
  model: string;
  info: ModelInfo | undefined;
  encoding: string;
  textEncoding: string;
  examples: number;
  /** The reader's (and decoder's) issues, in file order. */
  readIssues: Issue[];
  /** The validator's, sorted by example, without the reader's duplicates. */
  validationIssues: Issue[];
  /** The guide's check (its counters; missing ones count 0). */
  guide: { format_errors: Partial<Record<string, number>>; missing_system: number; missing_user: number };
  figures: ExampleFigures;
  now: Date;
  lang?: Lang;
}

/**
 * The report from its parts: the model's and the too-long issues joined to the others in report order, the
 * distributions, epochs, billing and cost. One assembly for the app and the CLI, so both give the same report.
 */
export function assembleReport(p: ReportParts): Report {
  const { model, info, figures: f } = p;
  const limit = info ? info.limit : null;
  const tooLong: number[] = [];
  const tooLongIssues: Issue[] = [];
  if (limit !== null) {
    f.tokens.forEach((tokens, k) => {
      if (tokens <= limit) return;
      tooLong.push(f.example[k]);
      tooLongIssues.push(coreIssue('warning', 'example_too_long', { tokens, limit, model }, { line: f.line[k], example: f.example[k] }));
    });
  }
  const modelIssues: Issue[] = info ? [] : [coreIssue('warning', 'unknown_model', { model, encoding: p.encoding })];
  const issues = toReportIssues([...modelIssues, ...p.readIssues, ...mergeByExample(p.validationIssues, tooLongIssues)], p.lang);
  const format_errors: Record<string, number> = {};
  for (const key of GUIDE_ERROR_KEYS) format_errors[key] = p.guide.format_errors[key] ?? 0;

  const epochs = defaultEpochs(p.examples);
  const billing = billingTokens(f.tokens, limit);
  const charged = chargedTokens(billing, epochs);
  return {
    file: p.file,
    format: p.format,
    model,
    model_resolved: info ? info.id : null,
    encoding: p.encoding,
    text_encoding: p.textEncoding,
    examples: p.examples,
    issues,
    counts: {
      error: issues.filter((i) => i.severity === 'error').length,
      warning: issues.filter((i) => i.severity === 'warning').length,
      info: issues.filter((i) => i.severity === 'info').length,
    },
    guide: { format_errors, missing_system: p.guide.missing_system, missing_user: p.guide.missing_user },
    stats: {
      messages_per_example: distribution(f.messages),
      tokens_per_example: distribution(f.tokens),
      assistant_tokens_per_example: distribution(f.assistant),
      trainable_tokens_per_example: distribution(f.trainable),
    },
    limit,
    too_long: tooLong.length,
    too_long_examples: tooLong,
    epochs,
    billing_tokens: billing,
    charged_tokens: charged,
    estimated_cost_usd: estimatedCost(charged, info),
    generated_at: p.now.toISOString(),
    tuneset_version: TUNESET_VERSION,
    catalog_as_of: CATALOG_AS_OF,
  };
}

/** One issue of a report: the issue's data plus its sentence (`message`) in the report's language. */
export type ReportIssue = Report['issues'][number];

/** Issues as a report holds them: each with its `message` written in `lang` (default English) beside its `params`. */
export function toReportIssues(issues: readonly Issue[], lang: Lang = 'en'): ReportIssue[] {
  return issues.map(({ severity, code, ...rest }) => ({ severity, code, message: renderIssue({ code, ...rest }, lang), ...rest }));
}

/** Merge two issue lists each sorted by example (dataset-wide first), keeping that order. */
export function mergeByExample(a: Issue[], b: Issue[]): Issue[] {
  return [...a, ...b]
    .map((issue, i) => ({ issue, i }))
    .sort((x, y) => (x.issue.example ?? 0) - (y.issue.example ?? 0) || x.i - y.i)
    .map((x) => x.issue);
}

/** True when the report has at least one error (the CLI exits 1). */
export function reportHasErrors(report: Report): boolean {
  return report.counts.error > 0;
}
