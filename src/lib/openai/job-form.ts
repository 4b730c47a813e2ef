// The job-creation form as data: validates suffix, seed, hyperparameters and metadata like the API does
// (FORMATS.md §7) and builds the POST /fine_tuning/jobs body. Pure.
import type { JobCreateBody } from './types';

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

/**
 * Why a field is refused, as data: the Train tab writes it in the user's language (catalog key
 * `train.form.error.<code>`, the other fields as its placeholders).
 */
export type FormError =
  | { code: 'model' }
  | { code: 'epochs' | 'batchSize'; min: number; max: number }
  | { code: 'lrMultiplier' }
  | { code: 'beta'; max: number }
  | { code: 'suffixLength'; length: number; max: number }
  | { code: 'suffixChars' }
  | { code: 'seed'; max: number }
  | { code: 'metadataLine'; line: string }
  | { code: 'metadataLength'; key: number; value: number }
  | { code: 'metadataCount'; max: number };

/** Field name → why it is refused. Empty when the form is valid. */
export type FormErrors = Partial<Record<keyof JobFormInput, FormError>>;

/** Longest metadata key and value the API accepts, and how many entries the user may set (OpenAI allows 16; Tuneset uses one). */
const METADATA_KEY_MAX = 64;
const METADATA_VALUE_MAX = 512;
const METADATA_ENTRIES_MAX = 15;
/** Largest seed the API accepts. */
const SEED_MAX = 2147483647;

/** Empty, "auto", or the Chinese UI's word for it (its placeholder reads 自动): OpenAI decides. */
const isAuto = (v: string) => v.trim() === '' || v.trim().toLowerCase() === 'auto' || v.trim() === '自动';

function intIn(v: string, min: number, max: number, code: 'epochs' | 'batchSize'): FormError | undefined {
  if (isAuto(v)) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) return { code, min, max };
  return undefined;
}

function parseMetadata(text: string): { map: Record<string, string>; error?: FormError } {
  const map: Record<string, string> = {};
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const l of lines) {
    const i = l.indexOf('=');
    if (i <= 0) return { map, error: { code: 'metadataLine', line: l.slice(0, 30) } };
    const k = l.slice(0, i).trim();
    const v = l.slice(i + 1).trim();
    if (k.length > METADATA_KEY_MAX || v.length > METADATA_VALUE_MAX)
      return { map, error: { code: 'metadataLength', key: METADATA_KEY_MAX, value: METADATA_VALUE_MAX } };
    map[k] = v;
  }
  if (Object.keys(map).length > METADATA_ENTRIES_MAX) return { map, error: { code: 'metadataCount', max: METADATA_ENTRIES_MAX } };
  return { map };
}

/** Checks the form; returns why each invalid field is refused. */
export function validateJobForm(f: JobFormInput): FormErrors {
  const e: FormErrors = {};
  if (!f.model.trim()) e.model = { code: 'model' };
  e.nEpochs = intIn(f.nEpochs, 1, 50, 'epochs');
  e.batchSize = intIn(f.batchSize, 1, 256, 'batchSize');
  if (!isAuto(f.learningRateMultiplier)) {
    const n = Number(f.learningRateMultiplier);
    if (!Number.isFinite(n) || n <= 0) e.learningRateMultiplier = { code: 'lrMultiplier' };
  }
  if (f.method === 'dpo' && !isAuto(f.beta)) {
    const n = Number(f.beta);
    if (!Number.isFinite(n) || n <= 0 || n > 2) e.beta = { code: 'beta', max: 2 };
  }
  if (f.suffix.length > MAX_SUFFIX) e.suffix = { code: 'suffixLength', length: f.suffix.length, max: MAX_SUFFIX };
  else if (!SUFFIX_CHARS.test(f.suffix)) e.suffix = { code: 'suffixChars' };
  if (f.seed.trim() !== '' && !(Number.isInteger(Number(f.seed)) && Number(f.seed) >= 0 && Number(f.seed) <= SEED_MAX))
    e.seed = { code: 'seed', max: SEED_MAX };
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
