// What switching a dataset's target changed, in words a user can act on: how many examples have errors before and
// after, and which problems appeared or went away (each with one example of its sentence).
import type { Example, Issue } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import { inSlices } from '../util/yield';

/** The problems of a dataset under one target's rules. */
export interface IssueTally {
  /** Examples with at least one error. */
  errorExamples: number;
  /** By issue code: how many issues, and the first one (to show its sentence). */
  byCode: Map<string, { count: number; first: Issue; severity: Issue['severity'] }>;
}

/** A kind of problem that appeared or went away, with how often. */
export interface CodeChange {
  code: string;
  count: number;
  severity: Issue['severity'];
  /** The first issue of that code (its `example` is the real 1-based number). */
  first: Issue;
}

export interface TargetChange {
  errorsBefore: number;
  errorsAfter: number;
  added: CodeChange[];
  gone: CodeChange[];
}

/**
 * Tallies the problems of `examples` as `analyse` sees them, plus the dataset-wide `datasetIssues`, in slices (a
 * 100,000-example dataset must not freeze the page). Resolves undefined when `live()` turns false first.
 */
export function tallyIssues(
  examples: readonly Example[],
  analyse: (ex: Example) => ExampleAnalysis,
  datasetIssues: readonly Issue[],
  live: () => boolean = () => true,
): Promise<IssueTally | undefined> {
  const tally: IssueTally = { errorExamples: 0, byCode: new Map() };
  const add = (issue: Issue) => {
    const entry = tally.byCode.get(issue.code);
    if (entry) entry.count++;
    else tally.byCode.set(issue.code, { count: 1, first: issue, severity: issue.severity });
  };
  for (const issue of datasetIssues) add(issue);
  return new Promise((resolve) => {
    inSlices(
      examples,
      () => {
        if (live()) return true;
        resolve(undefined); // superseded (another switch, another dataset)
        return false;
      },
      (ex, i) => {
        const a = analyse(ex);
        if (a.errors) tally.errorExamples++;
        for (const issue of a.issues) add({ ...issue, example: i + 1 });
      },
      () => resolve(tally),
    );
  });
}

/** What changed from `before` to `after`: kinds of problems new under the new rules, and those gone. */
export function describeChange(before: IssueTally, after: IssueTally): TargetChange {
  const diff = (a: IssueTally, b: IssueTally): CodeChange[] =>
    [...a.byCode].filter(([code]) => !b.byCode.has(code)).map(([code, e]) => ({ code, count: e.count, severity: e.severity, first: e.first }));
  const bySeverity = (x: CodeChange, y: CodeChange) => (x.severity === y.severity ? y.count - x.count : x.severity === 'error' ? -1 : 1);
  return {
    errorsBefore: before.errorExamples,
    errorsAfter: after.errorExamples,
    added: diff(after, before).sort(bySeverity),
    gone: diff(before, after).sort(bySeverity),
  };
}
