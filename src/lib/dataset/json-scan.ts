// Scanning JSON text without parsing it (read.ts): where a value ends, whether a line is JSON, line arithmetic.
// Only used when JSON.parse failed or the file is not one record per line, so speed matters less than never throwing.

/** Outcome of scanning one JSON value without parsing it. */
export type ScanStatus = 'closed' | 'open' | 'need_more';

/**
 * Scan one JSON value starting at `start` without parsing: brackets are matched (strings skipped) and the scan
 * stops where the value ends ('closed'). 'open' means it cannot close: a string hits a line break, or a bracket
 * value stays open at a line break followed by what looks like the next record (a line starting with `{`/`[`, or
 * a line that parses alone; only when `guessCutOff`), or at the end of the text. 'need_more' asks a streaming
 * caller for more text.
 */
export function scanValue(s: string, start: number, final: boolean, guessCutOff = true): { status: ScanStatus; end: number } {
  const n = s.length;
  const c0 = s.charCodeAt(start);
  if (c0 === 34) {
    const e = skipString(s, start);
    if (e === -2) return final ? { status: 'open', end: n } : { status: 'need_more', end: n };
    return e < 0 ? { status: 'open', end: start } : { status: 'closed', end: e };
  }
  if (c0 !== 123 && c0 !== 91) {
    let i = start;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isSpace(c) || c === 44 || c === 123 || c === 91 || c === 125 || c === 93 || c === 34 || c === 10) break;
      i++;
    }
    if (i === n && !final) return { status: 'need_more', end: n };
    return { status: 'closed', end: Math.max(i, start + 1) };
  }
  let depth = 0;
  let firstLineBreak = true;
  for (let i = start; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      const e = skipString(s, i);
      if (e === -2) return final ? { status: 'open', end: n } : { status: 'need_more', end: n };
      if (e < 0) return { status: 'open', end: i };
      i = e - 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return { status: 'closed', end: i + 1 };
    } else if (c === 10 && guessCutOff) {
      const nextChar = s.charCodeAt(i + 1);
      if (nextChar === 123 || nextChar === 91) return { status: 'open', end: i };
      if (firstLineBreak) {
        firstLineBreak = false;
        let e = s.indexOf('\n', i + 1);
        if (e === -1) {
          if (!final) return { status: 'need_more', end: n };
          e = n;
        }
        const nextLine = s.slice(i + 1, e).trim();
        if (nextLine !== '' && isJson(nextLine)) return { status: 'open', end: i };
      }
    }
  }
  return final ? { status: 'open', end: n } : { status: 'need_more', end: n };
}

/** End offset (after the closing quote) of the string at `start`; -1 if a line break comes first; -2 at end of text. */
export function skipString(s: string, start: number): number {
  const n = s.length;
  for (let i = start + 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) i++;
    else if (c === 10) return -1;
  }
  return -2;
}

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}

export function skipInlineSpaceAndCommas(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 44) i++;
    else break;
  }
  return i;
}

export function skipAllSpace(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10) i++;
    else break;
  }
  return i;
}

/** Offset of the end of the line containing `i`, before any `\r`. */
export function lineEndOf(s: string, i: number): number {
  let e = s.indexOf('\n', i);
  if (e === -1) e = s.length;
  return e > i && s.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

export function stripCr(t: string): string {
  return t.endsWith('\r') ? t.slice(0, -1) : t;
}

export function countNewlines(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) count++;
  return count;
}
