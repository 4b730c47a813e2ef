// Messages of the pure core (issues, JSON syntax errors, repairs, export-target misfits) as data, written at
// display time in English or Simplified Chinese. The app adds its own tables (src/lib/i18n/messages) on top.
//   en-validate.ts / zh-validate.ts   the validator's issues
//   en-file.ts / zh-file.ts           reading, decoding, CSV, converting, JSON syntax, token limits, models
//   en-repair.ts / zh-repair.ts       repair descriptions and export-target reasons
//   en-target.ts / zh-target.ts       target rules (dataset/targets/): why a dataset does not fit a trainer
import { validateEn } from './en-validate';
import { fileEn } from './en-file';
import { repairEn } from './en-repair';
import { targetEn } from './en-target';
import { createRenderer, makeIssue } from './render';
import type { Issue } from '../types';
import type { Lang, Message, MessageTable, ParamsOf, Translation } from './types';

export type { At, Lang, Message, Params, ParamValue } from './types';
export { createRenderer, issueAt, issueMessage, makeIssue, messageKey } from './render';

/** Every English sentence of the core, by key. */
export const CORE_EN = { ...validateEn, ...fileEn, ...repairEn, ...targetEn };
/** A message key of the core. */
export type CoreKey = keyof typeof CORE_EN;
/**
 * The tables of the core, by language. The Chinese one (zh.ts, CORE_ZH) is installed by `useCoreChinese`: the CLI
 * installs it at start, the app only when Chinese is chosen, so an English page never downloads it. Until then a
 * sentence asked for in Chinese comes in English.
 */
const CORE_TABLES: Record<Lang, MessageTable> = { en: CORE_EN, zh: {} };

/** Installs the core's Chinese sentences (zh.ts: CORE_ZH). */
export function useCoreChinese(zh: Translation<typeof CORE_EN>): void {
  CORE_TABLES.zh = zh;
}

const core = createRenderer(CORE_TABLES);

/** The sentence of a core message in `lang`. */
export const renderMessage = core.render;

/** The sentence of an issue in `lang` (e.g. "Example 4 has no assistant message…"), its example number filled in. */
export const renderIssue = core.renderIssue;

/** A message of the core with checked params (`key` is `code` or `code.variant`). */
export function message<K extends CoreKey>(
  key: K,
  ...params: object extends ParamsOf<typeof CORE_EN, K> ? [ParamsOf<typeof CORE_EN, K>?] : [ParamsOf<typeof CORE_EN, K>]
): Message {
  return { code: key, params: (params[0] ?? {}) as Message['params'] };
}

/**
 * An issue of the core with checked params: `key` is `code` or `code.variant` (the variant goes into params).
 * `at` sets line, example, message_index and path.
 */
export function coreIssue<K extends CoreKey>(
  severity: Issue['severity'],
  key: K,
  params: ParamsOf<typeof CORE_EN, K>,
  at: Pick<Issue, 'line' | 'example' | 'message_index' | 'path'> = {},
): Issue {
  return makeIssue(severity, key, params as object, at);
}
