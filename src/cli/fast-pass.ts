// The fast pass of `tuneset check` for the common file — UTF-8 JSONL where every non-blank line is one JSON value:
// the main thread only cuts the bytes into chunks of whole lines, and each chunk is split into lines, decoded,
// parsed, validated and counted on whichever thread takes it (a worker, or the main thread when the workers' queues
// are full). Results come back per chunk with chunk-relative example and line numbers; the main thread merges them in
// file order. Anything else (another encoding, a NUL byte, a line that does not parse alone, a JSON array, a line
// longer than MAX_FAST_LINE_BYTES) makes the chunk answer `fallback`, and check.ts reads the file again the general
// way (core reader on this thread). For a file this pass accepts, the core reader (src/lib/dataset/read.ts,
// ReaderCore.consume's fast path) gives exactly one record per non-blank line; `readLines` below repeats that loop,
// and check.test.ts compares the two paths' reports on every fixture.
import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { depthExceeds, MAX_DEPTH } from '../lib/dataset/read';
import { detectRecordFormat } from '../lib/dataset/detect';
import { coreIssue } from '../lib/dataset/messages/index';
import type { DatasetFormat, Issue, RecordFormat } from '../lib/dataset/types';
import { addTargetFacts, emptyTargetSummary, targetExampleFacts, type TargetDatasetSummary } from '../lib/dataset/targets/index';
import { analyseBatch, type AnalyseOptions, type BatchResult } from './analyse';
import { likelyFormat } from './compose';

/** Bytes of a chunk (read at once, cut after its last line end): ≈ 8 ms of work, small enough to balance the threads. */
export const FAST_CHUNK_BYTES = 256 * 1024;
/** A line longer than this (no line end within) is left to the general reader, which streams it. */
export const MAX_FAST_LINE_BYTES = 16 * 1024 * 1024;

/** What one chunk holds, analysed: everything the example table and the reader's end issues need. */
export interface ChunkResult {
  ok: true;
  /** Line ends in the chunk (the next chunk's first line is this many lines further). */
  lineEnds: number;
  /** Records in the chunk (non-blank lines). */
  records: number;
  /** Record format of each record (detectRecordFormat). */
  formats: RecordFormat[];
  /** Chunk-relative line (1-based) of each record. */
  lines: Int32Array;
  /** analyseBatch's results; issues carry chunk-relative `example` and `line` (the merge adds the offsets). */
  analysis: BatchResult;
  target: TargetDatasetSummary;
  crlf: number;
  blank: number;
  /** Chunk-relative line of the first blank line (0: none). */
  firstBlank: number;
  /** The first non-blank line starts (after spaces) with "[": at the start of a file the core reader reads a JSON array. */
  startsWithBracket: boolean;
}

/** A chunk this pass cannot read the way the core reader would (the reason is for TUNESET_STATS and tests). */
export interface ChunkFallback {
  ok: false;
  reason: string;
}

export type ChunkOutcome = ChunkResult | ChunkFallback;

const fallback = (reason: string): ChunkFallback => ({ ok: false, reason });

/** The core reader's isSpace (a line is blank when it starts with one of these and trims to nothing). */
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 13;

/**
 * Records and line facts of a chunk of UTF-8 bytes (valid: the caller checked), as ReaderCore.consume's fast path
 * reads them from its text; null when it would not. Lines are found in the bytes (a line end is one byte, never
 * part of a longer character) and each is decoded alone: a line of ASCII as Latin-1, a plain copy into a one-byte
 * string, the others as UTF-8. Decoding the whole chunk gave one two-byte string as soon as it held one accented
 * letter, and made decoding and parsing slower (in the bench corpus a third of the lines are not ASCII).
 */
function readLines(
  bytes: Uint8Array,
): { values: unknown[]; lines: number[]; lineEnds: number; crlf: number; blank: number; firstBlank: number; bracket: boolean } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const allAscii = isAscii(buf);
  const values: unknown[] = [];
  const lines: number[] = [];
  let crlf = 0;
  let blank = 0;
  let firstBlank = 0;
  let line = 1;
  let lineEnds = 0;
  let bracket: boolean | null = null;
  const n = buf.length;
  let pos = 0;
  while (pos < n) {
    let nl = buf.indexOf(10, pos);
    const hasNl = nl !== -1;
    if (!hasNl) nl = n;
    else lineEnds++;
    let end = nl;
    if (hasNl && end > pos && buf[end - 1] === 13) {
      end--;
      crlf++;
    }
    const lineText = allAscii || isAscii(buf.subarray(pos, end)) ? buf.toString('latin1', pos, end) : buf.toString('utf8', pos, end);
    if (lineText.length === 0 || (isSpace(lineText.charCodeAt(0)) && lineText.trim() === '')) {
      if (hasNl || lineText.length > 0) {
        blank++;
        if (!firstBlank) firstBlank = line;
      }
    } else {
      bracket ??= lineText.trimStart().charCodeAt(0) === 91;
      let value: unknown;
      try {
        value = JSON.parse(lineText);
      } catch {
        return null; // not one JSON value (or too deep for the engine): the core reader's slow path
      }
      if (lineText.length > 2 * MAX_DEPTH && depthExceeds(value, MAX_DEPTH)) return null;
      values.push(value);
      lines.push(line);
    }
    pos = nl + 1;
    line++;
  }
  return { values, lines, lineEnds, crlf, blank, firstBlank, bracket: bracket === true };
}

/** Decodes, reads and analyses one chunk of whole lines (validated as `format`), on any thread. */
export function analyseChunk(bytes: Uint8Array, format: DatasetFormat, opts: AnalyseOptions): ChunkOutcome {
  if (bytes.indexOf(0) !== -1) return fallback('a NUL byte');
  if (!isUtf8(bytes)) return fallback('not UTF-8');
  const read = readLines(bytes);
  if (read === null) return fallback('a line that is not one JSON value');
  const n = read.values.length;
  const formats = new Array<RecordFormat>(n);
  const target = emptyTargetSummary();
  for (let i = 0; i < n; i++) {
    formats[i] = detectRecordFormat(read.values[i]);
    addTargetFacts(target, targetExampleFacts(read.values[i]));
  }
  const examples = Int32Array.from({ length: n }, (_, i) => i + 1);
  const lines = Int32Array.from(read.lines);
  const analysis = analyseBatch(read.values, examples, lines, format, opts);
  return {
    ok: true,
    lineEnds: read.lineEnds,
    records: n,
    formats,
    lines,
    analysis,
    target,
    crlf: read.crlf,
    blank: read.blank,
    firstBlank: read.firstBlank,
    startsWithBracket: read.bracket,
  };
}

/** The buffers a worker can transfer instead of copying when it posts `r`. */
export function transferablesOf(r: ChunkOutcome): ArrayBuffer[] {
  if (!r.ok) return [];
  const a = r.analysis;
  return [r.lines.buffer, a.messages.buffer, a.tokens.buffer, a.assistant.buffer, a.trainable.buffer] as ArrayBuffer[];
}

/** The format to validate with until the file's own is known: that of the first recognisable record of the head. */
export function guessFormat(head: Uint8Array): DatasetFormat {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(head);
  let pos = 0;
  for (let tries = 0; tries < 100 && pos < text.length; tries++) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const line = text.slice(pos, nl).trim();
    pos = nl + 1;
    if (line === '') continue;
    try {
      const f = likelyFormat(detectRecordFormat(JSON.parse(line)));
      if (f) return f;
    } catch {
      // not a record (the pass will say so)
    }
  }
  return 'chat';
}

/** Line facts of a whole file read by this pass, summed over its chunks in order. */
export interface LineFacts {
  lines: number;
  records: number;
  crlf: number;
  blank: number;
  firstBlank: number;
}

/** The core reader's end issues (ReaderCore.finish) for a file this pass read: BOM, CRLF, blank lines, empty file. */
export function fastEndIssues(f: LineFacts, bom: boolean): Issue[] {
  const issues: Issue[] = [];
  if (bom) issues.push(coreIssue('warning', 'bom', {}, { line: 1 }));
  if (f.crlf > 0) issues.push(coreIssue('info', 'crlf', { count: f.crlf }));
  if (f.blank > 0) issues.push(coreIssue('warning', 'blank_lines', { count: f.blank, first: f.firstBlank }, { line: f.firstBlank }));
  // Every line blank: the core reader saw no text and no record.
  if (f.records === 0) issues.push(coreIssue('error', 'empty_file', {}));
  return issues;
}
