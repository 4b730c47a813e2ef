// Decoding a file chunk by chunk to the same text and the same issues `decodeBytes` (src/lib/dataset/decode.ts) gives
// for the whole file, without ever holding the whole file. The decision is made like decodeBytes makes it:
//   UTF-8 BOM → UTF-8 (strict), else Windows-1252 of the rest; UTF-16 BOM → UTF-16; UTF-16 guessed from the first
//   64 KiB → UTF-16; binary (first 64 KiB look binary, or a NUL byte anywhere) → no text; else strict UTF-8, and
//   when a byte anywhere is not UTF-8 → Windows-1252 for the whole file.
// What cannot be known from the start (a NUL byte at 300 MB, an invalid byte at 200 MB) restarts the read. The
// issues themselves (their wording, the line of the first bad byte) always come from decodeBytes, run on a small
// stand-in of the file: the real first 64 KiB, then as many "\n" bytes as the file has lines up to the bad spot,
// then the real bytes around it. decodeBytes only looks at the first 64 KiB, line counts and the bad spot, so it
// says exactly what it would say of the whole file.
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeBytes, decodeWindows1252 } from '../lib/dataset/decode';
import type { Issue } from '../lib/dataset/types';

/** Bytes decodeBytes sniffs for UTF-16 and binary (its SNIFF_BYTES). */
export const SNIFF_BYTES = 65_536;
/** Bytes read at a time. */
export const CHUNK_BYTES = 1 << 20;

/** How a file's bytes become text, decided before (or, after a restart, instead of) streaming it. */
export type DecodeMode =
  /** Strict UTF-8; may turn out not to be (then the read restarts as windows-1252). `bom`: skip 3 bytes. */
  | { kind: 'utf-8'; bom: boolean }
  | { kind: 'windows-1252'; bom: boolean; issues: Issue[] }
  | { kind: 'utf-16le' | 'utf-16be'; bom: boolean; issues: Issue[] }
  /** No text at all. */
  | { kind: 'binary'; issues: Issue[] };

/** A file open for reading at offsets. */
export interface RandomAccessFile {
  size: number;
  /** Reads up to `length` bytes at `position` into a new buffer (shorter at the end of the file). */
  read(position: number, length: number): Uint8Array;
  close(): void;
}

/** Opens `path` for reading at offsets (throws like fs.openSync). */
export function openFile(path: string, size: number): RandomAccessFile {
  const fd = openSync(path, 'r');
  return {
    size,
    read(position, length) {
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, position + got);
        if (n === 0) break;
        got += n;
      }
      return got === buf.length ? buf : buf.subarray(0, got);
    },
    close: () => closeSync(fd),
  };
}

/** The mode decodeBytes would pick, from the first bytes (and, for binary files, a scan for the first NUL byte). */
export function decideMode(file: RandomAccessFile): DecodeMode {
  const head = file.read(0, SNIFF_BYTES);
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { kind: 'utf-8', bom: true };
  const sniffed = decodeBytes(head);
  if (sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be') {
    // Either by BOM or guessed from the same first 64 KiB: decodeBytes decides this from the head alone.
    return { kind: sniffed.encoding, bom: sniffed.bom, issues: sniffed.issues };
  }
  if (sniffed.encoding === 'binary') return binaryMode(file);
  return { kind: 'utf-8', bom: false };
}

/** Offset of the first NUL byte at or after `from` (−1 if none) and the number of "\n" bytes in [from, there). */
function findNul(file: RandomAccessFile, from: number): { at: number; newlines: number } {
  let newlines = 0;
  for (let pos = from; pos < file.size;) {
    const chunk = file.read(pos, CHUNK_BYTES);
    if (chunk.length === 0) break;
    const nul = chunk.indexOf(0);
    const end = nul === -1 ? chunk.length : nul;
    for (let i = chunk.indexOf(10); i !== -1 && i < end; i = chunk.indexOf(10, i + 1)) newlines++;
    if (nul !== -1) return { at: pos + nul, newlines };
    pos += chunk.length;
  }
  return { at: -1, newlines };
}

/** The binary mode of a file known to be binary (or to hold a NUL byte): decodeBytes' own issue about it. */
export function binaryMode(file: RandomAccessFile): DecodeMode & { kind: 'binary' } {
  const head = file.read(0, SNIFF_BYTES);
  let standIn: Uint8Array = head;
  if (head.indexOf(0) === -1 && file.size > head.length) {
    // decodeBytes names the line of the first NUL byte: keep the head, then that many line ends, then the NUL.
    const nul = findNul(file, head.length);
    if (nul.at !== -1) {
      standIn = new Uint8Array(head.length + nul.newlines + 1);
      standIn.set(head);
      standIn.fill(10, head.length, head.length + nul.newlines);
    }
  }
  const decoded = decodeBytes(standIn);
  if (decoded.encoding !== 'binary') throw new Error(`internal: the stand-in of a binary file decoded as ${decoded.encoding}`);
  return { kind: 'binary', issues: decoded.issues };
}

/** True when a file in 'utf-8' mode without a BOM holds a NUL byte after its first 64 KiB (then it is binary). */
export function hasNulAfterHead(file: RandomAccessFile): boolean {
  return file.size > SNIFF_BYTES && findNul(file, SNIFF_BYTES).at !== -1;
}

const isContinuation = (b: number | undefined): boolean => b !== undefined && b >= 0x80 && b <= 0xbf;

/**
 * The windows-1252 mode of a file whose strict UTF-8 decoding failed while decoding bytes [chunkStart, chunkEnd)
 * (everything before chunkStart decoded, except perhaps a sequence cut at chunkStart). The not_utf8 issue comes from
 * decodeBytes on a stand-in: the real bytes up to a character boundary past the first 64 KiB, one "\n" per line end
 * up to just before chunkStart, then the real bytes from there to chunkEnd.
 */
export function windows1252Mode(file: RandomAccessFile, bom: boolean, chunkStart: number, chunkEnd: number): DecodeMode & { kind: 'windows-1252' } {
  let standIn: Uint8Array;
  const headEnd = SNIFF_BYTES + 4;
  if (chunkStart <= headEnd + 4) {
    standIn = file.read(0, chunkEnd);
  } else {
    const head = file.read(0, headEnd);
    // End the head at a character boundary: the sequence crossing byte 64 KiB is whole (it decoded fine).
    let h = SNIFF_BYTES;
    while (h < head.length && isContinuation(head[h])) h++;
    // Start the tail at a character boundary at most 3 bytes before the chunk (a sequence may be cut there).
    const before = file.read(chunkStart - 3, 3);
    let r = chunkStart - 3;
    while (r < chunkStart && isContinuation(before[r - (chunkStart - 3)])) r++;
    let newlines = 0;
    for (let pos = h; pos < r;) {
      const chunk = file.read(pos, Math.min(CHUNK_BYTES, r - pos));
      if (chunk.length === 0) break;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      pos += chunk.length;
    }
    const tail = file.read(r, chunkEnd - r);
    standIn = new Uint8Array(h + newlines + tail.length);
    standIn.set(head.subarray(0, h));
    standIn.fill(10, h, h + newlines);
    standIn.set(tail, h + newlines);
  }
  const decoded = decodeBytes(standIn);
  if (decoded.encoding !== 'windows-1252') throw new Error(`internal: the stand-in of a non-UTF-8 file decoded as ${decoded.encoding}`);
  return { kind: 'windows-1252', bom, issues: decoded.issues };
}

/** Thrown by a chunk decoder when strict UTF-8 fails: the read restarts as windows-1252. */
export class NotUtf8 extends Error {}
/** Thrown by a chunk decoder when a NUL byte shows a UTF-8 (no BOM) file is binary: the read restarts as binary. */
export class FoundNul extends Error {}

/** Turns successive chunks of bytes into text in `mode` (not 'binary'). Throws NotUtf8 / FoundNul as above. */
export function chunkDecoder(mode: Exclude<DecodeMode, { kind: 'binary' }>): { decode(chunk: Uint8Array): string; flush(): string } {
  if (mode.kind === 'windows-1252') return { decode: (chunk) => decodeWindows1252(chunk), flush: () => '' };
  if (mode.kind === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const checkNul = !mode.bom; // decodeBytes only looks for NUL bytes in files without a BOM
    return {
      decode(chunk) {
        if (checkNul && chunk.indexOf(0) !== -1) throw new FoundNul();
        try {
          return decoder.decode(chunk, { stream: true });
        } catch {
          throw new NotUtf8();
        }
      },
      flush() {
        try {
          return decoder.decode();
        } catch {
          throw new NotUtf8();
        }
      },
    };
  }
  const decoder = new TextDecoder(mode.kind, { ignoreBOM: true });
  return { decode: (chunk) => decoder.decode(chunk, { stream: true }), flush: () => decoder.decode() };
}

/** Bytes of a byte-order mark the mode skips at the start of the file. */
export function bomBytes(mode: DecodeMode): number {
  if (mode.kind === 'binary' || !mode.bom) return 0;
  return mode.kind === 'utf-8' || mode.kind === 'windows-1252' ? 3 : 2;
}

/** The text encoding the report names ('utf-8', 'windows-1252', 'utf-16le', 'utf-16be', 'binary'). */
export function encodingName(mode: DecodeMode): string {
  return mode.kind;
}

/** Decode issues of the mode (not_utf8, binary_file), as decodeBytes gives them. */
export function decodeIssues(mode: DecodeMode): Issue[] {
  return mode.kind === 'utf-8' ? [] : mode.issues;
}
