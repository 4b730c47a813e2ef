// Proposes fixes for damaged records (broken JSON syntax, role aliases, wrong keys, object arguments, foreign formats)
// so the user can review each one; applies only the accepted ones. Pure: nothing changes until applyRepairs is called.
// Decisions: null/empty content on a system message → remove the message (it carries nothing); null content on a
// user/tool message → "" and the description asks the user to write the text (nothing is invented); assistant
// content is never touched (null is valid with tool_calls). Syntax: own small fixers (trailing commas, smart
// quotes, single quotes, closing a cut-off record) run before jsonrepair, whose guesses can mangle long lines.
// Not here: multi-line (pretty-printed) records and glued objects are split/joined by the reader and reported as
// file issues (glued_split only catches what reaches us unsplit); Windows-1252 decoding is decode.ts's job.
import { jsonrepair } from 'jsonrepair';
import { CHAT_ROLES, convertRecord, guessRecordFormat, isObject, naturalTarget, normalizeRole } from './convert.ts';
import type { DatasetFormat, SourceRecord } from './types.ts';
import { MAX_DEPTH, depthExceeds } from './read.ts';
import { SLICE_MS, yieldToPage } from '../util/yield.ts';

/** What a repair fixes. Several kinds may be proposed for one record; they apply in the order listed here. */
export type RepairKind =
  | 'bom_crlf' // byte-order mark / stray carriage return inside the record's text
  | 'glued_split' // several JSON objects on one line → one record each
  | 'json_syntax' // trailing commas, single quotes, Python literals, missing commas… (via jsonrepair)
  | 'smart_quotes' // “ ” used as string delimiters
  | 'truncated' // record was cut off: brackets/quotes closed at the end (check the end!)
  | 'foreign_format' // ShareGPT / Alpaca / TRL preference record → the dataset's format
  | 'content_key' // message key "text" instead of "content"
  | 'role_alias' // human/gpt/bot/Assistant… → user/assistant
  | 'null_content' // missing or null content on a system/user/tool message
  | 'arguments_to_string' // tool call `arguments` written as an object instead of JSON text
  | 'weight_type'; // weight given as true/false/"0"/"1" instead of the integer 0 or 1

/** The order kinds are applied in (text fixes first, then value fixes). */
export const REPAIR_ORDER: readonly RepairKind[] = ['bom_crlf', 'glued_split', 'json_syntax', 'smart_quotes', 'truncated', 'foreign_format', 'content_key', 'role_alias', 'null_content', 'arguments_to_string', 'weight_type'];

/** Short plain titles for each kind, for group headings. */
export const REPAIR_TITLES: Readonly<Record<RepairKind, string>> = {
  bom_crlf: 'Stray byte-order mark or carriage return',
  glued_split: 'Several records on one line',
  json_syntax: 'Broken JSON syntax',
  smart_quotes: 'Curly quotes used as JSON quotes',
  truncated: 'Record was cut off',
  foreign_format: 'Record in another format',
  content_key: '"text" instead of "content"',
  role_alias: 'Unusual role names',
  null_content: 'Missing message text',
  arguments_to_string: 'Tool arguments not a JSON string',
  weight_type: 'Weight not 0 or 1',
};

/** One proposed change to one record. `before`/`after` are the record's text just before and after this fix. */
export interface Repair {
  /** Stable id: `<record index>:<kind>`. */
  id: string;
  kind: RepairKind;
  /** 0-based index into the records array given to proposeRepairs. */
  record: number;
  /** 1-based source line of the record. */
  line: number;
  /** Plain words: what is changed and, when it matters, what to check. */
  description: string;
  before: string;
  /** The record's JSON text after the fix (for glued_split: one object per line, joined by "\n"). */
  after: string;
}

/** Options for proposeRepairs. */
export interface RepairOptions {
  /** The dataset's format; foreign records are converted to it. Defaults to the foreign format's natural target. */
  format?: DatasetFormat;
}

/** State of a record while fixes are chained: its text, and its value once it parses. */
interface State {
  text: string;
  value?: unknown;
  /** Set by glued_split: the record became several; no further fix applies. */
  parts?: string[];
}

/** A fix: returns the new state and a description, or undefined when it does not apply. */
type Fixer = (s: State, opts: RepairOptions) => { state: State; description: string } | undefined;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Splits `{...}{...}` (optionally separated by spaces) into object texts; undefined if the text is not exactly that. */
export function splitGlued(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inStr = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) {
        if (c === '[') return undefined;
        start = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) parts.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c)) return undefined;
  }
  if (depth !== 0 || parts.length < 2 || !parts.every((p) => isObject(parse(p)))) return undefined;
  return parts;
}

/** Counts curly double/single quotes (U+201C/D, U+2018/9). */
const curly = (s: string): number => (s.match(/[\u201C\u201D\u2018\u2019]/g) ?? []).length;

const bomCrlf: Fixer = (s) => {
  if (s.value !== undefined || s.parts) return undefined;
  const text = s.text.replace(/^\uFEFF+/, '').replace(/\r+$/, '');
  if (text === s.text) return undefined;
  return { state: { text, value: parse(text) }, description: 'Removed a byte-order mark or carriage return stuck to the record.' };
};

const gluedSplit: Fixer = (s) => {
  if (s.value !== undefined || s.parts) return undefined;
  const parts = splitGlued(s.text);
  if (!parts) return undefined;
  return { state: { text: parts.join('\n'), parts }, description: `This line holds ${parts.length} records glued together; each goes on its own line.` };
};

/** Removes commas right before `}` or `]` outside strings (jsonrepair gives up on some long lines that only need this). */
function dropTrailingCommas(text: string): string {
  // Copies the text between dropped commas in slices (char-by-char concatenation costs seconds on a 10 MB line).
  const kept: string[] = [];
  let from = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 44 && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) {
      kept.push(text.slice(from, i));
      from = i + 1;
    }
  }
  if (from === 0) return text;
  kept.push(text.slice(from));
  return kept.join('');
}

/**
 * Replaces curly double quotes used as string delimiters with straight ones. Outside a string, “ or ” opens one;
 * a string opened that way ends at the next unescaped straight quote, or at a curly quote followed by , : } ] or
 * the end. Curly quotes inside text (“like this”) are kept.
 */
export function fixSmartQuotes(text: string): string {
  let out = '';
  let inStr = false;
  let curlyOpened = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!inStr) {
      if (c === '"' || c === '\u201C' || c === '\u201D') {
        inStr = true;
        curlyOpened = c !== '"';
        out += '"';
      } else out += c;
      continue;
    }
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
    } else if (c === '"' || (curlyOpened && (c === '\u201C' || c === '\u201D') && /^\s*([,:}\]]|$)/.test(text.slice(i + 1, i + 50)))) {
      inStr = false;
      out += '"';
    } else out += c;
  }
  return out;
}

/**
 * Turns Python-style single-quoted strings outside JSON strings into JSON strings ('role' → "role"): a quoted run
 * ends at the next unescaped ' followed by , : } ] or the end; inner " are escaped and \' unescaped.
 */
export function fixSingleQuotes(text: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      if (c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
      } else {
        if (c === '"') inStr = false;
        out += c;
      }
    } else if (c === '"') {
      inStr = true;
      out += c;
    } else if (c === "'") {
      let j = i + 1;
      let body = '';
      for (; j < text.length; j++) {
        const d = text[j];
        if (d === '\\' && text[j + 1] === "'") {
          body += "'";
          j++;
        } else if (d === '\\') {
          body += d + (text[j + 1] ?? '');
          j++;
        } else if (d === "'" && /^\s*([,:}\]]|$)/.test(text.slice(j + 1, j + 50))) break;
        else body += d === '"' ? '\\"' : d;
      }
      out += `"${body}"`;
      i = j;
    } else out += c;
  }
  return out;
}

/** Keys whose string value is prose: a record cut inside one keeps the partial text (the user checks the end). */
const PROSE_KEYS: ReadonlySet<string> = new Set(['content', 'value', 'text', 'output', 'completion', 'prompt', 'instruction', 'input', 'chosen', 'rejected', 'system', 'refusal']);

/** An open container while scanning a cut-off record. */
interface Frame {
  close: '}' | ']';
  /** Objects: the next string is a key. */
  keyNext: boolean;
  /** Objects: keys completed so far, and the last one. */
  keys: Set<string>;
  lastKey: string;
  /** Arrays: where to cut to drop the element being written (its comma, or just after the `[`). */
  sep: number;
  /** Where to cut to drop this container from its parent array; -1 when the parent is not an array. */
  cutAt: number;
}

/**
 * Closes a cut-off record: ends an open string (dropping a half escape), drops a dangling comma, closes brackets.
 * When the cut leaves the last list element (a message) as a content-less fragment that cannot be valid — cut in
 * a key, after a key or colon, in a half literal, inside a role/name/id value, or a message with a role but no
 * content yet — that fragment is dropped instead (it holds no text the user wrote), e.g. `…},{"role":"assis`.
 */
export function closeTruncated(text: string): string {
  const stack: Frame[] = [];
  let inStr = false;
  let strStart = 0;
  let strIsKey = false;
  let strKey = '';
  let afterKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') {
        inStr = false;
        if (strIsKey && top) {
          const key = text.slice(strStart + 1, i);
          top.keys.add(key);
          top.lastKey = key;
          top.keyNext = false;
          afterKey = true;
        }
      }
    } else if (c === '"') {
      inStr = true;
      strStart = i;
      strIsKey = top?.close === '}' && top.keyNext;
      strKey = top?.close === '}' && !strIsKey ? top.lastKey : '';
    } else if (c === ':') afterKey = false;
    else if (c === ',' && top) {
      if (top.close === '}') top.keyNext = true;
      else top.sep = i;
    } else if (c === '{' || c === '[') {
      stack.push({ close: c === '{' ? '}' : ']', keyNext: c === '{', keys: new Set(), lastKey: '', sep: i + 1, cutAt: top?.close === ']' ? top.sep : -1 });
    } else if (c === '}' || c === ']') stack.pop();
  }
  const tail = text.replace(/[\s,]+$/, '');
  const inner = stack[stack.length - 1];
  const badCut = inStr
    ? strIsKey || (inner?.close === '}' && !PROSE_KEYS.has(strKey))
    : afterKey || /[:\-+.]$/.test(tail) || (/[A-Za-z]$/.test(tail) && !/(true|false|null)$/.test(tail));
  // The innermost list element that is an object, preferring one with a role (a message).
  const elements = stack.map((f, k) => ({ f, k })).filter(({ f }) => f.close === '}' && f.cutAt >= 0);
  const target = [...elements].reverse().find(({ f }) => f.keys.has('role')) ?? elements[elements.length - 1];
  const noText = (f: Frame) => ![...f.keys].some((k) => PROSE_KEYS.has(k) || k === 'tool_calls' || k === 'function_call');
  if (target && stack.slice(target.k).every(noText) && (badCut || target.f.keys.has('role'))) {
    const closers = stack.slice(0, target.k).map((f) => f.close);
    return text.slice(0, target.f.cutAt).replace(/\s+$/, '') + closers.reverse().join('');
  }
  let out = text;
  if (inStr) out = out.replace(/\\u[0-9a-fA-F]{0,3}$/, '').replace(/(^|[^\\])((?:\\\\)*)\\$/, '$1$2') + '"';
  else out = out.replace(/[\s,]+$/, '');
  return out + stack.map((f) => f.close).reverse().join('');
}

const parseable = (text: string): string | undefined => (isObject(parse(text)) ? text : undefined);

/**
 * Longest record (characters) handed to jsonrepair: it is superlinear on some hostile lines (a 64 KB run of quotes
 * takes ≈ 0.7 s, 1 MB would take minutes). Longer records still get the own fixers above; else they stay raw.
 */
const JSONREPAIR_MAX_CHARS = 65_536;

const tryRepair = (text: string): string | undefined => {
  if (text.length > JSONREPAIR_MAX_CHARS) return undefined;
  try {
    const r = jsonrepair(text);
    return isObject(parse(r)) ? r : undefined;
  } catch {
    return undefined;
  }
};

/** syntaxRepair's result per state: its three fixers ask in turn, and on a 50 MB line each run costs seconds. */
const syntaxMemo = new WeakMap<State, ReturnType<typeof syntaxRepairUncached>>();
function syntaxRepair(s: State): ReturnType<typeof syntaxRepairUncached> {
  if (!syntaxMemo.has(s)) syntaxMemo.set(s, syntaxRepairUncached(s));
  return syntaxMemo.get(s);
}

/** Syntax repair, classified: which of the three syntax kinds it was. */
function syntaxRepairUncached(s: State): { text: string; kind: 'json_syntax' | 'smart_quotes' | 'truncated'; closed: string; dropped?: string } | undefined {
  if (s.value !== undefined || s.parts) return undefined;
  const stem = s.text.replace(/[\s,]+$/, '');
  const closed = closeTruncated(s.text);
  const simple = dropTrailingCommas(s.text);
  const text =
    (isObject(parse(simple)) ? simple : undefined) ??
    (curly(s.text) > 0 ? parseable(dropTrailingCommas(fixSmartQuotes(s.text))) : undefined) ??
    (s.text.includes("'") ? parseable(dropTrailingCommas(fixSingleQuotes(s.text))) : undefined) ??
    // Closing a cut-off record by hand beats jsonrepair's guesses, which can re-split a long cut string.
    (closed !== s.text && isObject(parse(closed)) ? closed : undefined) ??
    tryRepair(s.text) ??
    tryRepair(closed);
  // Unchanged text (a record refused for another reason, e.g. nested too deep) is not a repair: nothing to review.
  // A fix that yields a record nested too deep to ever be a training example (the reader refuses those) is not offered.
  if (text === undefined || text === s.text || (text.length > 2 * MAX_DEPTH && depthExceeds(parse(text), MAX_DEPTH))) return undefined;
  if (text.length > stem.length && text.startsWith(stem)) return { text, kind: 'truncated', closed: text.slice(stem.length) };
  if (text === closed && !text.startsWith(stem)) {
    // closeTruncated dropped a content-less fragment of the last message before closing.
    let keep = 0;
    while (keep < text.length && text[keep] === stem[keep]) keep++;
    return { text, kind: 'truncated', closed: text.slice(keep), dropped: stem.slice(keep) };
  }
  if (curly(text) < curly(s.text)) return { text, kind: 'smart_quotes', closed: '' };
  return { text, kind: 'json_syntax', closed: '' };
}

const syntaxFixer =
  (kind: 'json_syntax' | 'smart_quotes' | 'truncated'): Fixer =>
  (s) => {
    const r = syntaxRepair(s);
    if (!r || r.kind !== kind) return undefined;
    const description =
      kind === 'truncated'
        ? r.dropped
          ? `The record was cut off; check the end. Its unfinished last part ${JSON.stringify(r.dropped)} (no text yet) was removed and closing characters were added (${JSON.stringify(r.closed)}).`
          : `The record was cut off; check the end. Closing characters were added (${JSON.stringify(r.closed)}); the last message may be incomplete.`
        : kind === 'smart_quotes'
          ? 'Curly quotes (“ ”) were used as JSON string quotes; they were replaced with straight quotes. Check the text around them.'
          : 'Fixed the JSON syntax (e.g. trailing commas, single quotes, missing commas or Python literals).';
    return { state: { text: r.text, value: parse(r.text) }, description };
  };

const foreignFormat: Fixer = (s, opts) => {
  const from = guessRecordFormat(s.value);
  const to = opts.format ?? naturalTarget(from);
  if (!to || from === to || from === 'unknown' || (from === 'prompt_completion' && !opts.format)) return undefined;
  if (from === 'chat' || from === 'preference') return undefined; // OpenAI formats: never silently reshaped
  const r = convertRecord(s.value, to);
  if (r.value === undefined) return undefined;
  const value = r.value;
  return { state: { text: JSON.stringify(value), value }, description: `Converted this ${from} record to ${to} format.` };
};

type Msg = Record<string, unknown>;
type MsgFix = (m: Msg, where: string, notes: string[]) => Msg | null;

/** Applies `fix` to every message of the record's message lists (chat and preference); null removes the message. */
function mapMessages(value: unknown, fix: MsgFix): { value: unknown; notes: string[] } {
  const notes: string[] = [];
  if (!isObject(value)) return { value, notes };
  const mapList = (list: unknown, base: string): unknown => {
    if (!Array.isArray(list)) return list;
    let changed = false;
    const out: unknown[] = [];
    list.forEach((m, i) => {
      if (!isObject(m)) return void out.push(m);
      const r = fix(m, `${base}[${i}]`, notes);
      if (r !== m) changed = true;
      if (r !== null) out.push(r);
    });
    return changed ? out : list;
  };
  let next: Record<string, unknown> = value;
  const set = (k: string, v: unknown) => {
    if (v !== next[k]) next = { ...next, [k]: v };
  };
  set('messages', mapList(value.messages, 'messages'));
  if (isObject(value.input)) {
    const msgs = mapList(value.input.messages, 'input.messages');
    if (msgs !== value.input.messages) set('input', { ...value.input, messages: msgs });
  }
  set('preferred_output', mapList(value.preferred_output, 'preferred_output'));
  set('non_preferred_output', mapList(value.non_preferred_output, 'non_preferred_output'));
  return { value: next, notes };
}

/** Replaces key `from` by `to` keeping its position in the object. */
const renameKey = (m: Msg, from: string, to: string): Msg => Object.fromEntries(Object.entries(m).map(([k, v]) => [k === from ? to : k, v]));

const messageFixer =
  (fix: MsgFix, summary: (notes: string[]) => string): Fixer =>
  (s) => {
    if (s.value === undefined || s.parts) return undefined;
    const r = mapMessages(s.value, fix);
    if (r.value === s.value) return undefined;
    return { state: { text: JSON.stringify(r.value), value: r.value }, description: summary(r.notes) };
  };

const list = (notes: string[]): string => (notes.length > 4 ? `${notes.slice(0, 4).join('; ')}; and ${notes.length - 4} more` : notes.join('; '));

const contentKey = messageFixer(
  (m, where, notes) => {
    if ('content' in m || !('text' in m) || typeof m.text !== 'string') return m;
    notes.push(where);
    return renameKey(m, 'text', 'content');
  },
  (n) => `Renamed the key "text" to "content" in ${list(n)}.`,
);

const roleAlias = messageFixer(
  (m, where, notes) => {
    if (typeof m.role !== 'string' || CHAT_ROLES.includes(m.role)) return m;
    const role = normalizeRole(m.role);
    if (!role) return m;
    notes.push(`${where}: "${m.role}" → "${role}"`);
    return { ...m, role };
  },
  (n) => `Changed role names to the ones OpenAI accepts: ${list(n)}.`,
);

const nullContent = messageFixer(
  (m, where, notes) => {
    if (!['system', 'user', 'tool'].includes(m.role as string)) return m;
    const missing = m.content === null || m.content === undefined;
    if (m.role === 'system' && (missing || m.content === '')) {
      notes.push(`removed the empty system message ${where}`);
      return null;
    }
    if (!missing) return m;
    notes.push(`${where} (${String(m.role)}) now has empty text "" — write the missing text`);
    return { ...m, content: '' };
  },
  (n) => `Missing message text: ${list(n)}.`,
);

const argumentsToString = messageFixer(
  (m, where, notes) => {
    let out = m;
    if (Array.isArray(m.tool_calls)) {
      const calls = m.tool_calls.map((c, i) => {
        if (!isObject(c) || !isObject(c.function) || typeof c.function.arguments === 'string' || c.function.arguments === undefined) return c;
        notes.push(`${where}.tool_calls[${i}]`);
        return { ...c, function: { ...c.function, arguments: JSON.stringify(c.function.arguments) } };
      });
      if (calls.some((c, i) => c !== (m.tool_calls as unknown[])[i])) out = { ...out, tool_calls: calls };
    }
    if (isObject(m.function_call) && m.function_call.arguments !== undefined && typeof m.function_call.arguments !== 'string') {
      notes.push(`${where}.function_call`);
      out = { ...out, function_call: { ...m.function_call, arguments: JSON.stringify(m.function_call.arguments) } };
    }
    return out;
  },
  (n) => `Wrote tool-call arguments as JSON text (a string), as OpenAI requires: ${list(n)}.`,
);

/** Weight spellings that clearly mean 0 or 1. */
const WEIGHTS: ReadonlyMap<unknown, number> = new Map<unknown, number>([[true, 1], [false, 0], ['1', 1], ['0', 0], [1.0, 1], [0.0, 0]]);

const weightType = messageFixer(
  (m, where, notes) => {
    if (!('weight' in m) || m.weight === 0 || m.weight === 1 || !WEIGHTS.has(m.weight)) return m;
    notes.push(`${where}: ${JSON.stringify(m.weight)} → ${WEIGHTS.get(m.weight)}`);
    return { ...m, weight: WEIGHTS.get(m.weight) };
  },
  (n) => `Made weights the integer 0 or 1: ${list(n)}.`,
);

/** The fixer for each kind. */
const FIXERS: Readonly<Record<RepairKind, Fixer>> = {
  bom_crlf: bomCrlf,
  glued_split: gluedSplit,
  json_syntax: syntaxFixer('json_syntax'),
  smart_quotes: syntaxFixer('smart_quotes'),
  truncated: syntaxFixer('truncated'),
  foreign_format: foreignFormat,
  content_key: contentKey,
  role_alias: roleAlias,
  null_content: nullContent,
  arguments_to_string: argumentsToString,
  weight_type: weightType,
};

const initial = (r: SourceRecord): State => (r.error || r.value === undefined ? { text: r.text } : { text: r.text, value: r.value });

/**
 * Proposes fixes for every damaged record; never changes anything. Fixes of one record are chained: each
 * repair's `before` is the text after the previous proposed fix of that record. Records that are fine get none.
 */
export function proposeRepairs(records: SourceRecord[], opts: RepairOptions = {}): Repair[] {
  const out: Repair[] = [];
  records.forEach((rec, index) => {
    let state = initial(rec);
    for (const kind of REPAIR_ORDER) {
      const r = FIXERS[kind](state, opts);
      if (!r) continue;
      out.push({ id: `${index}:${kind}`, kind, record: index, line: rec.line, description: r.description, before: state.text, after: r.state.text });
      state = r.state;
    }
  });
  return out;
}

/** Records examined between two looks at the clock when proposing repairs (a few ms of work). */
const REPAIR_STEP = 50;

/**
 * proposeRepairs in steps of `step` records, giving the page a turn about every 12 ms, so a big import never
 * blocks it; the result equals one proposeRepairs call. Stops early (returning what it has) when `signal` aborts.
 */
export async function proposeRepairsInSlices(
  records: SourceRecord[],
  format: DatasetFormat,
  signal?: AbortSignal,
  step = REPAIR_STEP,
): Promise<Repair[]> {
  const out: Repair[] = [];
  let until = performance.now() + SLICE_MS;
  for (let start = 0; start < records.length && !signal?.aborted; start += step) {
    for (const r of proposeRepairs(records.slice(start, start + step), { format })) {
      out.push({ ...r, record: r.record + start, id: `${r.record + start}:${r.kind}` });
    }
    if (performance.now() > until) {
      await yieldToPage();
      until = performance.now() + SLICE_MS;
    }
  }
  return out;
}

/**
 * Applies the accepted repairs and returns new records (inputs are not mutated). Fixes are re-run in REPAIR_ORDER
 * with only the accepted kinds, so rejecting an earlier fix of a record changes what a later one yields (a value fix
 * on text that still does not parse is skipped). Unaccepted records come back as the same objects; a glued_split
 * yields one record per object (all with the source line). Unrepairable records stay raw with their error.
 */
export function applyRepairs(records: SourceRecord[], accepted: Repair[], opts: RepairOptions = {}): SourceRecord[] {
  const byRecord = new Map<number, Set<RepairKind>>();
  for (const r of accepted) byRecord.set(r.record, (byRecord.get(r.record) ?? new Set()).add(r.kind));
  return records.flatMap((rec, index) => {
    const kinds = byRecord.get(index);
    if (!kinds) return [rec];
    let state = initial(rec);
    let changed = false;
    for (const kind of REPAIR_ORDER) {
      if (!kinds.has(kind)) continue;
      const r = FIXERS[kind](state, opts);
      if (r) [state, changed] = [r.state, true];
    }
    if (!changed) return [rec];
    const texts = state.parts ?? [state.text];
    return texts.map((text): SourceRecord => {
      const value = parse(text);
      if (value === undefined) return { line: rec.line, endLine: rec.endLine, text, ...(rec.error ? { error: rec.error } : {}) };
      return { line: rec.line, endLine: rec.endLine, text, value };
    });
  });
}

/** A run of text in a diff: unchanged, removed (only in before) or added (only in after). */
export interface DiffPart {
  op: 'same' | 'del' | 'add';
  text: string;
}

/** Longest middle (in characters) diffed character by character; longer middles are shown as one change. Defaults to 400. */
const MAX_LCS = 400;

/**
 * Character diff of two texts for display: common prefix/suffix are `same`; the middle is diffed by LCS when both
 * sides are ≤ 400 code points, else shown as one `del` + one `add`. Joining the non-`add` parts gives `before`,
 * the non-`del` parts gives `after`.
 */
export function diffText(before: string, after: string): DiffPart[] {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  // Never cut a surrogate pair (emoji) in half.
  const high = (c: number) => c >= 0xd800 && c <= 0xdbff;
  const low = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  if (p > 0 && high(before.charCodeAt(p - 1))) p--;
  if (s > 0 && low(before.charCodeAt(before.length - s))) s--;
  const a = Array.from(before.slice(p, before.length - s));
  const b = Array.from(after.slice(p, after.length - s));
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) parts[parts.length - 1] = { op, text: last.text + text };
    else parts.push({ op, text });
  };
  push('same', before.slice(0, p));
  if (a.length <= MAX_LCS && b.length <= MAX_LCS) {
    // LCS table over the middle, then walk it.
    const t: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        push('same', a[i++]);
        j++;
      } else if (i < a.length && (j === b.length || t[i + 1][j] >= t[i][j + 1])) push('del', a[i++]);
      else push('add', b[j++]);
    }
  } else {
    push('del', a.join(''));
    push('add', b.join(''));
  }
  push('same', before.slice(before.length - s));
  return parts;
}
