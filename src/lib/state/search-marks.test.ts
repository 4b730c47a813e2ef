// Matches are marked for the list row (text around the first match) and the editor (every match), never looping on
// empty matches and never marking without a valid search.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER } from './filter';
import { markPattern, matchSegments, matchSnippet, scopeCovers } from './search-marks';

const re = (query: string, patch = {}) => markPattern({ ...DEFAULT_FILTER, query, ...patch });
const marked = (segs: { text: string; hit: boolean }[] | null) => segs?.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

describe('search marks', () => {
  it('marks every match, with the search options', () => {
    expect(marked(matchSegments('Refund? refund! REFUNDS', re('refund')))).toBe('[Refund]? [refund]! [REFUND]S');
    expect(marked(matchSegments('Refund? refund! REFUNDS', re('refund', { wholeWord: true, caseSensitive: true })))).toBe('Refund? [refund]! REFUNDS');
    expect(marked(matchSegments('order 12 and 345', re('\\d+', { regex: true })))).toBe('order [12] and [345]');
  });

  it('no search, an invalid pattern or empty matches mark nothing and end', () => {
    expect(re('')).toBeNull();
    expect(re('(', { regex: true })).toBeNull();
    expect(marked(matchSegments('abc', re('x*', { regex: true })))).toBe('abc');
    expect(marked(matchSegments('abc', null))).toBe('abc');
    expect(matchSegments('a'.repeat(10_000), re('a'), 5).filter((s) => s.hit)).toHaveLength(5);
  });

  it('a row shows the text around the first match, cut with an ellipsis, on one line', () => {
    const text = `${'lead '.repeat(40)}the refund\nis here ${'tail '.repeat(40)}`;
    const snip = marked(matchSnippet(text, re('refund'), 60))!;
    expect(snip.startsWith('…')).toBe(true);
    expect(snip.endsWith('…')).toBe(true);
    expect(snip).toContain('the [refund] is here');
    expect(matchSnippet(text, re('absent'))).toBeNull();
  });

  it('the editor marks the text of the searched role only', () => {
    expect(scopeCovers('all', 'user')).toBe(true);
    expect(scopeCovers('assistant', 'user')).toBe(false);
    expect(scopeCovers('tool_calls', 'assistant')).toBe(false);
  });
});
