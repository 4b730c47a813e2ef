// Targets as a first-class choice: the trainer a dataset is going to (OpenAI SFT/DPO, Azure OpenAI, Together, Fireworks,
// Hugging Face TRL SFT/DPO, ShareGPT, Alpaca) decides which issues it has. OpenAI's own rules are the validator's
// (validate/); every other target keeps the issues that hold everywhere, drops OpenAI-only ones and adds its own
// (rules.ts per example, `targetDatasetIssues` per dataset), each cited from the target's documentation.
import { coreIssue } from '../messages/index';
import { detectRecordFormat } from '../detect';
import { isObject } from '../edit';
import type { Issue, RecordFormat } from '../types';
import { isOpenAiTarget, TARGET_IDS, targetInfo, type TargetId } from './info';
import { ownRules, type ExampleAt } from './rules';

export { TARGET_IDS, defaultTarget, isOpenAiTarget, isTargetId, targetInfo, type TargetId, type TargetInfo } from './info';
export type { ExampleAt } from './rules';
export { exportTo, FIREWORKS_MIN_EXAMPLES, type ExportResult, type ExportTarget, type SkippedExample } from './export';
export { convertForTarget, exportTargetOf } from './convert';

/**
 * OpenAI validator codes that are OpenAI's own choices (its key lists, roles, weight and image rules, server
 * tokens, deprecations, the format a dataset is validated as): other targets drop them and apply their own rules.
 */
const OPENAI_ONLY = new Set([
  'extra_key',
  'message_extra_key',
  'foreign_format',
  'wrong_format',
  'missing_role',
  'unknown_role',
  'developer_role',
  'weight_not_allowed',
  'weight_invalid',
  'no_trainable_assistant',
  'image_not_allowed',
  'too_many_images',
  'image_detail_invalid',
  'functions_deprecated',
  'function_call_deprecated',
  'function_role_deprecated',
  'invalid_token',
  'missing_assistant_message',
  'tool_content_array',
  // dataset-wide: OpenAI's minimum count and its one-format rule (targets have their own)
  'invalid_n_examples',
  'mixed_formats',
]);

/** True when an issue of the OpenAI validator still holds for `target` (all of them do for OpenAI targets). */
export function keepsOpenAiIssue(target: TargetId, issue: Pick<Issue, 'code'>): boolean {
  return isOpenAiTarget(target) || !OPENAI_ONLY.has(issue.code);
}

/**
 * The issues one example has FOR THIS TARGET, given the OpenAI validator's issues for it (validateExample) and its
 * parsed value: OpenAI targets return them unchanged; others keep the issues that hold everywhere (unparseable,
 * not an object, content of the wrong type…), drop OpenAI-only ones (e.g. OpenAI's key list) and add the target's
 * own rules. Same Issue shape, same example/line/message_index/path; severity error when the target refuses the
 * file. `at` places the new issues (default: the example and line of the first OpenAI issue, if any).
 */
export function targetExampleIssues(target: TargetId, value: unknown, openaiIssues: readonly Issue[], at?: ExampleAt): Issue[] {
  if (isOpenAiTarget(target)) return [...openaiIssues];
  const place: ExampleAt = at ?? { example: openaiIssues[0]?.example, line: openaiIssues[0]?.line };
  const kept = openaiIssues.filter((i) => !OPENAI_ONLY.has(i.code));
  const own = value === undefined ? [] : ownRules(target, value, dropUndefined(place));
  if (own.length === 0) return kept;
  // In message order, the example's own (no message_index) first; stable otherwise.
  return [...kept, ...own].sort((a, b) => (a.message_index ?? -1) - (b.message_index ?? -1));
}

function dropUndefined(at: ExampleAt): ExampleAt {
  const out: ExampleAt = {};
  if (at.example !== undefined) out.example = at.example;
  if (at.line !== undefined) out.line = at.line;
  return out;
}

/** What the dataset rules need to know of one example: cheap to keep per example and to add or take away. */
export interface TargetExampleFacts {
  /** Its record format; null when it did not parse. */
  format: RecordFormat | null;
  /** It holds at least one image part. */
  images: boolean;
  /** A message has `weight`. */
  weighted: boolean;
}

/** The facts of one parsed value (`undefined`: an unparsable record). */
export function targetExampleFacts(value: unknown): TargetExampleFacts {
  if (value === undefined) return { format: null, images: false, weighted: false };
  const format = detectRecordFormat(value);
  let images = false;
  let weighted = false;
  if (isObject(value)) {
    const lists = [value.messages, isObject(value.input) ? value.input.messages : undefined, value.preferred_output, value.non_preferred_output];
    for (const list of lists) {
      if (!Array.isArray(list)) continue;
      for (const m of list) {
        if (!isObject(m)) continue;
        if ('weight' in m) weighted = true;
        if (Array.isArray(m.content) && m.content.some((p) => isObject(p) && p.type === 'image_url')) images = true;
      }
    }
  }
  return { format, images, weighted };
}

/** Counts over a dataset's examples, kept up to date by adding (sign 1) and taking away (sign −1) their facts. */
export interface TargetDatasetSummary {
  examples: number;
  /** Parsed examples per record format. */
  formats: Partial<Record<RecordFormat, number>>;
  /** Parsed examples with images, and with none. */
  images: number;
  textOnly: number;
  /** Examples with a weighted message. */
  weighted: number;
}

export function emptyTargetSummary(): TargetDatasetSummary {
  return { examples: 0, formats: {}, images: 0, textOnly: 0, weighted: 0 };
}

/** Adds one example's facts to `s` (sign −1 takes them away, e.g. before an edit). Returns `s`. */
export function addTargetFacts(s: TargetDatasetSummary, f: TargetExampleFacts, sign: 1 | -1 = 1): TargetDatasetSummary {
  s.examples += sign;
  if (f.format !== null) {
    s.formats[f.format] = (s.formats[f.format] ?? 0) + sign;
    if (f.images) s.images += sign;
    else s.textOnly += sign;
  }
  if (f.weighted) s.weighted += sign;
  return s;
}

/** The summary of a whole dataset's facts. */
export function summarizeTargetFacts(facts: Iterable<TargetExampleFacts>): TargetDatasetSummary {
  const s = emptyTargetSummary();
  for (const f of facts) addTargetFacts(s, f);
  return s;
}

const OPENAI_FORMATS: readonly RecordFormat[] = ['chat', 'prompt_completion', 'preference'];
/** Targets that keep no per-message weight: the export drops it (targets/export.ts). */
const NO_WEIGHT: ReadonlySet<TargetId> = new Set<TargetId>(['fireworks', 'trl', 'trl-dpo', 'sharegpt', 'alpaca']);

/** The same as summarizeTargetFacts (the name the app's analysis uses). */
export const summarizeFacts = summarizeTargetFacts;

/**
 * Dataset-wide rules of the target (counts, mixing formats / text-only with image examples, …). For OpenAI targets
 * only the format the target trains on (the counts and mixing are validateDatasetRules'). Given the OpenAI
 * dataset issues (validateDatasetRules), the result starts with those that still hold for the target (all for
 * OpenAI targets; duplicates for the others), so it is the dataset's whole list.
 */
export function targetDatasetIssues(target: TargetId, summary: TargetDatasetSummary, openaiDatasetIssues: readonly Issue[] = []): Issue[] {
  const info = targetInfo(target);
  const out: Issue[] = openaiDatasetIssues.filter((i) => keepsOpenAiIssue(target, i));
  const present = OPENAI_FORMATS.filter((f) => (summary.formats[f] ?? 0) > 0);
  if (isOpenAiTarget(target)) {
    for (const f of present) {
      if (info.formats.includes(f)) continue;
      const to = target === 'openai' && f === 'preference' ? targetInfo('openai-dpo').name : target === 'openai-dpo' ? targetInfo('openai').name : null;
      out.push(coreIssue('error', 'target_format.dataset', { target: info.name, found: f, count: summary.formats[f] ?? 0, to }));
    }
    return out;
  }
  // Counts: Fireworks "Minimum examples: 3 / Maximum examples: 3 million per dataset"; Together MIN_SAMPLES (files.py).
  if (summary.examples < info.minExamples)
    out.push(coreIssue('error', 'target_too_few', { target: info.name, count: summary.examples, min: info.minExamples }));
  if (info.maxExamples !== null && summary.examples > info.maxExamples)
    out.push(coreIssue('error', 'target_too_many', { target: info.name, count: summary.examples, max: info.maxExamples }));
  if (target === 'together') {
    // files.py: "All samples in the dataset must have the same dataset format."
    if (present.length > 1) out.push(coreIssue('error', 'target_mixed_formats', { target: info.name, formats: present }));
    // docs.together.ai fine-tuning models: "Mixed datasets of both text-only and image examples are not supported.
    // If there is at least one image example in the dataset, all text-only examples will be filtered out."
    if (summary.images > 0 && summary.textOnly > 0)
      out.push(coreIssue('warning', 'target_mixed_images', { target: info.name, count: summary.images, total: summary.images + summary.textOnly }));
  }
  if (NO_WEIGHT.has(target) && summary.weighted > 0) out.push(coreIssue('warning', 'target_weight_dropped', { target: info.name, count: summary.weighted }));
  return out;
}

/** Whether a dataset fits one target: its error count and the first error (example issues first, in order). */
export interface TargetFit {
  target: TargetId;
  fits: boolean;
  errors: number;
  first: Issue | null;
}

/**
 * How a dataset fits every target, from its examples (parsed value — undefined when unparsable — and the OpenAI
 * validator's issues) and the OpenAI dataset issues (validateDatasetRules): one answer per target, so a file that
 * fits none is told why for each.
 */
export function whichTargetsFit(
  examples: readonly { value: unknown; issues: readonly Issue[]; at?: ExampleAt }[],
  openaiDatasetIssues: readonly Issue[] = [],
): TargetFit[] {
  const summary = summarizeTargetFacts(examples.map((e) => targetExampleFacts(e.value)));
  return TARGET_IDS.map((target) => {
    let errors = 0;
    let first: Issue | null = null;
    const count = (list: readonly Issue[]) => {
      for (const i of list) {
        if (i.severity !== 'error') continue;
        errors++;
        first ??= i;
      }
    };
    count(targetDatasetIssues(target, summary, openaiDatasetIssues));
    for (const e of examples) count(targetExampleIssues(target, e.value, e.issues, e.at));
    return { target, fits: errors === 0, errors, first };
  });
}
