// Exact, fast token counting over js-tiktoken's rank data (no WASM). Pure: runs in Node, workers and the page.
// Same algorithm as tiktoken's encode_ordinary: split with the encoding's regex, byte-pair merge each piece,
// but only counts tokens, caches the count of each piece, and never allocates per merge step.

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
}

/** Pieces longer than this (in UTF-16 units) are not cached: they are rare and would pin large strings. */
const MAX_CACHED_PIECE = 64;
/** Cache entries kept before the cache is cleared (≈ a few MB); realistic text has far fewer distinct pieces. */
const MAX_CACHE_ENTRIES = 200_000;
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

/** Parse js-tiktoken's compressed `bpe_ranks` into a map from the token's bytes (one char per byte) to rank. */
function parseRanks(bpeRanks: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const offset = Number.parseInt(fields[1], 10);
    for (let i = 2; i < fields.length; i++) map.set(atob(fields[i]), offset + i - 2);
  }
  return map;
}

/** Ranks decoded between two checks of the clock in parseRanksInSlices. */
const RANKS_PER_CHECK = 2000;

/**
 * parseRanks that gives the thread back every `sliceMs` (default 10 ms), so building a counter on a page never
 * makes one long task (decoding o200k_base's 200k ranks takes 0.3–1 s in a browser). Same result as parseRanks.
 */
async function parseRanksInSlices(bpeRanks: string, sliceMs = 10): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  let until = performance.now() + sliceMs;
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const offset = Number.parseInt(fields[1], 10);
    for (let i = 2; i < fields.length; i++) {
      map.set(atob(fields[i]), offset + i - 2);
      if (i % RANKS_PER_CHECK === 0 && performance.now() > until) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        until = performance.now() + sliceMs;
      }
    }
  }
  return map;
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
function mergeCountLinear(bytes: string, ranks: Map<string, number>, starts: Int32Array, pairRanks: Int32Array): number {
  const n = bytes.length;
  // Parts are [starts[i], starts[i+1]); pairRanks[i] is the rank of parts i and i+1 joined.
  let parts = n;
  for (let i = 0; i <= n; i++) starts[i] = i;
  for (let i = 0; i < n - 1; i++) pairRanks[i] = ranks.get(bytes.substring(i, i + 2)) ?? NO_RANK;
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
    if (at < parts - 1) pairRanks[at] = ranks.get(bytes.substring(starts[at], starts[at + 2])) ?? NO_RANK;
    if (at > 0) pairRanks[at - 1] = ranks.get(bytes.substring(starts[at - 1], starts[at + 1])) ?? NO_RANK;
  }
  return parts;
}

/**
 * Same result as mergeCountLinear (lowest rank first, leftmost on ties) for long pieces, with a binary heap of
 * (rank, start) keys and lazy deletion, so a 100 kB run of one character takes milliseconds, not minutes.
 */
function mergeCountHeap(bytes: string, ranks: Map<string, number>): number {
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
    return j >= n ? NO_RANK : (ranks.get(bytes.substring(i, next[j])) ?? NO_RANK);
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
 * Takes ~0.1–0.3 s for o200k_base (decoding 200k ranks); build once per encoding and reuse (see getCounter).
 */
export function createCounter(ranks: TiktokenRanks, encoding: EncodingName): TokenCounter {
  return counterFromRanks(parseRanks(ranks.bpe_ranks), ranks, encoding);
}

/** createCounter that decodes the ranks in slices (see parseRanksInSlices): for pages, where long tasks hurt. */
export async function createCounterInSlices(ranks: TiktokenRanks, encoding: EncodingName): Promise<TokenCounter> {
  return counterFromRanks(await parseRanksInSlices(ranks.bpe_ranks), ranks, encoding);
}

function counterFromRanks(rankMap: Map<string, number>, ranks: TiktokenRanks, encoding: EncodingName): TokenCounter {
  // Sticky: every position starts a piece (the pattern's alternatives cover any character), so `test` walks
  // piece by piece without allocating match arrays.
  const splitter = new RegExp(toRustCompatiblePattern(ranks.pat_str), 'uy');
  const encoder = new TextEncoder();
  let cache = new Map<string, number>();
  let starts = new Int32Array(HEAP_MERGE_THRESHOLD + 1);
  let pairRanks = new Int32Array(HEAP_MERGE_THRESHOLD + 1);

  const countPiece = (piece: string): number => {
    const bytes = utf8Bytes(piece, encoder);
    if (rankMap.has(bytes)) return 1;
    if (bytes.length > HEAP_MERGE_THRESHOLD) return mergeCountHeap(bytes, rankMap);
    if (starts.length <= bytes.length) {
      starts = new Int32Array(bytes.length + 1);
      pairRanks = new Int32Array(bytes.length + 1);
    }
    return mergeCountLinear(bytes, rankMap, starts, pairRanks);
  };

  const count = (text: string): number => {
    if (typeof text !== 'string' || text.length === 0) return 0;
    let total = 0;
    let at = 0;
    const end = text.length;
    while (at < end) {
      splitter.lastIndex = at;
      // A failed match cannot happen with tiktoken's patterns; if a custom one fails, count the rest as one piece.
      const to = splitter.test(text) ? splitter.lastIndex : end;
      const piece = text.slice(at, to);
      at = to;
      let c = cache.get(piece);
      if (c === undefined) {
        c = countPiece(piece);
        if (piece.length <= MAX_CACHED_PIECE) {
          if (cache.size >= MAX_CACHE_ENTRIES) cache = new Map();
          cache.set(piece, c);
        }
      }
      total += c;
    }
    return total;
  };

  return { encoding, count };
}
