// Import of dropped, picked or pasted files: reads them in slices (the page stays responsive), shows progress with
// cancel, proposes repairs for review, then creates a dataset (or appends to the open one). Nothing is dropped:
// records that cannot be repaired come in as raw lines marked with their error.
import { readBytes, createRecordReader } from '../dataset/read';
import { decodeBytes, looksBinary } from '../dataset/decode';
import { chunkRuns, type LineRun } from '../dataset/line-runs';
import { applyRepairs, proposeRepairsInSlices, type Repair } from '../dataset/repair';
import { detectRecordFormat, detectFileFormat } from '../dataset/detect';
import { naturalTarget } from '../dataset/convert';
import { newExampleId } from '../dataset/ops';
import { getMessages } from '../dataset/edit';
import type { DatasetFormat, Example, Issue, ReadResult, RecordFormat, SourceRecord } from '../dataset/types';
import type { Workspace } from './workspace.svelte';
import type { MessageKey } from '../i18n/catalog';
import { SLICE_MS, yieldToPage } from '../util/yield';
import { isBackup, restoreBackup } from './backup';

/** Files up to this size are decoded in one go (encoding detection needs the whole text); larger ones stream. */
const STREAM_FROM_BYTES = 4 * 1024 * 1024;
/** Characters handed to the record reader at once (~5 ms of JSON.parse). */
const PUSH_CHARS = 256 * 1024;

/** Largest number of records always scanned for proposed repairs. */
const MAX_REPAIR_SCAN = 50_000;

/** Progress of the running import. */
export interface ImportProgress {
  name: string;
  /** Bytes read so far. */
  done: number;
  total: number;
  records: number;
  startedAt: number;
}

/** One sentence of a message for the user: a UI catalog key and its parameters (shown in the chosen language). */
export interface NoticePart {
  key: MessageKey;
  /**
   * Values of the sentence; `{ issues }` is written as those issues' sentences in the same language, joined by a
   * space, and `{ label }` as that catalog text.
   */
  params?: Record<string, string | number | NoticeIssues | NoticeLabel>;
}

/** A name written in the user's language when shown (e.g. the format a file was detected as). */
export interface NoticeLabel {
  label: MessageKey;
}

/** Issues named in a notice (written in the user's language when shown). */
export interface NoticeIssues {
  issues: readonly Issue[];
}

/** A file whose proposed repairs wait for the user's review. */
export interface PendingReview {
  name: string;
  records: SourceRecord[];
  repairs: Repair[];
  issues: Issue[];
  format: DatasetFormat;
  eol: '\n' | '\r\n';
  /** Id of the dataset to append to (the one open when the import started); null to create a dataset. */
  append: string | null;
}

/**
 * Reads a CSV/TSV file (role/content or prompt/completion columns) into records, shaped like a JSONL read. The CSV
 * parser loads with the first CSV file (not first-screen script).
 */
async function readCsvFile(bytes: Uint8Array, allowBinary: boolean): Promise<ReadResult> {
  const decoded = decodeBytes(bytes, { allowBinary });
  if (decoded.text === null) return { records: [], issues: decoded.issues, container: 'binary', eol: '\n', bom: false, encoding: 'binary' };
  const { parseCsv } = await import('../dataset/csv');
  const { records, issues } = parseCsv(decoded.text);
  return { records, issues: [...decoded.issues, ...issues], container: 'jsonl', eol: '\n', bom: decoded.bom, encoding: decoded.encoding };
}

/** Thrown by the streaming reader when a chunk is not text; the whole file is then decoded (and named binary). */
class NotUtf8Text extends Error {}

/** Formats of the first records (a sample is enough to tell what a file is), read once per import. */
function sampleFormats(records: readonly SourceRecord[]): RecordFormat[] {
  return records.slice(0, 5000).flatMap((r) => (r.value === undefined ? [] : [detectRecordFormat(r.value)]));
}

/** What the records look like ("ShareGPT", "chat (messages)"…), as a catalog key for the import message. */
function describeDetected(formats: RecordFormat[]): MessageKey {
  return `detected.${detectFileFormat(formats)}`;
}

/** The dataset example of one read record (untouched records keep their exact text for lossless export). */
function recordToExample(r: SourceRecord): Example {
  return r.value === undefined || r.error
    ? { id: newExampleId(), raw: r.text, line: r.line }
    : { id: newExampleId(), value: r.value, original: r.text, line: r.line };
}

/**
 * Converts read records into dataset examples. Records already given an example while the file was read (`made`)
 * keep that very object, so the analysis started for it then is used.
 */
export function recordsToExamples(records: readonly SourceRecord[], made?: WeakMap<SourceRecord, Example>): Example[] {
  return records.map((r) => made?.get(r) ?? recordToExample(r));
}

/** The dataset format that fits records of these formats best (chat when unclear). */
function datasetFormatOf(formats: RecordFormat[]): DatasetFormat {
  const file = detectFileFormat(formats);
  if (file === 'chat' || file === 'preference' || file === 'prompt_completion') return file;
  const first = formats.find((f) => f !== 'unknown');
  return (first && naturalTarget(first)) ?? 'chat';
}

/** Examples shown under the progress bar while a big file is read (the file's first ones). */
const PREVIEW_EXAMPLES = 3;

/** What the preview shows of one example: its first message's role and the start of its text (plain text). */
export interface PreviewLine {
  line: number;
  role: string;
  text: string;
}

/** A message with some text content. */
type TextMessage = { role?: unknown; content: string };
const isTextMessage = (m: unknown): m is TextMessage => {
  const content = (m as { content?: unknown } | null)?.content;
  return typeof content === 'string' && content.trim() !== '';
};

/** The preview line of a parsed record: its first non-system message (or prompt) with text, cut to 200 characters. */
function previewOf(ex: Example): PreviewLine {
  const messages = getMessages(ex.value).filter(isTextMessage);
  const first = messages.find((m) => m.role !== 'system') ?? messages[0];
  const prompt = (ex.value as { prompt?: unknown } | undefined)?.prompt;
  const text = first?.content ?? (typeof prompt === 'string' ? prompt : (ex.original ?? ''));
  return { line: ex.line ?? 0, role: typeof first?.role === 'string' ? first.role : '', text: text.slice(0, 200) };
}

export class Importer {
  progress = $state.raw<ImportProgress | null>(null);
  /** The first examples of the file being read, shown while the rest is parsed (empty otherwise). */
  preview = $state.raw<PreviewLine[]>([]);
  review = $state.raw<PendingReview | null>(null);
  /** Last message for the user (done, cancelled, error), as sentences joined by a space; empty when there is none. */
  notice = $state.raw<NoticePart[]>([]);
  /** The last imported original file, downloadable unchanged. */
  original = $state.raw<File | null>(null);
  /** What the last imported file looked like (shown with the outcome): a catalog key, null before any import. */
  detected = $state<MessageKey | null>(null);
  /** True while the paste dialog is open. */
  pasteOpen = $state(false);
  /** The last file refused as binary, with where it was to go: the notice offers to import it as text anyway. */
  binary = $state.raw<{ file: File; append: string | null } | null>(null);
  #abort: AbortController | null = null;
  /** Files waiting their turn (several dropped at once, or dropped during a review); `asText` imports binary as text. */
  #queue: { file: File; append: string | null; asText?: boolean }[] = [];

  constructor(private readonly ws: Workspace) {}

  /** Imports each file in turn; with `append` they are added to the open dataset instead of becoming new ones. */
  async importFiles(files: File[], append = false): Promise<void> {
    // Appending goes to the dataset open now; if the user switches meanwhile, the file becomes a dataset of its own.
    const target = append ? (this.ws.meta?.id ?? null) : null;
    if (this.#abort || this.review) {
      this.#queue.push(...files.map((file) => ({ file, append: target })));
      return;
    }
    this.#queue.push(...files.map((file) => ({ file, append: target })));
    await this.#drain();
  }

  /** Imports queued files until one needs a review (the rest continue after it). */
  async #drain(): Promise<void> {
    while (this.#queue.length && !this.review) {
      const { file, append, asText } = this.#queue.shift()!;
      await this.#importOne(file, append, asText ?? false);
    }
  }

  /** Imports the file last refused as binary anyway, decoded as text (its lines come in raw, marked with their error). */
  async importBinaryAsText(): Promise<void> {
    const b = this.binary;
    if (!b) return;
    this.binary = null;
    this.#queue.push({ ...b, asText: true });
    if (!this.#abort && !this.review) await this.#drain();
  }

  /** Imports pasted text as a file named "pasted.jsonl". */
  importText(text: string, append = false): Promise<void> {
    return this.importFiles([new File([text], 'pasted.jsonl', { type: 'application/jsonl' })], append);
  }

  openPaste(): void {
    this.pasteOpen = true;
  }

  /** Stops the running import (nothing of it is added) and drops the files still waiting. */
  cancel(): void {
    this.#queue = [];
    this.#abort?.abort();
  }

  /** Applies the accepted repairs of the pending review and creates the dataset. */
  async acceptReview(accepted: Repair[]): Promise<void> {
    const r = this.review;
    if (!r) return;
    this.review = null;
    const records = applyRepairs(r.records, accepted, { format: r.format });
    await this.#finish(
      r.name,
      records,
      r.format,
      r.eol,
      r.append,
      undefined,
      accepted.some((a) => a.kind === 'foreign_format'),
    );
    await this.#drain();
  }

  /** Imports without any repair (damaged records stay raw, marked with their error). */
  async rejectReview(): Promise<void> {
    await this.acceptReview([]);
  }

  /** Drops the file under review (nothing is added) and goes on with the files still waiting. */
  async dropReview(): Promise<void> {
    const r = this.review;
    if (!r) return;
    this.review = null;
    this.notice = [{ key: 'import.cancelled', params: { name: r.name } }];
    await this.#drain();
  }

  async #importOne(file: File, append: string | null, asText = false): Promise<void> {
    const abort = (this.#abort = new AbortController());
    this.original = file;
    this.notice = [];
    this.binary = null;
    this.progress = { name: file.name, done: 0, total: file.size, records: 0, startedAt: performance.now() };
    // Examples of a big file are handed to the analysis workers as they are parsed (counting overlaps reading).
    const made = new WeakMap<SourceRecord, Example>();
    let guess: DatasetFormat | undefined;
    const prefetch = (fresh: readonly SourceRecord[], all: readonly SourceRecord[]) => {
      guess ??= append && this.ws.meta?.id === append ? this.ws.meta.format : datasetFormatOf(sampleFormats(all));
      const examples: Example[] = [];
      for (const r of fresh) {
        if (r.value === undefined || r.error) continue;
        const ex = recordToExample(r);
        made.set(r, ex);
        examples.push(ex);
      }
      this.ws.analysis.prefetch(examples, this.ws.importTarget(guess, append), abort.signal);
      if (this.preview.length < PREVIEW_EXAMPLES && examples.length) {
        this.preview = [...this.preview, ...examples.slice(0, PREVIEW_EXAMPLES - this.preview.length).map(previewOf)];
      }
    };
    try {
      const read = /\.(csv|tsv)$/i.test(file.name)
        ? await readCsvFile(new Uint8Array(await file.arrayBuffer()), asText)
        : file.size <= STREAM_FROM_BYTES || asText
          ? readBytes(new Uint8Array(await file.arrayBuffer()), { allowBinary: asText })
          : await this.#stream(file, abort.signal, prefetch);
      if (read.container === 'binary') {
        // Named as binary, not imported; the notice offers to import it as text anyway (nothing is lost silently).
        const problem = { issues: read.issues.filter((i) => i.code === 'binary_file') };
        this.notice = [{ key: 'import.binary', params: { name: file.name, problem } }];
        this.binary = { file, append };
        return;
      }
      // A Tuneset backup comes back as the dataset it was (never appended, never "repaired").
      if (isBackup(read.records)) return await this.#restore(file.name, read.records);
      const formats = sampleFormats(read.records);
      this.detected = describeDetected(formats);
      if (abort.signal.aborted) {
        this.notice = [{ key: 'import.cancelled', params: { name: file.name } }];
        return;
      }
      const format = append && this.ws.meta?.id === append ? this.ws.meta.format : datasetFormatOf(formats);
      // Value-level fixes (role aliases, object arguments…) need a scan of every record; past MAX_REPAIR_SCAN records
      // only files with unparsable lines are scanned, to keep huge valid imports fast.
      const scan = read.records.length <= MAX_REPAIR_SCAN || read.records.some((r) => r.error || r.value === undefined);
      const repairs = scan ? await proposeRepairsInSlices(read.records, format, abort.signal) : [];
      if (abort.signal.aborted) {
        this.notice = [{ key: 'import.cancelled', params: { name: file.name } }];
        return;
      }
      if (repairs.length) {
        this.review = { name: file.name, records: read.records, repairs, issues: read.issues, format, eol: read.eol, append };
        return;
      }
      if (!read.records.length) {
        this.notice = read.issues.length
          ? [{ key: 'import.problems', params: { name: file.name, problems: { issues: read.issues } } }]
          : [{ key: 'import.noRecords', params: { name: file.name } }];
        return;
      }
      await this.#finish(file.name, read.records, format, read.eol, append, made);
    } catch (e) {
      this.notice = [{ key: 'error.read', params: { name: file.name, error: e instanceof Error ? e.message : String(e) } }];
    } finally {
      this.progress = null;
      this.preview = [];
      this.#abort = null;
    }
  }

  /**
   * Streams a large UTF-8 file in chunks, yielding to the page between them; falls back to a whole read if not UTF-8.
   * `onRecords` gets the records parsed since its last call (and all so far) at each turn given back to the page.
   */
  async #stream(file: File, signal: AbortSignal, onRecords: (fresh: readonly SourceRecord[], all: readonly SourceRecord[]) => void): Promise<ReadResult> {
    const reader = createRecordReader();
    // Each chunk is decoded in runs, lines with only narrow characters apart (line-runs.ts): their strings take one
    // byte per character instead of two. `ignoreBOM`: the record reader notes the file's BOM, as a whole read does.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const bytes = file.stream().getReader();
    const records: SourceRecord[] = [];
    let reported = 0;
    let done = 0;
    let lastYield = performance.now();
    /**
     * Parses the text of `runs` in pieces (a browser may hand over several MB at once), handing the page a turn
     * (paint, input, the progress bar) about every SLICE_MS of parsing.
     */
    const parse = async (runs: LineRun[]) => {
      for (const run of runs) {
        const text = decoder.decode(run.bytes, { stream: true });
        for (let at = 0; at < text.length; at += PUSH_CHARS) {
          for (const r of reader.push(text.slice(at, at + PUSH_CHARS))) records.push(r); // the whole text when it fits
          if (performance.now() - lastYield <= SLICE_MS) continue;
          onRecords(records.slice(reported), records);
          reported = records.length;
          this.progress = { ...this.progress!, done, records: records.length };
          await yieldToPage();
          lastYield = performance.now();
        }
      }
    };
    try {
      for (;;) {
        if (signal.aborted) {
          await bytes.cancel();
          break;
        }
        const chunk = await bytes.read();
        if (chunk.done) {
          for (const r of reader.push(decoder.decode())) records.push(r); // throws on a character cut off at the end
          break;
        }
        // A NUL byte (binary data, or UTF-16 text) or a binary-looking start: decode the whole file instead.
        if (chunk.value.indexOf(0) !== -1 || (done === 0 && looksBinary(chunk.value.subarray(0, 65_536)))) throw new NotUtf8Text();
        done += chunk.value.byteLength;
        await parse(chunkRuns(chunk.value));
      }
    } catch {
      if (signal.aborted) return { records: [], issues: [], container: 'empty', eol: '\n', bom: false, encoding: 'utf-8' };
      return readBytes(new Uint8Array(await file.arrayBuffer())); // not UTF-8: let the decoder detect the encoding
    }
    const end = reader.end();
    for (const r of end.records) records.push(r);
    return { records, issues: end.issues, container: end.container, eol: end.eol, bom: end.bom, encoding: 'utf-8' };
  }

  /** Restores a backup as a new dataset (see backup.ts); says what it restored, and what it could not read. */
  async #restore(file: string, records: readonly SourceRecord[]): Promise<void> {
    const r = restoreBackup(records);
    if ('error' in r) {
      this.notice = [{ key: 'import.backupUnreadable', params: { name: file, reason: r.error } }];
      return;
    }
    await this.ws.create(r.name, r.format, r.examples, r.extra);
    this.notice = [
      { key: 'import.restored', params: { name: r.name, count: r.examples.length } },
      ...(r.unreadable.length
        ? [{ key: 'import.backupDamaged' as const, params: { count: r.unreadable.length, lines: r.unreadable.slice(0, 10).join(', ') } }]
        : []),
    ];
  }

  async #finish(
    name: string,
    records: SourceRecord[],
    format: DatasetFormat,
    eol: '\n' | '\r\n',
    append: string | null,
    made?: WeakMap<SourceRecord, Example>,
    converted = false,
  ): Promise<void> {
    const examples = recordsToExamples(records, made);
    if (append && this.ws.meta?.id === append) this.ws.appendExamples(examples);
    else await this.ws.create(name.replace(/\.(jsonl|json|csv|txt)$/i, '') || name, format, examples, { sourceName: name, eol });
    const raw = examples.filter((e) => e.value === undefined).length;
    const params = { count: examples.length, name, detected: { label: this.detected ?? 'detected.empty' }, format: { label: `detected.${format}` as const } };
    this.notice = [
      // "Converted where you accepted it" only when a conversion was offered and accepted.
      { key: converted ? 'import.importedConverted' : 'import.imported', params },
      ...(raw ? [{ key: 'import.rawLines' as const, params: { count: raw } }] : []),
    ];
  }
}
