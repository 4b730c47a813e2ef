// Writes a message (code + params) as a sentence in one language: the key is the code, or `code.variant` when
// params name a variant; a language without that key falls back to English; a key no table knows (or a sentence
// that throws on unexpected params) is shown as its code and params rather than hiding the problem.
import type { Issue } from '../types';
import type { At, Lang, Message, MessageTable, Params, Render } from './types';

/** The table key of a message: `code`, or `code.variant`. */
export function messageKey(code: string, params: Params | undefined): string {
  const variant = params?.variant;
  return typeof variant === 'string' && variant !== '' ? `${code}.${variant}` : code;
}

/** Where an issue sits, as its sentence needs it. */
export const issueAt = (issue: Pick<Issue, 'example' | 'line'>): At => ({ example: issue.example, line: issue.line });

/** An issue as the message it is. */
export const issueMessage = (issue: Pick<Issue, 'code' | 'params'>): Message => ({ code: issue.code, params: issue.params });

/** An issue from a message key (`code` or `code.variant`: the variant goes into params) and its position. */
export function makeIssue(
  severity: Issue['severity'],
  key: string,
  params: object,
  at: Pick<Issue, 'line' | 'example' | 'message_index' | 'path'> = {},
): Issue {
  const dot = key.indexOf('.');
  const p = (dot < 0 ? { ...params } : { ...params, variant: key.slice(dot + 1) }) as Params;
  const issue: Issue = { severity, code: dot < 0 ? key : key.slice(0, dot), params: p };
  if (at.line !== undefined) issue.line = at.line;
  if (at.example !== undefined) issue.example = at.example;
  if (at.message_index !== undefined) issue.message_index = at.message_index;
  if (at.path !== undefined) issue.path = at.path;
  return issue;
}

/** Renders messages with the given tables (each language's table should hold every key of the English one). */
export function createRenderer(tables: Readonly<Record<Lang, MessageTable>>) {
  const find = (lang: Lang, key: string) => {
    const table = tables[lang];
    if (table && Object.hasOwn(table, key)) return table[key];
    return Object.hasOwn(tables.en, key) ? tables.en[key] : undefined;
  };
  const render = (m: Message, lang: Lang, at: At = {}): string => {
    const params = m.params ?? {};
    const fn = find(lang, messageKey(m.code, params));
    const r: Render = (nested) => render(nested, lang, at);
    if (fn) {
      try {
        return fn(params, at, r);
      } catch {
        // params of an unexpected shape: fall through to the raw form
      }
    }
    const shown = Object.entries(params).filter(([k]) => k !== 'variant');
    return shown.length ? `${m.code} ${JSON.stringify(Object.fromEntries(shown))}` : m.code;
  };
  return {
    /** The sentence of `m` in `lang`; `at` fills in the example number and line. */
    render,
    /** The sentence of an issue in `lang` (its example number and line come from the issue). */
    renderIssue: (issue: Pick<Issue, 'code' | 'params' | 'example' | 'line'>, lang: Lang): string => render(issueMessage(issue), lang, issueAt(issue)),
    /** True when `lang`'s own table (not the English fallback) has the message's key. */
    has: (m: Message, lang: Lang): boolean => Object.hasOwn(tables[lang] ?? {}, messageKey(m.code, m.params)),
  };
}
