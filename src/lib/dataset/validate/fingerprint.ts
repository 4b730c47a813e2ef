// Exact-duplicate fingerprints of examples: two 32-bit hashes (and the number of words hashed) of the example's
// JSON value, walked as a value: its structure, its numbers and its strings' UTF-8 bytes. Strings of 64 K units or
// more are hashed apart (and their hash remembered), so an edit elsewhere does not re-encode them.

/**
 * Strings at least this long (UTF-16 units) are hashed apart and stand in the example as their length and hash:
 * encoding a 12 MB reply anew after each edit took ≈ 0.4 s; hashing it takes ≈ 20 ms, and the hash of a string seen
 * before is remembered.
 */
const LONG_STRING = 65_536;
/** Hashes of the last long strings (keyed by the string: V8 compares long keys by length, then content). */
const longHashes = new Map<string, LongHashState>();

/** UTF-16 units of a long string encoded and hashed at a time (a 4 MB buffer, kept once a long string was seen). */
const LONG_PIECE = 1 << 20;
let longBuffer: Uint8Array | null = null;

/** Hashing state of one long string: the next unit to read and the two hashes so far. */
interface LongHashState extends Hashes {
  at: number;
}

/** Hashes pieces of `v` from `state.at` until the end, or until the clock passes `until`; true when finished. */
function hashPieces(v: string, state: LongHashState, until: number): boolean {
  const buf = (longBuffer ??= new Uint8Array(LONG_PIECE * 3 + 8));
  const words = new Int32Array(buf.buffer);
  while (state.at < v.length) {
    let end = Math.min(v.length, state.at + LONG_PIECE);
    const last = v.charCodeAt(end - 1);
    if (end < v.length && last >= 0xd800 && last < 0xdc00) end++;
    const len = fingerprintEncoder.encodeInto(v.slice(state.at, end), buf).written;
    buf[len] = buf[len + 1] = buf[len + 2] = 0;
    mixWords(words, (len + 3) >>> 2, state);
    state.at = end;
    if (performance.now() > until) break;
  }
  return state.at >= v.length;
}

/** Two 32-bit hashes being built (FNV-like and Murmur-like steps over the same 32-bit words). */
interface Hashes {
  h1: number;
  h2: number;
}

/** Mixes the first `count` words of `words` into `into`: each word as `mix` does. */
function mixWords(words: Int32Array, count: number, into: Hashes): void {
  let a = into.h1;
  let b = into.h2;
  for (let i = 0; i < count; i++) {
    const k = words[i];
    a = Math.imul(a ^ k, 0x01000193);
    a ^= a >>> 13;
    b = Math.imul(b ^ k, 0x5bd1e995);
    b ^= b >>> 15;
  }
  into.h1 = a;
  into.h2 = b;
}

/** A long string's hashing, not started. */
const newLongState = (): LongHashState => ({ at: 0, h1: 0x811c9dc5, h2: 0x2545f491 });

/** Remembers the finished hash of long string `v` (the last few are kept). */
function rememberLong(v: string, state: LongHashState): LongHashState {
  if (longHashes.size >= 4) longHashes.delete(longHashes.keys().next().value as string);
  longHashes.set(v, state);
  return state;
}

/** The hash of long string `v`: remembered, or computed now. */
function longHash(v: string): LongHashState {
  const known = longHashes.get(v);
  if (known) return known;
  const state = newLongState();
  hashPieces(v, state, Infinity);
  return rememberLong(v, state);
}

/** The long strings inside `value` (depth first). */
function longStringsOf(value: unknown, out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.length >= LONG_STRING) out.push(value);
  } else if (typeof value === 'object' && value !== null && depth <= 10_000) {
    if (Array.isArray(value)) for (const v of value) longStringsOf(v, out, depth + 1);
    else for (const key in value) if (Object.hasOwn(value, key)) longStringsOf((value as Record<string, unknown>)[key], out, depth + 1);
  }
  return out;
}

/**
 * Hashes the long strings of `value` ahead of exampleFingerprint, in slices of `sliceMs` with `yieldNow` between
 * them, so the fingerprint of an edited 12 MB reply (≈ 50 ms of hashing on a slow machine) never runs as one task.
 * Exactly the hash exampleFingerprint would compute; it then finds it remembered.
 */
export async function primeLongStrings(value: unknown, sliceMs: number, yieldNow: () => Promise<void>): Promise<void> {
  for (const v of longStringsOf(value)) {
    if (longHashes.has(v)) continue;
    const state = newLongState();
    while (!hashPieces(v, state, performance.now() + sliceMs)) await yieldNow();
    rememberLong(v, state);
  }
}

/** UTF-8 encoder of exampleFingerprint, and its reused output buffer (grown for big strings, see below). */
const fingerprintEncoder = new TextEncoder();
let fingerprintBuffer = new Uint8Array(1 << 16);
let fingerprintWords = new Int32Array(fingerprintBuffer.buffer);
/** Buffers up to this size are kept for the next call; bigger ones (a 10 MB reply) are dropped after use. */
const KEEP_FINGERPRINT_BUFFER = 1 << 20;
/** Strings up to this many units are hashed by their UTF-16 units (no call to the encoder); longer ones by UTF-8. */
const SHORT_STRING = 32;
/** Scratch for a number's bits. */
const numberBits = new Float64Array(1);
const numberWords = new Int32Array(numberBits.buffer);
/** Deeper values are not fingerprinted (a cycle ends here too). */
const MAX_FINGERPRINT_DEPTH = 10_000;

/** What starts each part of the walked value, so different shapes never feed the same words. */
const TAG_NULL = 0x6e756c00;
const TAG_FALSE = 0x66616c00;
const TAG_TRUE = 0x74727500;
const TAG_NUMBER = 0x6e756d00;
const TAG_STRING = 0x73747200;
const TAG_LONG_STRING = 0x6c6f6e00;
const TAG_ARRAY = 0x61727200;
const TAG_OBJECT = 0x6f626a00;
const TAG_KEY = 0x6b657900;
const TAG_END = 0x656e6400;

/** A value exampleFingerprint hands back to JSON.stringify (a `toJSON` method, a class instance). */
class NotPlainJson extends Error {}

/** The fingerprint being computed and the words it has hashed (module state: one fingerprint at a time on a thread). */
const acc = { h1: 0, h2: 0, words: 0 };

/** Starts a fingerprint. */
function startHash(): void {
  acc.h1 = 0x811c9dc5;
  acc.h2 = 0x2545f491;
  acc.words = 0;
}

function mix(k: number): void {
  acc.h1 = Math.imul(acc.h1 ^ k, 0x01000193);
  acc.h1 ^= acc.h1 >>> 13;
  acc.h2 = Math.imul(acc.h2 ^ k, 0x5bd1e995);
  acc.h2 ^= acc.h2 >>> 15;
  acc.words++;
}

/** True when `s` holds no lone surrogate (encoding it to UTF-8 loses nothing). */
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : () => false;

/** Feeds string `s`: its length, then its UTF-16 units two per word (short or ill-formed) or its UTF-8 bytes four per word. */
function feedString(s: string): void {
  const n = s.length;
  if (n >= LONG_STRING) {
    const long = longHash(s);
    mix(TAG_LONG_STRING);
    mix(n);
    mix(long.h1);
    mix(long.h2);
    return;
  }
  mix(TAG_STRING);
  mix(n);
  if (n <= SHORT_STRING || !wellFormed(s)) {
    for (let i = 0; i < n; i += 2) mix(s.charCodeAt(i) | (i + 1 < n ? s.charCodeAt(i + 1) << 16 : 0));
    return;
  }
  const need = n * 3 + 4; // worst case of UTF-8, plus room to read the last partial word as zeros
  let buf = fingerprintBuffer;
  let words = fingerprintWords;
  if (buf.length < need) {
    buf = new Uint8Array((need + 3) & ~3); // whole words: an Int32Array views it
    words = new Int32Array(buf.buffer);
    if (need <= KEEP_FINGERPRINT_BUFFER) {
      fingerprintBuffer = buf;
      fingerprintWords = words;
    }
  }
  const len = fingerprintEncoder.encodeInto(s, buf).written;
  buf[len] = buf[len + 1] = buf[len + 2] = 0; // the last word's unused bytes
  const count = (len + 3) >>> 2;
  mixWords(words, count, acc);
  acc.words += count;
}

/** Feeds JSON value `v` as JSON.stringify would write it (keys in order; `undefined` and functions left out). */
function feed(v: unknown, depth: number): void {
  if (depth > MAX_FINGERPRINT_DEPTH) throw new RangeError('too deep');
  if (typeof v === 'string') feedString(v);
  else if (typeof v === 'number') {
    if (!Number.isFinite(v))
      mix(TAG_NULL); // JSON.stringify writes null
    else {
      numberBits[0] = v === 0 ? 0 : v; // −0 is written 0
      mix(TAG_NUMBER);
      mix(numberWords[0]);
      mix(numberWords[1]);
    }
  } else if (typeof v === 'boolean') mix(v ? TAG_TRUE : TAG_FALSE);
  else if (v === null) mix(TAG_NULL);
  else if (typeof v === 'object') {
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') throw new NotPlainJson();
    if (Array.isArray(v)) {
      mix(TAG_ARRAY);
      mix(v.length);
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') mix(TAG_NULL);
        else feed(item, depth + 1);
      }
    } else {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new NotPlainJson(); // a Map, a Date, a class: its own JSON
      mix(TAG_OBJECT);
      const o = v as Record<string, unknown>;
      for (const key in o) {
        if (!Object.hasOwn(o, key)) continue;
        const item = o[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        mix(TAG_KEY);
        feedString(key);
        feed(item, depth + 1);
      }
      mix(TAG_END);
    }
  } else throw new TypeError('not JSON'); // a bigint, as JSON.stringify would throw
}

/**
 * A cheap stable fingerprint for exact-duplicate detection: two 32-bit hashes of the example's JSON value and the
 * number of words hashed (64 bits of hash: a false match among 100k examples has odds around 1e-9). Exact means the
 * same JSON value with keys in the same order: the source line's whitespace, escapes and number spelling don't
 * matter. The value is walked, not written out (JSON.stringify cost more than the parse): each part is
 * tagged, strings go with their length, and a string's UTF-8 bytes are hashed four at a time (TextEncoder.encodeInto
 * then 32-bit words); short strings, and strings with a lone surrogate, by their UTF-16 units. Strings of LONG_STRING
 * units or more stand in as their length and remembered hash (see longHash). A value with its own JSON (toJSON, a
 * class instance) is fingerprinted by its JSON.stringify text. Returns '' for values that cannot be serialised
 * (never a duplicate).
 */
export function exampleFingerprint(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return ''; // JSON.stringify gives nothing
  startHash();
  try {
    feed(value, 0);
  } catch (e) {
    if (!(e instanceof NotPlainJson)) return '';
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      return '';
    }
    if (text === undefined) return '';
    startHash();
    mix(TAG_END); // apart from every walked value
    feedString(text);
  }
  return `${(acc.h1 >>> 0).toString(36)}.${(acc.h2 >>> 0).toString(36)}.${acc.words.toString(36)}`;
}
