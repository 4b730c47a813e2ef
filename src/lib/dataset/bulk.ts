// Bulk edits of many examples at once (find and replace, system prompts, weights, white space, review status). Each
// is a pure function from one example to its new version, or null when it changes nothing, so the caller can
// preview a few before/after pairs, count what would change and apply the rest as one undoable step. Pure.
import type { DatasetFormat, Example, ReviewStatus } from './types.ts';
import { issueFixer } from './issue-fix.ts';
import { withSplit } from './split.ts';
import { isObject } from './edit.ts';

/** One bulk edit, as chosen in the UI. */
export type BulkEdit =
  | { kind: 'replace'; find: string; replace: string; regex: boolean; caseSensitive: boolean; role: 'any' | 'system' | 'user' | 'assistant' | 'tool' }
  | { kind: 'systemPrompt'; text: string; mode: 'set' | 'insertMissing' }
  | { kind: 'weights'; weight: 0 | 1 | null; which: 'all' | 'allButLast' }
  | { kind: 'trim' }
  | { kind: 'normalize' }
  | { kind: 'renameRole'; from: string; to: 'system' | 'user' | 'assistant' | 'tool' }
  | { kind: 'status'; status: ReviewStatus | null }
  | { kind: 'tag'; tag: string; add: boolean }
  /** The mechanical fix of validation code `code` (issue-fix.ts); `systemPrompt` is the dataset's most common one. */
  | { kind: 'fixIssue'; code: string; format: DatasetFormat; systemPrompt: string }
  /** Move to a side of the train/validation split (null: back to the seeded split). */
  | { kind: 'split'; split: 'train' | 'validation' | null }
  | { kind: 'delete' };

/** Edits that change only Tuneset's own metadata of an example (review, tags, split), never what is exported. */
export const META_ONLY_KINDS: ReadonlySet<BulkEdit['kind']> = new Set(['status', 'tag', 'split']);

type Msg = Record<string, unknown>;

/** The chat messages of an example (null when it is not a chat example with a message list). */
function chatMessages(ex: Example): Msg[] | null {
  const v = ex.value;
  return isObject(v) && Array.isArray(v.messages) && v.messages.every(isObject) ? (v.messages as Msg[]) : null;
}

/** A new example with `messages` (the value's other keys, the id, line and meta kept; the source bytes dropped). */
function withMessages(ex: Example, messages: Msg[]): Example {
  const { original: _original, ...rest } = ex;
  return { ...rest, value: { ...(ex.value as Record<string, unknown>), messages } };
}

/** Maps the text of a message's content (a string, or the text parts of a list); same object when unchanged. */
function mapContent(m: Msg, fn: (text: string) => string): Msg {
  if (typeof m.content === 'string') {
    const next = fn(m.content);
    return next === m.content ? m : { ...m, content: next };
  }
  if (Array.isArray(m.content)) {
    let changed = false;
    const parts = m.content.map((p) => {
      if (!isObject(p) || p.type !== 'text' || typeof p.text !== 'string') return p;
      const next = fn(p.text);
      if (next === p.text) return p;
      changed = true;
      return { ...p, text: next };
    });
    return changed ? { ...m, content: parts } : m;
  }
  return m;
}

/** `ex` with `fn` applied to the text of every message (null when no text changed). */
function mapTexts(ex: Example, fn: (text: string) => string): Example | null {
  const msgs = chatMessages(ex);
  if (!msgs) return null;
  let changed = false;
  const next = msgs.map((m) => {
    const out = mapContent(m, fn);
    if (out !== m) changed = true;
    return out;
  });
  return changed ? withMessages(ex, next) : null;
}

/** The regular expression of a find-and-replace, or an error message. */
export function replacePattern(e: Extract<BulkEdit, { kind: 'replace' }>): RegExp | { error: string } {
  if (!e.find) return { error: 'empty' };
  try {
    return new RegExp(e.regex ? e.find : e.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), e.caseSensitive ? 'gmu' : 'gimu');
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * Builds the function that applies `edit` to one example (null: no change). Review status and delete are handled
 * by the caller (they are not changes of the value); for them this returns null for every example.
 */
export function bulkTransform(edit: BulkEdit): (ex: Example) => Example | null {
  switch (edit.kind) {
    case 'replace': {
      const pattern = replacePattern(edit);
      if (!(pattern instanceof RegExp)) return () => null;
      // Plain text: "$" in the replacement is literal; with a regular expression, $1… name its groups.
      const replacement = edit.regex ? edit.replace : edit.replace.replace(/\$/g, '$$$$');
      return (ex) => {
        const msgs = chatMessages(ex);
        if (!msgs) return null;
        let changed = false;
        const next = msgs.map((m) => {
          if (edit.role !== 'any' && m.role !== edit.role) return m;
          const out = mapContent(m, (text) => text.replace(pattern, replacement));
          if (out !== m) changed = true;
          return out;
        });
        return changed ? withMessages(ex, next) : null;
      };
    }
    case 'systemPrompt':
      return (ex) => {
        const msgs = chatMessages(ex);
        if (!msgs) return null;
        const at = msgs.findIndex((m) => m.role === 'system' || m.role === 'developer');
        if (at < 0) return withMessages(ex, [{ role: 'system', content: edit.text }, ...msgs]);
        if (edit.mode === 'insertMissing' || msgs[at].content === edit.text) return null;
        return withMessages(
          ex,
          msgs.map((m, i) => (i === at ? { ...m, content: edit.text } : m)),
        );
      };
    case 'weights':
      return (ex) => {
        const msgs = chatMessages(ex);
        if (!msgs) return null;
        const last = msgs.map((m) => m.role).lastIndexOf('assistant');
        let changed = false;
        const next = msgs.map((m, i) => {
          if (m.role !== 'assistant' || (edit.which === 'allButLast' && i === last)) return m;
          if (edit.weight === null) {
            if (!('weight' in m)) return m;
            changed = true;
            const { weight: _w, ...rest } = m;
            return rest;
          }
          if (m.weight === edit.weight) return m;
          changed = true;
          return { ...m, weight: edit.weight };
        });
        return changed ? withMessages(ex, next) : null;
      };
    case 'trim':
      return (ex) => mapTexts(ex, (text) => text.trim());
    case 'normalize':
      // Curly quotes and apostrophes → straight ones, Windows/old-Mac line ends and non-breaking spaces → plain ones.
      return (ex) =>
        mapTexts(ex, (text) =>
          text
            .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
            .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
            .replace(/\r\n?/g, '\n')
            .replace(/\u00a0/g, ' '),
        );
    case 'renameRole':
      return (ex) => {
        const msgs = chatMessages(ex);
        if (!msgs || !edit.from || edit.from === edit.to || !msgs.some((m) => m.role === edit.from)) return null;
        return withMessages(
          ex,
          msgs.map((m) => (m.role === edit.from ? { ...m, role: edit.to } : m)),
        );
      };
    case 'tag':
      return (ex) => {
        const tags = ex.meta?.tags ?? [];
        if (!edit.tag || tags.includes(edit.tag) === edit.add) return null;
        const next = edit.add ? [...tags, edit.tag] : tags.filter((t) => t !== edit.tag);
        const { tags: _tags, ...rest } = ex.meta ?? {};
        const meta = next.length ? { ...rest, tags: next } : rest;
        const { meta: _meta, ...bare } = ex;
        return Object.keys(meta).length ? { ...bare, meta } : bare; // the value and its source bytes stay as they are
      };
    case 'fixIssue':
      return issueFixer(edit.code, { format: edit.format, systemPrompt: edit.systemPrompt });
    case 'split':
      return (ex) => withSplit(ex, edit.split);
    case 'status':
    case 'delete':
      return () => null;
  }
}
