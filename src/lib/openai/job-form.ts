// The job-creation form as data: validates suffix, seed, hyperparameters and metadata like the API does
// (FORMATS.md §7) and builds the POST /fine_tuning/jobs body. Pure.
import type { JobCreateBody } from './client';

/** A hyperparameter as typed: empty or "auto" means auto. */
export type HyperInput = string;

/** What the user filled in. */
export interface JobFormInput {
  model: string;
  method: 'supervised' | 'dpo';
  nEpochs: HyperInput;
  batchSize: HyperInput;
  learningRateMultiplier: HyperInput;
  beta: HyperInput;
  suffix: string;
  seed: string;
  /** `key=value` per line. */
  metadata: string;
}

/** A fresh form for a dataset's base model and format. */
export function defaultJobForm(model: string, format: 'chat' | 'preference' | 'prompt_completion'): JobFormInput {
  return {
    model,
    method: format === 'preference' ? 'dpo' : 'supervised',
    nEpochs: 'auto',
    batchSize: 'auto',
    learningRateMultiplier: 'auto',
    beta: 'auto',
    suffix: '',
    seed: '',
    metadata: '',
  };
}

/** Longest suffix the API accepts: 64 characters. */
export const MAX_SUFFIX = 64;
/** Characters OpenAI keeps in a suffix (others make the API reject it). */
const SUFFIX_CHARS = /^[A-Za-z0-9_-]*$/;

/** Field name → plain-language error. Empty when the form is valid. */
export type FormErrors = Partial<Record<keyof JobFormInput, string>>;

const isAuto = (v: string) => v.trim() === '' || v.trim().toLowerCase() === 'auto';

function intIn(v: string, lo: number, hi: number, label: string): string | undefined {
  if (isAuto(v)) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) return `${label} must be "auto" or a whole number from ${lo} to ${hi}.`;
  return undefined;
}

function parseMetadata(text: string): { map: Record<string, string>; error?: string } {
  const map: Record<string, string> = {};
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const l of lines) {
    const i = l.indexOf('=');
    if (i <= 0) return { map, error: `Write metadata as key=value, one per line ("${l.slice(0, 30)}" has no "=").` };
    const k = l.slice(0, i).trim();
    const v = l.slice(i + 1).trim();
    if (k.length > 64 || v.length > 512) return { map, error: 'Metadata keys are at most 64 characters and values at most 512.' };
    map[k] = v;
  }
  if (Object.keys(map).length > 15) return { map, error: 'At most 15 metadata entries (one more is used by Tuneset).' };
  return { map };
}

/** Checks the form; returns one message per invalid field. */
export function validateJobForm(f: JobFormInput): FormErrors {
  const e: FormErrors = {};
  if (!f.model.trim()) e.model = 'Choose a base model.';
  e.nEpochs = intIn(f.nEpochs, 1, 50, 'Epochs');
  e.batchSize = intIn(f.batchSize, 1, 256, 'Batch size');
  if (!isAuto(f.learningRateMultiplier)) {
    const n = Number(f.learningRateMultiplier);
    if (!Number.isFinite(n) || n <= 0) e.learningRateMultiplier = 'Learning rate multiplier must be "auto" or a number above 0.';
  }
  if (f.method === 'dpo' && !isAuto(f.beta)) {
    const n = Number(f.beta);
    if (!Number.isFinite(n) || n <= 0 || n > 2) e.beta = 'Beta must be "auto" or a number above 0 and at most 2.';
  }
  if (f.suffix.length > MAX_SUFFIX) e.suffix = `The suffix is ${f.suffix.length} characters; at most ${MAX_SUFFIX} are allowed.`;
  else if (!SUFFIX_CHARS.test(f.suffix)) e.suffix = 'Use only letters, digits, "-" and "_" in the suffix.';
  if (f.seed.trim() !== '' && !(Number.isInteger(Number(f.seed)) && Number(f.seed) >= 0 && Number(f.seed) <= 2147483647))
    e.seed = 'The seed must be a whole number from 0 to 2147483647.';
  e.metadata = parseMetadata(f.metadata).error;
  for (const k of Object.keys(e) as (keyof JobFormInput)[]) if (e[k] === undefined) delete e[k];
  return e;
}

const hyper = (v: string): number | 'auto' => (isAuto(v) ? 'auto' : Number(v));

/** The request body for a valid form (call {@link validateJobForm} first). */
export function buildJobBody(f: JobFormInput, trainingFile: string, validationFile: string | null): JobCreateBody {
  const hp: Record<string, unknown> = { n_epochs: hyper(f.nEpochs), batch_size: hyper(f.batchSize), learning_rate_multiplier: hyper(f.learningRateMultiplier) };
  if (f.method === 'dpo') hp.beta = hyper(f.beta);
  const body: JobCreateBody = {
    model: f.model.trim(),
    training_file: trainingFile,
    method: f.method === 'dpo' ? { type: 'dpo', dpo: { hyperparameters: hp } } : { type: 'supervised', supervised: { hyperparameters: hp } },
  };
  if (validationFile) body.validation_file = validationFile;
  if (f.suffix) body.suffix = f.suffix;
  if (f.seed.trim() !== '') body.seed = Number(f.seed);
  const md = parseMetadata(f.metadata).map;
  if (Object.keys(md).length) body.metadata = md;
  return body;
}
