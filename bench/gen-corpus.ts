// Deterministic synthetic fine-tuning corpus for benchmarks and large-file tests (port of
// /work/shared/bench/gen-corpus.mjs: same PRNG, same draws, same output for the same options).
// Text is sliced from bench/pool.txt (Node.js API docs, MIT) plus a few multilingual and emoji strings.
//
//   npx tsx bench/gen-corpus.ts --mb 100 --out big.jsonl
//   npx tsx bench/gen-corpus.ts --examples 500 --format dpo --out p.jsonl
import { mulberry32 } from '../src/lib/dataset/random';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options of generateCorpus; defaults as in gen-corpus.mjs. */
export interface CorpusOptions {
  /** Stop after this many examples; 0 = stop by size. Default 0. */
  examples?: number;
  /** Stop once this many megabytes (1e6 bytes of UTF-8 JSONL) are written. Default 1 when examples is 0. */
  mb?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Record format. Default 'chat'. */
  format?: 'chat' | 'dpo' | 'prompt';
  /** Share of lines damaged (0..1). Default 0. */
  faults?: number;
  /** Share of examples with a ~24k-char final assistant turn. Default 0.01. */
  long?: number;
  /** Share of earlier assistant turns given "weight": 0. Default 0.3. */
  weights?: number;
}

/** The text pool (1.5 MB of Node.js docs), read once. */
let poolText: string | undefined;
function pool(): string {
  poolText ??= fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'pool.txt'), 'utf8');
  return poolText;
}

/** Lines of JSONL (without '\n'), generated lazily and deterministically. */
export function* generateCorpus(opts: CorpusOptions = {}): Generator<string> {
  const examples = opts.examples ?? 0;
  const mb = opts.mb ?? (examples ? 0 : 1);
  const format = opts.format ?? 'chat';
  const faultRate = opts.faults ?? 0;
  const longRate = opts.long ?? 0.01;
  const weightRate = opts.weights ?? 0.3;
  const rand = mulberry32((opts.seed ?? 1) >>> 0 || 1);
  const text = pool();
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const extras = [
    '你好，请用中文回答这个问题。',
    'Bitte antworte immer auf Deutsch.',
    'こんにちは、元気ですか？',
    '😀🚀✨ emoji test ✅',
    'Ελληνικά κείμενο',
    'مرحبا بالعالم',
    'naïve café façade — “quotes” ‘single’',
  ];
  const slice = (len: number): string => {
    const start = Math.floor(rand() * (text.length - len - 1));
    let s = text.slice(start, start + len);
    if (rand() < 0.08) s += ' ' + pick(extras);
    return s;
  };
  const systems = Array.from({ length: 12 }, (_, i) => `You are assistant #${i + 1}. ${slice(80 + i * 20)}`);
  // log-normal-ish lengths: most 100-1500 chars, a long tail
  const len = (): number => Math.min(20000, Math.floor(Math.exp(5 + rand() * 2.4)));

  type Message = { role: string; content: string; weight?: number };
  const chatExample = (): { messages: Message[] } => {
    const messages: Message[] = [];
    if (rand() < 0.85) messages.push({ role: 'system', content: pick(systems) });
    const turns = 1 + Math.floor(rand() * rand() * 4);
    const long = rand() < longRate;
    for (let t = 0; t < turns; t++) {
      messages.push({ role: 'user', content: slice(len()) });
      const a: Message = { role: 'assistant', content: slice(long && t === turns - 1 ? 24000 : len()) };
      if (turns > 1 && t < turns - 1 && rand() < weightRate) a.weight = 0;
      messages.push(a);
    }
    return { messages };
  };
  const dpoExample = () => {
    const c = chatExample();
    const input = { messages: c.messages.filter((m) => m.role !== 'assistant').slice(0, 2) };
    return { input, preferred_output: [{ role: 'assistant', content: slice(len()) }], non_preferred_output: [{ role: 'assistant', content: slice(len()) }] };
  };
  const promptExample = () => ({ prompt: slice(len()), completion: ' ' + slice(len()) });
  const make = { chat: chatExample, dpo: dpoExample, prompt: promptExample }[format];

  // Realistic damage, as found in hand-made files
  const faults: ((s: string) => string)[] = [
    (s) => s.replace(/}$/, ',}'), // trailing comma
    (s) => s.slice(0, Math.floor(s.length * 0.7)), // truncated line
    (s) => s.replace('"role"', "'role'"), // single quotes
    (s) => s.replace('"assistant"', '"Assistant"'), // wrong role case
    (s) => s.replace('"content"', '"text"'), // wrong key
    (s) => s + s, // two objects on one line
    (s) => s.replace(/"content": ?"/, '"content": “'), // smart quote
  ];

  let bytes = 0;
  let n = 0;
  const limitBytes = mb * 1e6;
  while ((examples && n < examples) || (!examples && bytes < limitBytes)) {
    let line = JSON.stringify(make());
    if (faultRate && rand() < faultRate) line = pick(faults)(line);
    bytes += Buffer.byteLength(line) + 1;
    n++;
    yield line;
  }
}

/** Command line: same flags as gen-corpus.mjs (--examples, --mb, --seed, --format, --faults, --long, --weights, --out). */
function main(argv: string[]): void {
  const arg = (k: string, d: string): string => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : d;
  };
  const format = arg('--format', 'chat');
  if (format !== 'chat' && format !== 'dpo' && format !== 'prompt') {
    console.error(`unknown --format ${format} (chat|dpo|prompt)`);
    process.exit(2);
  }
  const examples = Number(arg('--examples', '0'));
  const lines = generateCorpus({
    examples,
    mb: Number(arg('--mb', examples ? '0' : '1')),
    seed: Number(arg('--seed', '1')),
    format,
    faults: Number(arg('--faults', '0')),
    long: Number(arg('--long', '0.01')),
    weights: Number(arg('--weights', '0.3')),
  });
  const out = arg('--out', '');
  writeLines(out ? fs.openSync(out, 'w') : 1, lines, !!out);
}

/** Writes `lines` as JSONL to file descriptor `fd` in chunks of a few MB (closing it when `close`). */
function writeLines(fd: number, lines: Iterable<string>, close: boolean): void {
  let chunk = '';
  for (const line of lines) {
    chunk += line + '\n';
    if (chunk.length > 1 << 22) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  if (close) fs.closeSync(fd);
}

/** Writes the bench's chat corpus of about `mb` MB (seed 1, no faults) to `file`. */
export function writeChatCorpus(file: string, mb: number): void {
  writeLines(fs.openSync(file, 'w'), generateCorpus({ mb, seed: 1, format: 'chat', faults: 0 }), true);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
