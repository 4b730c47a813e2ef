// Which examples the list shows: text search and issue filter. Pure over the examples and an analysis lookup.
import type { Example } from '../dataset/types';

/** Issue filter choices of the example list. */
export type IssueFilter = 'all' | 'errors' | 'warnings';

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
 * Indexes of the examples matching `query` (case-insensitive substring of their text) and `issues`;
 * null when nothing is filtered (the list then shows every example without building an index array).
 */
export function filterExamples(
  examples: readonly Example[],
  query: string,
  issues: IssueFilter,
  counts: (ex: Example) => { errors: number; warnings: number },
): number[] | null {
  const q = query.trim().toLowerCase();
  if (!q && issues === 'all') return null;
  const out: number[] = [];
  for (let i = 0; i < examples.length; i++) {
    const ex = examples[i];
    if (issues !== 'all') {
      const c = counts(ex);
      if (issues === 'errors' ? c.errors === 0 : c.warnings === 0 && c.errors === 0) continue;
    }
    if (q && !haystack(ex).includes(q)) continue;
    out.push(i);
  }
  return out;
}
