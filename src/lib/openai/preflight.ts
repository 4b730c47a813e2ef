// The summary shown before anything is sent: blocking errors, warnings, counts, estimates, model shutdown,
// the job-creation deadline, and training/validation overlap. Pure: the clock and file texts are passed in.
import { JOB_CREATION_DEADLINE, daysUntil, resolveModel, type ModelInfo } from '../models/catalog';
import type { TrainDataset, TrainIssue } from './types';
import { appIssue } from '../i18n/messages/index';
import { checkJobMethod, type JobMethod } from '../dataset/validate';

/** OpenAI refuses training files with fewer examples than this. */
export const MIN_EXAMPLES = 10;

/** What the pre-flight panel shows. */
export interface Preflight {
  /** Block "Start fine-tuning"; those with `example` link to it. */
  errors: TrainIssue[];
  warnings: TrainIssue[];
  exampleCount: number;
  estimatedTokens: number | null;
  epochs: number | null;
  estimatedCostUsd: number | null;
  model: ModelInfo | undefined;
  /** ISO date the base model shuts down (its fine-tunes stop working), when known. */
  modelShutdown: string | null;
  modelShutdownDays: number | null;
  /** Last day OpenAI accepts new jobs, and whole days left until it (negative once past). */
  deadline: string;
  deadlineDays: number;
  /** Examples found in both files (validation lines identical to a training line), when there is a validation file. */
  overlap: { count: number; validationCount: number } | null;
  canStart: boolean;
}

/** A line's identity for overlap: its JSON with object keys sorted, or its trimmed text when not JSON. */
function canonical(line: string): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sortKeys(x)]),
          )
        : v;
  try {
    return JSON.stringify(sortKeys(JSON.parse(line)));
  } catch {
    return line.trim();
  }
}

/** Number of validation examples that also appear in the training file. */
export function overlapCount(training: string, validation: string): { count: number; validationCount: number } {
  const lines = (t: string) =>
    t
      .split('\n')
      .map((l) => l.replace(/\r$/, ''))
      .filter((l) => l.trim() !== '');
  const train = new Set(lines(training).map(canonical));
  const valid = lines(validation);
  return { count: valid.filter((l) => train.has(canonical(l))).length, validationCount: valid.length };
}

/** Inputs of {@link buildPreflight}. */
export interface PreflightInput {
  dataset: Pick<TrainDataset, 'model' | 'format' | 'exampleCount' | 'issues' | 'estimatedTokens' | 'epochs' | 'estimatedCostUsd'>;
  /** The model the job will use (the form's choice; defaults to the dataset's). */
  model?: string;
  /** The job form's method; when it does not fit the file's format (chat ↔ DPO) the start is blocked. */
  method?: JobMethod;
  /** Epochs the user set in the job form (a whole number 1–50); undefined for "auto" (the dataset's default). */
  epochs?: number;
  trainingJsonl: string;
  validationJsonl: string | null;
  today: Date;
  /** True when the endpoint is OpenAI's own (the job-creation deadline applies). */
  isOpenAI: boolean;
  /** A shutdown date from GET /models, which wins over the catalog's. */
  shutdownFromApi?: string | null;
}

/** Builds the pre-flight summary. Never throws. */
export function buildPreflight(input: PreflightInput): Preflight {
  const { dataset, today } = input;
  const modelId = input.model ?? dataset.model;
  const model = resolveModel(modelId);
  const errors: TrainIssue[] = dataset.issues.filter((i) => i.severity === 'error');
  const warnings: TrainIssue[] = dataset.issues.filter((i) => i.severity === 'warning');
  if (dataset.exampleCount < MIN_EXAMPLES && !errors.some((e) => e.code === 'invalid_n_examples')) {
    errors.unshift(appIssue('error', 'invalid_n_examples.train', { count: dataset.exampleCount, min: MIN_EXAMPLES }));
  }
  const deadlineDays = daysUntil(JOB_CREATION_DEADLINE, today);
  if (input.isOpenAI && deadlineDays < 0) {
    errors.unshift(appIssue('error', 'deadline_passed', { date: JOB_CREATION_DEADLINE }));
  }
  const modelShutdown = input.shutdownFromApi ?? model?.baseShutdown ?? null;
  const modelShutdownDays = modelShutdown ? daysUntil(modelShutdown, today) : null;
  if (!model) warnings.push(appIssue('warning', 'unknown_model.train', { model: modelId }));
  else {
    if (modelShutdownDays !== null && modelShutdownDays < 0 && modelShutdown)
      errors.push(appIssue('error', 'model_retired', { model: model.label ?? model.id, date: modelShutdown }));
    const needs = dataset.format === 'preference' ? 'dpo' : dataset.format === 'prompt_completion' ? 'prompt_completion' : 'supervised';
    if (!model.methods.includes(needs))
      errors.push(appIssue('error', 'method_not_supported', { model: model.label ?? model.id, format: dataset.format, method: needs }));
  }
  if (input.method) errors.push(...checkJobMethod(dataset.format, input.method));
  let overlap: Preflight['overlap'] = null;
  if (input.validationJsonl) {
    overlap = overlapCount(input.trainingJsonl, input.validationJsonl);
    if (overlap.count > 0) warnings.push(appIssue('warning', 'validation_overlap', { count: overlap.count, total: overlap.validationCount }));
  }
  // The cost follows the job's model and epochs when the form differs from the dataset's defaults.
  const epochs = input.epochs ?? dataset.epochs;
  const price = model?.trainingPricePerMTokens;
  const estimatedCostUsd =
    input.epochs === undefined && modelId === dataset.model
      ? dataset.estimatedCostUsd
      : dataset.estimatedTokens !== null && epochs !== null && price != null
        ? (dataset.estimatedTokens * epochs * price) / 1e6
        : null;
  return {
    errors,
    warnings,
    exampleCount: dataset.exampleCount,
    estimatedTokens: dataset.estimatedTokens,
    epochs,
    estimatedCostUsd,
    model,
    modelShutdown,
    modelShutdownDays,
    deadline: JOB_CREATION_DEADLINE,
    deadlineDays,
    overlap,
    canStart: errors.length === 0,
  };
}
