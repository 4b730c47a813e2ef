// Numbers and times as the UI shows them, one way everywhere (Statistics and the Train tab show the same cost the same way).
import type { Locale } from '../lib/i18n/catalog';

/** A cost in US dollars: cents, or four decimals below one dollar (training a small dataset costs fractions of a cent). */
export function formatUsd(n: number): string {
  return n.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: n < 1 ? 4 : 2 });
}

/**
 * A time given in seconds since 1970 (as OpenAI's API gives them), written the way the UI's language writes it: the
 * browser's own format when the browser speaks that language (en-GB stays day-first), else the language's usual one
 * — a Chinese UI in an English browser shows 2026/12/7 14:05:09, not 12/7/2026, 2:05:09 PM. Empty for no time.
 */
export function formatTime(seconds: number | null | undefined, locale: Locale, what: 'date and time' | 'time' = 'date and time'): string {
  if (!seconds) return '';
  const browser = globalThis.navigator?.language ?? '';
  const tag = browser.toLowerCase().startsWith(locale) ? undefined : locale === 'zh' ? 'zh-CN' : 'en-US';
  const d = new Date(seconds * 1000);
  return what === 'time' ? d.toLocaleTimeString(tag) : d.toLocaleString(tag);
}
