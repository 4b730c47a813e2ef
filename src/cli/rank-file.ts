// Rank files: an encoding's decoded RankTable and its split pattern as one binary file, written next to the CLI
// bundle by scripts/build-cli.mjs (dist-cli/ranks/<encoding>.bin). Loading one is a file read and a few typed-array
// views, where decoding js-tiktoken's base64 text costs every thread ≈ 30 ms of cold code at start-up (and the bundle
// ≈ 3 MB of string literals to compile). counter.ts falls back to js-tiktoken's text when a file is missing or bad.
//
// Layout (little-endian): "TSRK", version, length of the JSON header, the JSON header ({encoding, patStr, count,
// bytes, slots}), zero padding to a multiple of 4, then offsets (Int32 × count + 1), ranks (Int32 × count),
// slots (Int32 × slots) and the token bytes.
import { RankTable } from '../lib/tokens/rank-table';
import type { EncodingName } from '../lib/tokens/count';

/** The JSON header: what the counter needs besides the table, and the length of each array after it. */
interface Header {
  encoding: EncodingName;
  /** The encoding's split pattern (js-tiktoken's pat_str). */
  patStr: string;
  /** Tokens: offsets has count + 1 entries, ranks count. */
  count: number;
  /** Bytes of all tokens, back to back. */
  bytes: number;
  /** Hash slots (a power of two). */
  slots: number;
}

/** A rank file's contents: the table and what the counter needs besides it. */
export type RankFile = Pick<Header, 'encoding' | 'patStr'> & { table: RankTable };

/** What starts every rank file: "TSRK" (read as a little-endian Int32), the version, then the header's length. */
const MAGIC = 0x4b525354;
const VERSION = 1;
const PREAMBLE_BYTES = 12;

/** True on a little-endian machine (typed arrays use the machine's byte order; the files are little-endian). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const align4 = (n: number): number => (n + 3) & ~3;

/** The bytes of the rank file for `table` (built from the encoding's ranks) and the encoding's split pattern. */
export function encodeRankFile(encoding: EncodingName, patStr: string, table: RankTable): Uint8Array {
  const p = table.parts();
  const header: Header = { encoding, patStr, count: p.count, bytes: p.bytes.length, slots: p.slots.length };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align4(PREAMBLE_BYTES + json.length);
  const ints = p.offsets.length + p.ranks.length + p.slots.length;
  const out = new Uint8Array(start + ints * 4 + p.bytes.length);
  const view = new DataView(out.buffer);
  view.setInt32(0, MAGIC, true);
  view.setInt32(4, VERSION, true);
  view.setInt32(8, json.length, true);
  out.set(json, PREAMBLE_BYTES);
  let at = start;
  for (const a of [p.offsets, p.ranks, p.slots]) {
    for (let i = 0; i < a.length; i++, at += 4) view.setInt32(at, a[i], true);
  }
  out.set(p.bytes, at);
  return out;
}

/**
 * The table a rank file holds, its arrays viewing `file`'s memory (not copied: keep the file's buffer alive and
 * unchanged). Throws an Error saying what is wrong with a file that is not a rank file of this version.
 */
export function decodeRankFile(file: Uint8Array): RankFile {
  if (!LITTLE_ENDIAN) throw new Error('rank files are little-endian and this machine is not');
  // Typed-array views need 4-byte alignment: copy a file read into an odd place of a shared buffer.
  const bytes = file.byteOffset % 4 === 0 ? file : file.slice();
  if (bytes.length < PREAMBLE_BYTES) throw new Error('the rank file is too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, true) !== MAGIC) throw new Error('not a rank file');
  if (view.getInt32(4, true) !== VERSION) throw new Error(`rank file version ${view.getInt32(4, true)}, expected ${VERSION}`);
  const jsonLength = view.getInt32(8, true);
  if (jsonLength <= 0 || PREAMBLE_BYTES + jsonLength > bytes.length) throw new Error('the rank file header is cut short');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + jsonLength))) as Header;
  const { count, slots } = header;
  if (!Number.isInteger(count) || !Number.isInteger(slots) || !Number.isInteger(header.bytes) || typeof header.patStr !== 'string') {
    throw new Error('the rank file header is incomplete');
  }
  const start = align4(PREAMBLE_BYTES + jsonLength);
  const ints = count + 1 + count + slots;
  if (start + ints * 4 + header.bytes !== bytes.length) throw new Error('the rank file is not the size its header says');
  const base = bytes.byteOffset + start;
  const offsets = new Int32Array(bytes.buffer, base, count + 1);
  const ranks = new Int32Array(bytes.buffer, base + (count + 1) * 4, count);
  const slotArray = new Int32Array(bytes.buffer, base + (2 * count + 1) * 4, slots);
  const tokenBytes = new Uint8Array(bytes.buffer, base + ints * 4, header.bytes);
  const table = RankTable.fromParts({ count, bytes: tokenBytes, offsets, ranks, slots: slotArray });
  return { encoding: header.encoding, patStr: header.patStr, table };
}
