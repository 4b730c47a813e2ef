// Node, single-thread benchmark of the token-counting core: our counter (src/lib/tokens/count.ts over
// js-tiktoken ranks) against tiktoken's WASM encode_ordinary per value, on the same generated chat corpus.
//
//   npx tsx bench/core-bench.ts --mb 100 [--encoding o200k_base|cl100k_base] [--seed 1]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { get_encoding } from 'tiktoken';
import { createCounter, type EncodingName } from '../src/lib/tokens/count';
import { loadRanks } from '../src/lib/tokens/encodings';
import { generateCorpus } from './gen-corpus';

/** Options of benchCore. */
export interface CoreBenchOptions {
  /** Corpus size in megabytes of JSONL (1e6 bytes). Default 100. */
  mb?: number;
  /** Encoding to count with. Default 'o200k_base'. */
  encoding?: EncodingName;
  /** Corpus seed (see gen-corpus). Default 1. */
  seed?: number;
}

/** Figures of one run. Speeds are JSONL megabytes (1e6 bytes) of the corpus per second of counting. */
export interface CoreBenchResult {
  /** Our counter's speed over every message string value, MB/s (rank loading excluded, see ours_load_ms). */
  ours_mb_s: number;
  /** tiktoken WASM encode_ordinary(value).length per value, MB/s (encoder creation excluded). */
  ref_mb_s: number;
  /** ours_mb_s / ref_mb_s. */
  ratio: number;
  /** True when every per-value count matched tiktoken's. */
  identical: boolean;
  /** Size of the corpus, MB of JSONL. */
  mb: number;
  /** Size of the counted text values, MB of UTF-8. */
  text_mb: number;
  /** Number of values counted. */
  values: number;
  /** Total tokens (ours). */
  tokens: number;
  /** Time to load the ranks and build our counter, ms. */
  ours_load_ms: number;
}

/** Every string value of every message (role, content, name…), as the OpenAI cookbook's token estimate counts them. */
function messageTexts(lines: Iterable<string>): { texts: string[]; bytes: number } {
  const texts: string[] = [];
  let bytes = 0;
  for (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    const value = JSON.parse(line) as { messages?: Record<string, unknown>[] };
    for (const message of value.messages ?? []) {
      for (const v of Object.values(message)) if (typeof v === 'string') texts.push(v);
    }
  }
  return { texts, bytes };
}

/** Generate a chat corpus of `mb` MB, count it with ours and with tiktoken WASM, and compare speed and counts. */
export async function benchCore(opts: CoreBenchOptions = {}): Promise<CoreBenchResult> {
  const mb = opts.mb ?? 100;
  const encoding = opts.encoding ?? 'o200k_base';
  const { texts, bytes } = messageTexts(generateCorpus({ mb, seed: opts.seed ?? 1, format: 'chat' }));
  const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  let t0 = performance.now();
  const counter = createCounter(await loadRanks(encoding), encoding);
  const oursLoadMs = performance.now() - t0;
  const ours = new Uint32Array(texts.length);
  t0 = performance.now();
  for (let i = 0; i < texts.length; i++) ours[i] = counter.count(texts[i]);
  const oursSeconds = (performance.now() - t0) / 1000;

  const enc = get_encoding(encoding);
  const ref = new Uint32Array(texts.length);
  try {
    t0 = performance.now();
    for (let i = 0; i < texts.length; i++) ref[i] = enc.encode_ordinary(texts[i]).length;
  } finally {
    enc.free();
  }
  const refSeconds = (performance.now() - t0) / 1000;

  const identical = ours.every((c, i) => c === ref[i]);
  const ours_mb_s = bytes / 1e6 / oursSeconds;
  const ref_mb_s = bytes / 1e6 / refSeconds;
  return {
    ours_mb_s,
    ref_mb_s,
    ratio: ours_mb_s / ref_mb_s,
    identical,
    mb: bytes / 1e6,
    text_mb: textBytes / 1e6,
    values: texts.length,
    tokens: ours.reduce((a, b) => a + b, 0),
    ours_load_ms: oursLoadMs,
  };
}

async function main(argv: string[]): Promise<void> {
  const arg = (k: string, d: string): string => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : d;
  };
  const encoding = arg('--encoding', 'o200k_base');
  if (encoding !== 'o200k_base' && encoding !== 'cl100k_base') throw new Error(`unknown --encoding ${encoding}`);
  const r = await benchCore({ mb: Number(arg('--mb', '100')), encoding, seed: Number(arg('--seed', '1')) });
  const f = (x: number): string => x.toFixed(1);
  console.log(`corpus: ${f(r.mb)} MB JSONL, ${r.values} values, ${f(r.text_mb)} MB of text, ${r.tokens} tokens (${encoding})`);
  console.log(`ours (js-tiktoken ranks, piece cache): ${f(r.ours_mb_s)} MB/s  (load ${r.ours_load_ms.toFixed(0)} ms)`);
  console.log(`reference (tiktoken WASM encode_ordinary per value): ${f(r.ref_mb_s)} MB/s`);
  console.log(`ratio: ${r.ratio.toFixed(2)}x   counts identical: ${r.identical}`);
  if (!r.identical) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main(process.argv.slice(2));
