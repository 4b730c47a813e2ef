import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import { getCounter, loadRanks } from './encodings';
import { createCounter, type EncodingName } from './count';
import { hostileCorpus } from './test-corpus';

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
