// Incremental counting of long texts (a 12 MB reply being edited): a long text is counted in chunks cut where no
// piece of tiktoken's split can span the cut, each chunk's count is kept, and a new version of the text (one
// keystroke later) is compared chunk by chunk with the version counted before, so only the chunks the edit touched
// are counted again. Exact: the count of a text is the sum of the counts of its pieces, and a chunk boundary at a
// safe cut is a piece boundary whatever the rest of the text is (see isSafeCut). Pure; no DOM.

/** Texts at least this long (UTF-16 units) are counted in chunks and remembered. */
export const LONG_TEXT_CHARS = 65_536;
/** Length a chunk grows to before it ends at the next safe cut (≈ 0.3 ms of counting). */
const CHUNK_CHARS = 16_384;
/** Long texts remembered (each with its chunk table); the least recently used goes first. */
const MAX_ENTRIES = 4;
/** Most UTF-16 units of remembered texts in all (the texts are pinned by the cache). */
const MAX_CACHED_CHARS = 48_000_000;

/** One edit of a long text, as an editor made it: `text` is `old` with old[from, to) replaced by `length` units. */
interface EditHint {
  old: string;
  text: string;
  from: number;
  to: number;
  length: number;
  /** text[a, b), cut without reading the whole of `text` (the editor keeps it in pieces). */
  slice: (a: number, b: number) => string;
}
/** The last edits noted (see noteEdit). */
const hints: EditHint[] = [];

/**
 * Tells the counters that `text` is `old` with old[from, to) replaced by `length` new units, and how to cut pieces
 * of `text` cheaply (an editor knows both). Counting `text` then never reads it whole: an edited 12 MB string is a
 * rope of the old one's parts, and reading it would copy it whole (≈ 0.1 s); only the stretch to recount is cut.
 */
export function noteEdit(old: string, text: string, from: number, to: number, length: number, slice: (a: number, b: number) => string): void {
  if (text.length < LONG_TEXT_CHARS) return;
  hints.push({ old, text, from, to, length, slice });
  if (hints.length > 4) hints.shift();
}

/** The noted edit that made `text`, if any (compared by length first: same string object is then immediate). */
function hintFor(text: string): EditHint | undefined {
  for (let i = hints.length - 1; i >= 0; i--) if (hints[i].text.length === text.length && hints[i].text === text) return hints[i];
  return undefined;
}

/** ASCII letter: the only letters isSafeCut relies on (non-ASCII classes differ between the two patterns). */
function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * True when tiktoken's split of `text` has a piece boundary at `at` (0 < at < length) and the pieces on each side
 * are the same as in the split of text[…, at) and text[at, …) alone, so counts add up across the cut. That holds for
 * an ASCII letter followed by a space or a line feed, and for a line feed followed by an ASCII letter, in both
 * cl100k_base and o200k_base: no alternative of either pattern matches a letter followed by white space (letters
 * only run into letters, marks and contractions; punctuation and white-space pieces hold no letter) or a line feed
 * followed by a letter (the optional prefix of a word excludes \r and \n), so no piece spans the cut; the piece
 * that ends there ends in a letter or a line feed, which only alternatives without look-ahead produce (`\s+(?!\S)`
 * comes after `\s*[\r\n]+`, which takes any white space ending in a line feed), so it is matched the same when the
 * text stops at the cut; and a piece starting at the cut depends only on what follows (no look-behind).
 */
export function isSafeCut(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true; // the ends of a text
  const prev = text.charCodeAt(at - 1);
  const next = text.charCodeAt(at);
  if (isAsciiLetter(prev)) return next === 0x20 || next === 0x0a;
  return prev === 0x0a && isAsciiLetter(next);
}

/** End of the chunk starting at `from`: the first safe cut at least CHUNK_CHARS on, or `end`. */
function chunkEnd(text: string, from: number, end: number): number {
  for (let at = from + CHUNK_CHARS; at < end; at++) if (isSafeCut(text, at)) return at;
  return end;
}

/** A counted long text: chunk k is text[starts[k], starts[k + 1]) with counts[k] tokens. */
interface Entry {
  text: string;
  /** Chunk starts, then text.length. */
  starts: number[];
  counts: number[];
  total: number;
}

/** Work left to count a text: the chunks kept from a counted version, and the stretch still to count. */
interface Plan {
  text: string;
  /** Entry the plan reuses chunks of (replaced by the new text's entry once counted), if any. */
  base: Entry | null;
  /** Kept chunks before the stretch: starts and counts (offsets as in the new text). */
  headStarts: number[];
  headCounts: number[];
  /** Stretch to count, [from, to) of the new text. */
  from: number;
  to: number;
  /** The stretch's text when known without reading `text` (see noteEdit); chunk cuts are then found in it. */
  stretch?: string;
  /** Kept chunks after the stretch, with starts already shifted to the new text. */
  tailStarts: number[];
  tailCounts: number[];
}

/** Counts long texts incrementally on top of `countText` (the exact count of any text). */
export class LongTextCounter {
  readonly #countText: (text: string) => number;
  /** Most recently used last. */
  #entries: Entry[] = [];

  constructor(countText: (text: string) => number) {
    this.#countText = countText;
  }

  /** Tokens of `text` (any length; meant for long ones), exact. */
  count(text: string): number {
    const plan = this.#plan(text);
    if (typeof plan === 'number') return plan;
    return this.#finish(plan, this.#countStretch(text, plan));
  }

  /** Tokens of `text` if at most `budget` characters need counting (it differs little from a counted text). */
  countWithin(text: string, budget: number): number | undefined {
    const plan = this.#plan(text);
    if (typeof plan === 'number') return plan;
    if (plan.to - plan.from > budget) return undefined;
    return this.#finish(plan, this.#countStretch(text, plan));
  }

  /** Counts the plan's stretch: cut from its own text when known (offsets shifted back), else from `text`. */
  #countStretch(text: string, plan: Plan): { starts: number[]; counts: number[] } {
    if (plan.stretch === undefined) return this.#countRange(text, plan.from, plan.to);
    const r = this.#countRange(plan.stretch, 0, plan.stretch.length);
    return { starts: r.starts.map((s) => s + plan.from), counts: r.counts };
  }

  /** count() in slices: gives the thread back (`yieldNow`) whenever `sliceMs` have passed. */
  async countInSlices(text: string, sliceMs: number, yieldNow: () => Promise<void>): Promise<number> {
    const plan = this.#plan(text);
    if (typeof plan === 'number') return plan;
    if (plan.stretch !== undefined && plan.to - plan.from <= 4 * CHUNK_CHARS) return this.#finish(plan, this.#countStretch(text, plan));
    const starts: number[] = [];
    const counts: number[] = [];
    let until = performance.now() + sliceMs;
    for (let at = plan.from; at < plan.to;) {
      if (performance.now() > until) {
        await yieldNow();
        until = performance.now() + sliceMs;
        const done = this.#lookup(text); // counted meanwhile (by count() on the same text)
        if (done) return done.total;
      }
      const end = chunkEnd(text, at, plan.to);
      starts.push(at);
      counts.push(this.#countText(text.slice(at, end)));
      at = end;
    }
    return this.#finish(plan, { starts, counts });
  }

  /** True when `text` is counted and remembered (count() of it is immediate). */
  has(text: string): boolean {
    return this.#lookup(text) !== undefined;
  }

  #lookup(text: string): Entry | undefined {
    const entries = this.#entries;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      // V8 hashes long strings by length alone, and === of two different strings of one length compares them:
      // cheap when they are the same string object, a memcmp otherwise.
      if (e.text.length === text.length && e.text === text) {
        if (i !== entries.length - 1) entries.push(...entries.splice(i, 1));
        return e;
      }
    }
    return undefined;
  }

  /** The total when `text` is remembered, else what must be counted, reusing the closest remembered text's chunks. */
  #plan(text: string): number | Plan {
    const known = this.#lookup(text);
    if (known) return known.total;
    const hint = hintFor(text);
    const base = hint && this.#entries.find((e) => e.text.length === hint.old.length && e.text === hint.old);
    if (hint && base) return fromHint(base, hint);
    let best: Plan | null = null;
    for (const base of this.#entries) {
      const plan = diff(base, text);
      if (plan && (!best || plan.to - plan.from < best.to - best.from)) best = plan;
    }
    return best ?? { text, base: null, headStarts: [], headCounts: [], from: 0, to: text.length, tailStarts: [], tailCounts: [] };
  }

  /** Chunks and counts of text[from, to) (from and to are safe cuts). */
  #countRange(text: string, from: number, to: number): { starts: number[]; counts: number[] } {
    const starts: number[] = [];
    const counts: number[] = [];
    for (let at = from; at < to;) {
      const end = chunkEnd(text, at, to);
      starts.push(at);
      counts.push(this.#countText(text.slice(at, end)));
      at = end;
    }
    return { starts, counts };
  }

  /** Remembers the counted text (in place of the version it was derived from) and returns its total. */
  #finish(plan: Plan, middle: { starts: number[]; counts: number[] }): number {
    const starts = [...plan.headStarts, ...middle.starts, ...plan.tailStarts, plan.text.length];
    const counts = [...plan.headCounts, ...middle.counts, ...plan.tailCounts];
    let total = 0;
    for (const c of counts) total += c;
    const entry: Entry = { text: plan.text, starts, counts, total };
    const entries = this.#entries.filter((e) => e !== plan.base && e.text !== plan.text);
    entries.push(entry);
    let chars = 0;
    for (const e of entries) chars += e.text.length;
    while (entries.length > 1 && (entries.length > MAX_ENTRIES || chars > MAX_CACHED_CHARS)) chars -= entries.shift()!.text.length;
    this.#entries = entries;
    return total;
  }
}

/** Index of the chunk holding offset `at` (< the text's length), by binary search over `starts`. */
function chunkAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The plan for a noted edit of `base`: the chunks touched by the edit plus one on each side are counted again (their
 * outer cuts then have unchanged characters on both sides, so they stay safe), cut from the old text and the
 * inserted text without reading the new one.
 */
function fromHint(base: Entry, hint: EditHint): Plan {
  const { starts, counts } = base;
  const k = counts.length;
  const old = base.text;
  const shift = hint.length - (hint.to - hint.from);
  const i = Math.max(0, chunkAt(starts, Math.max(0, Math.min(hint.from, old.length - 1))) - 1);
  const j = Math.min(k, chunkAt(starts, Math.max(0, Math.min(Math.max(hint.to, hint.from + 1) - 1, old.length - 1))) + 2);
  const from = starts[i];
  const end = starts[j]; // in the old text
  return {
    text: hint.text,
    base,
    headStarts: starts.slice(0, i),
    headCounts: counts.slice(0, i),
    from,
    to: end + shift,
    stretch: hint.slice(from, end + shift),
    tailStarts: starts.slice(j, k).map((s) => s + shift),
    tailCounts: counts.slice(j, k),
  };
}

/**
 * What counting `text` needs on top of `base`: the chunks of `base` found unchanged at the start of `text` and at
 * its end are kept, the stretch between them is counted again. Null when nothing of `base` can be kept.
 */
function diff(base: Entry, text: string): Plan | null {
  const { starts, counts } = base;
  const old = base.text;
  const k = counts.length;
  const n = text.length;
  const shift = n - old.length;
  // Leading chunks equal at the same offsets (startsWith compares natively: ≈ 2 ms for 12 MB).
  let i = 0;
  while (i < k && starts[i + 1] <= n && text.startsWith(old.slice(starts[i], starts[i + 1]), starts[i])) i++;
  if (i === k && shift === 0) return { text, base, headStarts: starts.slice(0, k), headCounts: counts.slice(), from: n, to: n, tailStarts: [], tailCounts: [] };
  // Trailing chunks equal at the same offsets from the end, not overlapping the leading ones.
  let j = k;
  while (j > i && starts[j - 1] + shift >= starts[i] && text.startsWith(old.slice(starts[j - 1], starts[j]), starts[j - 1] + shift)) j--;
  if (i === 0 && j === k) return null;
  // The stretch's ends must be safe cuts in the new text too (the edit may have changed a character next to one);
  // one chunk further, both neighbours of the cut are unchanged text around a cut that was safe.
  if (i > 0 && !isSafeCut(text, starts[i])) i--;
  if (j < k && !isSafeCut(text, starts[j] + shift)) j++;
  const from = starts[i];
  const to = j < k ? starts[j] + shift : n;
  return {
    text,
    base,
    headStarts: starts.slice(0, i),
    headCounts: counts.slice(0, i),
    from,
    to,
    tailStarts: starts.slice(j, k).map((s) => s + shift),
    tailCounts: counts.slice(j, k),
  };
}
