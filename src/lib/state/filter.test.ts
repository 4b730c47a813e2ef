// The list's filters combine (text, issues, review status), and the review progress counts every status.
import { describe, expect, it } from 'vitest';
import type { Example, ReviewStatus } from '../dataset/types';
import { filterExamples, reviewCounts, statusMatches } from './filter';

const ex = (id: string, text: string, status?: ReviewStatus): Example => ({
  id,
  value: { messages: [{ role: 'user', content: text }] },
  ...(status ? { meta: { status } } : {}),
});
const list = [ex('a', 'alpha'), ex('b', 'beta', 'approved'), ex('c', 'alpha beta', 'rejected'), ex('d', 'gamma', 'needs_work'), ex('e', 'alphabet')];
const noIssues = () => ({ errors: 0, warnings: 0 });

describe('filterExamples', () => {
  it('shows everything (null) when no filter is set', () => {
    expect(filterExamples(list, '  ', 'all', noIssues, 'any')).toBeNull();
  });

  it('filters by review status: "to review" is the examples without one', () => {
    expect(filterExamples(list, '', 'all', noIssues, 'todo')).toEqual([0, 4]);
    expect(filterExamples(list, '', 'all', noIssues, 'approved')).toEqual([1]);
    expect(filterExamples(list, '', 'all', noIssues, 'rejected')).toEqual([2]);
  });

  it('combines the text, issue and status filters', () => {
    const issues = (e: Example) => ({ errors: e.id === 'e' ? 1 : 0, warnings: 0 });
    expect(filterExamples(list, 'ALPHA', 'all', issues, 'any')).toEqual([0, 2, 4]);
    expect(filterExamples(list, 'alpha', 'all', issues, 'todo')).toEqual([0, 4]);
    expect(filterExamples(list, 'alpha', 'errors', issues, 'todo')).toEqual([4]);
  });
});

describe('review status', () => {
  it('statusMatches and reviewCounts agree', () => {
    expect(reviewCounts(list)).toEqual({ todo: 2, approved: 1, needs_work: 1, rejected: 1 });
    expect(list.filter((e) => statusMatches(e, 'todo')).map((e) => e.id)).toEqual(['a', 'e']);
    expect(list.filter((e) => statusMatches(e, 'any'))).toHaveLength(5);
  });
});
