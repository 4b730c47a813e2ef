// Reads JSONL text into records, one per line, keeping each record's source line and exact text. Tolerates and
// reports what real files contain (BOM, CRLF, blank lines, a JSON array, pretty-printed or glued objects, broken
// or absurdly deep lines) and never throws. Fast path: JSON.parse per line; characters are scanned only on failure.
import type { Container, Issue, ReadResult, SourceRecord } from './types.ts';
import { decodeBytes, type DecodeOptions } from './decode.ts';
import { coreIssue } from './messages/index.ts';
import { MAX_DEPTH, parseOrError } from './json-syntax.ts';
import { countNewlines, isSpace, lineEndOf, scanValue, skipAllSpace, skipInlineSpaceAndCommas, stripCr } from './json-scan.ts';

export { depthExceeds, locateJsonError, MAX_DEPTH } from './json-syntax.ts';

/** Per-record issues (invalid_json, too_deep) reported one by one before being summarised in a single issue. */
const MAX_RECORD_ISSUES = 1000;
/** Characters of a line quoted in an issue message. */
const QUOTE_CHARS = 60;

/** What a streaming reader returns at the end (everything `ReadResult` has except the encoding). */
export interface StreamEnd {
  records: SourceRecord[];
  issues: Issue[];
  container: Container;
  eol: '\n' | '\r\n';
  bom: boolean;
}

/**
 * Read JSONL text into records (never throws). A leading BOM (U+FEFF) is stripped and reported. Lines are split
 * on `\n` only (a trailing `\r` is stripped and reported as CRLF). `encoding` in the result is 'utf-8' (text is
 * assumed already decoded; use `readBytes` for raw bytes).
 */
export function readText(text: string): ReadResult {
  return { ...readDecoded(text, false), encoding: 'utf-8' };
}

/**
 * Decode bytes (see `decodeBytes`) then read them. Binary files give no records and a `binary_file` error, unless
 * `opts.allowBinary` (the user chose to import one as text anyway).
 */
export function readBytes(bytes: Uint8Array, opts: DecodeOptions = {}): ReadResult {
  const decoded = decodeBytes(bytes, opts);
  if (decoded.text === null) {
    return { records: [], issues: decoded.issues, container: 'binary', eol: '\n', bom: false, encoding: decoded.encoding };
  }
  const result = readDecoded(decoded.text, decoded.bom);
  return { ...result, issues: [...decoded.issues, ...result.issues], encoding: decoded.encoding };
}

/**
 * Streaming reader for big imports: `push` decoded text chunks (any size, split anywhere) and get back the records
 * completed so far, with the same lines, texts and issues `readText` would give for the whole text. A file that is
 * one JSON array is buffered and its elements are returned by `end()`. Records once returned are not kept by the
 * reader (a 512 MB file streams in bounded memory); `end().records` holds only the ones not returned before.
 */
export function createRecordReader(): { push(chunk: string): SourceRecord[]; end(): StreamEnd } {
  const core = new ReaderCore(false);
  let buffer = '';
  let started = false;
  let arrayMode = false;
  let ended = false;
  /** The buffer holds no line end: pushes without one only add to it (see push). */
  let noLineEnd = false;
  return {
    push(chunk: string): SourceRecord[] {
      if (ended || chunk.length === 0) return [];
      buffer += chunk;
      if (!started) {
        if (buffer.charCodeAt(0) === 0xfeff) {
          core.bom = true;
          buffer = buffer.slice(1);
        }
        const first = buffer.search(/\S/);
        if (first === -1) return [];
        started = true;
        arrayMode = buffer[first] === '[';
      }
      if (arrayMode) return [];
      // A line longer than many chunks (a 12 MB example): until its end comes, only the new chunk is searched
      // (parsing the buffer again on every push made reading such a line quadratic: 3.5 s for 12 MB).
      if (noLineEnd && chunk.indexOf('\n') === -1) return [];
      const used = core.consume(buffer, false);
      buffer = buffer.slice(used);
      noLineEnd = buffer.indexOf('\n') === -1;
      return core.takeRecords();
    },
    end(): StreamEnd {
      if (ended) return core.finish();
      ended = true;
      if (arrayMode && core.readArray(buffer)) return core.finish();
      core.consume(buffer, true);
      buffer = '';
      return core.finish();
    },
  };
}

function readDecoded(input: string, bomFromBytes: boolean): Omit<ReadResult, 'encoding'> {
  const core = new ReaderCore(bomFromBytes);
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) {
    core.bom = true;
    text = text.slice(1);
  }
  const first = text.search(/\S/);
  if (first !== -1 && text[first] === '[' && core.readArray(text)) return core.finish();
  core.consume(text, true);
  return core.finish();
}

/** A value found by the scanner: [start, end) offsets in the buffer. */
interface Span {
  start: number;
  end: number;
}

/** Accumulates records and statistics over one file (used whole or chunk by chunk). */
class ReaderCore {
  /** Records not yet handed out (a streaming reader takes them as it goes, so a big file's are not all kept). */
  records: SourceRecord[] = [];
  /** Records read so far, handed out or not. */
  private count = 0;
  bom: boolean;
  /** 1-based line number of the start of the next unconsumed buffer. */
  private line = 1;
  private crlf = 0;
  private lf = 0;
  private blank = 0;
  private firstBlank = 0;
  private glued = 0;
  private firstGlued = 0;
  private pretty = 0;
  private firstPretty = 0;
  private arrayElements = -1;
  private recordIssues: Issue[] = [];
  private recordIssueCount = 0;
  private sawText = false;

  constructor(bom: boolean) {
    this.bom = bom;
  }

  /** Consume complete lines of `s`; returns how many characters were used (the rest must be pushed again). */
  consume(s: string, final: boolean): number {
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      let end = nl;
      const hasNl = nl < n;
      if (hasNl) {
        if (end > pos && s.charCodeAt(end - 1) === 13) {
          end--;
          this.crlf++;
        } else this.lf++;
      }
      const lineText = s.slice(pos, end);
      if (lineText.length === 0 || (isSpace(lineText.charCodeAt(0)) && lineText.trim() === '')) {
        if (hasNl || lineText.length > 0) this.noteBlank(this.line);
        pos = nl + 1;
        this.line++;
        continue;
      }
      this.sawText = true;
      const parsed = parseOrError(lineText);
      if (parsed.ok) {
        this.addRecord({ line: this.line, endLine: this.line, text: lineText, value: parsed.value }, parsed.deep);
        pos = nl + 1;
        this.line++;
        continue;
      }
      // Slow path: the line is not one JSON value. Undo this line's EOL count; slowPath recounts what it consumes.
      if (hasNl) {
        if (end < nl) this.crlf--;
        else this.lf--;
      }
      const next = this.slowPath(s, pos, final);
      if (next === -1) break;
      pos = next;
    }
    return Math.min(pos, n);
  }

  /**
   * Handle a line that did not parse: split glued values, join a pretty-printed value spanning lines, or keep the
   * line as an unparsable record. Returns the offset of the next line start, or -1 when more text is needed.
   */
  private slowPath(s: string, lineStart: number, final: boolean): number {
    const spans: Span[] = [];
    let cursor = lineStart;
    let leftover: Span | null = null;
    for (;;) {
      cursor = skipInlineSpaceAndCommas(s, cursor);
      const c = s.charCodeAt(cursor);
      if (cursor >= s.length || c === 10) break;
      const scan = c === 123 || c === 91 ? scanValue(s, cursor, final) : { status: 'open' as const, end: cursor };
      if (scan.status === 'need_more') return -1;
      if (scan.status === 'closed') {
        spans.push({ start: cursor, end: scan.end });
        cursor = scan.end;
        continue;
      }
      // Open (cut off, or garbage): the rest of the current line becomes one unparsable record.
      const eol = lineEndOf(s, cursor);
      leftover = { start: cursor, end: eol };
      cursor = eol;
      break;
    }
    // A streaming caller must first deliver the end of the line where the cursor stopped (more may be glued on).
    if (!final && s.indexOf('\n', cursor) === -1) return -1;
    const lineEnd = lineEndOf(s, lineStart);
    // Junk on the first line (not a cut-off object) makes the whole line one unparsable record, as does a single piece.
    const junk = leftover !== null && leftover.start <= lineEnd && s[leftover.start] !== '{' && s[leftover.start] !== '[';
    const single = spans.length + (leftover ? 1 : 0) <= 1 && (spans[0] ?? leftover ?? { end: lineEnd }).end <= lineEnd;
    const wholeLine = junk || single;
    if (wholeLine && cursor < lineEnd) cursor = lineEnd;
    const pieces = wholeLine ? [{ start: lineStart, end: lineEnd }] : leftover ? [...spans, leftover] : spans;
    let atLine = this.line;
    let from = lineStart;
    let prevEndLine = 0;
    for (const span of pieces) {
      const startLine = atLine + countNewlines(s, from, span.start);
      const endLine = startLine + countNewlines(s, span.start, span.end);
      const raw = wholeLine ? stripCr(s.slice(lineStart, lineEnd)) : s.slice(span.start, span.end);
      const parsed = parseOrError(raw);
      if (startLine === prevEndLine) {
        this.glued++;
        if (!this.firstGlued) this.firstGlued = startLine;
      }
      if (endLine > startLine) {
        this.pretty++;
        if (!this.firstPretty) this.firstPretty = startLine;
      }
      const record: SourceRecord = parsed.ok
        ? { line: startLine, endLine, text: raw, value: parsed.value }
        : { line: startLine, endLine, text: raw, error: parsed.error };
      this.addRecord(record, parsed.deep);
      prevEndLine = endLine;
      atLine = endLine;
      from = span.end;
    }
    // Move past the line where the cursor stopped, counting the line endings consumed.
    let next = cursor < s.length ? s.indexOf('\n', cursor) : -1;
    if (next === -1) next = s.length;
    else next++;
    for (let i = s.indexOf('\n', lineStart); i !== -1 && i < next; i = s.indexOf('\n', i + 1)) {
      if (i > 0 && s.charCodeAt(i - 1) === 13) this.crlf++;
      else this.lf++;
      this.line++;
    }
    return next;
  }

  /** Read a whole-file JSON array; false when the text is not exactly one array (then read it as JSONL). */
  readArray(s: string): boolean {
    let start = s.search(/\S/);
    if (start === -1) start = 0;
    const scan = scanValue(s, start, true, false);
    if (scan.status !== 'closed' || s.slice(scan.end).trim() !== '') return false;
    this.sawText = true;
    this.countEols(s);
    let cursor = start + 1;
    let line = 1 + countNewlines(s, 0, cursor);
    let count = 0;
    for (;;) {
      const from = cursor;
      cursor = skipAllSpace(s, cursor);
      if (s[cursor] === ',') cursor = skipAllSpace(s, cursor + 1);
      if (cursor >= scan.end - 1) break;
      const el = scanValue(s, cursor, true, false);
      const end = el.status === 'closed' ? el.end : scan.end - 1;
      line += countNewlines(s, from, cursor);
      const raw = s.slice(cursor, end);
      const endLine = line + countNewlines(s, cursor, end);
      const parsed = parseOrError(raw);
      this.addRecord(parsed.ok ? { line, endLine, text: raw, value: parsed.value } : { line, endLine, text: raw, error: parsed.error }, parsed.deep);
      count++;
      line = endLine;
      cursor = end;
    }
    this.arrayElements = count;
    return true;
  }

  private countEols(s: string): void {
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) {
      if (i > 0 && s.charCodeAt(i - 1) === 13) this.crlf++;
      else this.lf++;
    }
  }

  private noteBlank(line: number): void {
    this.blank++;
    if (!this.firstBlank) this.firstBlank = line;
  }

  private addRecord(record: SourceRecord, deep: boolean): void {
    let r = record;
    if (deep) {
      r = {
        line: record.line,
        endLine: record.endLine,
        text: record.text,
        error: { code: 'json.too_deep', params: { max: MAX_DEPTH }, line: 1, column: 1 },
      };
      this.recordIssue(coreIssue('error', 'too_deep', { line: r.line, max: MAX_DEPTH }, { line: r.line, example: this.count + 1 }));
    } else if (r.error) {
      const fileLine = r.line + r.error.line - 1;
      const error = { code: r.error.code, params: r.error.params };
      const params = { line: fileLine, column: r.error.column, error, text: quote(r.text) };
      this.recordIssue(coreIssue('error', 'invalid_json.line', params, { line: r.line, example: this.count + 1 }));
    }
    this.records.push(r);
    this.count++;
  }

  private recordIssue(issue: Issue): void {
    this.recordIssueCount++;
    if (this.recordIssueCount <= MAX_RECORD_ISSUES) this.recordIssues.push(issue);
  }

  /** The records read since the last call, forgotten by the reader. */
  takeRecords(): SourceRecord[] {
    const fresh = this.records;
    this.records = [];
    return fresh;
  }

  finish(): StreamEnd {
    const issues: Issue[] = [];
    if (this.bom) {
      issues.push(coreIssue('warning', 'bom', {}, { line: 1 }));
    }
    if (this.crlf > 0) {
      issues.push(coreIssue('info', 'crlf', { count: this.crlf }));
    }
    if (this.blank > 0) {
      issues.push(coreIssue('warning', 'blank_lines', { count: this.blank, first: this.firstBlank }, { line: this.firstBlank }));
    }
    if (this.arrayElements >= 0) {
      issues.push(coreIssue('warning', 'json_array', { count: this.arrayElements }, { line: 1 }));
    }
    if (this.pretty > 0) {
      issues.push(coreIssue('warning', 'pretty_printed', { count: this.pretty, first: this.firstPretty }, { line: this.firstPretty }));
    }
    if (this.glued > 0) {
      issues.push(coreIssue('warning', 'glued_objects', { count: this.glued, first: this.firstGlued }, { line: this.firstGlued }));
    }
    if (!this.sawText && this.count === 0) {
      issues.push(coreIssue('error', 'empty_file', {}));
    }
    issues.push(...this.recordIssues);
    if (this.recordIssueCount > MAX_RECORD_ISSUES) {
      issues.push(coreIssue('error', 'invalid_json.more', { count: this.recordIssueCount - MAX_RECORD_ISSUES, max: MAX_RECORD_ISSUES }));
    }
    const container: Container =
      !this.sawText && this.count === 0 ? 'empty' : this.arrayElements >= 0 ? 'json-array' : this.pretty + this.glued > 0 ? 'concatenated' : 'jsonl';
    return { records: this.records, issues, container, eol: this.crlf > this.lf ? '\r\n' : '\n', bom: this.bom };
  }
}

function quote(text: string): string {
  const t = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
  return JSON.stringify(t);
}
