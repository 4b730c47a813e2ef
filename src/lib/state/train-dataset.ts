// What the Train tab sends: the open dataset as a TrainDataset (src/lib/openai/types.ts), optionally split into
// training and validation files. Figures are those of the training file: validation tokens are not charged.
import type { TrainDataset, TrainIssue } from '../openai/types';
import { splitTrainValidation } from '../dataset/split';
import { toJsonl } from '../dataset/export';
import { getMessages } from '../dataset/edit';
import { billingTokens, chargedTokens, defaultEpochs, estimatedCost } from '../dataset/stats';
import type { Example } from '../dataset/types';
import type { Workspace } from './workspace.svelte';

/** Seed of the training/validation split, so a retry uploads the same files. */
export const SPLIT_SEED = 42;

/** Every error and warning of the open dataset, numbered as the examples are (dataset-level ones first). */
export function trainIssues(ws: Workspace): TrainIssue[] {
  const perExample = ws.examples.flatMap((ex, i) => ws.analysis.analyse(ex).issues.map((x) => (x.example === undefined ? x : { ...x, example: i + 1 })));
  return [...ws.analysis.datasetIssues, ...perExample]
    .filter((x) => x.severity !== 'info')
    .map((x) => ({ severity: x.severity, code: x.code, params: x.params, example: x.example, line: x.line }));
}

/**
 * The open dataset as the Train tab needs it, holding out `holdoutPercent` % (0–50) as the validation file.
 * Example count, tokens, epochs and cost describe the training file; tokens are null until all are counted.
 */
export function buildTrainDataset(ws: Workspace, holdoutPercent: number, issues: TrainIssue[]): TrainDataset | null {
  const meta = ws.meta;
  if (!meta) return null;
  const all = ws.examples;
  const split = holdoutPercent > 0 ? splitTrainValidation(all, { ratio: holdoutPercent / 100, seed: SPLIT_SEED }) : null;
  const train: readonly Example[] = split ? split.train : all;
  const eol = meta.eol;
  const model = ws.model;
  const counts: number[] = [];
  for (const ex of train) {
    if (ex.value === undefined) continue;
    const t = ws.analysis.cachedTokens(ex);
    if (!t) break;
    counts.push(t.total + t.tools);
  }
  const complete = counts.length === train.filter((e) => e.value !== undefined).length;
  const tokens = complete ? billingTokens(counts, model?.limit ?? null) : null;
  const epochs = defaultEpochs(train.length);
  return {
    name: meta.name,
    model: meta.model,
    format: meta.format,
    exampleCount: train.length,
    issues,
    estimatedTokens: tokens,
    epochs,
    estimatedCostUsd: tokens === null ? null : estimatedCost(chargedTokens(tokens, epochs), model),
    trainingJsonl: () => toJsonl(train, { eol }),
    validationJsonl: () => (split ? toJsonl(split.validation, { eol }) : null),
    firstExampleMessages: () => (all[0]?.value === undefined ? null : getMessages(all[0].value)),
  };
}
