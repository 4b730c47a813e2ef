// Cutting each chunk of a stream of UTF-8 bytes (a big file being read) into runs, so that whole lines are decoded into
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

/** A run of a chunk's bytes: whole lines, or the piece of a line that a chunk's end cut. */
export interface LineRun {
  bytes: Uint8Array;
  /** True when every character of the run is U+0000–U+00FF (false: not known to be). */
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
  const run = (from: number, to: number, narrow: boolean) => runs.push({ bytes: bytes.subarray(from, to), narrow });
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
 * The runs of one chunk of a stream, in order: the bytes up to its first line end (the end of a line a previous
 * chunk began, or a whole line), the whole lines after it (cutRuns), and the bytes after its last line end (a line
 * the next chunk goes on with). The first and last may cut a character: decode the runs with one streaming decoder,
 * and parse their text with a reader that keeps an unfinished line for the next text. A line longer than a chunk thus
 * goes through piece by piece, as it is read, never copied together.
 */
export function chunkRuns(chunk: Uint8Array): LineRun[] {
  const first = chunk.indexOf(NEWLINE);
  if (first < 0) return chunk.length > 0 ? [{ bytes: chunk, narrow: false }] : [];
  const runs: LineRun[] = [{ bytes: chunk.subarray(0, first + 1), narrow: false }];
  const last = chunk.lastIndexOf(NEWLINE);
  if (last > first) runs.push(...cutRuns(chunk.subarray(first + 1, last + 1)));
  if (last + 1 < chunk.length) runs.push({ bytes: chunk.subarray(last + 1), narrow: false });
  return runs;
}
