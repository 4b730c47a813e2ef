// Diagnostics of one raw JSONL line: the validator's issues (or a located JSON syntax error) mapped to spans of the
// line, and the repairs that can be offered as quick fixes. Pure: no DOM, no view; the editor adds positions/actions.
import type { DatasetFormat, Issue, Severity, SourceRecord } from '../dataset/types';
import { validateExample } from '../dataset/validate';
import { coreIssue, renderIssue } from '../dataset/messages/index';
import { locateJsonError } from '../dataset/read';
import { applyRepairs, proposeRepairs, type Repair } from '../dataset/repair';
import { locatePath, type Span } from './json-path';

/** What checking one line found: its parsed value or syntax error, and the issues. */
export interface LineCheck {
  /** Parsed value; absent when the line is not valid JSON. */
  value?: unknown;
  /** 0-based offset in the line where the JSON breaks; absent when it parsed. */
  errorOffset?: number;
  issues: Issue[];
}

/** One problem of a line, ready to become an editor diagnostic (offsets relative to the line start). */
export interface LineProblem extends Span {
  severity: Severity;
  code: string;
  message: string;
}

/** Order problems are listed in: errors first. */
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * Parses and validates one line as example `line` (1-based; also the example number) of a `format` dataset.
 * A syntax error becomes one `invalid_json` error saying where and why, with its offset.
 */
export function checkLine(text: string, line: number, format: DatasetFormat): LineCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    return { errorOffset: at.offset, issues: [coreIssue('error', 'invalid_json.editor', { column: at.offset + 1, error: at.error }, { line, example: line })] };
  }
  return { value, issues: validateExample(value, { example: line, line, format }) };
}

/**
 * The span an issue covers in the line: at a syntax error, one character at `errorOffset` (the last character when
 * the line ends early); with a `path`, the field's value when found; else the whole line (at least one character).
 */
export function issueSpan(text: string, issue: Issue, errorOffset?: number): Span {
  if (errorOffset !== undefined && issue.code === 'invalid_json') {
    const from = Math.max(0, Math.min(errorOffset, text.length - 1));
    return { from, to: Math.min(text.length, from + 1) };
  }
  if (issue.path) {
    const span = locatePath(text, issue.path);
    if (span) return { from: span.from, to: Math.min(text.length, span.to) };
  }
  return { from: 0, to: text.length };
}

/** Writes an issue in the user's language (English by default). */
export type IssueWriter = (issue: Issue) => string;

/** The issues of a line as problems with spans and their sentences, errors first (stable order otherwise). */
export function lineProblems(text: string, issues: readonly Issue[], errorOffset?: number, write: IssueWriter = (i) => renderIssue(i, 'en')): LineProblem[] {
  return issues
    .map((issue) => ({ ...issueSpan(text, issue, errorOffset), severity: issue.severity, code: issue.code, message: write(issue) }))
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The source record of a line, as the repair functions expect it (syntax error at 1-based column). */
export function lineRecord(text: string, line: number, check: Pick<LineCheck, 'value' | 'errorOffset'>): SourceRecord {
  if (check.errorOffset !== undefined || check.value === undefined) {
    return { line, endLine: line, text, error: { code: 'json.not_json', params: {}, line: 1, column: (check.errorOffset ?? 0) + 1 } };
  }
  return { line, endLine: line, text, value: check.value };
}

/** The fixes that can be proposed for a line's record (see proposeRepairs); none for a clean record. */
export function lineRepairs(record: SourceRecord, format: DatasetFormat): Repair[] {
  return proposeRepairs([record], { format });
}

/** Any line break: a fix that yields several lines (split glued records) keeps them; others must stay one line. */
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The text that replaces the line when `accepted` fixes are applied: one line per resulting record (a split of
 * glued records yields several), each record's line breaks turned into spaces (JSON whitespace).
 */
export function fixedText(record: SourceRecord, accepted: readonly Repair[], format: DatasetFormat): string {
  return applyRepairs([record], [...accepted], { format })
    .map((r) => r.text.replace(LINE_BREAK, ' '))
    .join('\n');
}
