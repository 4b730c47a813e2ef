// Exact, fast token counting over js-tiktoken's rank data (no WASM). Pure: runs in Node, workers and the page.
// Same algorithm as tiktoken's encode_ordinary: split with the encoding's regex (a hand-written ASCII scanner gives
// the regex's pieces several times faster), byte-pair merge each piece, but only count tokens, cache the count of
// each piece (in a table looked up without cutting the piece out) and of whole texts, and never allocate per merge.
import { LONG_TEXT_CHARS, LongTextCounter } from './long-text';
import { yieldToPage } from '../util/yield';
import { buildRankTable, NO_RANK, type RankTable } from './rank-table';
import { createPieceSplitter } from './pieces';

export { createPieceSplitter, toRustCompatiblePattern } from './pieces';

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
/** Slots of the table of whole texts seen (Sightings; a power of two). */
const SIGHTING_SLOTS = 1 << 12;
/** Pieces of more bytes than this are merged with a heap (O(n log n)) instead of a linear scan (O(n²)). */
const HEAP_MERGE_THRESHOLD = 128;

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
    // `| 0` keeps the part's start a small integer: as the double `%` gives, it would reach rankOf and hashOf and
    // undo their optimised code (which every other caller runs with small integers) early in each thread's run.
    const i = (key % 4294967296) | 0;
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
  return counterFromTable(buildRankTable(ranks.bpe_ranks) as RankTable, ranks.pat_str, encoding);
}

/** createCounter that decodes the ranks in slices of 10 ms (see buildRankTable): for pages, where long tasks hurt. */
export async function createCounterInSlices(ranks: TiktokenRanks, encoding: EncodingName): Promise<TokenCounter> {
  return counterFromTable(await buildRankTable(ranks.bpe_ranks, 10), ranks.pat_str, encoding);
}

/** A counter over ranks already decoded (a rank file, see src/cli/rank-file.ts) with the encoding's split pattern. */
export function counterFromTable(rankTable: RankTable, patStr: string, encoding: EncodingName): TokenCounter {
  const pieceEnd = createPieceSplitter(patStr, encoding);
  const encoder = new TextEncoder();
  const table = new PieceTable();
  const longPieces = new Map<string, number>();
  const messages = new Map<string, number>();
  const sightings = new Sightings();
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
      if (to - at === 1 && text.charCodeAt(at) < 0x80)
        total += 1; // every byte is a token of its own
      else if (to - at <= MAX_INLINE_PIECE) {
        let c = table.get(text, at, to);
        if (c < 0) {
          c = countPiece(text.slice(at, to));
          table.set(c); // the piece get just looked up
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
    // Most texts are new (every user turn and reply of a dataset): count those without touching the cache.
    if (text.length > MAX_CACHED_MESSAGE || !sightings.seenBefore(text)) return countText(text);
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
 * the count and the piece's UTF-16 units inline, two per int. A lookup packs the piece's units two per int once,
 * hashes those ints and compares them whole, and keeps them for the `set` of a miss. Open addressing over a
 * power-of-two table; cleared when half full.
 */
class PieceTable {
  #slots = new Int32Array(PIECE_TABLE_SLOTS * SLOT_INTS);
  #size = 0;
  /** The last piece looked up: its units two per int, their number of ints, its length and hash. */
  #words = new Int32Array(SLOT_INTS - 2);
  #wordCount = 0;
  #len = 0;
  #hash = 0;

  /** Count stored for text[at, to) (at most MAX_INLINE_PIECE units), or −1; remembers the piece for `set`. */
  get(text: string, at: number, to: number): number {
    const words = this.#words;
    const len = to - at;
    let h = 0x811c9dc5;
    let n = 0;
    for (let i = at; i < to; i += 2) {
      const w = text.charCodeAt(i) | (i + 1 < to ? text.charCodeAt(i + 1) << 16 : 0);
      words[n++] = w;
      h = Math.imul(h ^ w, 0x01000193);
    }
    h ^= h >>> 15;
    this.#wordCount = n;
    this.#len = len;
    this.#hash = h;
    const slots = this.#slots;
    for (let slot = h & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
      const base = slot * SLOT_INTS;
      const meta = slots[base + 1];
      if (meta === 0) return -1; // empty (a stored piece has length ≥ 1)
      if (slots[base] !== h || (meta & 0xff) !== len) continue;
      let k = 0;
      while (k < n && slots[base + 2 + k] === words[k]) k++;
      if (k === n) return meta >>> 8;
    }
  }

  /** Stores `count` for the piece the last `get` did not find. */
  set(count: number): void {
    if (this.#size >= PIECE_TABLE_SLOTS >> 1) {
      this.#slots.fill(0);
      this.#size = 0;
    }
    const slots = this.#slots;
    let slot = this.#hash & SLOT_MASK;
    while (slots[slot * SLOT_INTS + 1] !== 0) slot = (slot + 1) & SLOT_MASK;
    const base = slot * SLOT_INTS;
    slots[base] = this.#hash;
    slots[base + 1] = this.#len | (count << 8);
    for (let k = 0; k < this.#wordCount; k++) slots[base + 2 + k] = this.#words[k];
    this.#size++;
  }
}

/**
 * Which whole texts may have been counted before, cheaply: a text is known by its length and five of its characters,
 * hashed into a small table. A text whose key was never seen is surely new and is counted without the cache of whole
 * texts, whose lookup hashes every character and whose entries keep the text alive: where only the system prompts
 * repeat, as in the bench corpus, skipping it spares the hashing and the garbage collector's copying of every cached
 * reply (README, "How the CLI got to ≈ 10.8×"). A text with a key seen before (the same text, or another of the
 * same length sharing those characters) goes through the cache, so a repeated text is counted twice, then found.
 */
class Sightings {
  readonly #keys = new Int32Array(SIGHTING_SLOTS);

  /** True when a text with the key of `text` (not empty) was seen before; notes the key either way. */
  seenBefore(text: string): boolean {
    const n = text.length;
    let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ text.charCodeAt(0), 0xc2b2ae35);
    h = Math.imul(h ^ text.charCodeAt(n >> 2), 0x85ebca6b);
    h = Math.imul(h ^ text.charCodeAt(n >> 1), 0xc2b2ae35);
    h = Math.imul(h ^ text.charCodeAt(n - 1 - (n >> 2)), 0x85ebca6b);
    h = Math.imul(h ^ text.charCodeAt(n - 1), 0xc2b2ae35);
    h ^= h >>> 16;
    const key = h | 1; // never 0, an empty slot
    const slot = (h >>> 20) & (SIGHTING_SLOTS - 1);
    if (this.#keys[slot] === key) return true;
    this.#keys[slot] = key;
    return false;
  }
}
