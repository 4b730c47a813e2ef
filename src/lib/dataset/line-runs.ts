// Cutting a stream of UTF-8 bytes (a big file being read) into runs of whole lines, so that each run can be decoded
// on its own into a string of the right width. A JavaScript engine stores a string with one byte per character when
// every character is U+0000–U+00FF and with two bytes otherwise, for the whole string: decoding a file chunk by chunk,
// one Chinese word or emoji made the whole chunk two-byte, and every line of it — each example's source text keeps
// its chunk alive — took twice the memory it needs. Decoding runs of "narrow" lines apart from lines with wider
// characters keeps those at one byte per character (measured in Chromium: a 100 MB import's page heap, README).
// Pure (bytes in, byte views out): the importer decodes the runs; unit tests check the cutting.

/** Narrow lines in a row fewer bytes than this are decoded with the lines around them (one decode per line costs). */
export const MIN_NARROW_RUN = 1024;

const NEWLINE = 0x0a;
/** UTF-8 lead bytes from here on start a character above U+00FF (0xC2 and 0xC3 lead U+0080–U+00FF). */
const FIRST_WIDE_LEAD = 0xc4;

/** A run of whole lines (the last one may lack its line end at the end of the file), and whether all are narrow. */
export interface LineRun {
  bytes: Uint8Array;
  /** True when every character of the run is U+0000–U+00FF, as far as its bytes are valid UTF-8. */
  narrow: boolean;
}

/** True when bytes[from, to) hold a lead byte of a character above U+00FF (or a byte no UTF-8 character has). */
function hasWide(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] >= FIRST_WIDE_LEAD) return true;
  return false;
}

/**
 * Cuts the lines of `bytes` (whole lines only) into runs: a narrow run is MIN_NARROW_RUN bytes or more of lines with
 * only narrow characters; everything else is decoded together. Runs cover `bytes` exactly, in order.
 */
export function cutRuns(bytes: Uint8Array): LineRun[] {
  const runs: LineRun[] = [];
  let runStart = 0; // start of the run being built
  let narrowFrom = -1; // start of the narrow lines at the end of that run (−1: none)
  for (let at = 0; at < bytes.length;) {
    let end = bytes.indexOf(NEWLINE, at);
    end = end < 0 ? bytes.length : end + 1;
    if (!hasWide(bytes, at, end)) {
      if (narrowFrom < 0) narrowFrom = at;
    } else {
      // A wide line: the narrow lines before it become a run of their own if they are enough of them.
      if (narrowFrom >= 0 && at - narrowFrom >= MIN_NARROW_RUN) {
        if (narrowFrom > runStart) runs.push({ bytes: bytes.subarray(runStart, narrowFrom), narrow: false });
        runs.push({ bytes: bytes.subarray(narrowFrom, at), narrow: true });
        runStart = at;
      }
      narrowFrom = -1;
    }
    at = end;
  }
  if (narrowFrom >= 0 && bytes.length - narrowFrom >= MIN_NARROW_RUN) {
    if (narrowFrom > runStart) runs.push({ bytes: bytes.subarray(runStart, narrowFrom), narrow: false });
    runs.push({ bytes: bytes.subarray(narrowFrom), narrow: true });
  } else if (runStart < bytes.length) {
    runs.push({ bytes: bytes.subarray(runStart), narrow: narrowFrom === runStart });
  }
  return runs;
}

/**
 * Takes the chunks of a byte stream and gives back runs of whole lines (cutRuns); a line cut by a chunk's end waits
 * for the rest. A line longer than many chunks is put together once, when its end comes (never copied per chunk).
 */
export class LineRunReader {
  /** Bytes after the last line end so far: the start of a line, in the chunks it came in. */
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;

  /** The runs of the lines that `chunk` completes (none while a line goes on). */
  push(chunk: Uint8Array): LineRun[] {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      if (chunk.length > 0) this.#keep(chunk);
      return [];
    }
    const lines = this.#pendingBytes > 0 ? this.#joined(chunk.subarray(0, last + 1)) : chunk.subarray(0, last + 1);
    if (last + 1 < chunk.length) this.#keep(chunk.subarray(last + 1));
    return cutRuns(lines);
  }

  /** The runs of what is left (a last line without a line end), at the end of the stream. */
  end(): LineRun[] {
    if (this.#pendingBytes === 0) return [];
    return cutRuns(this.#joined(new Uint8Array(0)));
  }

  #keep(bytes: Uint8Array): void {
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
  }

  /** The pending bytes followed by `tail`, in one array; clears the pending bytes. */
  #joined(tail: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.#pendingBytes + tail.length);
    let at = 0;
    for (const p of this.#pending) {
      out.set(p, at);
      at += p.length;
    }
    out.set(tail, at);
    this.#pending = [];
    this.#pendingBytes = 0;
    return out;
  }
}
