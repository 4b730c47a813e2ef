// Equal-width histogram bins for the clickable statistics: a round width (1, 2 or 5 × a power of ten, whole numbers)
// so each bar reads as a plain range, at most `maxBins` bars from 0 to the largest value. Pure.

/** Bins of a histogram: bar i holds the values in [i × width, (i + 1) × width − 1]. */
export interface Histogram {
  width: number;
  counts: number[];
  /** The tallest bar's count. */
  top: number;
  /** width × number of bars: the value at the right end of the axis. */
  span: number;
}

/** The histogram of `values` (whole, non-negative numbers); null when there are none. */
export function histogram(values: readonly number[], maxBins = 20): Histogram | null {
  if (!values.length) return null;
  let max = 1;
  for (const n of values) if (n > max) max = n;
  const raw = max / maxBins;
  const step = 10 ** Math.floor(Math.log10(raw));
  const width = Math.max(1, [1, 2, 5, 10].map((m) => m * step).find((w) => w >= raw) ?? raw);
  const bins = Math.min(maxBins, Math.floor(max / width) + 1); // the last bar holds the largest value
  const counts = new Array<number>(bins).fill(0);
  for (const n of values) counts[Math.max(0, Math.min(bins - 1, Math.floor(n / width)))]++;
  let top = 0;
  for (const c of counts) if (c > top) top = c;
  return { width, counts, top, span: width * bins };
}
