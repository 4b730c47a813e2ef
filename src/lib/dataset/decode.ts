// Turns a dropped file's bytes into text: strict UTF-8 first, else a plain guess (UTF-16, Windows-1252) or
// "binary". Never throws; every guess is reported as an Issue that says how to fix the file.
import type { Issue } from './types.ts';
import { coreIssue } from './messages/index.ts';
import type { BinaryKind } from './messages/en-file.ts';

/** Result of decoding file bytes. `text` is null only for binary files; it never contains the BOM. */
export interface DecodedText {
  text: string | null;
  /** WHATWG encoding label the text was decoded with ('utf-8', 'utf-16le', 'utf-16be', 'windows-1252') or 'binary'. */
  encoding: string;
  /** True when the bytes began with a byte-order mark (UTF-8 or UTF-16). */
  bom: boolean;
  issues: Issue[];
}

/** Bytes inspected for the UTF-16 and binary heuristics (64 KiB is plenty and keeps 100 MB files fast). */
const SNIFF_BYTES = 65_536;
/** Share of control bytes (excluding tab, LF, CR, FF) above which a file is treated as binary. */
const BINARY_CONTROL_SHARE = 0.1;
/** Share of NUL bytes on one parity (odd/even offsets) that marks BOM-less UTF-16 text. */
const UTF16_NUL_SHARE = 0.3;

/** Options of decodeBytes. */
export interface DecodeOptions {
  /** Decode even what looks binary (the user asked to import it as text anyway): UTF-8, else Windows-1252. */
  allowBinary?: boolean;
}

/** Well-known binary formats by their first bytes, named for the user (with a hint when there is a better way). */
const SIGNATURES: readonly { magic: number[]; name: BinaryKind }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'png' },
  { magic: [0xff, 0xd8, 0xff], name: 'jpeg' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'gif' },
  { magic: [0x52, 0x49, 0x46, 0x46], name: 'riff' },
  { magic: [0x25, 0x50, 0x44, 0x46], name: 'pdf' },
  { magic: [0x50, 0x4b, 0x03, 0x04], name: 'zip' },
  { magic: [0x1f, 0x8b], name: 'gzip' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd' },
  { magic: [0x50, 0x41, 0x52, 0x31], name: 'parquet' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'sqlite' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], name: 'elf' },
];

/** What a binary file is, as params of `binary_file`: a known format by its first bytes, else how it was recognised. */
function describeBinary(bytes: Uint8Array): { signature?: BinaryKind; nul_line?: number } {
  const known = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (known) return { signature: known.name };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    let line = 1;
    for (let i = bytes.indexOf(10); i !== -1 && i < nul; i = bytes.indexOf(10, i + 1)) line++;
    return { nul_line: line };
  }
  return {};
}

/**
 * Decode file bytes: UTF-8 (strict; a BOM is noted and stripped) else detect what it looks like — UTF-16 LE/BE by
 * BOM or NUL pattern, Windows-1252/Latin-1 for other non-UTF-8 text, or binary (a NUL byte anywhere, many control
 * bytes at the start, or a known binary signature; then `text` is null, unless `allowBinary`). Issues: `not_utf8`
 * (warning), `binary_file` (error, naming what the file seems to be). The `bom` issue is left to the reader.
 */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    const text = tryUtf8(rest);
    if (text !== null) return { text, encoding: 'utf-8', bom: true, issues: [] };
    return { ...asWindows1252(rest, firstInvalidUtf8(rest)), bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return asUtf16(bytes.subarray(2), 'utf-16le', true);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return asUtf16(bytes.subarray(2), 'utf-16be', true);

  const sniff = bytes.subarray(0, SNIFF_BYTES);
  const utf16 = guessUtf16(sniff);
  if (utf16) return asUtf16(bytes, utf16, false);
  // JSON text never holds a raw NUL byte: one anywhere (not only in the first 64 KiB) means binary data.
  if (!opts.allowBinary && (looksBinary(sniff) || bytes.indexOf(0, sniff.length) !== -1)) {
    return {
      text: null,
      encoding: 'binary',
      bom: false,
      issues: [coreIssue('error', 'binary_file', describeBinary(bytes))],
    };
  }
  const text = tryUtf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8', bom: false, issues: [] };
  return { ...asWindows1252(bytes, firstInvalidUtf8(bytes)), bom: false };
}

/** Strict UTF-8 decode; null when the bytes are not valid UTF-8. */
function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (0 = undefined byte, kept as the C1 control). Written out because
 * some runtimes (Node ≥ 20.18.3) decode the 'windows-1252' label as plain Latin-1 and get exactly these wrong.
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes exactly (the same in every runtime). */
export function decodeWindows1252(bytes: Uint8Array): string {
  // Latin-1 maps every byte to the same code point; only 0x80–0x9F differ in Windows-1252.
  const latin1 = new TextDecoder('latin1').decode(bytes);
  return latin1.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80];
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

function asWindows1252(bytes: Uint8Array, badOffset: number): Omit<DecodedText, 'bom'> {
  const text = decodeWindows1252(bytes);
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < badOffset; i = bytes.indexOf(10, i + 1)) line++;
  return {
    text,
    encoding: 'windows-1252',
    issues: [coreIssue('warning', 'not_utf8', { line }, { line })],
  };
}

function asUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): DecodedText {
  let text: string;
  try {
    text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  } catch {
    text = '';
  }
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  return {
    text,
    encoding,
    bom,
    issues: [coreIssue('warning', 'not_utf8.utf16', { name, bom })],
  };
}

/** BOM-less UTF-16 shows up as NULs on every other byte (ASCII text): odd offsets for LE, even for BE. */
function guessUtf16(sniff: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (sniff.length < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = sniff.indexOf(0); i !== -1; i = sniff.indexOf(0, i + 1)) {
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = sniff.length / 2;
  if (odd > half * UTF16_NUL_SHARE && even < odd / 10) return 'utf-16le';
  if (even > half * UTF16_NUL_SHARE && odd < even / 10) return 'utf-16be';
  return null;
}

/** True when the first bytes of a file look binary: a NUL byte, or more than 10% control bytes. */
export function looksBinary(sniff: Uint8Array): boolean {
  if (sniff.indexOf(0) !== -1) return true;
  let control = 0;
  for (let i = 0; i < sniff.length; i++) {
    const b = sniff[i];
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return sniff.length > 0 && control / sniff.length > BINARY_CONTROL_SHARE;
}

/** Byte offset of the first invalid UTF-8 sequence (only called once strict decoding has failed). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return b.length;
}
