// What tokens.worker.ts does with one message, without the worker globals, so tests can run it in Node
// (and a fake worker can wrap it). Never throws: every failure becomes an `error` response.
import type { EncodingName, TokenCounter } from './count';
import { getCounter } from './encodings';
import { tokenRequestSchema, type AnalysedItem, type TokenResponse } from './protocol';
import { analyseExample } from '../dataset/example-analysis';
import { exampleTokens } from '../dataset/example-tokens';

/** Source of counters; defaults to the lazily loaded, cached getCounter. */
export type CounterSource = (encoding: EncodingName) => Promise<TokenCounter>;

/** Answer one message received by the worker. Requests that do not parse are answered with id −1 if none is readable. */
export async function handleTokenMessage(data: unknown, counters: CounterSource = getCounter): Promise<TokenResponse> {
  const parsed = tokenRequestSchema.safeParse(data);
  if (!parsed.success) {
    const id = typeof (data as { id?: unknown })?.id === 'number' ? (data as { id: number }).id : -1;
    return { type: 'error', id, message: `The token counter received a malformed request: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.` };
  }
  const request = parsed.data;
  let counter: TokenCounter;
  try {
    counter = await counters(request.encoding);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { type: 'error', id: request.id, message: `Could not load the ${request.encoding} tokenizer (${reason}). Reload the page to retry.` };
  }
  if (request.type === 'count') {
    const results = request.items.map((item) => ({ key: item.key, counts: item.texts.map((t) => counter.count(t)) }));
    return { type: 'counts', id: request.id, results };
  }
  const results = request.items.map((item): AnalysedItem => {
    try {
      const value: unknown = JSON.parse(item.json);
      return {
        key: item.key,
        analysis: analyseExample({ value, line: item.line }, request.format),
        tokens: exampleTokens(value, counter.count, { toolFamily: request.toolFamily }),
      };
    } catch {
      return { key: item.key }; // cannot happen for text the page parsed; the page then works it out itself
    }
  });
  return { type: 'analysed', id: request.id, results };
}
