// Messages between TokenPool (client.ts) and tokens.worker.ts: one discriminated union each way, every
// message carrying the request id it answers. Both ends parse what they receive with these schemas.
import { z } from 'zod';

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
  counts: z.array(z.number().int().nonnegative()),
});
/** See keyedCountsSchema. */
export type KeyedCounts = z.infer<typeof keyedCountsSchema>;

/** Page → worker: count every text of every item with `encoding` (ordinary text, as encode_ordinary). */
export const tokenRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('count'), id: z.number().int(), encoding: encodingNameSchema, items: z.array(countItemSchema) }),
]);
/** See tokenRequestSchema. */
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Worker → page: the counts for request `id`, or why it failed (plain words). */
export const tokenResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('counts'), id: z.number().int(), results: z.array(keyedCountsSchema) }),
  z.object({ type: z.literal('error'), id: z.number().int(), message: z.string() }),
]);
/** See tokenResponseSchema. */
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
