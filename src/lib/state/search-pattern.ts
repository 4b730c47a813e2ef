// The list's search as a regular expression, and what keeps a catastrophic one off the page: spotting a pattern
// that repeats a repeat (whose backtracking can take exponential time), and the verdicts of trying such a pattern in
// a worker first (regex-guard.ts), by pattern. filter.ts, the search marks and bulk edits search with these.
import type { ListFilter } from './filter';

/** The search as a RegExp, or an error message when the pattern is not a valid regular expression. */
export function searchPattern(f: Pick<ListFilter, 'query' | 'regex' | 'caseSensitive' | 'wholeWord'>): RegExp | { error: string } | null {
  const q = f.regex ? f.query : f.query.trim();
  if (!q) return null;
  const body = f.regex ? q : q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    // `m`: ^ and $ match at the start and end of each line (each message is a line of its own, at least).
    return new RegExp(f.wholeWord ? `(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])` : body, f.caseSensitive ? 'mu' : 'imu');
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * True when a regular expression repeats something that itself repeats ("(a+)+", "(\w+\s?)*", "(x{2,})+"):
 * the pattern shape whose backtracking can take exponential time on one text, so it is tried in a worker with a time
 * budget before it runs here (regex-guard.ts). Escapes and character classes are skipped; a lone "?" does not repeat.
 */
export function nestedQuantifier(source: string): boolean {
  const inner: boolean[] = [false]; // per open group: does it contain a repeat?
  const repeatAt = (i: number) => source[i] === '*' || source[i] === '+' || (source[i] === '{' && /^\{\d*,\d*\}|^\{\d*[2-9]\d*\}/.test(source.slice(i)));
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') inner.push(false);
    else if (c === ')') {
      const had = inner.length > 1 ? inner.pop()! : false;
      if (had && repeatAt(i + 1)) return true;
      if (had) inner[inner.length - 1] = true;
    } else if (repeatAt(i)) inner[inner.length - 1] = true;
  }
  return false;
}

/** How a regular expression fared when tried in a worker with a time budget (regex-guard.ts), by pattern key. */
const verdicts = new Map<string, 'ok' | 'slow'>();
/** The key of a compiled pattern (source and flags). */
const patternKey = (re: RegExp): string => `${re.flags}/${re.source}`;
/** Records the worker's verdict on a pattern (the list is filtered again by the caller). */
export function setVerdict(re: RegExp, verdict: 'ok' | 'slow'): void {
  verdicts.set(patternKey(re), verdict);
}
/** The worker's verdict on a pattern, if it was tried. */
export function verdictOf(re: RegExp): 'ok' | 'slow' | undefined {
  return verdicts.get(patternKey(re));
}
