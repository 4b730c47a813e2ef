// Seeded train/validation split: deterministic for a given seed, and exact duplicates (same fingerprint) always
// land on the same side so the validation loss is never measured on examples the model trained on.
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

/** Grouping key: the value's fingerprint, or the raw text for an unparsable record. */
const keyOf = (e: Example): string => (e.value !== undefined ? exampleFingerprint(e.value) || `id:${e.id}` : `raw:${e.raw ?? e.original ?? e.id}`);

/**
 * Splits examples into train and validation. Duplicate groups are shuffled with a seeded Fisher–Yates shuffle and
 * whole groups are moved to validation until it holds round(n × ratio) examples (it may overshoot by a group's
 * size minus one). Both parts keep the input order. Never mutates its input.
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
  const order = [...groups.values()];
  const rand = mulberry32(opts.seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const target = Math.round(examples.length * ratio);
  const inValidation = new Set<number>();
  for (const g of order) {
    if (inValidation.size >= target) break;
    for (const i of g) inValidation.add(i);
  }
  return {
    train: examples.filter((_, i) => !inValidation.has(i)),
    validation: examples.filter((_, i) => inValidation.has(i)),
  };
}
