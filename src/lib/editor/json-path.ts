// Finds where a field path (`messages[2].tool_calls[0].function.arguments`, as issues carry it) sits in one
// line of JSON text, so a diagnostic can underline the field instead of the whole line. Best effort, never throws.

/** A span of the line's text: 0-based UTF-16 offsets, `to` exclusive. */
export interface Span {
  from: number;
  to: number;
}

/** Splits a path into keys and array indexes: `a[1].b` → ['a', 1, 'b']. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]);
  return out;
}

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function skipWs(t: string, i: number): number {
  while (i < t.length && isWs(t[i])) i++;
  return i;
}

/** End of the string starting at `i` (a '"'), or the text's end when unterminated. */
function skipString(t: string, i: number): number {
  for (i++; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '"') return i + 1;
  }
  return t.length;
}

/** End of the JSON value starting at `i` (iterative, so deep nesting cannot overflow the stack). */
function skipValue(t: string, i: number): number {
  const c = t[i];
  if (c === '"') return skipString(t, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < t.length) {
      const d = t[i];
      if (d === '"') {
        i = skipString(t, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if ((d === '}' || d === ']') && --depth === 0) return i + 1;
      i++;
    }
    return t.length;
  }
  while (i < t.length && !isWs(t[i]) && t[i] !== ',' && t[i] !== '}' && t[i] !== ']') i++;
  return i;
}

/** Start of the member `seg` of the object or array value at `i`, or -1 when absent. */
function member(t: string, i: number, seg: string | number): number {
  const open = t[i];
  if (typeof seg === 'string' ? open !== '{' : open !== '[') return -1;
  let index = 0;
  i++;
  for (;;) {
    i = skipWs(t, i);
    if (i >= t.length || t[i] === '}' || t[i] === ']') return -1;
    let hit: boolean;
    if (typeof seg === 'string') {
      if (t[i] !== '"') return -1;
      const keyEnd = skipString(t, i);
      let key: unknown;
      try {
        key = JSON.parse(t.slice(i, keyEnd));
      } catch {
        return -1;
      }
      i = skipWs(t, keyEnd);
      if (t[i] !== ':') return -1;
      i = skipWs(t, i + 1);
      hit = key === seg;
    } else hit = index++ === seg;
    if (hit) return i;
    i = skipWs(t, skipValue(t, i));
    if (t[i] !== ',') return -1;
    i++;
  }
}

/**
 * The span of the value at `path` in the JSON `text`; when the path goes further than the text (a missing
 * field), the span of the deepest value that exists. Null when not even the first segment is found (or the path
 * is empty): the caller then marks the whole line.
 */
export function locatePath(text: string, path: string): Span | null {
  let at = skipWs(text, 0);
  let found = false;
  for (const seg of pathSegments(path)) {
    const next = member(text, at, seg);
    if (next < 0) break;
    at = next;
    found = true;
  }
  return found ? { from: at, to: Math.max(at + 1, skipValue(text, at)) } : null;
}
