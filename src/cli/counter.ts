// One token counter per encoding for the CLI's thread. The ranks come from the rank file next to the bundle
// (dist-cli/ranks/<encoding>.bin, see rank-file.ts): read, not decoded. Without one (the sources run by tsx or
// vitest, or a file missing or damaged) they are decoded from js-tiktoken's text in one go (createCounter) — not in
// slices with yields in between as pages need (getCounter), which only slows a command down. Same counts either way.
import { readFileSync } from 'node:fs';
import { counterFromTable, createCounter, type EncodingName, type TokenCounter } from '../lib/tokens/count';
import { loadRanks } from '../lib/tokens/encodings';
import { decodeRankFile } from './rank-file';

const counters = new Map<EncodingName, Promise<TokenCounter>>();

/** Where this thread's counters' ranks came from, with the reason a rank file was not used (TUNESET_STATS=1). */
export const rankSource: { file: number; text: number; why: string } = { file: 0, text: 0, why: '' };

/** Where the rank file of `encoding` is: next to this module (for the bundle, in dist-cli/ranks/). */
function rankFileUrl(encoding: EncodingName): URL {
  return new URL(`./ranks/${encoding}.bin`, import.meta.url);
}

/** The counter from the rank file, or null (with rankSource.why set) when there is no usable file. */
function fromRankFile(encoding: EncodingName): TokenCounter | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(rankFileUrl(encoding));
  } catch (e) {
    rankSource.why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no rank file' : String(e);
    return null;
  }
  try {
    const file = decodeRankFile(bytes);
    if (file.encoding !== encoding) throw new Error(`the rank file holds ${file.encoding}`);
    return counterFromTable(file.table, file.patStr, encoding);
  } catch (e) {
    rankSource.why = e instanceof Error ? e.message : String(e);
    return null;
  }
}

/** The counter for `encoding`, built on first use in this thread. */
export function loadCounter(encoding: EncodingName): Promise<TokenCounter> {
  let c = counters.get(encoding);
  if (!c) {
    const read = fromRankFile(encoding);
    if (read) {
      rankSource.file++;
      c = Promise.resolve(read);
    } else {
      rankSource.text++;
      c = loadRanks(encoding).then((ranks) => createCounter(ranks, encoding));
    }
    counters.set(encoding, c);
  }
  return c;
}
