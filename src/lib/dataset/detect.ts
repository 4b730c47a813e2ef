// Format detection: which training (or foreign, import-only) format a parsed record is in, and a whole file's
// format from its records'. Detection looks at top-level keys only, so it is cheap and never throws.
import type { FileFormat, RecordFormat } from './types';
import { isObject } from './edit';

/** The formats OpenAI trains on (the others are import-only). */
export const OPENAI_FORMATS: readonly RecordFormat[] = ['chat', 'preference', 'prompt_completion'];

/** Human names of each format, for messages ("this looks like ShareGPT"). */
export const FORMAT_LABELS: Readonly<Record<RecordFormat, string>> = {
  chat: 'chat (messages)',
  preference: 'preference (DPO)',
  prompt_completion: 'prompt/completion',
  sharegpt: 'ShareGPT',
  alpaca: 'Alpaca',
  trl_preference: 'TRL preference (prompt/chosen/rejected)',
  unknown: 'an unknown format',
};

/**
 * Which format one parsed record is in, by its top-level keys. Order matters: a record with `messages` is chat
 * even if it also has stray keys; `unknown` for non-objects and objects matching nothing.
 */
export function detectRecordFormat(value: unknown): RecordFormat {
  if (!isObject(value)) return 'unknown';
  if ('messages' in value) return 'chat';
  if ('preferred_output' in value || 'non_preferred_output' in value) return 'preference';
  if ('input' in value && isObject(value.input) && 'messages' in value.input) return 'preference';
  if (Array.isArray(value.conversations)) return 'sharegpt';
  if ('chosen' in value && 'rejected' in value) return 'trl_preference';
  if ('instruction' in value && 'output' in value) return 'alpaca';
  if ('prompt' in value || 'completion' in value) return 'prompt_completion';
  return 'unknown';
}

/**
 * The file's format from its records' formats. `empty` for no records; `mixed` when several of OpenAI's
 * formats appear; otherwise the single OpenAI format present (stray foreign/unknown records don't change it).
 * With no OpenAI format: the most frequent foreign format, else `unknown`.
 */
export function detectFileFormat(formats: RecordFormat[]): FileFormat {
  if (formats.length === 0) return 'empty';
  const counts = new Map<RecordFormat, number>();
  for (const f of formats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const openai = OPENAI_FORMATS.filter((f) => counts.has(f));
  if (openai.length > 1) return 'mixed';
  if (openai.length === 1) return openai[0];
  let best: RecordFormat = 'unknown';
  let bestCount = 0;
  for (const [f, n] of counts) {
    if (f !== 'unknown' && n > bestCount) {
      best = f;
      bestCount = n;
    }
  }
  return best;
}

/** The first index (0-based) at which each format appears, in order of first appearance. */
export function firstIndexByFormat(formats: RecordFormat[]): Map<RecordFormat, number> {
  const first = new Map<RecordFormat, number>();
  formats.forEach((f, i) => {
    if (!first.has(f)) first.set(f, i);
  });
  return first;
}
