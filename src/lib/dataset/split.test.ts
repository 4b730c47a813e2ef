import { describe, expect, it } from 'vitest';
import { pinnedSplit, splitTrainValidation, withSplit } from './split.ts';
import type { Example } from './types.ts';

const chat = (n: number) => ({
  messages: [
    { role: 'user', content: `q${n}` },
    { role: 'assistant', content: `a${n}` },
  ],
});
/** 100 examples; examples 0–9 are repeated (same JSON value, the project's duplicate rule) at the end. */
const DATA: Example[] = [
  ...Array.from({ length: 90 }, (_, i) => ({ id: `x${i}`, value: chat(i) })),
  ...Array.from({ length: 10 }, (_, i) => ({ id: `d${i}`, value: chat(i) })),
];
const ids = (xs: Example[]) => xs.map((e) => e.id);

describe('splitTrainValidation', () => {
  it('the same seed always gives the same split', () => {
    const a = splitTrainValidation(DATA, { ratio: 0.2, seed: 42 });
    const b = splitTrainValidation(DATA, { ratio: 0.2, seed: 42 });
    expect(ids(a.validation)).toEqual(ids(b.validation));
    expect(ids(splitTrainValidation(DATA, { ratio: 0.2, seed: 43 }).validation)).not.toEqual(ids(a.validation));
  });

  it('every example lands in exactly one part, in its original order', () => {
    const { train, validation } = splitTrainValidation(DATA, { ratio: 0.25, seed: 1 });
    expect([...ids(train), ...ids(validation)].sort()).toEqual(ids(DATA).sort());
    const pos = (e: Example) => DATA.indexOf(e);
    for (const part of [train, validation]) expect(part.map(pos)).toEqual([...part.map(pos)].sort((x, y) => x - y));
  });

  it('no duplicate example appears on both sides, whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const { train, validation } = splitTrainValidation(DATA, { ratio: 0.3, seed });
      const trainTexts = new Set(train.map((e) => JSON.stringify(e.value)));
      for (const v of validation) expect(trainTexts.has(JSON.stringify(v.value))).toBe(false);
    }
  });

  it('the validation part holds the requested share (within one duplicate group)', () => {
    for (const ratio of [0, 0.1, 0.5, 1]) {
      const { validation } = splitTrainValidation(DATA, { ratio, seed: 9 });
      expect(validation.length).toBeGreaterThanOrEqual(Math.round(100 * ratio));
      expect(validation.length).toBeLessThanOrEqual(Math.round(100 * ratio) + 1);
    }
  });

  it('splitting does not modify the examples given', () => {
    const copy = structuredClone(DATA);
    splitTrainValidation(DATA, { ratio: 0.5, seed: 3 });
    expect(DATA).toEqual(copy);
  });
});

describe('examples moved to a side by hand', () => {
  const pin = (e: Example, split: 'train' | 'validation'): Example => ({ ...e, meta: { split } });
  it('stay on their side whatever the seed, and count toward the validation share', () => {
    const data = DATA.map((e, i) => (i < 5 ? pin(e, 'validation') : i >= 10 && i < 40 ? pin(e, 'train') : e));
    for (let seed = 0; seed < 20; seed++) {
      const { train, validation } = splitTrainValidation(data, { ratio: 0.1, seed });
      const v = new Set(ids(validation));
      for (const id of ['x0', 'x1', 'x2', 'x3', 'x4', 'd0', 'd4']) expect(v.has(id)).toBe(true); // d0–d4 follow their pinned twins
      for (let i = 10; i < 40; i++) expect(v.has(`x${i}`)).toBe(false);
      expect(validation.length).toBeLessThanOrEqual(11);
      expect(train.length + validation.length).toBe(100);
    }
  });
  it('withSplit sets and clears the side without touching the value or source bytes', () => {
    const ex: Example = { id: 'a', value: chat(1), original: '{"x":1}', meta: { tags: ['t'] } };
    const moved = withSplit(ex, 'validation')!;
    expect(moved).toEqual({ ...ex, meta: { tags: ['t'], split: 'validation' } });
    expect(withSplit(moved, 'validation')).toBeNull();
    expect(withSplit(moved, null)).toEqual(ex);
    expect(withSplit(ex, null)).toBeNull();
    expect(pinnedSplit({ id: 'b', meta: { split: 'test' as 'train' } })).toBeUndefined();
  });
});
