// Bars have round widths, cover every value once, and the largest value is in the last bar.
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('round widths, every value counted once, the largest in the last bar', () => {
    const h = histogram([26, 45, 30, 8032, 100])!;
    expect(h.width).toBe(500);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.counts[0]).toBe(4);
    expect(h.counts.at(-1)).toBe(1);
    expect(h.span).toBe(8500);
    expect(h.top).toBe(4);
  });
  it('small counts (messages per example) get bars one wide', () => {
    const h = histogram([2, 3, 3, 9])!;
    expect(h.width).toBe(1);
    expect(h.counts).toEqual([0, 0, 1, 2, 0, 0, 0, 0, 0, 1]);
  });
  it('no values, no histogram; all zeros still make one bar', () => {
    expect(histogram([])).toBeNull();
    expect(histogram([0, 0])!.counts).toEqual([2, 0]);
  });
});
