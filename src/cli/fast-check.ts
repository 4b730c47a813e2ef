// The main thread's side of the fast pass (fast-pass.ts): it reads the file in chunks of whole lines, keeps every
// worker's queue a few chunks deep (the chunk's buffer is transferred, never copied), analyses a chunk itself when
// the queues are full, and merges the chunks' results in file order into the example table — adding each chunk's
// example and line offsets, so the table (and so the report) does not depend on which thread did what.
import type { DatasetFormat, Issue } from '../lib/dataset/types';
import type { TargetDatasetSummary } from '../lib/dataset/targets/index';
import { addGuide, type AnalyseOptions } from './analyse';
import type { ExampleTable } from './compose';
import { bomBytes, type RandomAccessFile } from './decode-stream';
import {
  analyseChunk,
  FAST_CHUNK_BYTES,
  fastEndIssues,
  MAX_FAST_LINE_BYTES,
  type ChunkFallback,
  type ChunkOutcome,
  type ChunkResult,
  type LineFacts,
} from './fast-pass';
import type { WorkerPool } from './pool';

/** Chunks queued per worker: enough that a worker never waits while this thread analyses a chunk of its own. */
const QUEUED_CHUNKS = 3;

/** What the pass did, for TUNESET_STATS=1 and the tests. */
export const fastStats = {
  passes: 0,
  fallbacks: 0,
  lastFallback: '',
  chunksHere: 0,
  chunksOnWorkers: 0,
  msHere: 0,
  workerMs: 0,
  startMs: 0,
  firstWorkerMs: 0,
  endMs: 0,
  /** Each chunk this thread analysed in the last pass: when it was done (ms since start) and how long it took (TUNESET_STATS=chunks). */
  hereLog: [] as [at: number, ms: number][],
  /** The same for the workers' chunks, as their answers came in. */
  workerLog: [] as [at: number, ms: number][],
};

export interface FastPassInput {
  file: RandomAccessFile;
  bom: boolean;
  /** Format every example is validated against in this pass. */
  format: DatasetFormat;
  local: AnalyseOptions;
  pool: WorkerPool | null;
  /** An empty table to fill. */
  table: ExampleTable;
  /** More issues than this: `tooMany()` is thrown (as the general path does). */
  maxIssues: number;
  tooMany: () => Error;
  progress: (done: number, examples: number) => void;
}

export interface FastPassResult {
  ok: true;
  table: ExampleTable;
  /** The core reader's end issues for this file (BOM, CRLF, blank lines, empty file). */
  endIssues: Issue[];
}

/** A chunk on its way: analysed here (done at once) or on a worker. */
interface Slot {
  done: boolean;
  bytes: number;
  outcome?: ChunkOutcome;
  error?: unknown;
  wait?: Promise<void>;
}

const fallback = (reason: string): ChunkFallback => ({ ok: false, reason });

/** Reads the file through the fast pass; a fallback means: read it the general way. */
export async function fastPass(p: FastPassInput): Promise<FastPassResult | ChunkFallback> {
  const { file, table } = p;
  let offset = bomBytes({ kind: 'utf-8', bom: p.bom });
  // A second BOM after the first: the core reader strips it, this pass would not.
  if (p.bom) {
    const next = file.read(offset, 3);
    if (next[0] === 0xef && next[1] === 0xbb && next[2] === 0xbf) return fallback('two byte-order marks');
  }
  const facts: LineFacts = { lines: 0, records: 0, crlf: 0, blank: 0, firstBlank: 0 };
  let issueCount = 0;
  let sawText = false;
  let merged = 0;
  let stop: ChunkFallback | null = null;
  const slots: Slot[] = [];

  /** The next chunk of whole lines (the last one may end without a line end), null at the end. */
  const readChunk = (): Uint8Array | ChunkFallback | null => {
    for (let len = FAST_CHUNK_BYTES; offset < file.size; len *= 4) {
      const buf = file.read(offset, len);
      if (buf.length === 0) return null;
      const cut = offset + buf.length >= file.size ? buf.length : buf.lastIndexOf(10) + 1;
      if (cut === 0) {
        if (len >= MAX_FAST_LINE_BYTES) return fallback('a line longer than 16 MB');
        continue;
      }
      offset += cut;
      // Small reads come from Buffer's shared pool: copy those (the whole pool must not be transferred).
      const own = buf.byteOffset === 0 && buf.buffer.byteLength === buf.length;
      return own ? buf.subarray(0, cut) : new Uint8Array(buf.subarray(0, cut));
    }
    return null;
  };

  const merge = (o: ChunkResult, bytes: number): void => {
    if (!sawText && o.records > 0) {
      sawText = true;
      // The file's first record starts with "[": the core reader reads the file as one JSON array.
      if (o.startsWithBracket) {
        stop = fallback('a JSON array');
        return;
      }
    }
    const exBase = table.formats.length;
    const lineBase = facts.lines;
    const a = o.analysis;
    for (let i = 0; i < o.records; i++) {
      table.formats.push(o.formats[i]);
      table.lines.push(o.lines[i] + lineBase);
      table.fingerprints.push(a.fingerprints[i]);
      table.messages.push(a.messages[i]);
      table.tokens.push(a.tokens[i]);
      table.assistant.push(a.assistant[i]);
      table.trainable.push(a.trainable[i]);
      const list = a.issues[i];
      if (list.length === 0) {
        table.issues.push(undefined);
        continue;
      }
      for (const issue of list) {
        if (issue.example !== undefined) issue.example += exBase;
        if (issue.line !== undefined) issue.line += lineBase;
      }
      issueCount += list.length;
      table.issues.push(list);
    }
    addGuide(table.guide, a.guide);
    addSummary(table.targetSummary, o.target);
    facts.crlf += o.crlf;
    facts.blank += o.blank;
    if (!facts.firstBlank && o.firstBlank) facts.firstBlank = o.firstBlank + lineBase;
    facts.lines += o.lineEnds;
    facts.records += o.records;
    merged += bytes;
    if (issueCount > p.maxIssues) throw p.tooMany();
  };

  /** Merges the chunks at the head of the queue that are done, in file order. */
  const mergeDone = (): void => {
    while (slots.length > 0 && slots[0].done && !stop) {
      const s = slots.shift()!;
      if (s.error !== undefined) throw s.error;
      const o = s.outcome!;
      if (!o.ok) stop = o;
      else merge(o, s.bytes);
      p.progress(merged, table.formats.length);
    }
  };

  const limit = FAST_CHUNK_BYTES * QUEUED_CHUNKS * (p.pool?.size ?? 0);
  fastStats.startMs = performance.now();
  fastStats.hereLog = [];
  for (;;) {
    // Fill the workers' queues.
    while (p.pool && !stop && p.pool.inFlight < limit) {
      const c = readChunk();
      if (c === null) break;
      if (!(c instanceof Uint8Array)) {
        stop = c;
        break;
      }
      const slot: Slot = { done: false, bytes: c.length };
      slot.wait = p.pool.runChunk(c, p.format).then(
        (o) => {
          fastStats.firstWorkerMs ||= performance.now();
          Object.assign(slot, { done: true, outcome: o });
        },
        (e: unknown) => void Object.assign(slot, { done: true, error: e }),
      );
      slots.push(slot);
      fastStats.chunksOnWorkers++;
    }
    mergeDone();
    if (stop) break;
    if (offset < file.size) {
      // The workers are busy (or there are none): this thread takes the next chunk.
      const c = readChunk();
      if (c instanceof Uint8Array) {
        const t0 = performance.now();
        slots.push({ done: true, bytes: c.length, outcome: analyseChunk(c, p.format, p.local) });
        const t1 = performance.now();
        fastStats.msHere += t1 - t0;
        fastStats.hereLog.push([t1, t1 - t0]);
        fastStats.chunksHere++;
      } else if (c !== null) stop = c;
      mergeDone();
      if (stop) break;
      // Let the workers' answers in (they arrive as events) so their queues are refilled.
      if (p.pool) await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    if (slots.length === 0) break;
    await slots[0].wait;
  }
  fastStats.endMs = performance.now();
  fastStats.workerMs = p.pool?.busyMs ?? 0;
  fastStats.workerLog = p.pool ? [...p.pool.jobLog] : [];
  if (stop) return stop;
  return { ok: true, table, endIssues: fastEndIssues(facts, p.bom) };
}

/** Adds the target facts summary `b` into `a` (formats keep their order of first appearance). */
function addSummary(a: TargetDatasetSummary, b: TargetDatasetSummary): void {
  a.examples += b.examples;
  for (const [k, v] of Object.entries(b.formats) as [keyof TargetDatasetSummary['formats'], number][]) a.formats[k] = (a.formats[k] ?? 0) + v;
  a.images += b.images;
  a.textOnly += b.textOnly;
  a.weighted += b.weighted;
}
