// One token counter per encoding for the CLI's thread: the ranks decoded in one go (createCounter), not in slices
// with yields in between as pages need (getCounter), which only slows a command down.
import { createCounter, type EncodingName, type TokenCounter } from '../lib/tokens/count';
import { loadRanks } from '../lib/tokens/encodings';

const counters = new Map<EncodingName, Promise<TokenCounter>>();

/** The counter for `encoding`, built on first use in this thread. */
export function loadCounter(encoding: EncodingName): Promise<TokenCounter> {
  let c = counters.get(encoding);
  if (!c) {
    c = loadRanks(encoding).then((ranks) => createCounter(ranks, encoding));
    counters.set(encoding, c);
  }
  return c;
}
