// Search matches for highlighting: the list row shows the text around the first match with the matches marked, the
// editor marks every match in a message's text. Pure; the pieces are rendered as text (never as HTML).
import type { ListFilter, SearchScope } from './filter';
import { searchPattern } from './search-pattern';

/** A piece of text, a match of the search or not. */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Most matches marked in one text (a pattern like "e" in a 12 MB message would otherwise mark millions). */
const MAX_MARKS = 500;

/** The list's search as a global RegExp for marking matches; null when there is no valid search. */
export function markPattern(f: Pick<ListFilter, 'query' | 'regex' | 'caseSensitive' | 'wholeWord'>): RegExp | null {
  const p = searchPattern(f);
  return p && !('error' in p) ? new RegExp(p.source, `${p.flags}g`) : null;
}

/** True when the search looks at the text of messages with `role` (not in tool calls only, not another role). */
export function scopeCovers(scope: SearchScope, role: string): boolean {
  return scope === 'all' || scope === role;
}

/** `text` cut into pieces, the matches of `re` (a global RegExp) marked; empty matches are skipped. */
export function matchSegments(text: string, re: RegExp | null, max = MAX_MARKS): Segment[] {
  if (!re || !text) return text ? [{ text, hit: false }] : [];
  const out: Segment[] = [];
  let at = 0;
  let hits = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m && hits < max; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++; // an empty match marks nothing; step past it
      continue;
    }
    if (m.index > at) out.push({ text: text.slice(at, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    hits++;
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

/**
 * About `width` characters of `text` around its first match, as pieces with the matches marked (an ellipsis where
 * text was cut); null when `re` does not match. Line breaks become spaces (a list row is one or two lines).
 */
export function matchSnippet(text: string, re: RegExp | null, width = 140): Segment[] | null {
  if (!re) return null;
  re.lastIndex = 0;
  let m = re.exec(text);
  while (m && m[0] === '') {
    re.lastIndex++;
    m = re.exec(text);
  }
  if (!m) return null;
  const start = Math.max(0, m.index - Math.floor(width / 4));
  const end = Math.min(text.length, Math.max(m.index + m[0].length, start + width));
  const pieces = matchSegments(text.slice(start, end), re, 20).map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
  if (start > 0) pieces.unshift({ text: '…', hit: false });
  if (end < text.length) pieces.push({ text: '…', hit: false });
  return pieces;
}
