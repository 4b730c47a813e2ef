// UI preferences that are not part of any dataset: language. Kept in localStorage (tiny, synchronous at start-up).
import { translate, type Locale, type MessageKey } from '../i18n/catalog';
import { renderAppIssue, renderAppMessage, type Message } from '../i18n/messages/index';
import type { Issue } from '../dataset/types';
import { loadChinese } from '../i18n/load';

/** localStorage key of the chosen language. */
const LOCALE_KEY = 'tuneset.locale';

/** The language to start in: the one chosen before, else the browser's (main.ts loads Chinese first when needed). */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage blocked: use the browser language */
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export class Settings {
  locale = $state<Locale>(initialLocale());

  /** Translates `key` in the current language (reactive: re-renders when the language changes). */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);

  /** Writes a message (issue text, repair, API error…: code + params) in the current language (reactive). */
  msg = (m: Message): string => renderAppMessage(m, this.locale);

  /** Writes an issue in the current language, its example number filled in (reactive). */
  issue = (i: Pick<Issue, 'code' | 'params' | 'example' | 'line'>): string => renderAppIssue(i, this.locale);

  /** Switches the language; Chinese is loaded first (one chunk, cached offline), so the page never shows it half-done. */
  async setLocale(locale: Locale): Promise<void> {
    if (locale === 'zh') await loadChinese().catch(() => undefined); // not loadable (offline, never cached): English stays where missing
    this.locale = locale;
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      /* not persisted: fine */
    }
  }
}
