// Whole-dataset validation: every example (or its parse error) plus the dataset-level rules (at least
// MIN_EXAMPLES examples, one OpenAI format per file, exact duplicates), which are cheap to rerun after an edit.
import type { DatasetFormat, FileFormat, Issue, ParseError, RecordFormat } from '../types';
import { detectFileFormat, detectRecordFormat, firstIndexByFormat, OPENAI_FORMATS } from '../detect';
import { CONVERTS_TO, MIN_EXAMPLES } from './codes';
import { makeIssue } from '../messages/render';
import { validateExample } from './example';
import { exampleFingerprint } from './fingerprint';

/** One record handed to validateDataset: its parsed value, or its parse error. */
export interface DatasetInput {
  value?: unknown;
  error?: ParseError;
  raw?: string;
  /** 1-based source line where the record starts. */
  line?: number;
}

/** Per-example facts the dataset-level rules need (kept by callers to revalidate one edited example cheaply). */
export interface DatasetFacts {
  formats: RecordFormat[];
  /** exampleFingerprint of each example; '' for an unparsable one (never a duplicate). */
  fingerprints: string[];
  lines: (number | undefined)[];
}

/** Result of validating a whole dataset. */
export interface DatasetValidation {
  /** Detected format of the file (before any `format` override). */
  format: FileFormat;
  /** All issues (datasetIssues + byExample), sorted by example, then message_index; dataset-wide ones first. */
  issues: Issue[];
  /** byExample[i]: what validateExample (or the parse error) reports for example i + 1 — nothing dataset-level. */
  byExample: Issue[][];
  /** What validateDatasetRules reports (some name an example, e.g. duplicates). */
  datasetIssues: Issue[];
  /** The summary the dataset rules ran on (reuse it with validateDatasetRules after an edit). */
  summary: DatasetFacts;
}

/** The issue of an unparsable record, located at its file line:column. */
function parseIssue(item: DatasetInput, example: number): Issue {
  const err = item.error;
  const issue: Issue = err
    ? {
        severity: 'error',
        code: 'invalid_json',
        params: { line: item.line !== undefined ? item.line + err.line - 1 : err.line, column: err.column, error: { code: err.code, params: err.params } },
        example,
      }
    : { severity: 'error', code: 'invalid_json', params: { variant: 'unreadable' }, example };
  if (item.line !== undefined) issue.line = item.line;
  return issue;
}

/** Orders issues by example (dataset-wide first), then message_index (example-wide first); stable otherwise. */
export function sortIssues(issues: Issue[]): Issue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.example ?? 0) - (b.issue.example ?? 0) || (a.issue.message_index ?? -1) - (b.issue.message_index ?? -1) || a.i - b.i)
    .map((x) => x.issue);
}

/** The dataset format to validate against when none is given: the detected one, the majority, or chat. */
export function expectedFormat(fileFormat: FileFormat, formats: readonly RecordFormat[]): DatasetFormat {
  if (fileFormat === 'chat' || fileFormat === 'preference' || fileFormat === 'prompt_completion') return fileFormat;
  const target = CONVERTS_TO[fileFormat as RecordFormat];
  if (target) return target;
  if (fileFormat === 'mixed') {
    let best: DatasetFormat = 'chat';
    let bestCount = -1;
    for (const f of OPENAI_FORMATS as DatasetFormat[]) {
      const count = formats.filter((x) => x === f).length;
      if (count > bestCount) {
        best = f;
        bestCount = count;
      }
    }
    return best;
  }
  return 'chat';
}

/**
 * Whole-dataset validation: every example (validateExample or its parse error) plus the dataset-level rules.
 * `opts.format` defaults to the detected format (the majority when mixed, chat when unknown or empty).
 */
export function validateDataset(items: DatasetInput[], opts: { format?: DatasetFormat } = {}): DatasetValidation {
  const formats = items.map((it) => (it.error || it.value === undefined ? 'unknown' : detectRecordFormat(it.value)));
  const fileFormat = detectFileFormat(formats);
  const format = opts.format ?? expectedFormat(fileFormat, formats);
  const byExample = items.map((it, i) =>
    it.error || it.value === undefined ? [parseIssue(it, i + 1)] : validateExample(it.value, { example: i + 1, line: it.line, format }),
  );
  const summary: DatasetFacts = {
    formats,
    fingerprints: items.map((it) => (it.error || it.value === undefined ? '' : exampleFingerprint(it.value))),
    lines: items.map((it) => it.line),
  };
  const datasetIssues = validateDatasetRules(summary, format);
  const all: Issue[] = [...datasetIssues];
  for (const list of byExample) for (const issue of list) all.push(issue);
  return { format: fileFormat, issues: sortIssues(all), byExample, datasetIssues, summary };
}

/**
 * Only the dataset-level rules: at least MIN_EXAMPLES examples, one OpenAI format per file, exact duplicates
 * (empty fingerprints are never duplicates). `format` is the dataset's expected format.
 */
export function validateDatasetRules(summary: DatasetFacts, format: DatasetFormat): Issue[] {
  const issues: Issue[] = [];
  const n = summary.formats.length;
  if (n < MIN_EXAMPLES) issues.push({ severity: 'error', code: 'invalid_n_examples', params: { count: n, min: MIN_EXAMPLES } });
  const first = firstIndexByFormat(summary.formats);
  const present = OPENAI_FORMATS.filter((f) => first.has(f));
  if (present.length > 1) {
    issues.push({
      severity: 'error',
      code: 'mixed_formats',
      params: { formats: present, firsts: present.map((f) => (first.get(f) ?? 0) + 1), format },
    });
  }
  const seen = new Map<string, number>();
  summary.fingerprints.forEach((fp, i) => {
    if (fp === '') return;
    const firstAt = seen.get(fp);
    if (firstAt === undefined) {
      seen.set(fp, i);
      return;
    }
    const firstLine = summary.lines[firstAt];
    const issue: Issue = {
      severity: 'warning',
      code: 'duplicate_example',
      params: firstLine !== undefined ? { first: firstAt + 1, first_line: firstLine } : { first: firstAt + 1 },
      example: i + 1,
    };
    const line = summary.lines[i];
    if (line !== undefined) issue.line = line;
    issues.push(issue);
  });
  return issues;
}

/** A fine-tuning job's method (the job form's choice). */
export type JobMethod = 'supervised' | 'dpo';

/** The dataset format each job method trains on. */
export const METHOD_FORMAT: Readonly<Record<JobMethod, DatasetFormat>> = { supervised: 'chat', dpo: 'preference' };

/**
 * The job's method against the file's format: OpenAI refuses a chat file in a DPO job ("Example 1 is missing key
 * 'input'") and a preference file in a supervised job. A prompt/completion file has no method (legacy models;
 * the pre-flight's model check covers it).
 */
export function checkJobMethod(format: DatasetFormat, method: JobMethod): Issue[] {
  if (format === 'prompt_completion' || METHOD_FORMAT[method] === format) return [];
  return [makeIssue('error', 'method_mismatch', { format, method })];
}
