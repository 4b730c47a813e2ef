// Exact, fast token counting over js-tiktoken's rank data (no WASM). Pure: runs in Node, workers and the page.
// Same algorithm as tiktoken's encode_ordinary: split with the encoding's regex (a hand-written ASCII scanner gives
// the regex's pieces several times faster), byte-pair merge each piece, but only count tokens, cache the count of
// each piece (in a table looked up without cutting the piece out) and of whole texts, and never allocate per merge.
import { LONG_TEXT_CHARS, LongTextCounter } from './long-text';
import { yieldToPage } from '../util/yield';

/** Encodings Tuneset counts with (FORMATS §6: every current model uses one of these two). */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Shape of the object exported by `js-tiktoken/ranks/<name>` (TiktokenBPE in js-tiktoken). */
export interface TiktokenRanks {
  /** The encoding's pre-tokenization regex, in js-tiktoken's JavaScript spelling. */
  pat_str: string;
  /** Special tokens (e.g. `<|endoftext|>`); ignored here: counting treats them as plain text. */
  special_tokens: Record<string, number>;
  /** Lines of `<prefix> <first rank> <base64 token> <base64 token> …`, ranks consecutive from the first. */
  bpe_ranks: string;
}

/** Counts tokens of one encoding. */
export interface TokenCounter {
  readonly encoding: EncodingName;
  /**
   * Tokens of `text` as ordinary text: special tokens like `<|endoftext|>` count as the plain text they spell,
   * exactly as tiktoken's `encode_ordinary(text).length`. Never throws; lone surrogates count as U+FFFD, as
   * they do once a browser or tiktoken encodes the string to UTF-8.
   */
  count(text: string): number;
  /**
   * count(text) if it needs counting at most `budget` characters afresh — any text up to that length, or a long text
   * (≥ LONG_TEXT_CHARS) that differs little from one counted before (an edit) — else undefined. Same result as count.
   */
  countWithin(text: string, budget: number): number | undefined;
  /** count(text), giving the thread back (`yieldNow`) every `sliceMs` while counting a long text: for pages. */
  countInSlices(text: string, sliceMs: number, yieldNow?: () => Promise<void>): Promise<number>;
  /** True when count(text) is immediate: a long text counted before (and still remembered). */
  isCounted(text: string): boolean;
}

/** Pieces longer than this (in UTF-16 units) are not cached: they are rare and would pin large strings. */
const MAX_CACHED_PIECE = 64;
/** Slots of the piece table (a power of two, 32 bytes each: 4 MB); it is cleared at half full (65,536 pieces). */
const PIECE_TABLE_SLOTS = 1 << 17;
const SLOT_MASK = PIECE_TABLE_SLOTS - 1;
/** Ints per slot: hash, length | count << 8, then the piece's UTF-16 units two per int. */
const SLOT_INTS = 8;
/** Longest piece kept inline in the piece table (99 % of pieces of prose and code); longer ones go to a Map. */
const MAX_INLINE_PIECE = (SLOT_INTS - 2) * 2;
/** Longer pieces (up to MAX_CACHED_PIECE) kept before that Map is cleared. */
const MAX_LONG_PIECES = 50_000;
/** Whole texts up to this length (UTF-16 units) have their count remembered (V8 hashes long strings poorly). */
const MAX_CACHED_MESSAGE = 4096;
/** Whole-text counts kept before that cache is cleared (pins at most 2048 × 4096 characters, usually far less). */
const MAX_CACHED_MESSAGES = 2048;
/** Pieces of more bytes than this are merged with a heap (O(n log n)) instead of a linear scan (O(n²)). */
const HEAP_MERGE_THRESHOLD = 128;
/** Rank stored for "this pair is not a token"; larger than any real rank. */
const NO_RANK = 0x7fffffff;

/**
 * Unicode White_Space, which is what `\s` means in tiktoken's Rust regex. JavaScript's `\s` differs: it adds
 * U+FEFF and lacks U+0085, so the pattern is rewritten to use this class instead.
 */
const WHITE_SPACE = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * Rewrite js-tiktoken's pat_str so JavaScript splits text exactly as tiktoken (Rust `fancy-regex`) does:
 * `\s`/`\S` become Unicode White_Space, and the `(?i:'s|…)` contractions, which js-tiktoken spells out
 * case by case, also accept `ſ` (U+017F, which Rust's case-insensitive matching folds to `s`).
 */
export function toRustCompatiblePattern(patStr: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < patStr.length; i++) {
    const ch = patStr[i];
    if (ch === '\\' && i + 1 < patStr.length) {
      const next = patStr[i + 1];
      i++;
      if (next === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (next === 'S') out += inClass ? '' : `[^${WHITE_SPACE}]`; // `\S` never appears inside a class here
      else out += ch + next;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    out += ch;
  }
  return out.replaceAll("'s|'S|", "'s|'S|'\u017f|"); // o200k_base has two contraction groups
}

/** js-tiktoken's pat_str of each encoding: the fast splitter below reproduces exactly these patterns. */
const KNOWN_PATTERNS: Record<EncodingName, string> = {
  cl100k_base:
    "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  o200k_base:
    "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
};

// Classes of ASCII characters, as the patterns see them.
const LOWER = 1; // a-z: \p{L}, and \p{Ll} in o200k_base
const UPPER = 2; // A-Z: \p{L}, and \p{Lu} in o200k_base
const DIGIT = 3; // 0-9: \p{N}
const NEWLINE = 4; // \r \n: \s, excluded from the optional prefix of words
const SPACE = 5; // \t \v \f and ' ': \s
const OTHER = 6; // everything else: [^\s\p{L}\p{N}]
const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  c >= 0x61 && c <= 0x7a ? LOWER
  : c >= 0x41 && c <= 0x5a ? UPPER
  : c >= 0x30 && c <= 0x39 ? DIGIT
  : c === 0x0a || c === 0x0d ? NEWLINE
  : c === 0x09 || c === 0x0b || c === 0x0c || c === 0x20 ? SPACE
  : OTHER,
);
const APOSTROPHE = 0x27;
/** Returned by the fast splitters when a non-ASCII character decides where the piece ends: use the regex. */
const NEEDS_REGEX = -1;

/** Class of the character at `i` (< end), or NEEDS_REGEX when it is not ASCII. */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? ASCII_CLASS[c] : NEEDS_REGEX;
}

/** End of the run of `a`- or `b`-class characters from `i`, or NEEDS_REGEX if a non-ASCII character ends it. */
function runEnd(text: string, i: number, end: number, a: number, b = a): number {
  for (; i < end; i++) {
    const k = classAt(text, i);
    if (k === NEEDS_REGEX) return NEEDS_REGEX;
    if (k !== a && k !== b) return i;
  }
  return end;
}

/** End of a contraction ('s, 'T, 're, 'LL…) starting at `i`, `i` if there is none, or NEEDS_REGEX. */
function contractionEnd(text: string, i: number, end: number): number {
  if (i + 1 >= end || text.charCodeAt(i) !== APOSTROPHE) return i;
  const c1 = text.charCodeAt(i + 1);
  if (c1 >= 128) return NEEDS_REGEX; // ſ counts as s (see toRustCompatiblePattern)
  const l1 = c1 | 0x20; // ASCII letters to lower case
  if (l1 === 0x73 || l1 === 0x74 || l1 === 0x6d || l1 === 0x64) return i + 2; // s t m d
  if ((l1 === 0x72 || l1 === 0x76 || l1 === 0x6c) && i + 2 < end) { // r v l, then e e l
    const c2 = text.charCodeAt(i + 2);
    if (c2 >= 128) return NEEDS_REGEX;
    if ((c2 | 0x20) === (l1 === 0x6c ? 0x6c : 0x65)) return i + 3;
  }
  return i;
}

/** End of a piece that starts with \s at `at` (the last three alternatives, shared by both patterns). */
function whitespaceEnd(text: string, at: number, end: number): number {
  let lastNewline = -1;
  let i = at;
  for (; i < end; i++) {
    const k = classAt(text, i);
    if (k === NEEDS_REGEX) return NEEDS_REGEX; // might be more white space (U+00A0, U+2028…)
    if (k === NEWLINE) lastNewline = i;
    else if (k !== SPACE) break;
  }
  if (lastNewline >= 0) return lastNewline + 1; // \s*[\r\n]+
  if (i === end || i - at === 1) return i; // \s+(?!\S) at the end of the text, or \s+
  return i - 1; // \s+(?!\S): leave the last space to start the next word
}

/** End of a `[^\s\p{L}\p{N}]+` piece (optionally after one space) at `i`, then its trailing newlines (and `/`). */
function punctuationEnd(text: string, i: number, end: number, slash: boolean): number {
  i = runEnd(text, i, end, OTHER);
  if (i === NEEDS_REGEX) return i;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d && !(slash && c === 0x2f)) break;
  }
  return i;
}

/**
 * End of a piece at `at` that is not a word (classes k0, k1 of its first two characters; both patterns end with
 * the same alternatives): `\p{N}{1,3}`, then ` ?[^\s\p{L}\p{N}]+` with trailing newlines (and `/` in o200k_base,
 * `slash`), then white space. NEEDS_REGEX when a non-ASCII character decides it.
 */
function nonWordEnd(text: string, at: number, end: number, k0: number, k1: number, slash: boolean): number {
  if (k0 === DIGIT) {
    const stop = Math.min(end, at + 3);
    let i = at + 1;
    for (; i < stop; i++) {
      const k = classAt(text, i);
      if (k === NEEDS_REGEX) return NEEDS_REGEX;
      if (k !== DIGIT) break;
    }
    return i;
  }
  if (k0 === OTHER) return punctuationEnd(text, at, end, slash);
  if (text.charCodeAt(at) === 0x20 && k1 === OTHER) return punctuationEnd(text, at + 1, end, slash);
  if (text.charCodeAt(at) === 0x20 && k1 === NEEDS_REGEX) return NEEDS_REGEX;
  return whitespaceEnd(text, at, end);
}

/**
 * End of the cl100k_base piece starting at `at`, decided from ASCII characters alone, or NEEDS_REGEX. Follows the
 * pattern's alternatives in order (see KNOWN_PATTERNS); tests compare it with the regex on millions of pieces.
 */
function cl100kPieceEnd(text: string, at: number, end: number): number {
  const k0 = classAt(text, at);
  if (k0 === NEEDS_REGEX) return NEEDS_REGEX;
  if (text.charCodeAt(at) === APOSTROPHE) {
    const c = contractionEnd(text, at, end);
    if (c !== at) return c;
  }
  // [^\r\n\p{L}\p{N}]?\p{L}+
  if (k0 === LOWER || k0 === UPPER) return runEnd(text, at + 1, end, LOWER, UPPER);
  const k1 = at + 1 < end ? classAt(text, at + 1) : 0;
  if (k0 !== NEWLINE && k0 !== DIGIT) {
    if (k1 === NEEDS_REGEX) return NEEDS_REGEX;
    if (k1 === LOWER || k1 === UPPER) return runEnd(text, at + 2, end, LOWER, UPPER);
  }
  return nonWordEnd(text, at, end, k0, k1, false);
}

/** The o200k_base counterpart of cl100kPieceEnd (words split at case changes; contractions end words). */
function o200kPieceEnd(text: string, at: number, end: number): number {
  const k0 = classAt(text, at);
  if (k0 === NEEDS_REGEX) return NEEDS_REGEX;
  const k1 = at + 1 < end ? classAt(text, at + 1) : 0;
  // [^\r\n\p{L}\p{N}]?[Upper]*[Lower]+(contraction)? | [^\r\n\p{L}\p{N}]?[Upper]+[Lower]*(contraction)?
  let word = -1;
  if (k0 === LOWER || k0 === UPPER) word = at;
  else if (k0 !== NEWLINE && k0 !== DIGIT) {
    if (k1 === NEEDS_REGEX) return NEEDS_REGEX;
    if (k1 === LOWER || k1 === UPPER) word = at + 1;
  }
  if (word >= 0) {
    // In ASCII the two letter classes are disjoint, so both alternatives come down to: upper run, lower run.
    const upperEnd = runEnd(text, word, end, UPPER);
    if (upperEnd === NEEDS_REGEX) return NEEDS_REGEX;
    const lowerEnd = runEnd(text, upperEnd, end, LOWER);
    if (lowerEnd === NEEDS_REGEX) return NEEDS_REGEX;
    return contractionEnd(text, lowerEnd, end);
  }
  return nonWordEnd(text, at, end, k0, k1, true);
}

/**
 * Splits text into the pieces tiktoken encodes one by one: `pieceEnd(text, at)` is where the piece starting at
 * `at` ends. ASCII pieces are found by a hand-written scanner (several times faster than the regex); anything
 * that depends on a non-ASCII character goes to the regex, so the result is always the regex's.
 */
export function createPieceSplitter(patStr: string, encoding: EncodingName): (text: string, at: number) => number {
  // Sticky: every position starts a piece (the pattern's alternatives cover any character), so `test` walks
  // piece by piece without allocating match arrays.
  const splitter = new RegExp(toRustCompatiblePattern(patStr), 'uy');
  const byRegex = (text: string, at: number): number => {
    splitter.lastIndex = at;
    // A failed match cannot happen with tiktoken's patterns; if a custom one fails, count the rest as one piece.
    return splitter.test(text) ? splitter.lastIndex : text.length;
  };
  if (patStr !== KNOWN_PATTERNS[encoding]) return byRegex; // rank data of another version: trust the regex only
  const fast = encoding === 'cl100k_base' ? cl100kPieceEnd : o200kPieceEnd;
  return (text, at) => {
    const to = fast(text, at, text.length);
    return to === NEEDS_REGEX ? byRegex(text, at) : to;
  };
}

/** Value of each base64 digit by char code (−1: not a digit). */
const BASE64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * The ranks of an encoding's tokens, looked up by a token's bytes (one char per byte) in a range of a string, so the
 * merge loop never cuts substrings. Built straight from js-tiktoken's base64 text into typed arrays: no string per
 * token and no Map, about ten times faster to build than decoding each token with atob (this runs in every worker).
 */
class RankTable {
  /** Every token's bytes, back to back; token t is bytes[offsets[t], offsets[t + 1]). */
  readonly #bytes: Uint8Array;
  readonly #offsets: Int32Array;
  readonly #ranks: Int32Array;
  /** Open addressing: token index + 1 per slot, 0 = empty. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  #count = 0;

  constructor(capacityTokens: number, capacityBytes: number) {
    this.#bytes = new Uint8Array(capacityBytes);
    this.#offsets = new Int32Array(capacityTokens + 1);
    this.#ranks = new Int32Array(capacityTokens);
    let size = 1;
    while (size < capacityTokens * 2) size <<= 1;
    this.#slots = new Int32Array(size);
    this.#mask = size - 1;
  }

  /** Adds the token spelled in base64 by text[from, to) with `rank`. */
  add(text: string, from: number, to: number, rank: number): void {
    const t = this.#count++;
    let at = this.#offsets[t];
    let acc = 0;
    let bits = 0;
    for (let i = from; i < to; i++) {
      const v = BASE64[text.charCodeAt(i)] ?? -1;
      if (v < 0) break; // '=' padding
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        this.#bytes[at++] = (acc >> bits) & 0xff;
      }
    }
    this.#offsets[t + 1] = at;
    this.#ranks[t] = rank;
    // hashOf's hash, over the bytes (rankOf hashes the same values as chars of a byte string).
    let h = 0x811c9dc5;
    for (let i = this.#offsets[t]; i < at; i++) h = Math.imul(h ^ this.#bytes[i], 0x01000193);
    let slot = (h ^ (h >>> 15)) & this.#mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#slots[slot] = t + 1;
  }

  /** Rank of the token whose bytes are bytes[start, end) (one char per byte), or NO_RANK. */
  rankOf(bytes: string, start: number, end: number): number {
    const len = end - start;
    for (let slot = hashOf(bytes, start, end) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = this.#slots[slot];
      if (entry === 0) return NO_RANK;
      const t = entry - 1;
      const from = this.#offsets[t];
      if (this.#offsets[t + 1] - from !== len) continue;
      let i = 0;
      while (i < len && this.#bytes[from + i] === bytes.charCodeAt(start + i)) i++;
      if (i === len) return this.#ranks[t];
    }
  }
}

/** Ranks decoded between two checks of the clock in buildRankTable. */
const RANKS_PER_CHECK = 20_000;

/**
 * Decode js-tiktoken's compressed `bpe_ranks` (lines of `<prefix> <first rank> <base64 token> …`) into a RankTable.
 * With `sliceMs`, gives the thread back every `sliceMs` so a page never sees one long task; otherwise synchronous.
 */
function buildRankTable(bpeRanks: string, sliceMs?: number): RankTable | Promise<RankTable> {
  // Upper bounds: a token per space, and 3 bytes per 4 base64 digits.
  let spaces = 0;
  for (let i = bpeRanks.indexOf(' '); i >= 0; i = bpeRanks.indexOf(' ', i + 1)) spaces++;
  const table = new RankTable(spaces, Math.ceil((bpeRanks.length * 3) / 4));
  const lines = bpeRanks.split('\n');
  let line = 0;
  let at = -1; // position in the current line; −1: line not started
  let rank = 0;
  let end = 0;
  /** Decodes up to `budget` tokens; true when all are done. */
  const run = (budget: number): boolean => {
    for (; line < lines.length; line++, at = -1) {
      const text = lines[line];
      if (at < 0) {
        if (!text) continue;
        const first = text.indexOf(' ');
        const second = text.indexOf(' ', first + 1);
        if (first < 0 || second < 0) continue;
        rank = Number.parseInt(text.slice(first + 1, second), 10);
        at = second + 1;
      }
      while (at < text.length) {
        if (budget-- <= 0) return false;
        end = text.indexOf(' ', at);
        if (end < 0) end = text.length;
        if (end > at) table.add(text, at, end, rank++);
        at = end + 1;
      }
    }
    return true;
  };
  if (sliceMs === undefined) {
    run(Infinity);
    return table;
  }
  return (async () => {
    let until = performance.now() + sliceMs;
    while (!run(RANKS_PER_CHECK)) {
      if (performance.now() > until) {
        await yieldToPage();
        until = performance.now() + sliceMs;
      }
    }
    return table;
  })();
}

/** UTF-8 bytes of `s` as a string with one char (0–255) per byte; ASCII strings come back unchanged. */
function utf8Bytes(s: string, encoder: TextEncoder): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  const bytes = encoder.encode(s); // lone surrogates become EF BF BD, as in every UTF-8 encoder
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return out;
}

/** Number of tokens the byte-pair merge yields for `bytes` (one char per byte), by linear scans like tiktoken. */
function mergeCountLinear(bytes: string, ranks: RankTable, starts: Int32Array, pairRanks: Int32Array): number {
  const n = bytes.length;
  // Parts are [starts[i], starts[i+1]); pairRanks[i] is the rank of parts i and i+1 joined.
  let parts = n;
  for (let i = 0; i <= n; i++) starts[i] = i;
  for (let i = 0; i < n - 1; i++) pairRanks[i] = ranks.rankOf(bytes, i, i + 2);
  while (parts > 1) {
    let min = NO_RANK;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if (pairRanks[i] < min) {
        min = pairRanks[i];
        at = i;
      }
    }
    if (at < 0) break;
    // Join part `at` with part `at + 1`: drop boundary at+1.
    starts.copyWithin(at + 1, at + 2, parts + 1);
    pairRanks.copyWithin(at + 1, at + 2, parts - 1);
    parts--;
    if (at < parts - 1) pairRanks[at] = ranks.rankOf(bytes, starts[at], starts[at + 2]);
    if (at > 0) pairRanks[at - 1] = ranks.rankOf(bytes, starts[at - 1], starts[at + 1]);
  }
  return parts;
}

/**
 * Same result as mergeCountLinear (lowest rank first, leftmost on ties) for long pieces, with a binary heap of
 * (rank, start) keys and lazy deletion, so a 100 kB run of one character takes milliseconds, not minutes.
 */
function mergeCountHeap(bytes: string, ranks: RankTable): number {
  const n = bytes.length;
  const next = new Int32Array(n + 1); // next[i]: start of the part after the part starting at i (n = end)
  const prev = new Int32Array(n + 1); // prev[i]: start of the part before (−1 = none)
  const rank = new Int32Array(n + 1); // rank[i]: rank of the part at i joined with its next part
  const alive = new Uint8Array(n + 1);
  const heap: number[] = []; // keys rank * 2^32 + start: ordered by rank, then leftmost
  const push = (key: number): void => {
    let i = heap.push(key) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= key) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop() as number;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && heap[r] < heap[l] ? r : l;
        if (heap[c] >= last) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const pairRank = (i: number): number => {
    const j = next[i];
    return j >= n ? NO_RANK : ranks.rankOf(bytes, i, next[j]);
  };
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
    alive[i] = 1;
  }
  for (let i = 0; i < n; i++) {
    rank[i] = pairRank(i);
    if (rank[i] !== NO_RANK) push(rank[i] * 4294967296 + i);
  }
  let parts = n;
  while (heap.length > 0) {
    const key = pop();
    const i = key % 4294967296;
    const r = (key - i) / 4294967296;
    if (!alive[i] || rank[i] !== r) continue; // stale: the part has grown or gone since this key was pushed
    const j = next[i];
    alive[j] = 0;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    parts--;
    rank[i] = pairRank(i);
    if (rank[i] !== NO_RANK) push(rank[i] * 4294967296 + i);
    const p = prev[i];
    if (p >= 0) {
      rank[p] = pairRank(p);
      if (rank[p] !== NO_RANK) push(rank[p] * 4294967296 + p);
    }
  }
  return parts;
}

/**
 * Build a counter from js-tiktoken rank data (the default export of `js-tiktoken/ranks/<name>`).
 * Takes ~40 ms for o200k_base in Node (decoding 200k ranks); build once per encoding and reuse (see getCounter).
 */
export function createCounter(ranks: TiktokenRanks, encoding: EncodingName): TokenCounter {
  return counterFromRanks(buildRankTable(ranks.bpe_ranks) as RankTable, ranks, encoding);
}

/** createCounter that decodes the ranks in slices of 10 ms (see buildRankTable): for pages, where long tasks hurt. */
export async function createCounterInSlices(ranks: TiktokenRanks, encoding: EncodingName): Promise<TokenCounter> {
  return counterFromRanks(await buildRankTable(ranks.bpe_ranks, 10), ranks, encoding);
}

function counterFromRanks(rankTable: RankTable, ranks: TiktokenRanks, encoding: EncodingName): TokenCounter {
  const pieceEnd = createPieceSplitter(ranks.pat_str, encoding);
  const encoder = new TextEncoder();
  const table = new PieceTable();
  const longPieces = new Map<string, number>();
  const messages = new Map<string, number>();
  let starts = new Int32Array(HEAP_MERGE_THRESHOLD + 1);
  let pairRanks = new Int32Array(HEAP_MERGE_THRESHOLD + 1);

  const countPiece = (piece: string): number => {
    const bytes = utf8Bytes(piece, encoder);
    if (rankTable.rankOf(bytes, 0, bytes.length) !== NO_RANK) return 1;
    if (bytes.length > HEAP_MERGE_THRESHOLD) return mergeCountHeap(bytes, rankTable);
    if (starts.length <= bytes.length) {
      starts = new Int32Array(bytes.length + 1);
      pairRanks = new Int32Array(bytes.length + 1);
    }
    return mergeCountLinear(bytes, rankTable, starts, pairRanks);
  };

  const countText = (text: string): number => {
    let total = 0;
    let at = 0;
    const end = text.length;
    while (at < end) {
      const to = pieceEnd(text, at);
      if (to - at === 1 && text.charCodeAt(at) < 0x80) total += 1; // every byte is a token of its own
      else if (to - at <= MAX_INLINE_PIECE) {
        const hash = hashOf(text, at, to);
        let c = table.get(text, at, to, hash);
        if (c < 0) {
          c = countPiece(text.slice(at, to));
          table.set(text, at, to, hash, c);
        }
        total += c;
      } else {
        const piece = text.slice(at, to);
        let c = longPieces.get(piece);
        if (c === undefined) {
          c = countPiece(piece);
          if (piece.length <= MAX_CACHED_PIECE) {
            if (longPieces.size >= MAX_LONG_PIECES) longPieces.clear();
            longPieces.set(piece, c);
          }
        }
        total += c;
      }
      at = to;
    }
    return total;
  };

  // Long texts are counted in chunks that are remembered, so an edit recounts only the chunks it touched.
  const longTexts = new LongTextCounter(countText);

  const count = (text: string): number => {
    if (typeof text !== 'string' || text.length === 0) return 0;
    if (text.length >= LONG_TEXT_CHARS) return longTexts.count(text);
    // Whole texts repeat (one system prompt in every example): remember the count of short and middling ones.
    if (text.length > MAX_CACHED_MESSAGE) return countText(text);
    let c = messages.get(text);
    if (c === undefined) {
      c = countText(text);
      if (messages.size >= MAX_CACHED_MESSAGES) messages.clear();
      messages.set(text, c);
    }
    return c;
  };

  const countWithin = (text: string, budget: number): number | undefined => {
    if (typeof text !== 'string' || text.length < LONG_TEXT_CHARS) return typeof text === 'string' && text.length > budget ? undefined : count(text);
    return longTexts.countWithin(text, budget);
  };
  const countInSlices = async (text: string, sliceMs: number, yieldNow = yieldToPage): Promise<number> =>
    typeof text === 'string' && text.length >= LONG_TEXT_CHARS ? longTexts.countInSlices(text, sliceMs, yieldNow) : count(text);
  const isCounted = (text: string): boolean => typeof text === 'string' && text.length >= LONG_TEXT_CHARS && longTexts.has(text);

  return { encoding, count, countWithin, countInSlices, isCounted };
}

/**
 * Token counts of short pieces, looked up by the piece's place in a text without cutting it out, so a hit (almost
 * every piece of real text) allocates nothing and touches one cache line: each slot holds the hash, the length,
 * the count and the piece's UTF-16 units inline. Open addressing over a power-of-two table; cleared when half full.
 */
class PieceTable {
  #slots = new Int32Array(PIECE_TABLE_SLOTS * SLOT_INTS);
  #size = 0;

  /** Count stored for text[at, to) (at most MAX_INLINE_PIECE units), or −1. */
  get(text: string, at: number, to: number, hash: number): number {
    const slots = this.#slots;
    const len = to - at;
    for (let slot = hash & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
      const base = slot * SLOT_INTS;
      const meta = slots[base + 1];
      if (meta === 0) return -1; // empty (a stored piece has length ≥ 1)
      if (slots[base] === hash && (meta & 0xff) === len && sameUnits(slots, base + 2, text, at, len)) return meta >>> 8;
    }
  }

  /** Store the count of text[at, to) (not already stored; at most MAX_INLINE_PIECE units). */
  set(text: string, at: number, to: number, hash: number, count: number): void {
    if (this.#size >= PIECE_TABLE_SLOTS >> 1) {
      this.#slots.fill(0);
      this.#size = 0;
    }
    const slots = this.#slots;
    let slot = hash & SLOT_MASK;
    while (slots[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & SLOT_MASK;
    const base = slot * SLOT_INTS;
    const len = to - at;
    slots[base] = hash;
    slots[base + 1] = len | (count << 8);
    for (let i = 0; i < len; i += 2) {
      const hi = i + 1 < len ? text.charCodeAt(at + i + 1) : 0;
      slots[base + 2 + (i >> 1)] = text.charCodeAt(at + i) | (hi << 16);
    }
    this.#size++;
  }
}

/** True when the `len` UTF-16 units packed two per int from slots[from] equal text[at, at + len). */
function sameUnits(slots: Int32Array, from: number, text: string, at: number, len: number): boolean {
  for (let i = 0; i < len; i++) {
    const packed = slots[from + (i >> 1)];
    if ((i & 1 ? packed >>> 16 : packed & 0xffff) !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** FNV-1a over the UTF-16 units of text[at, to), with a final mix so low bits index the table well. */
function hashOf(text: string, at: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
