// Near-duplicate examples: MinHash signatures over shingles of the user and assistant text, banded LSH for
// candidate pairs, and the signatures' agreement as the estimated Jaccard similarity; pairs at or above a threshold
// are joined into groups. Shingles are 3-word windows (lower case, letters and digits), or character bigrams for text
// written without spaces (Chinese, Japanese); so "Where is my order?" and "where is my order" are the same text.
// Pure and incremental: `signatureOf` per example (cacheable), `groupNear` over the signatures.
import type { Example } from './types.ts';
import { isObject } from './edit.ts';

/** Hash functions per signature; 8 bands of 4 rows for the LSH. */
export const SIGNATURE_SIZE = 32;
const BANDS = 8;
const ROWS = SIGNATURE_SIZE / BANDS;

/** Seeds of the hash family h_i(x) = (a_i·x + b_i) mod 2^32 (odd multipliers), fixed so results are reproducible. */
const A = new Uint32Array(SIGNATURE_SIZE);
const B = new Uint32Array(SIGNATURE_SIZE);
{
  let s = 0x9e3779b9;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0), s);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

/** The user and assistant text of an example (chat, preference or prompt/completion), or its raw text. */
export function dupText(ex: Example): string {
  const v = ex.value;
  if (v === undefined) return ex.raw ?? '';
  if (!isObject(v)) return '';
  const parts: string[] = [];
  const add = (c: unknown) => {
    if (typeof c === 'string') parts.push(c);
    else if (Array.isArray(c)) for (const p of c) if (isObject(p) && typeof p.text === 'string') parts.push(p.text);
  };
  const msgs = [v.messages, isObject(v.input) ? v.input.messages : undefined, v.preferred_output].flatMap((l) => (Array.isArray(l) ? l : []));
  for (const m of msgs) if (isObject(m) && (m.role === 'user' || m.role === 'assistant')) add(m.content);
  if (typeof v.prompt === 'string') parts.push(v.prompt);
  if (typeof v.completion === 'string') parts.push(v.completion);
  return parts.join('\n');
}

/** FNV-1a of a string, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Shingle hashes of a text (see the file comment). */
function shingles(text: string): number[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: number[] = [];
  if (words.length >= 3 || (words.length > 0 && !/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(text))) {
    if (words.length < 3) return [hash(words.join(' '))];
    for (let i = 0; i + 2 < words.length; i++) out.push(hash(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
    return out;
  }
  const chars = words.join('');
  if (chars.length < 2) return chars ? [hash(chars)] : [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(hash(chars.slice(i, i + 2)));
  return out;
}

/** MinHash signature of an example's text (empty text: null, never a duplicate of anything). */
export function signatureOf(ex: Example): Uint32Array | null {
  return signatureOfText(dupText(ex));
}

/** MinHash signature of a text (dupText of an example); null when it has no words. */
export function signatureOfText(text: string): Uint32Array | null {
  const sh = shingles(text);
  if (!sh.length) return null;
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const x of sh) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = (Math.imul(A[i], x) + B[i]) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures: the share of positions where they agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** A group of near-duplicate examples (indexes into the list), most similar pair's similarity. */
export interface NearGroup {
  members: number[];
  similarity: number;
}

/**
 * Groups the examples whose signatures are at least `threshold` similar (0–1) to another member, by LSH candidates
 * (a pair sharing one band of 4 rows) then the estimated similarity. `sigs[i]` null: left out. Groups have two or more
 * members, sorted by first member.
 */
export function groupNear(sigs: readonly (Uint32Array | null)[], threshold: number): NearGroup[] {
  const parent = sigs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const best = new Map<number, number>();
  const seen = new Set<string>();
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < sigs.length; i++) {
      const s = sigs[i];
      if (!s) continue;
      let key = '';
      for (let r = band * ROWS; r < (band + 1) * ROWS; r++) key += `${s[r]},`;
      const b = buckets.get(key);
      if (b) b.push(i);
      else buckets.set(key, [i]);
    }
    for (const members of buckets.values()) {
      if (members.length < 2) continue;
      // A huge bucket (thousands of identical texts) is compared to its first member only: they are all alike.
      const pairs = members.length > 200 ? members.slice(1).map((m) => [members[0], m]) : members.flatMap((a, k) => members.slice(k + 1).map((b) => [a, b]));
      for (const [a, b] of pairs) {
        const key = `${a}:${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const sim = similarity(sigs[a]!, sigs[b]!);
        if (sim < threshold) continue;
        const ra = find(a);
        const rb = find(b);
        const top = Math.max(sim, best.get(ra) ?? 0, best.get(rb) ?? 0);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        best.set(find(a), top);
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < sigs.length; i++) {
    if (!sigs[i]) continue;
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  return [...groups.entries()]
    .filter(([, m]) => m.length > 1)
    .map(([root, members]) => ({ members, similarity: best.get(root) ?? threshold }))
    .sort((x, y) => x.members[0] - y.members[0]);
}

/** Word-level differences of two texts, for highlighting: runs of words marked same / only in a / only in b. */
export function wordDiff(a: string, b: string): { same: boolean; a: string; b: string }[] {
  const wa = a.split(/(\s+)/);
  const wb = b.split(/(\s+)/);
  // LCS on at most 2,000 pieces each (longer texts: compared as one changed run after the common prefix).
  if (wa.length > 2000 || wb.length > 2000) return a === b ? [{ same: true, a, b }] : [{ same: false, a, b }];
  const n = wa.length;
  const m = wb.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = wa[i] === wb[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const out: { same: boolean; a: string; b: string }[] = [];
  const push = (same: boolean, x: string, y: string) => {
    const last = out[out.length - 1];
    if (last && last.same === same) {
      last.a += x;
      last.b += y;
    } else out.push({ same, a: x, b: y });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (wa[i] === wb[j]) push(true, wa[i++], wb[j++]);
    else if (dp[i + 1][j] >= dp[i][j + 1]) push(false, wa[i++], '');
    else push(false, '', wb[j++]);
  }
  while (i < n) push(false, wa[i++], '');
  while (j < m) push(false, '', wb[j++]);
  return out;
}
