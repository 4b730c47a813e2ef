// Messages between TokenPool (client.ts) and tokens.worker.ts: one discriminated union each way, every
// message carrying the request id it answers. Both ends parse what they receive with these schemas.
import { z } from 'zod/mini';
import { en } from 'zod/locales';
import type { Message, Params } from '../dataset/messages/types';

// zod/mini has no messages of its own; the worker quotes the first issue when it answers a malformed request.
z.config(en());

/** Encoding names accepted over the wire (same set as EncodingName in count.ts). */
export const encodingNameSchema = z.enum(['o200k_base', 'cl100k_base']);

/** A group of texts counted together and answered under the caller's key (e.g. one example's values). */
export const countItemSchema = z.object({
  key: z.string(),
  texts: z.array(z.string()),
});
/** See countItemSchema. */
export type CountItem = z.infer<typeof countItemSchema>;

/** Token counts of one item, in the order of its texts. */
export const keyedCountsSchema = z.object({
  key: z.string(),
  counts: z.array(z.number().check(z.int(), z.nonnegative())),
});
/** See keyedCountsSchema. */
export type KeyedCounts = z.infer<typeof keyedCountsSchema>;

/** One example to analyse: its JSON text (the source line when untouched) and the line it came from. */
export const analyseItemSchema = z.object({
  key: z.string(),
  json: z.string(),
  line: z.optional(z.number().check(z.int())),
});
/** See analyseItemSchema. */
export type AnalyseItem = z.infer<typeof analyseItemSchema>;

const count = z.number().check(z.int(), z.nonnegative());
/** A message as data (dataset/messages): a code and params, which may hold nested messages. */
const messageSchema: z.ZodMiniType<Message> = z.lazy(() => z.object({ code: z.string(), params: paramsSchema }));
/** Params of an issue or message (dataset/messages/types.ts Params). */
const paramsSchema: z.ZodMiniType<Params> = z.record(
  z.string(),
  z.optional(z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.array(z.number()), messageSchema, z.array(messageSchema)])),
);
/** ExampleAnalysis (dataset/example-analysis.ts) as sent back by a worker. */
export const exampleAnalysisSchema = z.object({
  issues: z.array(
    z.object({
      severity: z.enum(['error', 'warning', 'info']),
      code: z.string(),
      params: paramsSchema,
      line: z.optional(z.number()),
      example: z.optional(z.number()),
      message_index: z.optional(z.number()),
      path: z.optional(z.string()),
    }),
  ),
  errors: count,
  warnings: count,
  format: z.enum(['chat', 'preference', 'prompt_completion', 'sharegpt', 'alpaca', 'trl_preference', 'unknown']),
  fingerprint: z.string(),
  messages: count,
});
/** ExampleTokens (dataset/example-tokens.ts) as sent back by a worker. */
export const exampleTokensSchema = z.object({
  total: count,
  assistant: count,
  trainable: count,
  tools: count,
  perMessage: z.array(count),
});

/** What a worker found for one example; without `analysis` (its JSON did not parse) the page works it out itself. */
export const analysedItemSchema = z.object({
  key: z.string(),
  analysis: z.optional(exampleAnalysisSchema),
  tokens: z.optional(exampleTokensSchema),
});
/** See analysedItemSchema. */
export type AnalysedItem = z.infer<typeof analysedItemSchema>;

/** Page → worker. */
export const tokenRequestSchema = z.discriminatedUnion('type', [
  /** Count every text of every item with `encoding` (ordinary text, as encode_ordinary). */
  z.object({ type: z.literal('count'), id: z.number().check(z.int()), encoding: encodingNameSchema, items: z.array(countItemSchema) }),
  /** Validate and count whole examples of a `format` dataset (the heavy part of opening a big file). */
  z.object({
    type: z.literal('analyse'),
    id: z.number().check(z.int()),
    encoding: encodingNameSchema,
    format: z.enum(['chat', 'preference', 'prompt_completion']),
    toolFamily: z.enum(['gpt-4o', 'gpt-3.5']),
    items: z.array(analyseItemSchema),
  }),
]);
/** See tokenRequestSchema. */
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Worker → page: the answer to request `id`, or why it failed (plain words). */
export const tokenResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('counts'), id: z.number().check(z.int()), results: z.array(keyedCountsSchema) }),
  z.object({ type: z.literal('analysed'), id: z.number().check(z.int()), results: z.array(analysedItemSchema) }),
  z.object({ type: z.literal('error'), id: z.number().check(z.int()), message: z.string() }),
]);
/** See tokenResponseSchema. */
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
