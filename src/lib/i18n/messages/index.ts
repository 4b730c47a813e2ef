// The app's messages as data, written in the user's language: the core's tables (src/lib/dataset/messages) plus
// the app's own (API errors, the Train tab's pre-flight issues, storage problems, raw-editor quick fixes).
import { CORE_EN, createRenderer, makeIssue, type Lang, type Message } from '../../dataset/messages/index';
import type { Issue } from '../../dataset/types';
import type { MessageTable, ParamsOf, Translation } from '../../dataset/messages/types';
import { appEn } from './en';

/** Every English sentence the app shows, by key. */
export const APP_EN = { ...CORE_EN, ...appEn };
/** A message key of the app (the core's included). */
export type AppKey = keyof typeof APP_EN;
/** The app's tables by language; the Chinese one is installed by useAppChinese (see i18n/load.ts). */
const APP_TABLES: Record<Lang, MessageTable> = { en: APP_EN, zh: {} };

/** Installs every Chinese sentence the app shows (the core's and the app's own: CORE_ZH + appZh). */
export function useAppChinese(zh: Translation<typeof APP_EN>): void {
  APP_TABLES.zh = zh;
}

const app = createRenderer(APP_TABLES);

/** The sentence of any message in `lang` (core or app). */
export const renderAppMessage = app.render;
/** The sentence of any issue in `lang` (core or app codes), its example number filled in. */
export const renderAppIssue = app.renderIssue;

/** A message of the app with checked params. */
export function appMessage<K extends AppKey>(
  key: K,
  ...params: object extends ParamsOf<typeof APP_EN, K> ? [ParamsOf<typeof APP_EN, K>?] : [ParamsOf<typeof APP_EN, K>]
): Message {
  return { code: key, params: (params[0] ?? {}) as Message['params'] };
}

/** An issue of the app with checked params (`key`: `code` or `code.variant`). */
export function appIssue<K extends AppKey>(
  severity: Issue['severity'],
  key: K,
  params: ParamsOf<typeof APP_EN, K>,
  at: Pick<Issue, 'line' | 'example'> = {},
): Issue {
  return makeIssue(severity, key, params as object, at);
}

export type { Lang, Message };
