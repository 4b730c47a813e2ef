// Seeded train/validation split: deterministic for a given seed, and exact duplicates (same fingerprint) always
// land on the same side so the validation loss is never measured on examples the model trained on. An example moved
// to a side by hand (meta.split, a bulk "move to train / validation") stays there; the seed decides the rest.
import type { Example } from './types.ts';
import { mulberry32 } from './random.ts';
import { exampleFingerprint } from './validate.ts';

/** Options for splitTrainValidation. */
export interface SplitOptions {
  /** Share of examples that go to validation, 0..1 (e.g. 0.1 = 10%). Clamped into [0, 1]. */
  ratio: number;
  /** PRNG seed (any integer); the same seed and data always give the same split. */
  seed: number;
}

/** The two parts; each keeps the examples' original relative order. */
export interface Split {
  train: Example[];
  validation: Example[];
}

export { mulberry32 };

/** The side example `ex` was moved to by hand, if any (a value no version wrote, e.g. in a hand-edited backup, is none). */
export function pinnedSplit(ex: Example): 'train' | 'validation' | undefined {
  const s = ex.meta?.split;
  return s === 'train' || s === 'validation' ? s : undefined;
}

/** `ex` moved to `side` by hand (null: back to the seeded split); null when that is where it already is. */
export function withSplit(ex: Example, side: 'train' | 'validation' | null): Example | null {
  if ((pinnedSplit(ex) ?? null) === side && (side !== null || ex.meta?.split === undefined)) return null;
  const { split: _old, ...rest } = ex.meta ?? {};
  const meta = side ? { ...rest, split: side } : rest;
  const { meta: _meta, ...bare } = ex;
  return Object.keys(meta).length ? { ...bare, meta } : bare; // the value and its source bytes stay as they are
}

/** Grouping key: the value's fingerprint, or the raw text for an unparsable record. */
const keyOf = (e: Example): string => (e.value !== undefined ? exampleFingerprint(e.value) || `id:${e.id}` : `raw:${e.raw ?? e.original ?? e.id}`);

/**
 * Splits examples into train and validation. Examples moved to a side by hand stay there, and the unpinned exact
 * duplicates of an example pinned to validation follow it. The other duplicate groups are shuffled with a seeded
 * Fisher–Yates shuffle and whole groups are moved to validation until it holds round(n × ratio) examples (pinned
 * ones count; it may overshoot by a group's size minus one). Both parts keep the input order. Never mutates its input.
 */
export function splitTrainValidation(examples: readonly Example[], opts: SplitOptions): Split {
  const ratio = Math.min(1, Math.max(0, Number.isFinite(opts.ratio) ? opts.ratio : 0));
  const groups = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const k = keyOf(e);
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const inValidation = new Set<number>();
  const free: number[][] = [];
  for (const g of groups.values()) {
    const pins = g.map((i) => pinnedSplit(examples[i]));
    if (pins.includes('validation')) g.forEach((i, k) => pins[k] !== 'train' && inValidation.add(i));
    else if (!pins.includes('train')) free.push(g);
    // A group with a train pin and no validation pin stays in train whole (no leakage).
  }
  const rand = mulberry32(opts.seed);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [free[i], free[j]] = [free[j], free[i]];
  }
  const target = Math.round(examples.length * ratio);
  for (const g of free) {
    if (inValidation.size >= target) break;
    for (const i of g) inValidation.add(i);
  }
  return {
    train: examples.filter((_, i) => !inValidation.has(i)),
    validation: examples.filter((_, i) => inValidation.has(i)),
  };
}
