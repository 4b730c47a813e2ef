// A character diff of two texts for the repair review (diff-excerpt.ts cuts it to what is shown).

/** A run of text in a diff: unchanged, removed (only in before) or added (only in after). */
export interface DiffPart {
  op: 'same' | 'del' | 'add';
  text: string;
}

/** Longest middle (in characters) diffed character by character; longer middles are shown as one change. Defaults to 400. */
const MAX_LCS = 400;

/**
 * Character diff of two texts for display: common prefix/suffix are `same`; the middle is diffed by LCS when both
 * sides are ≤ 400 code points, else shown as one `del` + one `add`. Joining the non-`add` parts gives `before`,
 * the non-`del` parts gives `after`.
 */
export function diffText(before: string, after: string): DiffPart[] {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  // Never cut a surrogate pair (emoji) in half.
  const high = (c: number) => c >= 0xd800 && c <= 0xdbff;
  const low = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  if (p > 0 && high(before.charCodeAt(p - 1))) p--;
  if (s > 0 && low(before.charCodeAt(before.length - s))) s--;
  const a = Array.from(before.slice(p, before.length - s));
  const b = Array.from(after.slice(p, after.length - s));
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) parts[parts.length - 1] = { op, text: last.text + text };
    else parts.push({ op, text });
  };
  push('same', before.slice(0, p));
  if (a.length <= MAX_LCS && b.length <= MAX_LCS) {
    // LCS table over the middle, then walk it.
    const t: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--)
      for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        push('same', a[i++]);
        j++;
      } else if (i < a.length && (j === b.length || t[i + 1][j] >= t[i][j + 1])) push('del', a[i++]);
      else push('add', b[j++]);
    }
  } else {
    push('del', a.join(''));
    push('add', b.join(''));
  }
  push('same', before.slice(before.length - s));
  return parts;
}
