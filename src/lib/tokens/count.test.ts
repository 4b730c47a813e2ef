import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import { getCounter, loadRanks } from './encodings';
import { createCounter, createPieceSplitter, toRustCompatiblePattern, type EncodingName } from './count';
import { hostileCorpus, prng } from './test-corpus';

/** Hand-picked strings that once split differently in JavaScript and Rust regexes (one JSON string a line). */
const edgeCases: string[] = readFileSync(new URL('../../../tests/fixtures/tokens/edge-cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as string);

/** The first text whose count differs from tiktoken's, with both counts; undefined when all agree. */
function firstMismatch(texts: string[], ours: (t: string) => number, ref: Tiktoken) {
  for (const text of texts) {
    const want = ref.encode_ordinary(text).length;
    const got = ours(text);
    if (got !== want) return { text, got, want };
  }
  return undefined;
}

describe.each(['o200k_base', 'cl100k_base'] as EncodingName[])('%s', (encoding) => {
  it('counts every hostile corpus text exactly as tiktoken encode_ordinary does', async () => {
    const counter = await getCounter(encoding);
    const ref = get_encoding(encoding);
    try {
      expect(firstMismatch(hostileCorpus(7, 1600), counter.count, ref)).toBeUndefined();
      expect(firstMismatch(edgeCases, counter.count, ref)).toBeUndefined();
    } finally {
      ref.free();
    }
  });

  it('counts a text the same whether its pieces are cached or not', async () => {
    const texts = hostileCorpus(11, 200);
    const warm = await getCounter(encoding);
    texts.forEach((t) => warm.count(t));
    const cold = createCounter(await loadRanks(encoding), encoding);
    expect(texts.map((t) => warm.count(t))).toEqual(texts.map((t) => cold.count(t)));
  });

  it('counts a repeated text, and texts that share its length and most of its letters, each exactly', async () => {
    const counter = createCounter(await loadRanks(encoding), encoding);
    const ref = createCounter(await loadRanks(encoding), encoding);
    // Same length, same first, middle and last letters: only the letters in between differ, in count too.
    const base = 'a' + 'b'.repeat(39) + 'a' + 'c'.repeat(39) + 'a';
    const kin = [base, base.replace('bbb', 'b b'), base.replace('ccc', 'c,c'), base.replace('bbbb', 'b\nbb')];
    const truth = kin.map((t) => ref.count(t));
    expect(new Set(truth).size).toBeGreaterThan(1);
    for (let round = 0; round < 4; round++) expect(kin.map((t) => counter.count(t))).toEqual(truth);
    const system = 'You are a helpful assistant. '.repeat(8);
    for (let i = 0; i < 5; i++) expect(counter.count(system)).toBe(ref.count(system));
  });

  it('counts empty and non-string input as zero tokens instead of throwing', async () => {
    const counter = await getCounter(encoding);
    expect(counter.count('')).toBe(0);
    expect(counter.count(null as unknown as string)).toBe(0);
  });

  it('agrees with js-tiktoken (whose BPE we replace) on ordinary text', async () => {
    const counter = await getCounter(encoding);
    const js = new JsTiktoken(await loadRanks(encoding));
    // js-tiktoken's own split uses JavaScript's \s, so compare on text free of U+0085/U+FEFF/ſ.
    const texts = hostileCorpus(5, 200).filter((t) => t.length < 600 && !/[\u0085\ufeff\u017f\ud800-\udfff]/.test(t));
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.map((t) => counter.count(t))).toEqual(texts.map((t) => js.encode(t, [], []).length));
  });

  it('the edge-case fixture holds texts that plain js-tiktoken miscounts (so the test above is not vacuous)', async () => {
    const js = new JsTiktoken(await loadRanks(encoding));
    const ref = get_encoding(encoding);
    try {
      const short = edgeCases.filter((t) => t.length < 100);
      expect(firstMismatch(short, (t) => js.encode(t, [], []).length, ref)).toBeDefined();
    } finally {
      ref.free();
    }
  });
});

describe.each(['o200k_base', 'cl100k_base'] as EncodingName[])('%s piece splitter', (encoding) => {
  /** Characters that decide piece ends: every ASCII class, contraction letters, and non-ASCII look-alikes. */
  const ALPHABET = [
    ..."aZsStTrReEvVlLmMdD'' \t\r\n\u000b\f09.,/!-_\"",
    'é',
    'É',
    'ſ',
    '\u00a0',
    '\u0085',
    '\u2028',
    '\u3000',
    '٣',
    '½',
    '\u0301',
    'ʰ',
    '中',
    'ǅ',
    '😀',
    '\ud800',
    '\ufeff',
  ];

  /** Piece ends of `text` by walking it with `end`. */
  const pieces = (text: string, end: (t: string, at: number) => number): number[] => {
    const out: number[] = [];
    for (let at = 0; at < text.length; at = end(text, at)) out.push(at);
    return out;
  };

  it('cuts text into exactly the pieces the regex cuts (300,000 random strings)', async () => {
    const ranks = await loadRanks(encoding);
    const regex = new RegExp(toRustCompatiblePattern(ranks.pat_str), 'uy');
    const byRegex = (text: string, at: number): number => {
      regex.lastIndex = at;
      return regex.test(text) ? regex.lastIndex : text.length;
    };
    const fast = createPieceSplitter(ranks.pat_str, encoding);
    const rand = prng(encoding === 'cl100k_base' ? 3 : 4);
    let mismatch: { text: string; fast: number[]; regex: number[] } | undefined;
    for (let n = 0; n < 300_000 && !mismatch; n++) {
      // Mostly ASCII (the fast path) with non-ASCII often enough to sit next to every kind of boundary.
      const len = 1 + Math.floor(rand() * 24);
      let text = '';
      for (let i = 0; i < len; i++) text += ALPHABET[Math.floor(rand() * (rand() < 0.9 ? 33 : ALPHABET.length))];
      const a = pieces(text, fast);
      const b = pieces(text, byRegex);
      if (a.join() !== b.join()) mismatch = { text, fast: a, regex: b };
    }
    expect(mismatch).toBeUndefined();
  });

  it('falls back to the plain regex for rank data with an unknown pattern', async () => {
    const ranks = await loadRanks(encoding);
    const other = createPieceSplitter(String.raw`\S+|\s+`, encoding);
    expect(other('hello world', 0)).toBe(5);
    expect(createPieceSplitter(ranks.pat_str, encoding)('hello world', 0)).toBe(5);
    expect(createPieceSplitter(ranks.pat_str, encoding)('hello world', 5)).toBe(11);
  });

  it('stays exact past the piece table filling up (80,000 distinct pieces, counted twice)', async () => {
    const counter = createCounter(await loadRanks(encoding), encoding);
    const ref = get_encoding(encoding);
    try {
      const words = Array.from({ length: 80_000 }, (_, i) => ` w${i.toString(36)}q${(i * 7919).toString(36)}`);
      const text = words.join('');
      const want = ref.encode_ordinary(text).length;
      expect(counter.count(text)).toBe(want);
      expect(counter.count(text + ' ')).toBe(ref.encode_ordinary(text + ' ').length);
      expect(words.slice(0, 500).map((w) => counter.count(w))).toEqual(words.slice(0, 500).map((w) => ref.encode_ordinary(w).length));
    } finally {
      ref.free();
    }
  });
});
