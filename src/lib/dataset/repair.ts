// Proposes fixes for damaged records (broken JSON syntax, role aliases, wrong keys, object arguments, foreign formats)
// so the user can review each one; applies only the accepted ones. Pure: nothing changes until applyRepairs is called.
// Decisions: null/empty content on a system message → remove the message (it carries nothing); null content on a
// user/tool message → "" and the description asks the user to write the text (nothing is invented); assistant
// content is never touched (null is valid with tool_calls). Syntax: own small fixers (trailing commas, smart
// quotes, single quotes, closing a cut-off record) run before jsonrepair, whose guesses can mangle long lines.
// Not here: multi-line (pretty-printed) records and glued objects are split/joined by the reader and reported as
// file issues (glued_split only catches what reaches us unsplit); Windows-1252 decoding is decode.ts's job.
// This module chains the fixers: the text ones are in repair-text.ts, those of messages in repair-messages.ts.
import { jsonrepair } from 'jsonrepair';
import { convertRecord, guessRecordFormat, isObject, naturalTarget } from './convert.ts';
import type { DatasetFormat, SourceRecord } from './types.ts';
import { MAX_DEPTH, depthExceeds } from './read.ts';
import { message, type Message } from './messages/index.ts';
import { argumentsToString, contentKey, nullContent, roleAlias, weightType, type MessageRepair } from './repair-messages.ts';
import { closeTruncated, curly, dropTrailingCommas, fixSingleQuotes, fixSmartQuotes, splitGlued } from './repair-text.ts';
import { SLICE_MS, yieldToPage } from '../util/yield.ts';

export { closeTruncated, fixSingleQuotes, fixSmartQuotes, splitGlued } from './repair-text.ts';
export { diffText, type DiffPart } from './diff-text.ts';

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
export const REPAIR_ORDER: readonly RepairKind[] = [
  'bom_crlf',
  'glued_split',
  'json_syntax',
  'smart_quotes',
  'truncated',
  'foreign_format',
  'content_key',
  'role_alias',
  'null_content',
  'arguments_to_string',
  'weight_type',
];

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
  /** What is changed and, when it matters, what to check: a message (messages/en-repair.ts), written at display time. */
  description: Message;
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
type Fixer = (s: State, opts: RepairOptions) => { state: State; description: Message } | undefined;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const bomCrlf: Fixer = (s) => {
  if (s.value !== undefined || s.parts) return undefined;
  const text = s.text.replace(/^\uFEFF+/, '').replace(/\r+$/, '');
  if (text === s.text) return undefined;
  return { state: { text, value: parse(text) }, description: message('repair.bom_crlf') };
};

const gluedSplit: Fixer = (s) => {
  if (s.value !== undefined || s.parts) return undefined;
  const parts = splitGlued(s.text);
  if (!parts) return undefined;
  return { state: { text: parts.join('\n'), parts }, description: message('repair.glued_split', { count: parts.length }) };
};

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
          ? message('repair.truncated_dropped', { closed: r.closed, dropped: r.dropped })
          : message('repair.truncated', { closed: r.closed })
        : kind === 'smart_quotes'
          ? message('repair.smart_quotes')
          : message('repair.json_syntax');
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
  return { state: { text: JSON.stringify(value), value }, description: message('repair.foreign_format', { from, to }) };
};

/** A fixer of messages (repair-messages.ts) as a fixer of a parsed record. */
const valueFixer =
  (fix: MessageRepair): Fixer =>
  (s) => {
    if (s.value === undefined || s.parts) return undefined;
    const r = fix(s.value);
    return r && { state: { text: JSON.stringify(r.value), value: r.value }, description: r.description };
  };

/** The fixer for each kind. */
const FIXERS: Readonly<Record<RepairKind, Fixer>> = {
  bom_crlf: bomCrlf,
  glued_split: gluedSplit,
  json_syntax: syntaxFixer('json_syntax'),
  smart_quotes: syntaxFixer('smart_quotes'),
  truncated: syntaxFixer('truncated'),
  foreign_format: foreignFormat,
  content_key: valueFixer(contentKey),
  role_alias: valueFixer(roleAlias),
  null_content: valueFixer(nullContent),
  arguments_to_string: valueFixer(argumentsToString),
  weight_type: valueFixer(weightType),
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
export async function proposeRepairsInSlices(records: SourceRecord[], format: DatasetFormat, signal?: AbortSignal, step = REPAIR_STEP): Promise<Repair[]> {
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
