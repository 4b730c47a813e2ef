// Lazy loading of js-tiktoken rank data, one TokenCounter per encoding. Runs in Node, Vite pages and workers:
// the ranks (1–2.3 MB each) are separate chunks, fetched only when an encoding is first used.
import { createCounterInSlices, type EncodingName, type TiktokenRanks, type TokenCounter } from './count';

/** Every encoding Tuneset can count with. */
export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

/** True when `name` is an encoding Tuneset can count with (a guard for names read from messages or storage). */
export function isEncodingName(name: unknown): name is EncodingName {
  return name === 'o200k_base' || name === 'cl100k_base';
}

/** Load js-tiktoken's rank data for `name` (dynamic import, so bundlers split it out). */
export async function loadRanks(name: EncodingName): Promise<TiktokenRanks> {
  switch (name) {
    case 'o200k_base':
      return (await import('js-tiktoken/ranks/o200k_base')).default;
    case 'cl100k_base':
      return (await import('js-tiktoken/ranks/cl100k_base')).default;
  }
}

/** One counter promise per encoding, shared by every caller of getCounter in this realm. */
const counters = new Map<EncodingName, Promise<TokenCounter>>();

/**
 * The cached counter for `name`, built on first use (load ≈ 0.1–0.5 s for o200k_base). A failed load is not
 * cached, so a later call retries.
 */
export function getCounter(name: EncodingName): Promise<TokenCounter> {
  let counter = counters.get(name);
  if (!counter) {
    counter = loadRanks(name).then((ranks) => createCounterInSlices(ranks, name));
    counters.set(name, counter);
    counter.catch(() => counters.delete(name));
  }
  return counter;
}
