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

/** Trainers without an OpenAI-compatible fine-tuning API: the Train tab gives their file and their CLI commands. */
export type ElsewhereTarget = 'together' | 'fireworks';

/** What the "Train on …" panel shows for one trainer. */
export interface ElsewherePlan {
  /** Proper name of the trainer. */
  name: string;
  /** File the download writes (and the upload command names). */
  fileName: string;
  /** Environment variable the commands read the key from (never the key itself). */
  env: string;
  /** Pages the commands are taken from. */
  docs: string[];
  /** The upload command, then the job-creation command. */
  upload: string;
  create: string;
  /** True when the job command needs the id the upload printed, as $FILE_ID. */
  needsFileId: boolean;
}

/** A documented example base model of each trainer, the model field's starting value. */
export const ELSEWHERE_DEFAULT_MODEL: Readonly<Record<ElsewhereTarget, string>> = {
  // https://docs.together.ai/reference/post-fine-tunes (the request example's model)
  together: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Reference',
  // https://docs.fireworks.ai/tools-sdks/firectl/commands/supervised-fine-tuning-job-create (its example)
  fireworks: 'llama-v3-8b-instruct',
};

/** `s` as one POSIX shell word: as is when it holds only safe characters, else single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._/:@+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A Fireworks resource id from a dataset name: lowercase letters, digits and hyphens, starting with a letter. */
export function resourceId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  if (!slug) return 'tuneset-dataset';
  return /^[a-z]/.test(slug) ? slug : `ds-${slug}`;
}

/** A file-system-safe base name (as the export menu names its files). */
function baseName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'dataset';
}

/**
 * The file and the commands to train dataset `datasetName` on `target` with base model `model`, exactly as the
 * trainer documents them. The key is never in them: each CLI reads it from an environment variable.
 */
export function elsewherePlan(target: ElsewhereTarget, datasetName: string, model: string): ElsewherePlan {
  const fileName = `${baseName(datasetName)}.${target}.jsonl`;
  const m = shellWord(model.replace(/[\u0000-\u001f\u007f]/g, '').trim() || ELSEWHERE_DEFAULT_MODEL[target]);
  if (target === 'together') {
    // https://docs.together.ai/docs/fine-tuning-cli: "together files upload PATH_TO_DATA_FILE", then
    // "together fine-tuning create --training-file $FILE_ID --model $MODEL_NAME"; the CLI reads TOGETHER_API_KEY.
    return {
      name: 'Together AI',
      fileName,
      env: 'TOGETHER_API_KEY',
      needsFileId: true,
      docs: ['https://docs.together.ai/docs/fine-tuning-cli'],
      upload: `together files upload ${shellWord(fileName)}`,
      create: `together fine-tuning create --training-file "$FILE_ID" --model ${m}`,
    };
  }
  // https://docs.fireworks.ai/tools-sdks/firectl/commands/dataset-create: "firectl dataset create my-dataset
  // /path/to/dataset.jsonl"; https://docs.fireworks.ai/tools-sdks/firectl/commands/supervised-fine-tuning-job-create:
  // "firectl supervised-fine-tuning-job create --base-model … --dataset … --output-model …"; the global flag
  // --api-key takes the key (here from FIREWORKS_API_KEY, never written out).
  const id = resourceId(datasetName);
  return {
    name: 'Fireworks AI',
    fileName,
    env: 'FIREWORKS_API_KEY',
    needsFileId: false,
    docs: [
      'https://docs.fireworks.ai/tools-sdks/firectl/commands/dataset-create',
      'https://docs.fireworks.ai/tools-sdks/firectl/commands/supervised-fine-tuning-job-create',
    ],
    upload: `firectl dataset create ${id} ${shellWord(fileName)} --api-key "$FIREWORKS_API_KEY"`,
    create: `firectl supervised-fine-tuning-job create --base-model ${m} --dataset ${id} --output-model ${id}-tuned --api-key "$FIREWORKS_API_KEY"`,
  };
}
