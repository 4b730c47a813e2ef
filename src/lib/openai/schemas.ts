// Zod schemas for every OpenAI response the Train tab reads. Responses are parsed, not trusted: unknown
// statuses, `error` as {}, null or a full object, and missing optional fields all parse to a usable value.
import { z } from 'zod/mini';

/** The API's error body: `{error: {message, type, code, param}}` (every field may be missing or null). */
export const apiErrorBodySchema = z.object({
  error: z.nullish(
    z.object({
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      code: z.nullish(z.union([z.string(), z.number()])),
      param: z.nullish(z.string()),
    }),
  ),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** A file object from `POST /files` or an upload's `complete`. */
export const fileObjectSchema = z.object({
  id: z.string(),
  bytes: z.nullish(z.number()),
  filename: z.nullish(z.string()),
  purpose: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
});
export type FileObject = z.infer<typeof fileObjectSchema>;

/** An Uploads API upload (`POST /uploads`, `…/complete`); `file` is set once completed. */
export const uploadObjectSchema = z.object({
  id: z.string(),
  status: z.nullish(z.string()),
  file: z.nullish(fileObjectSchema),
});
export type UploadObject = z.infer<typeof uploadObjectSchema>;

/** One part of an upload (`POST /uploads/{id}/parts`). */
export const uploadPartSchema = z.object({ id: z.string() });

/** Job statuses we know; anything else (a future status) is kept as `unknown:<raw>` instead of failing. */
export const KNOWN_STATUSES = ['validating_files', 'queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof KNOWN_STATUSES)[number] | `unknown:${string}`;
const statusSchema = z.pipe(
  z.string(),
  z.transform((s): JobStatus => ((KNOWN_STATUSES as readonly string[]).includes(s) ? (s as JobStatus) : `unknown:${s}`)),
);

/** A job's error: `{}`, null and a missing field all become null; a full object keeps its message. */
const jobErrorSchema = z.pipe(
  z.nullish(z.object({ code: z.nullish(z.string()), message: z.nullish(z.string()), param: z.nullish(z.string()) })),
  z.transform((e) => (e && (e.message || e.code) ? { code: e.code ?? null, message: e.message ?? '', param: e.param ?? null } : null)),
);

const hyperValue = z.nullish(z.union([z.literal('auto'), z.number(), z.string()]));
const hyperparametersSchema = z.nullish(z.object({ n_epochs: hyperValue, batch_size: hyperValue, learning_rate_multiplier: hyperValue, beta: hyperValue }));

/** A fine-tuning job (`GET /fine_tuning/jobs/{id}`). */
export const jobSchema = z.object({
  id: z.string(),
  model: z.string(),
  status: statusSchema,
  created_at: z.nullish(z.number()),
  finished_at: z.nullish(z.number()),
  fine_tuned_model: z.nullish(z.string()),
  training_file: z.nullish(z.string()),
  validation_file: z.nullish(z.string()),
  trained_tokens: z.nullish(z.number()),
  estimated_finish: z.nullish(z.number()),
  error: jobErrorSchema,
  metadata: z.nullish(z.record(z.string(), z.string())),
  suffix: z.nullish(z.string()),
  hyperparameters: hyperparametersSchema,
  method: z.nullish(
    z.object({
      type: z.nullish(z.string()),
      supervised: z.nullish(z.object({ hyperparameters: hyperparametersSchema })),
      dpo: z.nullish(z.object({ hyperparameters: hyperparametersSchema })),
    }),
  ),
});
export type Job = z.infer<typeof jobSchema>;

/** A page of jobs (`GET /fine_tuning/jobs?after=&limit=`). */
export const jobListSchema = z.object({ data: z.array(jobSchema), has_more: z.nullish(z.boolean()) });
export type JobList = z.infer<typeof jobListSchema>;

/** Numbers OpenAI reports in metrics events and checkpoints (all optional). */
export const metricsSchema = z.object({
  step: z.nullish(z.number()),
  train_loss: z.nullish(z.number()),
  valid_loss: z.nullish(z.number()),
  full_valid_loss: z.nullish(z.number()),
  train_mean_token_accuracy: z.nullish(z.number()),
  valid_mean_token_accuracy: z.nullish(z.number()),
  full_valid_mean_token_accuracy: z.nullish(z.number()),
});
export type Metrics = z.infer<typeof metricsSchema>;

/** One job event (`GET …/events`, newest first). */
export const jobEventSchema = z.object({
  id: z.string(),
  created_at: z.nullish(z.number()),
  level: z.nullish(z.string()),
  message: z.pipe(
    z.nullish(z.string()),
    z.transform((m) => m ?? ''),
  ),
  type: z.nullish(z.string()),
  data: z.optional(z.unknown()),
});
export type JobEvent = z.infer<typeof jobEventSchema>;
export const jobEventListSchema = z.object({ data: z.array(jobEventSchema), has_more: z.nullish(z.boolean()) });

/** One checkpoint (`GET …/checkpoints`). Only the last 3 epochs are kept by OpenAI. */
export const checkpointSchema = z.object({
  id: z.string(),
  fine_tuned_model_checkpoint: z.string(),
  step_number: z.nullish(z.number()),
  created_at: z.nullish(z.number()),
  metrics: z.nullish(metricsSchema),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export const checkpointListSchema = z.object({ data: z.array(checkpointSchema), has_more: z.nullish(z.boolean()) });

/** A model from `GET /models` (`shutdown_date` is optional and not always present). */
export const modelObjectSchema = z.object({
  id: z.string(),
  owned_by: z.nullish(z.string()),
  created: z.nullish(z.number()),
  shutdown_date: z.nullish(z.union([z.string(), z.number()])),
});
export type ModelObject = z.infer<typeof modelObjectSchema>;
export const modelListSchema = z.object({ data: z.array(modelObjectSchema) });

/** A chat completion; only the first choice's text is read. */
export const chatCompletionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ role: z.nullish(z.string()), content: z.nullish(z.string()), refusal: z.nullish(z.string()) }) }))
    .check(z.minLength(1)),
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
