// `tuneset check` on a file of any size. The common file (UTF-8 JSONL, every line one JSON value) takes the fast
// pass (fast-check.ts): this thread cuts the bytes into chunks of whole lines, and the chunks are decoded, parsed,
// validated and counted on the worker threads (and here, when their queues are full). Any other file, or one the
// fast pass finds it cannot read as the core reader would, takes the general path: the bytes are read 1 MiB at a
// time, decoded (decode-stream.ts) and split into records by the core's streaming reader on this thread, and the
// parsed examples go in batches to the workers (or are analysed here with --jobs 1). Either way only small
// per-example results are kept (compose.ts puts the report together): memory is bounded by the limits below.
//
// Examples are validated against the dataset's format, which is only known at the end (the majority format of a
// mixed file). Until then the format of the first recognisable record is used; when the final format turns out
// different for any parsed example (a mixed file, an odd first record) the file is read once more with it.
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { createRecordReader, type StreamEnd } from '../lib/dataset/read';
import { detectFileFormat, detectRecordFormat } from '../lib/dataset/detect';
import { guideCheck } from '../lib/dataset/guide-check';
import { DEFAULT_MODEL, reportEncoding, toolFamilyOf } from '../lib/dataset/report';
import { resolveModel } from '../lib/models/catalog';
import type { DatasetFormat, SourceRecord } from '../lib/dataset/types';
import type { Lang } from '../lib/dataset/messages/index';
import { addGuide, analyseBatch, type AnalyseOptions, type BatchResult } from './analyse';
import { composeReport, likelyFormat, type ExampleTable } from './compose';
import { expectedFormat } from '../lib/dataset/validate';
import { addTargetFacts, emptyTargetSummary, targetExampleFacts, type TargetId } from '../lib/dataset/targets/index';
import type { TargetReport } from './compose';
import { loadCounter } from './counter';
import {
  binaryMode,
  bomBytes,
  chunkDecoder,
  CHUNK_BYTES,
  decideMode,
  decodeIssues,
  encodingName,
  FoundNul,
  hasNulAfterHead,
  NotUtf8,
  openFile,
  windows1252Mode,
  type DecodeMode,
  type RandomAccessFile,
} from './decode-stream';
import { WorkerPool } from './pool';
import { fastPass, fastStats } from './fast-check';
import { FAST_CHUNK_BYTES, guessFormat } from './fast-pass';
import { takePrestarted, THREADS_FROM_BYTES, threadsFor } from './prestart';
import type { Issue } from '../lib/dataset/types';

export { THREADS_FROM_BYTES, fastStats };

/** Largest file checked: OpenAI's limit for a training file. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Longest record (or whole-file JSON array, which is read at once) in characters: 128 Mi, a few times any real one. */
export const MAX_RECORD_CHARS = 128 * 1024 * 1024;
/** Most issues a report may hold (a file with more is not a training file; its report would not fit in memory). */
export const MAX_ISSUES = 1_000_000;
/** Characters of example text in one batch. */
const BATCH_CHARS = 128 * 1024;
/**
 * Characters posted to a worker and not answered yet above which this thread analyses the next batch itself: deep
 * enough that a worker never waits while this thread reads, parses or analyses (it gets the larger share).
 */
const WORKER_QUEUE_CHARS = 8 * BATCH_CHARS;
/** Bytes read at a time when there are workers: their answers are let in between two reads. */
const POOL_CHUNK_BYTES = 256 * 1024;

/** Options of a check. The report's wording options (e.g. a future `lang`) belong to the caller that renders it. */
export interface CheckOptions {
  /** Model id (default DEFAULT_MODEL). */
  model?: string;
  /**
   * Threads analysing examples (validation, fingerprints, token counts): N → this thread and N − 1 workers, which
   * get batches while they keep up (this thread reads and parses the file, and analyses the rest); 1 → no worker;
   * 'auto' → the core count, or 1 for a small file.
   */
  jobs?: number | 'auto';
  /** Script the workers run (the bundled CLI; defaults to the module that is running, which must be that bundle). */
  workerFile?: string | URL;
  /** Called after each chunk read: bytes done of total, examples so far. */
  onProgress?: (done: number, total: number, examples: number) => void;
  /** Clock of `generated_at`. */
  now?: Date;
  /**
   * Language of the report's issue sentences (default English). The spot for `--lang en|zh`: parse it in
   * tuneset.ts's parseArgs and pass it here; the summary's own lines (formatSummary) would need the same.
   */
  lang?: Lang;
  /** --target: check for this trainer's rules (absent: OpenAI's, and the report names the format's default target). */
  target?: TargetId;
}

/** The outcome of a check: a report (binary: the file is not text, the report says why), or why there is none. */
export type CheckResult = { ok: true; report: TargetReport; binary: boolean } | { ok: false; message: string };

/** A reason to stop with exit code 2 (a one-line message). */
export class Unusable extends Error {}

/** The number of threads the default --jobs uses. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Checks the file at `path` and builds its report (never throws for a bad file: `ok: false` says why). */
export async function checkFile(path: string, opts: CheckOptions = {}): Promise<CheckResult> {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, message: `Cannot check "${path}": it is a folder. Give the path of a .jsonl file.` };
    if (!st.isFile())
      return { ok: false, message: `Cannot check "${path}": it is not a regular file (a device, pipe or socket). Save the data to a file first.` };
    size = st.size;
  } catch (e) {
    return { ok: false, message: `Cannot read "${path}": ${reason(e)}.` };
  }
  if (size > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `Cannot check "${path}": it is ${sizeText(size)}, over OpenAI's limit of 512 MB for a training file. Split it into smaller files.`,
    };
  }
  let file: RandomAccessFile;
  try {
    file = openFile(path, size);
  } catch (e) {
    return { ok: false, message: `Cannot read "${path}": ${reason(e)}.` };
  }
  let pool: WorkerPool | null = null;
  try {
    const model = opts.model ?? DEFAULT_MODEL;
    const info = resolveModel(model);
    const encoding = reportEncoding(model);
    const toolFamily = toolFamilyOf(info);
    let mode = decideMode(file);
    const jobs = opts.jobs ?? 'auto';
    const threads = threadsFor(jobs, size);
    let fixedFormat: DatasetFormat | null = null;
    /** The fast pass found the file needs the general path. */
    let general = false;
    const facts = { file: path, model, info, encoding, now: opts.now ?? new Date(), lang: opts.lang, target: opts.target };
    for (;;) {
      if (mode.kind === 'binary') {
        const report = composeReport({ ...facts, readIssues: mode.issues, textEncoding: 'binary', binary: true }, emptyTable());
        return { ok: true, report, binary: true };
      }
      if (threads > 1) {
        pool ??= new WorkerPool(
          opts.workerFile ?? new URL(import.meta.url),
          threads - 1,
          { encoding, toolFamily, target: opts.target ?? null },
          takePrestarted(threads - 1),
        );
      }
      const counter = await loadCounter(encoding);
      const local = { count: (s: string) => counter.count(s), toolFamily, target: opts.target ?? null };
      let pass: Omit<PassResult, 'end'> & { endIssues: Issue[] };
      if (mode.kind === 'utf-8' && !general) {
        const format = fixedFormat ?? guessFormat(file.read(bomBytes(mode), FAST_CHUNK_BYTES));
        fastStats.passes++;
        const fast = await fastPass({
          file,
          bom: mode.bom,
          format,
          local,
          pool,
          table: emptyTable(),
          maxIssues: MAX_ISSUES,
          tooMany: tooManyIssues,
          progress: (done, examples) => opts.onProgress?.(done, size, examples),
        });
        if (!fast.ok) {
          fastStats.fallbacks++;
          fastStats.lastFallback = fast.reason;
          general = true;
          continue;
        }
        pass = { table: fast.table, endIssues: fast.endIssues, validatedWith: new Set(fast.table.formats.length > 0 ? [format] : []) };
      } else
        try {
          const analyse = analyser(local, pool);
          const chunkBytes = pool ? POOL_CHUNK_BYTES : CHUNK_BYTES;
          const read = await readPass(file, mode, fixedFormat, analyse, chunkBytes, (done, examples) => opts.onProgress?.(done, size, examples));
          pass = { ...read, endIssues: read.end.issues };
        } catch (e) {
          if (e instanceof NotUtf8At) {
            mode = !mode.bom && hasNulAfterHead(file) ? binaryMode(file) : windows1252Mode(file, mode.bom, e.start, e.end);
            continue;
          }
          if (e instanceof FoundNul) {
            mode = binaryMode(file);
            continue;
          }
          throw e;
        }
      const final = expectedFormat(detectFileFormat(pass.table.formats), pass.table.formats);
      if (fixedFormat === null && [...pass.validatedWith].some((f) => f !== final)) {
        fixedFormat = final;
        continue;
      }
      const readIssues = [...decodeIssues(mode), ...pass.endIssues];
      const report = composeReport({ ...facts, readIssues, textEncoding: encodingName(mode), binary: false }, pass.table);
      return { ok: true, report, binary: false };
    }
  } catch (e) {
    if (e instanceof Unusable) return { ok: false, message: `Cannot check "${path}": ${e.message}` };
    const code = (e as NodeJS.ErrnoException).code;
    // A system error while reading (EIO, ESTALE…); Node's own ERR_… codes are bugs, not the file's fault.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { ok: false, message: `Cannot read "${path}": ${reason(e)}.` };
    throw e;
  } finally {
    file.close();
    await pool?.close();
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e);
}

/** A size in MB of 2^20 bytes, as OpenAI's "512 MB" limit counts them. */
function sizeText(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MB`;
}

function emptyTable(): ExampleTable {
  return {
    formats: [],
    fingerprints: [],
    lines: [],
    issues: [],
    errors: new Map(),
    messages: [],
    tokens: [],
    assistant: [],
    trainable: [],
    guide: { format_errors: {}, missing_system: 0, missing_user: 0 },
    targetSummary: emptyTargetSummary(),
  };
}

/** Thrown by a pass when strict UTF-8 failed while decoding bytes [start, end). */
class NotUtf8At extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super('not UTF-8');
  }
}

/** A batch of parsed examples on its way to be analysed. */
interface Batch {
  format: DatasetFormat;
  values: unknown[];
  texts: string[];
  examples: number[];
  lines: number[];
  chars: number;
}

/** Analyses a batch: on a worker that has room in its queue (a promise), else here (at once). */
type Analyser = (batch: Batch) => BatchResult | Promise<BatchResult>;

/** Characters of example text analysed on this thread and on workers (TUNESET_STATS=1 prints them). */
export const threadShare = { main: 0, workers: 0 };

function analyser(local: AnalyseOptions, pool: WorkerPool | null): Analyser {
  return (b) => {
    if (pool && pool.inFlight < WORKER_QUEUE_CHARS * pool.size) {
      threadShare.workers += b.chars;
      return pool.run({ texts: b.texts, examples: Int32Array.from(b.examples), lines: Int32Array.from(b.lines), format: b.format }, b.chars);
    }
    threadShare.main += b.chars;
    return analyseBatch(b.values, b.examples, b.lines, b.format, local);
  };
}

interface PassResult {
  table: ExampleTable;
  end: StreamEnd;
  /** Formats parsed examples were validated against. */
  validatedWith: Set<DatasetFormat>;
}

/** The guide's counters for one unparsable record (it is "not a dict"). */
const UNPARSABLE_GUIDE = guideCheck([undefined]);

/** One read of the whole file in `mode`: records → batches → results in the example table. */
async function readPass(
  file: RandomAccessFile,
  mode: Exclude<DecodeMode, { kind: 'binary' }>,
  fixedFormat: DatasetFormat | null,
  analyser: Analyser,
  chunkBytes: number,
  progress: (done: number, examples: number) => void,
): Promise<PassResult> {
  const table = emptyTable();
  const validatedWith = new Set<DatasetFormat>();
  const reader = createRecordReader();
  const decoder = chunkDecoder(mode);
  let provisional = fixedFormat;
  let batch: Batch | null = null;
  let issueCount = 0;
  let failure: unknown = null;
  const inFlight = new Set<Promise<void>>();
  /** Characters pushed since the reader last gave records: the record being read (or a whole JSON array). */
  let pending = 0;
  let pushed = false;
  let lastLine = 0;

  const store = (b: Batch, r: BatchResult): void => {
    for (let i = 0; i < b.examples.length; i++) {
      const at = b.examples[i] - 1;
      const issues = r.issues[i];
      if (issues.length > 0) {
        table.issues[at] = issues;
        issueCount += issues.length;
      }
      table.fingerprints[at] = r.fingerprints[i];
      table.messages[at] = r.messages[i];
      table.tokens[at] = r.tokens[i];
      table.assistant[at] = r.assistant[i];
      table.trainable[at] = r.trainable[i];
    }
    addGuide(table.guide, r.guide);
    if (issueCount > MAX_ISSUES) failure ??= tooManyIssues();
  };

  const flush = (): void => {
    const b = batch;
    batch = null;
    if (!b || b.examples.length === 0) return;
    validatedWith.add(b.format);
    const r = analyser(b);
    if (!(r instanceof Promise)) return store(b, r);
    const done: Promise<void> = r.then(
      (res) => store(b, res),
      (e: unknown) => {
        failure ??= e;
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const onRecords = (records: SourceRecord[]): void => {
    for (const r of records) {
      const example = table.formats.length + 1;
      lastLine = r.endLine;
      table.lines.push(r.line);
      table.fingerprints.push('');
      table.messages.push(NaN);
      table.tokens.push(NaN);
      table.assistant.push(NaN);
      table.trainable.push(NaN);
      if (r.value === undefined) {
        table.formats.push('unknown');
        addTargetFacts(table.targetSummary, targetExampleFacts(undefined));
        table.issues.push(undefined);
        table.errors.set(example, r.error ?? { code: 'unreadable', params: {}, line: 1, column: 1 });
        addGuide(table.guide, UNPARSABLE_GUIDE);
        if (table.errors.size + issueCount > MAX_ISSUES) throw tooManyIssues();
        continue;
      }
      const detected = detectRecordFormat(r.value);
      table.formats.push(detected);
      addTargetFacts(table.targetSummary, targetExampleFacts(r.value));
      table.issues.push(undefined);
      if (provisional === null) provisional = likelyFormat(detected);
      const format = provisional ?? 'chat';
      if (batch && (batch.format !== format || batch.chars >= BATCH_CHARS)) flush();
      batch ??= { format, values: [], texts: [], examples: [], lines: [], chars: 0 };
      batch.values.push(r.value);
      batch.texts.push(r.text);
      batch.examples.push(example);
      batch.lines.push(r.line);
      batch.chars += r.text.length;
    }
  };

  const push = (text: string): void => {
    if (text.length === 0) return;
    if (!pushed) {
      pushed = true;
      // The reader notes a BOM from a leading U+FEFF (readBytes is told by decodeBytes instead, and strips one more).
      if (mode.bom && text.charCodeAt(0) !== 0xfeff) text = '\uFEFF' + text;
    }
    const records = reader.push(text);
    if (records.length > 0) pending = 0;
    else if ((pending += text.length) > MAX_RECORD_CHARS) throw tooLongRecord(lastLine);
    onRecords(records);
  };

  /** Lets the workers' answers in (they arrive as events), so their queues empty and they get more batches. */
  const takeAnswers = async (): Promise<void> => {
    if (inFlight.size > 0) await new Promise((resolve) => setImmediate(resolve));
    if (failure) throw failure;
  };

  let offset = bomBytes(mode);
  let chunkStart = offset;
  let chunkEnd = offset;
  try {
    while (offset < file.size) {
      const chunk = file.read(offset, chunkBytes);
      if (chunk.length === 0) break;
      chunkStart = offset;
      chunkEnd = offset + chunk.length;
      push(decoder.decode(chunk));
      offset += chunk.length;
      flushIfBig(batch, flush);
      await takeAnswers();
      progress(offset, table.formats.length);
    }
    push(decoder.flush());
  } catch (e) {
    if (e instanceof NotUtf8) throw new NotUtf8At(chunkStart, chunkEnd);
    throw e;
  }
  if (!pushed && mode.bom) reader.push('\uFEFF');
  const end = reader.end();
  onRecords(end.records);
  flush();
  while (inFlight.size > 0) await Promise.race(inFlight);
  if (failure) throw failure;
  return { table, end, validatedWith };
}

/** Posts a batch that is already full-sized (the rest waits for more records of the next chunk). */
function flushIfBig(batch: Batch | null, flush: () => void): void {
  if (batch && batch.chars >= BATCH_CHARS) flush();
}

function tooManyIssues(): Unusable {
  return new Unusable(
    `it has more than ${MAX_ISSUES.toLocaleString('en')} issues: this is not a fine-tuning file (or something went very wrong producing it).`,
  );
}

function tooLongRecord(afterLine: number): Unusable {
  return new Unusable(
    `the record starting after line ${afterLine} is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MB (or the file is one JSON array that big): too big to check. A training example is far smaller; split the file, or write it as JSONL (one example per line).`,
  );
}
