// Node, single-thread benchmark of the whole check-and-count pipeline: ours (readText + validateDataset +
// exampleTokens with getCounter) against the OpenAI cookbook's algorithm over tiktoken WASM (tests/reference
// runGuideScript), on the same in-memory corpus, with per-example token counts compared one by one.
import { mulberry32 } from '../src/lib/dataset/random';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readText } from '../src/lib/dataset/read';
import { validateDataset } from '../src/lib/dataset/validate';
import { exampleTokens } from '../src/lib/dataset/example-tokens';
import { getCounter } from '../src/lib/tokens/encodings';
import type { EncodingName } from '../src/lib/tokens/count';
import { runGuideScript } from '../tests/reference/guide-script';
import { generateCorpus, type CorpusOptions } from './gen-corpus';

/** The article's per-example token limit (MAX_TOKENS_PER_EXAMPLE in the cookbook notebook). */
export const GUIDE_MAX_TOKENS = 4096;

/** Figures of one encoding's run. Speeds are MB (1e6 bytes of UTF-8 JSONL) per second of wall time. */
export interface PipelineResult {
  encoding: EncodingName;
  /** Corpus size, MB. */
  mb: number;
  /** Examples in the corpus. */
  examples: number;
  /** Our pipeline, MB/s (includes loading the ranks on first use of the encoding). */
  ours_mb_s: number;
  /** The cookbook algorithm over tiktoken WASM, MB/s (includes creating the WASM encoder). */
  ref_mb_s: number;
  /** ours_mb_s / ref_mb_s. */
  ratio: number;
  /** Time of each stage of ours, ms: read, validate, count (count includes counter load, also given apart). */
  ours_ms: { read: number; validate: number; count: number; load: number; total: number };
  /** Time of the reference, ms. */
  ref_ms: number;
  /** CPU time (user + system of this process) of ours and of the reference, ms: robust when the machine is shared. */
  cpu_ms: { ours: number; ref: number };
  /** Examples whose total differs from the reference's num_tokens_from_messages (0 = identical). */
  mismatches: number;
  /** First mismatching example (1-based) with both figures, when any. */
  firstMismatch?: { example: number; ours: number; ref: number };
  /** Σ tokens per example (ours). */
  tokens: number;
  /** Issues our validator found (errors + warnings + info), for the record. */
  issues: number;
  /** Examples over GUIDE_MAX_TOKENS according to the reference (equal to ours when counts are identical). */
  tooLong: number;
}

/**
 * The corpus the Node comparison runs on: chat records with role/content only (`weights: 0`, no faults), i.e. the
 * article's kind of data — the cookbook counts every value with `encoding.encode`, and Python raises on a numeric
 * `weight`, so records with weights have no reference figure.
 */
export function guideCorpus(mb: number, seed = 1): string {
  const opts: CorpusOptions = { mb, seed, format: 'chat', faults: 0, weights: 0 };
  const lines: string[] = [];
  for (const line of generateCorpus(opts)) lines.push(line);
  return lines.join('\n') + '\n';
}

/**
 * Warms the JIT on read + validate (a 2 MB corpus) without loading any counter, so the first measured encoding is not
 * charged for compiling the reader and validator while the second is not.
 */
export function warmUp(): void {
  const text = guideCorpus(2, 99);
  validateDataset(readText(text).records);
}

/** Runs ours then the reference on `text` with `encoding`, and compares per-example totals. */
export async function benchPipeline(text: string, encoding: EncodingName): Promise<PipelineResult> {
  const bytes = Buffer.byteLength(text);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const read = readText(text);
  const t1 = performance.now();
  const validation = validateDataset(read.records);
  const t2 = performance.now();
  const counter = await getCounter(encoding);
  const t3 = performance.now();
  const count = (s: string): number => counter.count(s);
  const ours = new Float64Array(read.records.length);
  for (let i = 0; i < read.records.length; i++) ours[i] = exampleTokens(read.records[i].value, count).total;
  const t4 = performance.now();
  const oursCpu = process.cpuUsage(c0);

  const rc0 = process.cpuUsage();
  const r0 = performance.now();
  const ref = runGuideScript(text, encoding, GUIDE_MAX_TOKENS);
  const refMs = performance.now() - r0;
  const refCpu = process.cpuUsage(rc0);
  const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

  let mismatches = 0;
  let firstMismatch: PipelineResult['firstMismatch'];
  if (ref.convo_lens.length !== ours.length) mismatches = Math.abs(ref.convo_lens.length - ours.length) || 1;
  const n = Math.min(ref.convo_lens.length, ours.length);
  for (let i = 0; i < n; i++) {
    if (ours[i] !== ref.convo_lens[i]) {
      mismatches++;
      firstMismatch ??= { example: i + 1, ours: ours[i], ref: ref.convo_lens[i] };
    }
  }
  const oursMs = t4 - t0;
  const mb = bytes / 1e6;
  return {
    encoding,
    mb,
    examples: read.records.length,
    ours_mb_s: mb / (oursMs / 1000),
    ref_mb_s: mb / (refMs / 1000),
    ratio: refMs / oursMs,
    ours_ms: { read: t1 - t0, validate: t2 - t1, count: t4 - t2, load: t3 - t2, total: oursMs },
    ref_ms: refMs,
    cpu_ms: { ours: cpuMs(oursCpu), ref: cpuMs(refCpu) },
    mismatches,
    firstMismatch,
    tokens: ours.reduce((a, b) => a + b, 0),
    issues: validation.issues.length,
    tooLong: ref.n_too_long,
  };
}

/**
 * A dataset of `examples` short chat examples (a user and an assistant turn of 20–80 characters each, ≈ 170 bytes
 * per line) for the typing-latency bench: many examples, small file. Deterministic for a given seed.
 */
export function typingCorpus(examples: number, seed = 7): string {
  const pool = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'pool.txt'), 'utf8');
  const rand = mulberry32(seed >>> 0 || 1);
  const slice = (): string => {
    const len = 20 + Math.floor(rand() * 61);
    const start = Math.floor(rand() * (pool.length - len - 1));
    return pool.slice(start, start + len);
  };
  const lines: string[] = [];
  for (let i = 0; i < examples; i++) {
    lines.push(
      JSON.stringify({
        messages: [
          { role: 'user', content: slice() },
          { role: 'assistant', content: `${i + 1}. ${slice()}` },
        ],
      }),
    );
  }
  return lines.join('\n') + '\n';
}
