// Exact-duplicate fingerprints of examples: the UTF-8 length of the compact JSON plus two 32-bit hashes; strings of
// 64 K units or more are hashed apart (and their hash remembered), so an edit elsewhere does not re-encode them.

/**
 * Strings at least this long (UTF-16 units) are fingerprinted apart and stand in the example's JSON as their length
 * and hash: escaping and encoding a 12 MB reply anew after each edit took ≈ 0.4 s; hashing it takes ≈ 20 ms, and
 * the hash of a string seen before is remembered.
 */
const LONG_STRING = 65_536;
/** Hashes of the last long strings (keyed by the string: V8 compares long keys by length, then content). */
const longHashes = new Map<string, string>();

/** True when `value` holds a string of LONG_STRING units or more (throws on a cycle, as JSON.stringify would). */
function hasLongString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.length >= LONG_STRING;
  if (typeof value !== 'object' || value === null) return false;
  if (depth > 10_000) throw new RangeError('too deep');
  if (Array.isArray(value)) return value.some((v) => hasLongString(v, depth + 1));
  for (const key in value) if (Object.hasOwn(value, key) && hasLongString((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/** UTF-16 units of a long string encoded and hashed at a time (a 4 MB buffer, kept once a long string was seen). */
const LONG_PIECE = 1 << 20;
let longBuffer: Uint8Array | null = null;

/**
 * JSON.stringify replacer of exampleFingerprint: a long string becomes "\u0000long <length> <hash> <hash>", the hash
 * of its UTF-8 bytes taken in pieces of LONG_PIECE units (never splitting a surrogate pair; a lone surrogate hashes
 * as U+FFFD, the only loss), four bytes at a time: ≈ 15 ms for 12 MB, where walking its characters took 100–200 ms.
 */
function replaceLongString(_key: string, v: unknown): unknown {
  if (typeof v !== 'string' || v.length < LONG_STRING) return v;
  let tag = longHashes.get(v);
  if (tag === undefined) {
    const state = { at: 0, h1: 0x811c9dc5, h2: 0x2545f491 };
    hashPieces(v, state, Infinity);
    tag = rememberLong(v, state);
  }
  return tag;
}

/** Hashing state of one long string: the next unit to read and the two hashes so far. */
interface LongHashState {
  at: number;
  h1: number;
  h2: number;
}

/** Hashes pieces of `v` from `state.at` until the end, or until the clock passes `until`; true when finished. */
function hashPieces(v: string, state: LongHashState, until: number): boolean {
  const buf = (longBuffer ??= new Uint8Array(LONG_PIECE * 3 + 8));
  const words = new Int32Array(buf.buffer);
  let { h1, h2 } = state;
  while (state.at < v.length) {
    let end = Math.min(v.length, state.at + LONG_PIECE);
    const last = v.charCodeAt(end - 1);
    if (end < v.length && last >= 0xd800 && last < 0xdc00) end++;
    const len = fingerprintEncoder.encodeInto(v.slice(state.at, end), buf).written;
    buf[len] = buf[len + 1] = buf[len + 2] = 0;
    const n = (len + 3) >>> 2;
    for (let i = 0; i < n; i++) {
      const k = words[i];
      h1 = Math.imul(h1 ^ k, 0x01000193);
      h1 ^= h1 >>> 13;
      h2 = Math.imul(h2 ^ k, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    state.at = end;
    if (performance.now() > until) break;
  }
  state.h1 = h1;
  state.h2 = h2;
  return state.at >= v.length;
}

/** Remembers the finished hash of long string `v` (the last few are kept) and returns its tag. */
function rememberLong(v: string, state: LongHashState): string {
  const tag = `\u0000long ${v.length} ${(state.h1 >>> 0).toString(36)} ${(state.h2 >>> 0).toString(36)}`;
  if (longHashes.size >= 4) longHashes.delete(longHashes.keys().next().value as string);
  longHashes.set(v, tag);
  return tag;
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
    const state = { at: 0, h1: 0x811c9dc5, h2: 0x2545f491 };
    while (!hashPieces(v, state, performance.now() + sliceMs)) await yieldNow();
    rememberLong(v, state);
  }
}

/** UTF-8 encoder of exampleFingerprint, and its reused output buffer (grown for big examples, see below). */
const fingerprintEncoder = new TextEncoder();
let fingerprintBuffer = new Uint8Array(1 << 16);
/** Buffers up to this size are kept for the next call; bigger ones (a 10 MB example) are dropped after use. */
const KEEP_FINGERPRINT_BUFFER = 1 << 20;

/**
 * A cheap stable fingerprint for exact-duplicate detection: the UTF-8 length of the example's compact JSON plus two
 * 32-bit hashes of those bytes (64 bits: a false match among 100k examples has odds around 1e-9). Exact means the
 * same JSON value with keys in the same order (whitespace of the source line doesn't matter). The bytes are hashed
 * four at a time (TextEncoder.encodeInto then 32-bit words): several times faster than walking the string, which
 * matters at 100 MB. JSON.stringify escapes lone surrogates, so the UTF-8 is lossless. Strings of LONG_STRING units
 * or more are hashed apart and stand in the JSON as their length and hash (see replaceLongString). Returns '' for
 * values that cannot be serialised (never a duplicate).
 */
export function exampleFingerprint(value: unknown): string {
  let text: string;
  try {
    text = (hasLongString(value) ? JSON.stringify(value, replaceLongString) : JSON.stringify(value)) ?? '';
  } catch {
    return '';
  }
  if (text === '') return '';
  const need = text.length * 3 + 4; // worst case of UTF-8, plus room to read the last partial word as zeros
  let buf = fingerprintBuffer;
  if (buf.length < need) {
    buf = new Uint8Array(need);
    if (need <= KEEP_FINGERPRINT_BUFFER) fingerprintBuffer = buf;
  }
  const len = fingerprintEncoder.encodeInto(text, buf).written;
  buf[len] = buf[len + 1] = buf[len + 2] = 0; // the last word's unused bytes
  const words = new Int32Array(buf.buffer, 0, (len + 3) >>> 2);
  let h1 = 0x811c9dc5;
  let h2 = 0x2545f491;
  for (let i = 0; i < words.length; i++) {
    const k = words[i];
    h1 = Math.imul(h1 ^ k, 0x01000193);
    h1 ^= h1 >>> 13;
    h2 = Math.imul(h2 ^ k, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `${len.toString(36)}.${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}
