// Zod schemas for every OpenAI response the Train tab reads. Responses are parsed, not trusted: unknown
// statuses, `error` as {}, null or a full object, and missing optional fields all parse to a usable value.
import { z } from 'zod';

/** The API's error body: `{error: {message, type, code, param}}` (every field may be missing or null). */
export const apiErrorBodySchema = z.object({
  error: z
    .object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
      param: z.string().nullish(),
    })
    .nullish(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** A file object from `POST /files` or an upload's `complete`. */
export const fileObjectSchema = z.object({
  id: z.string(),
  bytes: z.number().nullish(),
  filename: z.string().nullish(),
  purpose: z.string().nullish(),
  created_at: z.number().nullish(),
});
export type FileObject = z.infer<typeof fileObjectSchema>;

/** An Uploads API upload (`POST /uploads`, `…/complete`); `file` is set once completed. */
export const uploadObjectSchema = z.object({
  id: z.string(),
  status: z.string().nullish(),
  file: fileObjectSchema.nullish(),
});
export type UploadObject = z.infer<typeof uploadObjectSchema>;

/** One part of an upload (`POST /uploads/{id}/parts`). */
export const uploadPartSchema = z.object({ id: z.string() });

/** Job statuses we know; anything else (a future status) is kept as `unknown:<raw>` instead of failing. */
export const KNOWN_STATUSES = ['validating_files', 'queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof KNOWN_STATUSES)[number] | `unknown:${string}`;
const statusSchema = z.string().transform((s): JobStatus =>
  (KNOWN_STATUSES as readonly string[]).includes(s) ? (s as JobStatus) : `unknown:${s}`,
);

/** A job's error: `{}`, null and a missing field all become null; a full object keeps its message. */
const jobErrorSchema = z
  .object({ code: z.string().nullish(), message: z.string().nullish(), param: z.string().nullish() })
  .nullish()
  .transform((e) => (e && (e.message || e.code) ? { code: e.code ?? null, message: e.message ?? '', param: e.param ?? null } : null));

const hyperValue = z.union([z.literal('auto'), z.number(), z.string()]).nullish();
const hyperparametersSchema = z
  .object({ n_epochs: hyperValue, batch_size: hyperValue, learning_rate_multiplier: hyperValue, beta: hyperValue })
  .nullish();

/** A fine-tuning job (`GET /fine_tuning/jobs/{id}`). */
export const jobSchema = z.object({
  id: z.string(),
  model: z.string(),
  status: statusSchema,
  created_at: z.number().nullish(),
  finished_at: z.number().nullish(),
  fine_tuned_model: z.string().nullish(),
  training_file: z.string().nullish(),
  validation_file: z.string().nullish(),
  trained_tokens: z.number().nullish(),
  estimated_finish: z.number().nullish(),
  error: jobErrorSchema,
  metadata: z.record(z.string(), z.string()).nullish(),
  suffix: z.string().nullish(),
  hyperparameters: hyperparametersSchema,
  method: z
    .object({
      type: z.string().nullish(),
      supervised: z.object({ hyperparameters: hyperparametersSchema }).nullish(),
      dpo: z.object({ hyperparameters: hyperparametersSchema }).nullish(),
    })
    .nullish(),
});
export type Job = z.infer<typeof jobSchema>;

/** A page of jobs (`GET /fine_tuning/jobs?after=&limit=`). */
export const jobListSchema = z.object({ data: z.array(jobSchema), has_more: z.boolean().nullish() });
export type JobList = z.infer<typeof jobListSchema>;

/** Numbers OpenAI reports in metrics events and checkpoints (all optional). */
export const metricsSchema = z.object({
  step: z.number().nullish(),
  train_loss: z.number().nullish(),
  valid_loss: z.number().nullish(),
  full_valid_loss: z.number().nullish(),
  train_mean_token_accuracy: z.number().nullish(),
  valid_mean_token_accuracy: z.number().nullish(),
  full_valid_mean_token_accuracy: z.number().nullish(),
});
export type Metrics = z.infer<typeof metricsSchema>;

/** One job event (`GET …/events`, newest first). */
export const jobEventSchema = z.object({
  id: z.string(),
  created_at: z.number().nullish(),
  level: z.string().nullish(),
  message: z.string().nullish().transform((m) => m ?? ''),
  type: z.string().nullish(),
  data: z.unknown().optional(),
});
export type JobEvent = z.infer<typeof jobEventSchema>;
export const jobEventListSchema = z.object({ data: z.array(jobEventSchema), has_more: z.boolean().nullish() });

/** One checkpoint (`GET …/checkpoints`). Only the last 3 epochs are kept by OpenAI. */
export const checkpointSchema = z.object({
  id: z.string(),
  fine_tuned_model_checkpoint: z.string(),
  step_number: z.number().nullish(),
  created_at: z.number().nullish(),
  metrics: metricsSchema.nullish(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export const checkpointListSchema = z.object({ data: z.array(checkpointSchema), has_more: z.boolean().nullish() });

/** A model from `GET /models` (`shutdown_date` is optional and not always present). */
export const modelObjectSchema = z.object({
  id: z.string(),
  owned_by: z.string().nullish(),
  created: z.number().nullish(),
  shutdown_date: z.union([z.string(), z.number()]).nullish(),
});
export type ModelObject = z.infer<typeof modelObjectSchema>;
export const modelListSchema = z.object({ data: z.array(modelObjectSchema) });

/** A chat completion; only the first choice's text is read. */
export const chatCompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ role: z.string().nullish(), content: z.string().nullish(), refusal: z.string().nullish() }) }))
    .min(1),
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
