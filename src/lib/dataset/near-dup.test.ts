// Near-duplicates are found across wording noise (case, punctuation, one changed word), in Chinese too, and unrelated
// or empty examples are never grouped; the word diff marks what differs.
import { describe, expect, it } from 'vitest';
import { dupText, groupNear, signatureOf, similarity, wordDiff } from './near-dup';
import type { Example } from './types';

const chat = (id: string, user: string, reply: string): Example => ({
  id,
  value: {
    messages: [
      { role: 'system', content: 'Same system prompt for all.' },
      { role: 'user', content: user },
      { role: 'assistant', content: reply },
    ],
  },
});
const base = 'My order number 4417 arrived damaged yesterday and the box was open. Can I get a replacement or a refund?';
const reply = 'I am sorry about that. Please send a photo of the damage and we will ship a replacement within two days.';

describe('near duplicates', () => {
  it('groups rewordings of one example and leaves unrelated ones alone', () => {
    const list = [
      chat('a', base, reply),
      chat('b', 'Totally different: how do I change the email address on my account settings page?', 'Open Settings, then Account, then Email.'),
      chat('c', base.replace('yesterday', 'today').toUpperCase(), reply.replace(/\./g, '!')),
      chat('d', 'What are your opening hours on public holidays in December this year?', 'We open from ten to four on public holidays.'),
      { id: 'e', value: { messages: [{ role: 'system', content: 'Only a system prompt.' }] } },
    ];
    const sigs = list.map(signatureOf);
    expect(sigs[4]).toBeNull(); // no user or assistant text: never a duplicate
    const groups = groupNear(sigs, 0.7);
    expect(groups.map((g) => g.members)).toEqual([[0, 2]]);
    expect(groups[0].similarity).toBeGreaterThanOrEqual(0.7);
    expect(similarity(sigs[0]!, sigs[1]!)).toBeLessThan(0.3);
    // A stricter threshold than their similarity separates them.
    expect(groupNear(sigs, 1)).toEqual([]);
  });

  it('works for text written without spaces (character bigrams)', () => {
    const zh = '我的订单昨天到了，但是盒子是打开的，里面的东西也坏了。可以换一个新的或者退款吗？';
    const list = [
      chat('a', zh, '很抱歉，请发一张照片，我们会在两天内补发。'),
      chat('b', zh.replace('昨天', '今天'), '很抱歉，请发一张照片，我们会在两天内补发。'),
      chat('c', '请问节假日的营业时间是几点到几点？', '节假日十点到四点营业。'),
    ];
    expect(groupNear(list.map(signatureOf), 0.6).map((g) => g.members)).toEqual([[0, 1]]);
  });

  it('reads the user and assistant text of every format, and signatures are reproducible', () => {
    expect(dupText({ id: 'p', value: { prompt: 'Q', completion: 'A' } })).toBe('Q\nA');
    expect(dupText({ id: 'r', raw: 'broken {' })).toBe('broken {');
    expect(signatureOf(chat('x', base, reply))).toEqual(signatureOf(chat('y', base, reply)));
  });

  it('wordDiff marks the changed words', () => {
    const d = wordDiff('the box was open', 'the box was closed');
    expect(d).toEqual([
      { same: true, a: 'the box was ', b: 'the box was ' },
      { same: false, a: 'open', b: 'closed' },
    ]);
  });
});

describe('near duplicates on a corpus with planted near-copies', () => {
  it('finds the planted copies with precision and recall of at least 0.9 (reported)', async () => {
    const { plantedCorpus, pairScores } = await import('../../../bench/planted-dups');
    const { lines, families } = plantedCorpus(5000, 200);
    const sigs = lines.map((l, i) => signatureOf({ id: String(i), value: JSON.parse(l) }));
    const scores = pairScores(
      groupNear(sigs, 0.8).map((g) => g.members),
      families,
    );
    console.log(
      `near-duplicates, 5,000 examples with 200 planted copies at 80%: precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)} (${scores.foundPairs} pairs found, ${scores.truePairs} planted)`,
    );
    expect(scores.truePairs).toBe(200);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });
});
