import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { billingTokens, chargedTokens, defaultEpochs, distribution, estimatedCost } from './stats';
import type { Distribution } from './types';

// Oracle: tests/fixtures/report/numpy_quantile_oracle.py restates numpy's linear quantile in plain Python.
const oracle = JSON.parse(readFileSync(new URL('../../../tests/fixtures/report/numpy_quantile_oracle.json', import.meta.url), 'utf8')) as Array<
  Distribution & { xs: number[] }
>;

describe('distribution', () => {
  it('prints the same 6.6000000000000005 the guide printed for its toy data (numpy float behaviour)', () => {
    const d = distribution([3, 9, 2, 2, 3]);
    expect(d.p10).toBe(2.0);
    expect(d.p90).toBe(6.6000000000000005);
    expect(d.mean).toBe(3.8);
    expect(d.median).toBe(3.0);
  });

  it.each(oracle.map((o) => [o.xs.length, o] as const))('matches numpy bit for bit on a sample of %i', (_n, o) => {
    const { xs, ...expected } = o;
    expect(distribution(xs)).toEqual(expected);
  });

  it('does not reorder the caller’s array', () => {
    const xs = [5, 1, 4];
    distribution(xs);
    expect(xs).toEqual([5, 1, 4]);
  });

  it('an empty dataset gives zeros instead of NaN or a crash', () => {
    expect(Object.values(distribution([])).every((v) => v === 0)).toBe(true);
  });
});

describe('epochs and billing (the guide’s rule)', () => {
  // Worked by hand from the guide's constants: 3 epochs, min 100 / max 25000 example-passes, bounds 1..25.
  it.each([
    [1, 25], // 100 // 1 = 100, capped at 25
    [5, 20], // the guide's toy data: "you'll train for 20 epochs"
    [10, 10],
    [33, 3], // 99 < 100 → 100 // 33 = 3
    [34, 3],
    [8333, 3], // 24999 ≤ 25000
    [8334, 2], // 25002 > 25000 → 25000 // 8334 = 2
    [30000, 1],
    [0, 0],
  ])('%i examples train for %i epochs by default', (n, epochs) => {
    expect(defaultEpochs(n)).toBe(epochs);
  });

  it('billing tokens cap each example at the model limit', () => {
    expect(billingTokens([100, 5000, 4096], 4096)).toBe(100 + 4096 + 4096);
    expect(billingTokens([100, 5000], null)).toBe(5100);
  });

  it('charged tokens are epochs × billing tokens and cost uses the price per million', () => {
    expect(chargedTokens(4306, 20)).toBe(86120); // the guide's toy data output
    expect(estimatedCost(1_000_000, { trainingPricePerMTokens: 8 })).toBe(8);
    expect(estimatedCost(86120, { trainingPricePerMTokens: 3 })).toBeCloseTo(0.25836, 10);
    expect(estimatedCost(100, { trainingPricePerMTokens: null })).toBeNull();
    expect(estimatedCost(100, undefined)).toBeNull();
  });
});
