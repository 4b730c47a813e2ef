// The list's search and filters combine (text with its options and scope, issues, review status, content flags,
// token range) and sort; stored filters are made valid; the review progress counts every status.
import { describe, expect, it } from 'vitest';
import type { Example, ReviewStatus } from '../dataset/types';
import {
  DEFAULT_FILTER,
  editedAtOf,
  filterExamples,
  isPlainFilter,
  messageCount,
  normalizeFilter,
  parseTags,
  stampEdited,
  tagsIn,
  reviewCounts,
  searchHeld,
  searchTexts,
  statusMatches,
  type FilterLookups,
  type ListFilter,
} from './filter';
import { nestedQuantifier, searchPattern, setVerdict } from './search-pattern';

const chat = (id: string, user: string, extra: Record<string, unknown> = {}, status?: ReviewStatus, system = 'Be brief.'): Example => ({
  id,
  value: {
    messages: [
      ...(system ? [{ role: 'system', content: system }] : []),
      { role: 'user', content: user },
      { role: 'assistant', content: `Reply to ${user}`, ...extra },
    ],
  },
  ...(status ? { meta: { status } } : {}),
});
const list: Example[] = [
  chat('a', 'alpha'),
  chat('b', 'beta', {}, 'approved'),
  chat('c', 'Alpha beta', { weight: 0 }, 'rejected'),
  chat('d', 'gamma', { tool_calls: [{ id: 'x', type: 'function', function: { name: 'lookup_order', arguments: '{"id":42}' } }] }, 'needs_work'),
  chat('e', 'alphabet', {}, undefined, ''),
  { id: 'r', raw: '{"messages": [ broken alpha' },
];
/** Issues: e has an error with code no_system... (made up), tokens = 10 × position. */
const look: FilterLookups = {
  issues: (ex) =>
    ex.id === 'e'
      ? { errors: 1, warnings: 0, issues: [{ code: 'made_up' }] }
      : ex.id === 'c'
        ? { errors: 0, warnings: 2, issues: [{ code: 'w1' }, { code: 'w2' }] }
        : { errors: 0, warnings: 0, issues: [] },
  tokens: (ex) => (ex.value === undefined ? undefined : { total: 10 * (list.indexOf(ex) + 1), assistant: list.indexOf(ex) }),
};
const run = (patch: Partial<ListFilter>) => filterExamples(list, { ...DEFAULT_FILTER, ...patch }, look);
const ids = (patch: Partial<ListFilter>) => run(patch)?.map((i) => list[i].id);

describe('filterExamples', () => {
  it('shows everything in file order (null) when nothing is set', () => {
    expect(run({ query: '   ' })).toBeNull();
  });

  it('searches text case-insensitively by default, the raw text of unparsed lines too; options narrow it', () => {
    expect(ids({ query: 'ALPHA' })).toEqual(['a', 'c', 'e', 'r']);
    expect(ids({ query: 'Alpha', caseSensitive: true })).toEqual(['c']);
    expect(ids({ query: 'alpha', wholeWord: true })).toEqual(['a', 'c', 'r']);
    expect(ids({ query: '^reply to (alpha|gamma)$', regex: true })).toEqual(['a', 'd']); // ^ and $ at each message
    expect(ids({ query: 'reply to (alpha|gamma)\\b', regex: true })).toEqual(['a', 'c', 'd']);
  });

  it('scopes the search to a role or to tool calls', () => {
    expect(ids({ query: 'alpha', scope: 'user' })).toEqual(['a', 'c', 'e']);
    expect(ids({ query: 'brief', scope: 'system' })).toEqual(['a', 'b', 'c', 'd']);
    expect(ids({ query: 'lookup_order', scope: 'tool_calls' })).toEqual(['d']);
    expect(ids({ query: 'lookup_order', scope: 'assistant' })).toEqual([]);
  });

  it('an invalid regular expression matches nothing and says why', () => {
    expect(ids({ query: 'alpha(', regex: true })).toEqual([]);
    expect(searchPattern({ query: 'alpha(', regex: true, caseSensitive: false, wholeWord: false })).toHaveProperty('error');
    expect(searchPattern({ query: 'a.b(', regex: false, caseSensitive: false, wholeWord: false })).toBeInstanceOf(RegExp); // plain text is escaped
  });

  it("a regular expression that repeats a repeat waits for the worker's verdict; a pass over the budget is stopped", () => {
    for (const risky of ['(a+)+$', '(\\w+\\s?)*!', '(?:x{2,})+y', '((ab)*c)+']) expect(nestedQuantifier(risky), risky).toBe(true);
    for (const fine of ['(ab)+', 'a+b*', '\\(a+\\)+', '[(a+)]+', '(a?)+', 'order \\d+', '(cat|dog)s?']) expect(nestedQuantifier(fine), fine).toBe(false);
    const held = run({ query: '(alpha+)+!', regex: true });
    expect(held).toEqual([]);
    expect(searchHeld(held)).toBe('checking');
    setVerdict(searchPattern({ query: '(alpha+)+!', regex: true, caseSensitive: false, wholeWord: false }) as RegExp, 'ok');
    expect(searchHeld(run({ query: '(alpha+)+!', regex: true }))).toBeUndefined();
    setVerdict(searchPattern({ query: '(beta+)+!', regex: true, caseSensitive: false, wholeWord: false }) as RegExp, 'slow');
    expect(searchHeld(run({ query: '(beta+)+!', regex: true }))).toBe('stopped');
    // A pass that runs past its budget stops between examples (here a budget already spent) and says so.
    const many = Array.from({ length: 300 }, (_, i) => chat(`m${i}`, `alpha ${i}`));
    const stopped = filterExamples(many, { ...DEFAULT_FILTER, query: 'alpha \\d', regex: true }, look, -1);
    expect(searchHeld(stopped)).toBe('stopped');
    expect(filterExamples(many, { ...DEFAULT_FILTER, query: 'alpha \\d', regex: false }, look, -1)).toEqual([]); // plain text: never timed
    expect(filterExamples(many, { ...DEFAULT_FILTER, query: 'alpha 1', regex: false }, look, -1)?.length).toBe(111);
  });

  it('keeps the search texts of a list as one array, and after an edit reads only the changed example again', () => {
    const a = searchTexts(list, 'user');
    expect(searchTexts(list, 'user')).toBe(a);
    expect(a[0]).toBe('alpha');
    const edited = list.map((ex, i) => (i === 1 ? chat('b', 'beta two') : ex));
    const b = searchTexts(edited, 'user');
    expect(b).not.toBe(a);
    expect(b[1]).toBe('beta two');
    expect(b.filter((x, i) => i !== 1)).toEqual(a.filter((x, i) => i !== 1));
    expect(ids({ query: 'two', scope: 'user' })).toEqual([]); // the filter reads the list it is given
    expect(filterExamples(edited, { ...DEFAULT_FILTER, query: 'two', scope: 'user' }, look)).toEqual([1]);
  });

  it('shows only the examples of a duplicate group (by id), combined with the other filters', () => {
    expect(ids({ ids: ['d', 'a', 'zz'] })).toEqual(['a', 'd']);
    expect(ids({ ids: ['d', 'a'], query: 'alpha' })).toEqual(['a']);
    expect(normalizeFilter({ ids: ['a', 3, null] }).ids).toEqual(['a']);
    expect(isPlainFilter({ ...DEFAULT_FILTER, ids: ['a'] })).toBe(false);
  });

  it('combines review status, issues, issue code, flags and the token range', () => {
    expect(ids({ status: 'todo' })).toEqual(['a', 'e', 'r']);
    expect(ids({ status: 'todo', query: 'alpha', issues: 'errors' })).toEqual(['e']);
    expect(ids({ code: 'w2' })).toEqual(['c']);
    expect(ids({ issues: 'warnings' })).toEqual(['c', 'e']); // warnings or worse
    expect(ids({ flags: ['noSystem'] })).toEqual(['e']);
    expect(ids({ flags: ['hasTools'] })).toEqual(['d']);
    expect(ids({ flags: ['weightZero'] })).toEqual(['c']);
    expect(ids({ minTokens: 20, maxTokens: 40 })).toEqual(['b', 'c', 'd']); // the uncounted raw line is left out
    const tagged = [...list.slice(0, 2), { ...list[2], meta: { status: 'rejected' as const, tags: ['refund', 'tone'] } }];
    expect(filterExamples(tagged, { ...DEFAULT_FILTER, tag: 'tone' }, look)).toEqual([2]);
    expect(tagsIn(tagged)).toEqual(['refund', 'tone']);
    expect(parseTags(' refund, , tone,refund ')).toEqual(['refund', 'tone']);
  });

  it('sorts by tokens or problems, largest first on request, ties in file order', () => {
    expect(ids({ sort: 'tokens', descending: true, status: 'any', flags: [] })).toEqual(['e', 'd', 'c', 'b', 'a', 'r']);
    expect(ids({ sort: 'issues', descending: true })).toEqual(['e', 'c', 'a', 'b', 'd', 'r']);
    expect(ids({ sort: 'position', descending: true })).toEqual(['r', 'e', 'd', 'c', 'b', 'a']);
  });
});

describe('normalizeFilter', () => {
  it('keeps valid values, drops the rest, and reads the filters stored before 0.3', () => {
    expect(normalizeFilter({ query: 'x', scope: 'nope', flags: ['hasTools', 'evil'], minTokens: -3, maxTokens: 50, sort: 'tokens' })).toEqual({
      ...DEFAULT_FILTER,
      query: 'x',
      flags: ['hasTools'],
      maxTokens: 50,
      sort: 'tokens',
    });
    expect(normalizeFilter({ query: 'old', issues: 'errors' })).toEqual({ ...DEFAULT_FILTER, query: 'old', issues: 'errors' });
    expect(normalizeFilter('garbage')).toEqual(DEFAULT_FILTER);
  });
});

describe('review status', () => {
  it('statusMatches and reviewCounts agree', () => {
    expect(reviewCounts(list)).toEqual({ todo: 3, approved: 1, needs_work: 1, rejected: 1 });
    expect(list.filter((e) => statusMatches(e, 'todo')).map((e) => e.id)).toEqual(['a', 'e', 'r']);
    expect(list.filter((e) => statusMatches(e, 'any'))).toHaveLength(6);
    // A status no version wrote (a hand-edited backup) counts as "to review".
    const odd = { id: 'o', value: {}, meta: { status: 'bogus' as never } };
    expect(reviewCounts([odd])).toEqual({ todo: 1, approved: 0, needs_work: 0, rejected: 0 });
  });
});

describe('curation filters and the last-edited order', () => {
  const edited = (ex: Example, at: number) => stampEdited(ex, at);
  const moved = (ex: Example, split: 'train' | 'validation') => ({ ...ex, meta: { ...ex.meta, split } });
  const data: Example[] = [list[0], edited(list[1], 2000), moved(list[2], 'validation'), edited(moved(list[3], 'train'), 5000), list[4], list[5]];
  const pick = (patch: Partial<ListFilter>) =>
    filterExamples(data, { ...DEFAULT_FILTER, ...patch }, { ...look, tokens: (ex) => look.tokens(list.find((x) => x.id === ex.id)!) })?.map((i) => data[i].id);

  it('sorts by last edited: newest first, never-edited ones after in file order; stamps keep the other metadata', () => {
    expect(pick({ sort: 'edited' })).toEqual(['d', 'b', 'a', 'c', 'e', 'r']);
    expect(data[1].meta).toEqual({ status: 'approved', editedAt: 2000 });
    expect(editedAtOf({ id: 'x', meta: { editedAt: 'yesterday' as never } })).toBe(0); // a value no version wrote
  });

  it('filters by split side, role present, message count and assistant tokens', () => {
    expect(pick({ split: 'validation' })).toEqual(['c']);
    expect(pick({ split: 'train' })).toEqual(['d']);
    expect(pick({ split: 'unassigned' })).toEqual(['a', 'b', 'e', 'r']);
    expect(pick({ role: 'system' })).toEqual(['a', 'b', 'c', 'd']);
    expect(pick({ minMessages: 2, maxMessages: 2 })).toEqual(['e']);
    expect(pick({ minAssistant: 1, maxAssistant: 3 })).toEqual(['b', 'c', 'd']);
    expect(messageCount(list[0])).toBe(3);
  });

  it('stored filters from before these fields read as "any"', () => {
    const f = normalizeFilter({ query: 'x', split: 'test', role: 'developer', minMessages: 2 });
    expect(f).toEqual({ ...DEFAULT_FILTER, query: 'x', minMessages: 2 });
    expect(isPlainFilter(normalizeFilter({ sort: 'position' }))).toBe(true);
  });
});
