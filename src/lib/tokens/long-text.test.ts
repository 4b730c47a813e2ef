import { describe, expect, it } from 'vitest';
import { get_encoding } from 'tiktoken';
import { loadRanks } from './encodings';
import { createCounter, type EncodingName } from './count';
import { LONG_TEXT_CHARS, isSafeCut, noteEdit } from './long-text';
import { Pieces } from '../editor/pieces';
import { hostileCorpus, prng } from './test-corpus';

/** A long text of prose, code and hostile snippets (CJK, emoji, white-space runs, lone surrogates…). */
function longText(seed: number, chars: number): string {
  const rand = prng(seed);
  const hostile = hostileCorpus(seed, 400);
  const words = 'the of and to in is for on with as by at from this that be are it an or was which file data model train example token line'.split(' ');
  let out = '';
  while (out.length < chars) {
    const r = rand();
    if (r < 0.25) out += hostile[Math.floor(rand() * hostile.length)];
    else if (r < 0.3) out += '\n\n';
    else if (r < 0.33) out += '\n';
    else out += ' ' + words[Math.floor(rand() * words.length)];
  }
  return out;
}

/** Snippets an edit inserts: letters, white space, line ends and non-ASCII next to cuts. */
const INSERTS = [
  'x',
  ' ',
  '\n',
  'word',
  ' new words ',
  '\n\nHeading\n',
  "'s",
  '  ',
  'é',
  '你好',
  '😀',
  '\r\n',
  '\u00a0',
  '.',
  '1234',
  '<|endoftext|>',
  '\ud800',
];

describe.each(['o200k_base', 'cl100k_base'] as EncodingName[])('%s', (encoding) => {
  it('splits nowhere across a safe cut: counts add up, as tiktoken says', () => {
    const ref = get_encoding(encoding);
    try {
      const rand = prng(3);
      const parts = hostileCorpus(5, 600);
      const n = (s: string) => ref.encode_ordinary(s).length;
      for (let k = 0; k < 800; k++) {
        const a = parts[Math.floor(rand() * parts.length)];
        const b = parts[Math.floor(rand() * parts.length)];
        const kind = k % 4;
        // letter | space, letter | line feed, line feed | letter (upper or lower case)
        const left = kind === 3 ? a + '\n' : a + (rand() < 0.5 ? 'a' : 'Z');
        const right = kind === 0 ? ' ' + b : kind === 1 ? '\n' + b : kind === 2 ? '  \n' + b : (rand() < 0.5 ? 'q' : 'Q') + b;
        const whole = left + right;
        expect(isSafeCut(whole, left.length)).toBe(true);
        expect(n(left) + n(right), JSON.stringify([left, right])).toBe(n(whole));
      }
    } finally {
      ref.free();
    }
  });

  it('counts random edits of long texts exactly (equal to a full count by tiktoken)', async () => {
    const counter = createCounter(await loadRanks(encoding), encoding);
    const ref = get_encoding(encoding);
    try {
      const rand = prng(encoding === 'o200k_base' ? 17 : 19);
      let text = longText(1, 120_000);
      expect(counter.count(text)).toBe(ref.encode_ordinary(text).length);
      for (let step = 0; step < 50; step++) {
        const at = Math.floor(rand() * text.length);
        const r = rand();
        if (r < 0.5) text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
        else if (r < 0.8) text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rand() * (r < 0.75 ? 5 : 20_000))));
        else text = text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at + 1 + Math.floor(rand() * 20));
        const want = ref.encode_ordinary(text).length;
        // Typing: a small edit of a counted text is counted within a small budget.
        const quick = counter.countWithin(text, 60_000);
        if (quick !== undefined) expect(quick, `step ${step}`).toBe(want);
        expect(counter.count(text), `step ${step}`).toBe(want);
      }
    } finally {
      ref.free();
    }
  });

  it('counts in slices, within a budget, and after undo exactly as count does', async () => {
    const counter = createCounter(await loadRanks(encoding), encoding);
    const fresh = createCounter(await loadRanks(encoding), encoding);
    const a = longText(2, 200_000);
    const b = a.slice(0, 100_000) + ' inserted words\n' + a.slice(100_000);
    expect(counter.countWithin(a, 50_000)).toBeUndefined(); // never counted: too much work
    expect(counter.isCounted(a)).toBe(false);
    const sliced = await counter.countInSlices(a, 1, () => new Promise((r) => setTimeout(r, 0)));
    expect(sliced).toBe(fresh.count(a));
    expect(counter.isCounted(a)).toBe(true);
    expect(counter.countWithin(b, 50_000)).toBe(fresh.count(b)); // one edit: a chunk or two
    expect(counter.countWithin(a, 50_000)).toBe(fresh.count(a)); // undo
    expect(counter.countWithin('short', 100)).toBe(fresh.count('short'));
    expect(counter.countWithin('x'.repeat(200), 100)).toBeUndefined();
    expect(a.length).toBeGreaterThan(LONG_TEXT_CHARS);
  });

  it('counts edits an editor noted (cut from its pieces, the new text unread) exactly', async () => {
    const counter = createCounter(await loadRanks(encoding), encoding);
    const ref = get_encoding(encoding);
    try {
      const rand = prng(23);
      let text = longText(4, 100_000);
      const pieces = new Pieces(text);
      counter.count(text);
      for (let step = 0; step < 40; step++) {
        const from = Math.floor(rand() * text.length);
        const to = Math.min(text.length, from + (rand() < 0.5 ? 0 : Math.floor(rand() * 30)));
        const ins = INSERTS[Math.floor(rand() * INSERTS.length)];
        pieces.replace(from, to, ins);
        const next = pieces.join();
        noteEdit(text, next, from, to, ins.length, pieces.slicer());
        text = next;
        expect(counter.countWithin(text, 80_000), `step ${step}`).toBe(ref.encode_ordinary(text).length);
      }
    } finally {
      ref.free();
    }
  });
});
