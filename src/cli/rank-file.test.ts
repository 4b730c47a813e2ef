// Rank files (dist-cli/ranks/<encoding>.bin): a counter over a table read back from one counts exactly as tiktoken
// does, and a damaged file is refused with a reason (counter.ts then decodes js-tiktoken's text instead).
import { describe, expect, it } from 'vitest';
import { get_encoding } from 'tiktoken';
import { loadRanks } from '../lib/tokens/encodings';
import { buildRankTable, type RankTable } from '../lib/tokens/rank-table';
import { counterFromTable, type EncodingName } from '../lib/tokens/count';
import { hostileCorpus } from '../lib/tokens/test-corpus';
import { decodeRankFile, encodeRankFile } from './rank-file';
import { loadCounter, rankSource } from './counter';

async function rankFileOf(encoding: EncodingName): Promise<Uint8Array> {
  const ranks = await loadRanks(encoding);
  return encodeRankFile(encoding, ranks.pat_str, buildRankTable(ranks.bpe_ranks) as RankTable);
}

describe.each(['o200k_base', 'cl100k_base'] as EncodingName[])('%s rank file', (encoding) => {
  it('read back, counts every hostile text as tiktoken encode_ordinary does', async () => {
    const file = decodeRankFile(await rankFileOf(encoding));
    expect(file.encoding).toBe(encoding);
    expect(file.patStr).toBe((await loadRanks(encoding)).pat_str);
    const counter = counterFromTable(file.table, file.patStr, encoding);
    const ref = get_encoding(encoding);
    try {
      const texts = hostileCorpus(11, 800);
      expect(texts.map((t) => counter.count(t))).toEqual(texts.map((t) => ref.encode_ordinary(t).length));
    } finally {
      ref.free();
    }
  });
});

describe('a damaged rank file is refused with a reason', () => {
  it('cut short, not a rank file, another version, or a header that lies about the size', async () => {
    const good = await rankFileOf('cl100k_base');
    expect(() => decodeRankFile(good.subarray(0, 8))).toThrow(/too short/);
    expect(() => decodeRankFile(good.subarray(0, good.length - 1))).toThrow(/not the size its header says/);
    const notOne = good.slice();
    notOne[0] ^= 0xff;
    expect(() => decodeRankFile(notOne)).toThrow(/not a rank file/);
    const later = good.slice();
    new DataView(later.buffer).setInt32(4, 99, true);
    expect(() => decodeRankFile(later)).toThrow(/version 99/);
    const cut = good.slice();
    new DataView(cut.buffer).setInt32(8, good.length, true);
    expect(() => decodeRankFile(cut)).toThrow(/header is cut short/);
  });

  it('a file at an odd place in its buffer (as Node may read a small one) is read all the same', async () => {
    const good = await rankFileOf('cl100k_base');
    const shifted = new Uint8Array(good.length + 1);
    shifted.set(good, 1);
    const file = decodeRankFile(shifted.subarray(1));
    expect(counterFromTable(file.table, file.patStr, 'cl100k_base').count('Hello, world! naïve café')).toBe(
      get_encoding('cl100k_base').encode_ordinary('Hello, world! naïve café').length,
    );
  });
});

describe('loadCounter', () => {
  it('without a rank file next to the module (the sources, as here) decodes js-tiktoken’s ranks and says why', async () => {
    const counter = await loadCounter('o200k_base');
    expect(counter.count('Hello world')).toBe(2);
    expect(rankSource.text).toBeGreaterThan(0);
    expect(rankSource.why).toBe('no rank file');
  });
});
