// Cutting a stream of UTF-8 bytes (a big file being read) into runs of whole lines, so that each run is decoded into
// strings of the right width. A JavaScript engine stores a string with one byte per character when every character is
// U+0000–U+00FF and with two bytes otherwise, for the whole string: decoding a file chunk by chunk, one Chinese word or
// emoji made the whole chunk two-byte, and every line of it — each example's source text keeps its chunk alive — took
// twice the memory it needs. Decoding runs of "narrow" lines apart from lines with wider characters keeps those at one
// byte per character (README, "Import"; bench/RESULTS.md has the memory of a 100 MB import).
// Pure (bytes in, byte views out): the importer decodes the runs; unit tests check the cutting.

/** Narrow lines in a row fewer bytes than this are decoded with the lines around them (one decode per line costs). */
export const MIN_NARROW_RUN = 1024;

const NEWLINE = 0x0a;
/** UTF-8 lead bytes from here on start a character above U+00FF (0xC2 and 0xC3 lead U+0080–U+00FF). */
const FIRST_WIDE_LEAD = 0xc4;

/** A run of whole lines (the last one may lack its line end at the end of the file), and whether all are narrow. */
export interface LineRun {
  /**
   * The run's bytes, in order. One part, except for a line that began in an earlier chunk: it comes in the pieces it
   * was read in (never copied together), so a 12 MB line is decoded piece by piece, not in one long task.
   */
  parts: Uint8Array[];
  /** True when every character of the run is U+0000–U+00FF (false: not known to be; lines cut by a chunk's end). */
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
  const run = (from: number, to: number, narrow: boolean) => runs.push({ parts: [bytes.subarray(from, to)], narrow });
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
        if (narrowFrom > runStart) run(runStart, narrowFrom, false);
        run(narrowFrom, at, true);
        runStart = at;
      }
      narrowFrom = -1;
    }
    at = end;
  }
  if (narrowFrom >= 0 && bytes.length - narrowFrom >= MIN_NARROW_RUN) {
    if (narrowFrom > runStart) run(runStart, narrowFrom, false);
    run(narrowFrom, bytes.length, true);
  } else if (runStart < bytes.length) {
    run(runStart, bytes.length, narrowFrom === runStart);
  }
  return runs;
}

/**
 * Takes the chunks of a byte stream and gives back runs of whole lines (cutRuns); a line cut by a chunk's end waits
 * for the rest and then comes as a run of its own, in its pieces.
 */
export class LineRunReader {
  /** Bytes after the last line end so far: the start of a line, in the chunks it came in. */
  #pending: Uint8Array[] = [];

  /** The runs of the lines that `chunk` completes (none while a line goes on). */
  push(chunk: Uint8Array): LineRun[] {
    const runs: LineRun[] = [];
    let from = 0;
    if (this.#pending.length > 0) {
      const end = chunk.indexOf(NEWLINE);
      if (end < 0) {
        if (chunk.length > 0) this.#pending.push(chunk);
        return runs;
      }
      runs.push({ parts: [...this.#pending, chunk.subarray(0, end + 1)], narrow: false });
      this.#pending = [];
      from = end + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= from) runs.push(...cutRuns(chunk.subarray(from, last + 1)));
    const rest = Math.max(from, last + 1);
    if (rest < chunk.length) this.#pending.push(chunk.subarray(rest));
    return runs;
  }

  /** The run of what is left (a last line without a line end), at the end of the stream. */
  end(): LineRun[] {
    const parts = this.#pending;
    this.#pending = [];
    return parts.length > 0 ? [{ parts, narrow: false }] : [];
  }
}
