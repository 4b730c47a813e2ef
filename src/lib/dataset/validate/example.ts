// One example on its own: its shape and format first, then the rules of its format. Pure and fast (no zod, no
// dataset-level rules): it runs for every example on every edit.
import type { DatasetFormat, Issue } from '../types';
import { detectRecordFormat } from '../detect';
import { isObject } from '../edit';
import { CONVERTS_TO } from './codes';
import { Collector, kind } from './collector';
import { validateChat } from './chat';
import { validatePreference } from './preference';
import { validatePromptCompletion } from './prompt-completion';

/** Where an example sits and which format its dataset expects. */
export interface ExampleContext {
  /** 1-based example number. */
  example: number;
  /** 1-based source line of the record, when known. */
  line?: number;
  /** Expected format of the dataset. */
  format: DatasetFormat;
}

/** The body of validateExample (may throw only on a bug; the export guards it). */
function validateExampleUnguarded(value: unknown, ctx: ExampleContext): Issue[] {
  const c = new Collector(ctx.example, ctx.line);
  if (!isObject(value)) {
    c.add('not_an_object', typeof value === 'boolean' ? { kind: 'boolean', value, format: ctx.format } : { kind: kind(value), format: ctx.format });
    return c.issues;
  }
  const detected = detectRecordFormat(value);
  const target = CONVERTS_TO[detected];
  if (target) {
    c.add('foreign_format', { found: detected, target });
    return c.issues;
  }
  if (detected !== 'unknown' && detected !== ctx.format) {
    c.add('wrong_format', { found: detected, format: ctx.format });
    return c.issues;
  }
  if (ctx.format === 'chat') validateChat(c, value);
  else if (ctx.format === 'preference') validatePreference(c, value);
  else validatePromptCompletion(c, value);
  return c.issues;
}

/**
 * All issues of one example, in reading order: structure, then per-message, then example-level warnings.
 * Never throws: a validator bug becomes an `internal_error` issue.
 */
export function validateExample(value: unknown, ctx: ExampleContext): Issue[] {
  try {
    return validateExampleUnguarded(value, ctx);
  } catch (e) {
    const issue: Issue = { severity: 'error', code: 'internal_error', params: { reason: e instanceof Error ? e.message : String(e) }, example: ctx.example };
    if (ctx.line !== undefined) issue.line = ctx.line;
    return [issue];
  }
}
