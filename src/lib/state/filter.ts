// Which examples the list shows: text search, issue filter and review status. Pure over the examples and an
// analysis lookup.
import type { Example, ReviewStatus } from '../dataset/types';

/** Issue filter choices of the example list. */
export type IssueFilter = 'all' | 'errors' | 'warnings';
/** Review filter choices of the example list: any status, still to review (no status), or one status. */
export type StatusFilter = 'any' | 'todo' | ReviewStatus;

/** True when `ex` passes the review filter. */
export function statusMatches(ex: Example, status: StatusFilter): boolean {
  if (status === 'any') return true;
  const s = ex.meta?.status;
  return status === 'todo' ? s === undefined : s === status;
}

/** How many examples have each review status (`todo`: none yet). */
export function reviewCounts(examples: readonly Example[]): Record<'todo' | ReviewStatus, number> {
  const out = { todo: 0, approved: 0, needs_work: 0, rejected: 0 };
  for (const ex of examples) out[ex.meta?.status ?? 'todo']++;
  return out;
}

const haystacks = new WeakMap<Example, string>();

/** Lower-cased searchable text of an example (its JSON or raw text), cached per example object. */
function haystack(ex: Example): string {
  let h = haystacks.get(ex);
  if (h === undefined) {
    h = (ex.value === undefined ? (ex.raw ?? '') : JSON.stringify(ex.value)).toLowerCase();
    haystacks.set(ex, h);
  }
  return h;
}

/**
 * Indexes of the examples matching `query` (case-insensitive substring of their text), `issues` and `status`;
 * null when nothing is filtered (the list then shows every example without building an index array).
 */
export function filterExamples(
  examples: readonly Example[],
  query: string,
  issues: IssueFilter,
  counts: (ex: Example) => { errors: number; warnings: number },
  status: StatusFilter = 'any',
): number[] | null {
  const q = query.trim().toLowerCase();
  if (!q && issues === 'all' && status === 'any') return null;
  const out: number[] = [];
  for (let i = 0; i < examples.length; i++) {
    const ex = examples[i];
    if (!statusMatches(ex, status)) continue;
    if (issues !== 'all') {
      const c = counts(ex);
      if (issues === 'errors' ? c.errors === 0 : c.warnings === 0 && c.errors === 0) continue;
    }
    if (q && !haystack(ex).includes(q)) continue;
    out.push(i);
  }
  return out;
}
