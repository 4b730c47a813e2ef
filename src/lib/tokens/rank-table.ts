// An encoding's token ranks, decoded from js-tiktoken's compressed text into typed arrays (built in every worker).
import { yieldToPage } from '../util/yield';

/** Rank stored for "this pair is not a token"; larger than any real rank. */
export const NO_RANK = 0x7fffffff;

/** Value of each base64 digit by char code (−1: not a digit). */
const BASE64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * The ranks of an encoding's tokens, looked up by a token's bytes (one char per byte) in a range of a string, so the
 * merge loop never cuts substrings. Built straight from js-tiktoken's base64 text into typed arrays: no string per
 * token and no Map, about ten times faster to build than decoding each token with atob (this runs in every worker).
 */
export class RankTable {
  /** Every token's bytes, back to back; token t is bytes[offsets[t], offsets[t + 1]). */
  readonly #bytes: Uint8Array;
  readonly #offsets: Int32Array;
  readonly #ranks: Int32Array;
  /** Open addressing: token index + 1 per slot, 0 = empty. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  #count: number;

  /** An empty table with room for `capacityTokens` tokens of `capacityBytes` bytes in all, filled by `add`. */
  static withCapacity(capacityTokens: number, capacityBytes: number): RankTable {
    let size = 1;
    while (size < capacityTokens * 2) size <<= 1;
    return new RankTable(new Uint8Array(capacityBytes), new Int32Array(capacityTokens + 1), new Int32Array(capacityTokens), new Int32Array(size), 0);
  }

  /**
   * A table over arrays `parts` gave (a rank file, see src/cli/rank-file.ts); they are used as they are, not copied.
   * Only their sizes are checked: a rank file is written by the build beside the bundle that reads it.
   */
  static fromParts(parts: RankTableParts): RankTable {
    const { bytes, offsets, ranks, slots, count } = parts;
    const sized = slots.length > 0 && (slots.length & (slots.length - 1)) === 0 && count > 0 && count < slots.length;
    if (!sized || offsets.length < count + 1 || ranks.length < count || bytes.length < offsets[count]) {
      throw new Error('the rank table is damaged (its parts do not fit together)');
    }
    return new RankTable(bytes, offsets, ranks, slots, count);
  }

  private constructor(bytes: Uint8Array, offsets: Int32Array, ranks: Int32Array, slots: Int32Array, count: number) {
    this.#bytes = bytes;
    this.#offsets = offsets;
    this.#ranks = ranks;
    this.#slots = slots;
    this.#mask = slots.length - 1;
    this.#count = count;
  }

  /** The filled part of each array (views, not copies): what a rank file stores. */
  parts(): RankTableParts {
    const count = this.#count;
    return {
      count,
      bytes: this.#bytes.subarray(0, this.#offsets[count]),
      offsets: this.#offsets.subarray(0, count + 1),
      ranks: this.#ranks.subarray(0, count),
      slots: this.#slots,
    };
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

/** A RankTable's arrays: token t is bytes[offsets[t], offsets[t + 1]) with rank ranks[t]; slots hash them (t + 1). */
export interface RankTableParts {
  count: number;
  bytes: Uint8Array;
  offsets: Int32Array;
  ranks: Int32Array;
  slots: Int32Array;
}

/** Ranks decoded between two checks of the clock in buildRankTable. */
const RANKS_PER_CHECK = 20_000;

/**
 * Decode js-tiktoken's compressed `bpe_ranks` (lines of `<prefix> <first rank> <base64 token> …`) into a RankTable.
 * With `sliceMs`, gives the thread back every `sliceMs` so a page never sees one long task; otherwise synchronous.
 */
export function buildRankTable(bpeRanks: string, sliceMs?: number): RankTable | Promise<RankTable> {
  // Upper bounds: a token per space, and 3 bytes per 4 base64 digits.
  let spaces = 0;
  for (let i = bpeRanks.indexOf(' '); i >= 0; i = bpeRanks.indexOf(' ', i + 1)) spaces++;
  const table = RankTable.withCapacity(spaces, Math.ceil((bpeRanks.length * 3) / 4));
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

/** FNV-1a over the UTF-16 units of text[at, to), with a final mix so low bits index the table well. */
export function hashOf(text: string, at: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 15);
}
