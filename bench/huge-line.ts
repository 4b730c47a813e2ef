// A file whose first line is one huge chat example (default 12 MB): a short system and user turn and an assistant
// reply of realistic text (paragraphs of bench/pool.txt, the Node.js docs, with some non-ASCII and emoji), for the
// "12 MB single line" bench and tests/e2e/huge-line.spec.ts. Deterministic (mulberry32).
//
//   npx tsx bench/huge-line.ts --mb 12 --out huge.jsonl [--seed 1] [--role assistant|user] [--others 0]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/lib/dataset/random';

/** Options of hugeLineFile. */
export interface HugeLineOptions {
  /** Size of the huge line, MB (1e6 bytes of UTF-8 JSON). Default 12. */
  mb?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Which message carries the huge text. Default 'assistant'. */
  role?: 'assistant' | 'user';
  /** Ordinary short examples after the huge one. Default 0. */
  others?: number;
}

const EXTRAS = [
  '你好，请用中文回答这个问题。',
  'Bitte antworte immer auf Deutsch.',
  'こんにちは、元気ですか？',
  '😀🚀✨ emoji test ✅',
  'Ελληνικά κείμενο',
  'naïve café façade — “quotes” ‘single’',
];

/** The huge text alone: about `chars` UTF-16 units of paragraphs sliced from pool.txt (deterministic). */
export function hugeText(chars: number, seed = 1): string {
  const pool = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'pool.txt'), 'utf8');
  const rand = mulberry32(seed >>> 0 || 1);
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const len = 200 + Math.floor(rand() * 3000);
    const start = Math.floor(rand() * (pool.length - len - 1));
    let s = pool.slice(start, start + len).trim();
    if (rand() < 0.1) s += ' ' + EXTRAS[Math.floor(rand() * EXTRAS.length)];
    parts.push(s);
    n += s.length + 2;
  }
  return parts.join('\n\n').slice(0, chars);
}

/** The file's text: the huge example's line (about `mb` MB), then `others` short examples; '\n' after each line. */
export function hugeLineFile(opts: HugeLineOptions = {}): string {
  const mb = opts.mb ?? 12;
  const role = opts.role ?? 'assistant';
  const seed = opts.seed ?? 1;
  const shell = (content: string) =>
    JSON.stringify({
      messages: [
        { role: 'system', content: 'You are a careful technical writer.' },
        { role: 'user', content: role === 'user' ? content : 'Write the complete reference documentation of the Node.js APIs.' },
        { role: 'assistant', content: role === 'assistant' ? content : 'Here is a summary of the document.' },
      ],
    });
  // JSON escapes (newlines, quotes) and UTF-8 make the line longer than the text: size the text by one trial.
  const target = mb * 1e6;
  let text = hugeText(target, seed);
  const bytes = Buffer.byteLength(shell(text));
  text = text.slice(0, Math.floor(text.length * (target / bytes)));
  const lines = [shell(text)];
  for (let i = 0; i < (opts.others ?? 0); i++) {
    lines.push(
      JSON.stringify({
        messages: [
          { role: 'user', content: `Question ${i + 1}: what is ${i} + ${i}?` },
          { role: 'assistant', content: `${i + i}.` },
        ],
      }),
    );
  }
  return lines.map((l) => l + '\n').join('');
}

function main(argv: string[]): void {
  const arg = (k: string, d: string): string => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : d;
  };
  const role = arg('--role', 'assistant');
  if (role !== 'assistant' && role !== 'user') throw new Error('--role assistant|user');
  const text = hugeLineFile({ mb: Number(arg('--mb', '12')), seed: Number(arg('--seed', '1')), role, others: Number(arg('--others', '0')) });
  const out = arg('--out', '');
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
