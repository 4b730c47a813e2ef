// Which examples the list shows, and in what order: text search (plain or regular expression, case and whole-word
// options, scoped to a role or to tool calls), issue, review status and content filters that combine, and a sort.
// Pure over the examples and lookups into the analysis; the search's regular expression and its guard against
// catastrophic patterns are in search-pattern.ts.
import { REVIEW_STATUSES, type Example, type ReviewStatus } from '../dataset/types';
import { isObject } from '../dataset/edit';
import { nestedQuantifier, searchPattern, setVerdict, verdictOf } from './search-pattern';

/** Issue filter choices of the example list. */
export type IssueFilter = 'all' | 'errors' | 'warnings';
/** Review filter choices of the example list: any status, still to review (no status), or one status. */
export type StatusFilter = 'any' | 'todo' | ReviewStatus;
/** Where the search looks: all text, the messages of one role, or tool calls (names and arguments). */
export type SearchScope = 'all' | 'system' | 'user' | 'assistant' | 'tool' | 'tool_calls';
/** List orders ('edited': last edited first, never-edited ones after, in file order). */
export type SortKey = 'position' | 'tokens' | 'assistant' | 'issues' | 'edited';
/** Train/validation filter: moved to a side by hand, or left to the seeded split. */
export type SplitFilter = 'any' | 'train' | 'validation' | 'unassigned';
/** Roles the "has a message of role" filter offers. */
export const ROLES = ['system', 'user', 'assistant', 'tool'] as const;
/** Yes/no content filters (each one, when on, keeps only the examples that have it). */
export type Flag = 'noSystem' | 'hasTools' | 'hasImages' | 'weightZero';

export const SEARCH_SCOPES: readonly SearchScope[] = ['all', 'system', 'user', 'assistant', 'tool', 'tool_calls'];
export const SORT_KEYS: readonly SortKey[] = ['position', 'tokens', 'assistant', 'issues', 'edited'];
export const SPLIT_FILTERS: readonly SplitFilter[] = ['any', 'train', 'validation', 'unassigned'];
export const FLAGS: readonly Flag[] = ['noSystem', 'hasTools', 'hasImages', 'weightZero'];

/** Everything the list filters and sorts by (remembered with the UI state). */
export interface ListFilter {
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  wholeWord: boolean;
  scope: SearchScope;
  issues: IssueFilter;
  status: StatusFilter;
  /** Only examples with this issue code ('' for any). */
  code: string;
  /** Only examples with this tag ('' for any). */
  tag: string;
  /** Token range of the whole example (null: no bound). */
  minTokens: number | null;
  maxTokens: number | null;
  /** Assistant-token range (null: no bound). */
  minAssistant: number | null;
  maxAssistant: number | null;
  /** Range of the number of messages (null: no bound). */
  minMessages: number | null;
  maxMessages: number | null;
  /** Only examples with a message of this role ('' for any). */
  role: '' | (typeof ROLES)[number];
  split: SplitFilter;
  /** Only these examples, by id (a near-duplicate group shown in the list); empty for any. */
  ids: string[];
  flags: Flag[];
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_FILTER: ListFilter = {
  query: '',
  regex: false,
  caseSensitive: false,
  wholeWord: false,
  scope: 'all',
  issues: 'all',
  status: 'any',
  code: '',
  tag: '',
  minTokens: null,
  maxTokens: null,
  minAssistant: null,
  maxAssistant: null,
  minMessages: null,
  maxMessages: null,
  role: '',
  split: 'any',
  ids: [],
  flags: [],
  sort: 'position',
  descending: false,
};

/** What the filter needs to know about an example beyond its value (from the analysis). */
export interface FilterLookups {
  issues(ex: Example): { errors: number; warnings: number; issues: readonly { code: string }[] };
  /** Tokens of the whole example and of its assistant replies; undefined while not counted yet. */
  tokens(ex: Example): { total: number; assistant: number } | undefined;
}

/** A stored or typed filter made whole and valid (unknown values fall back to the defaults). */
export function normalizeFilter(raw: unknown): ListFilter {
  const f = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const pick = <T>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(v as T) ? (v as T) : fallback);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);
  return {
    query: typeof f.query === 'string' ? f.query : '',
    regex: f.regex === true,
    caseSensitive: f.caseSensitive === true,
    wholeWord: f.wholeWord === true,
    scope: pick(f.scope, SEARCH_SCOPES, 'all'),
    issues: pick<IssueFilter>(f.issues, ['all', 'errors', 'warnings'], 'all'),
    status: pick<StatusFilter>(f.status, ['any', 'todo', 'approved', 'needs_work', 'rejected'], 'any'),
    code: typeof f.code === 'string' ? f.code : '',
    tag: typeof f.tag === 'string' ? f.tag : '',
    minTokens: num(f.minTokens),
    maxTokens: num(f.maxTokens),
    minAssistant: num(f.minAssistant),
    maxAssistant: num(f.maxAssistant),
    minMessages: num(f.minMessages),
    maxMessages: num(f.maxMessages),
    role: pick<ListFilter['role']>(f.role, ['', ...ROLES], ''),
    split: pick(f.split, SPLIT_FILTERS, 'any'),
    ids: Array.isArray(f.ids) ? f.ids.filter((x): x is string => typeof x === 'string') : [],
    flags: Array.isArray(f.flags) ? FLAGS.filter((x) => (f.flags as unknown[]).includes(x)) : [],
    sort: pick(f.sort, SORT_KEYS, 'position'),
    descending: f.descending === true,
  };
}

/** True when the filter hides nothing and keeps the file's order. */
export function isPlainFilter(f: ListFilter): boolean {
  return (
    !f.query.trim() &&
    f.issues === 'all' &&
    f.status === 'any' &&
    !f.code &&
    !f.tag &&
    f.minTokens === null &&
    f.maxTokens === null &&
    !f.flags.length &&
    f.sort === 'position' &&
    !f.descending &&
    f.minAssistant === null &&
    f.maxAssistant === null &&
    f.minMessages === null &&
    f.maxMessages === null &&
    !f.role &&
    f.split === 'any' &&
    !f.ids.length
  );
}

/** The review status of `ex`; undefined ("to review") also for a value no version of Tuneset wrote (a hand-edited backup). */
export function reviewStatusOf(ex: Example): ReviewStatus | undefined {
  const s = ex.meta?.status;
  return s !== undefined && REVIEW_STATUSES.includes(s) ? s : undefined;
}

/** True when `ex` passes the review filter. */
export function statusMatches(ex: Example, status: StatusFilter): boolean {
  if (status === 'any') return true;
  const s = reviewStatusOf(ex);
  return status === 'todo' ? s === undefined : s === status;
}

/** When the example's content was last edited (0: never in Tuneset, or a value no version wrote). */
export function editedAtOf(ex: Example): number {
  const t = ex.meta?.editedAt;
  return typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : 0;
}

/** `ex` marked as edited at `now` (ms); its other metadata kept. */
export function stampEdited(ex: Example, now = Date.now()): Example {
  return { ...ex, meta: { ...ex.meta, editedAt: now } };
}

/** The number of messages of an example (all lists of a preference example; 0 for other records). */
export function messageCount(ex: Example): number {
  return messagesOf(ex.value).length;
}

/** The tags used in the dataset, sorted. */
export function tagsIn(examples: readonly Example[]): string[] {
  const seen: Record<string, true> = {};
  for (const ex of examples) for (const t of ex.meta?.tags ?? []) seen[t] = true;
  return Object.keys(seen).sort();
}

/** Tags typed as text: split at commas, trimmed, empty and repeated ones dropped. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** How many examples have each review status (`todo`: none yet). */
export function reviewCounts(examples: readonly Example[]): Record<'todo' | ReviewStatus, number> {
  const out = { todo: 0, approved: 0, needs_work: 0, rejected: 0 };
  for (const ex of examples) out[reviewStatusOf(ex) ?? 'todo']++;
  return out;
}

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/** Every string inside `v` (keys excluded), depth first. */
function strings(v: unknown, out: string[]): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (isObject(v)) for (const k in v) if (Object.hasOwn(v, k)) strings(v[k], out);
  return out;
}

/** The messages of a chat, preference or prompt example (all of them, wherever they are). */
export function messagesOf(v: unknown): Record<string, unknown>[] {
  if (!isObject(v)) return [];
  const lists = [v.messages, isObject(v.input) ? v.input.messages : undefined, v.preferred_output, v.non_preferred_output];
  return lists.flatMap((l) => (Array.isArray(l) ? l.filter(isObject) : []));
}

const texts = new WeakMap<Example, Map<SearchScope, string>>();

/** The text the search reads in `scope` (cached per example object and scope). */
export function searchText(ex: Example, scope: SearchScope): string {
  let byScope = texts.get(ex);
  if (!byScope) texts.set(ex, (byScope = new Map()));
  let text = byScope.get(scope);
  if (text === undefined) {
    if (ex.value === undefined) text = scope === 'all' ? (ex.raw ?? '') : '';
    else if (scope === 'all') text = strings(ex.value, []).join('\n');
    else if (scope === 'tool_calls') {
      const calls = messagesOf(ex.value).flatMap((m) => (Array.isArray(m.tool_calls) ? m.tool_calls : []));
      text = strings(calls, []).join('\n');
    } else
      text = messagesOf(ex.value)
        .filter((m) => m.role === scope)
        .map((m) => strings(m.content, []).join('\n'))
        .join('\n');
    byScope.set(scope, text);
  }
  return text;
}

/** The last list's search texts per scope: a keystroke's pass reads an array, not 100,000 WeakMap entries. */
const lastTexts = new Map<SearchScope, { examples: readonly Example[]; texts: string[] }>();

/** True when the search texts of exactly this list are at hand (a pass then only tests them). */
export function hasSearchTexts(examples: readonly Example[], scope: SearchScope): boolean {
  return lastTexts.get(scope)?.examples === examples;
}

/**
 * searchText of every example of `examples` in `scope`, as one array; reused while the list is the same, and taken
 * over example by example from the previous list when only some examples changed (an edit makes a new list).
 */
export function searchTexts(examples: readonly Example[], scope: SearchScope): string[] {
  const last = lastTexts.get(scope);
  if (last?.examples === examples) return last.texts;
  const same = last && last.examples.length === examples.length ? last : null;
  const texts = new Array<string>(examples.length);
  for (let i = 0; i < examples.length; i++) texts[i] = same && same.examples[i] === examples[i] ? same.texts[i] : searchText(examples[i], scope);
  lastTexts.set(scope, { examples, texts });
  return texts;
}

/** How long a regular-expression search may run here before it is stopped (ms). */
export const SEARCH_BUDGET_MS = 1500;
/** Why a filter result is empty although examples may match: its search is waiting for the worker's check, or was stopped. */
const held = new WeakMap<number[], 'checking' | 'stopped'>();
/** 'checking' or 'stopped' when `result` is such an empty result; undefined for a real one. */
export function searchHeld(result: readonly number[] | null): 'checking' | 'stopped' | undefined {
  return result ? held.get(result as number[]) : undefined;
}
function heldResult(why: 'checking' | 'stopped'): number[] {
  const out: number[] = [];
  held.set(out, why);
  return out;
}

/** Content flags of an example. */
function hasFlag(ex: Example, flag: Flag): boolean {
  const v = ex.value;
  const msgs = messagesOf(v);
  switch (flag) {
    case 'noSystem':
      return ex.value !== undefined && !msgs.some((m) => m.role === 'system' || m.role === 'developer');
    case 'hasTools':
      return (isObject(v) && Array.isArray(v.tools) && v.tools.length > 0) || msgs.some((m) => Array.isArray(m.tool_calls) && m.tool_calls.length > 0);
    case 'hasImages':
      return msgs.some((m) => Array.isArray(m.content) && m.content.some((p) => isObject(p) && p.type === 'image_url'));
    case 'weightZero':
      return msgs.some((m) => m.weight === 0);
  }
}

/**
 * Indexes of the examples that pass `f`, in its order; null when nothing is filtered or sorted (the list then shows
 * every example without building an index array). An invalid regular expression matches nothing; a regular expression
 * that is still being checked or was too slow gives an empty result that searchHeld() names.
 */
export function filterExamples(examples: readonly Example[], f: ListFilter, look: FilterLookups, budgetMs = SEARCH_BUDGET_MS): number[] | null {
  if (isPlainFilter(f)) return null;
  const pattern = searchPattern(f);
  // A regular expression that could backtrack without end runs here only once a worker found it fast enough; any
  // regular expression is stopped when the whole pass takes longer than the budget (checked between examples).
  const guarded = f.regex && pattern instanceof RegExp;
  if (guarded && nestedQuantifier(pattern.source)) {
    const verdict = verdictOf(pattern);
    if (verdict !== 'ok') return heldResult(verdict === 'slow' ? 'stopped' : 'checking');
  }
  const deadline = guarded ? now() + budgetMs : Infinity;
  const texts = pattern instanceof RegExp ? searchTexts(examples, f.scope) : null;
  const only = f.ids.length ? new Set(f.ids) : null;
  const out: number[] = [];
  for (let i = 0; i < examples.length; i++) {
    if (only && !only.has(examples[i].id)) continue;
    if (guarded && (i & 127) === 0 && now() > deadline) {
      setVerdict(pattern, 'slow');
      return heldResult('stopped');
    }
    const ex = examples[i];
    if (!statusMatches(ex, f.status)) continue;
    if (f.tag && !ex.meta?.tags?.includes(f.tag)) continue;
    if (f.issues !== 'all' || f.code) {
      const c = look.issues(ex);
      if (f.issues === 'errors' && c.errors === 0) continue;
      if (f.issues === 'warnings' && c.warnings === 0 && c.errors === 0) continue;
      if (f.code && !c.issues.some((x) => x.code === f.code)) continue;
    }
    if (f.flags.length && !f.flags.every((flag) => hasFlag(ex, flag))) continue;
    if (f.split !== 'any') {
      const side = ex.meta?.split === 'train' || ex.meta?.split === 'validation' ? ex.meta.split : 'unassigned';
      if (side !== f.split) continue;
    }
    if (f.role && !messagesOf(ex.value).some((m) => m.role === f.role)) continue;
    if (f.minMessages !== null || f.maxMessages !== null) {
      const n = messageCount(ex);
      if ((f.minMessages !== null && n < f.minMessages) || (f.maxMessages !== null && n > f.maxMessages)) continue;
    }
    if (f.minTokens !== null || f.maxTokens !== null || f.minAssistant !== null || f.maxAssistant !== null) {
      const t = look.tokens(ex);
      if (!t || (f.minTokens !== null && t.total < f.minTokens) || (f.maxTokens !== null && t.total > f.maxTokens)) continue;
      if ((f.minAssistant !== null && t.assistant < f.minAssistant) || (f.maxAssistant !== null && t.assistant > f.maxAssistant)) continue;
    }
    if (pattern && ('error' in pattern || !pattern.test(texts![i]))) continue;
    out.push(i);
  }
  if (f.sort !== 'position' || f.descending) {
    const key = (i: number): number => {
      const ex = examples[i];
      if (f.sort === 'position') return i;
      if (f.sort === 'edited') {
        const t = editedAtOf(ex);
        return t ? -t : Number.MAX_SAFE_INTEGER; // newest first; never-edited ones last
      }
      if (f.sort === 'issues') {
        const c = look.issues(ex);
        return c.errors * 1e6 + c.warnings;
      }
      const t = look.tokens(ex);
      return t ? (f.sort === 'tokens' ? t.total : t.assistant) : -1;
    };
    const keys = new Map(out.map((i) => [i, key(i)]));
    const dir = f.descending ? -1 : 1;
    out.sort((a, b) => (keys.get(a)! - keys.get(b)!) * dir || a - b);
  }
  return out;
}
