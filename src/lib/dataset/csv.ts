// CSV import (RFC 4180: quoted fields, "" escapes, embedded newlines, CRLF) into training records. A header row
// names the columns; rows become chat examples (role/content rows grouped into conversations), or prompt/completion,
// Alpaca or TRL preference records converted to chat / preference. Pure; never throws: problems become Issues.
import { convertRecord, normalizeRole } from './convert.ts';
import type { Issue, SourceRecord } from './types.ts';
import { coreIssue } from './messages/index.ts';

/** One parsed CSV row with the 1-based lines it spans. */
export interface CsvRow {
  fields: string[];
  line: number;
  endLine: number;
}

/** Column name spellings (lower-cased, trimmed) → the field they mean. */
export const CSV_COLUMNS: Readonly<Record<string, string>> = {
  role: 'role',
  from: 'role',
  speaker: 'role',
  content: 'content',
  message: 'content',
  text: 'content',
  value: 'content',
  name: 'name',
  weight: 'weight',
  id: 'group',
  conversation: 'group',
  conversation_id: 'group',
  conv_id: 'group',
  dialog_id: 'group',
  example: 'group',
  example_id: 'group',
  thread_id: 'group',
  prompt: 'prompt',
  question: 'prompt',
  completion: 'completion',
  response: 'completion',
  answer: 'completion',
  system: 'system',
  instruction: 'instruction',
  input: 'input',
  output: 'output',
  chosen: 'chosen',
  rejected: 'rejected',
};

/** Delimiters tried on the header line; the most frequent one (outside quotes) wins. Defaults to comma. */
const DELIMITERS = [',', ';', '\t'] as const;

/** Splits CSV text into rows (RFC 4180). An unclosed quote runs to the end of the text and is reported. */
export function parseCsvRows(text: string, delimiter = ','): { rows: CsvRow[]; issues: Issue[] } {
  const rows: CsvRow[] = [];
  const issues: Issue[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const endRow = () => {
    fields.push(field);
    rows.push({ fields, line: rowLine, endLine: line });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) issues.push(coreIssue('error', 'csv_unclosed_quote', { line: quoteLine }, { line: quoteLine }));
  if (field !== '' || fields.length > 0) endRow();
  return { rows, issues };
}

/** Picks the delimiter used most on the first line (outside quotes). */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = first.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** The field a column name means (own keys only: a column named "constructor" means nothing). */
const columnOf = (name: string): string | undefined => (Object.hasOwn(CSV_COLUMNS, name) ? CSV_COLUMNS[name] : undefined);

const blank = (r: CsvRow) => r.fields.every((f) => f.trim() === '');

/**
 * Parses CSV text into records. Columns (header row required, names case-insensitive, see CSV_COLUMNS):
 * - role + content [+ name, weight, id]: one message per row. Rows with the same id/conversation value form one
 *   conversation (ordered by first appearance); without such a column, blank rows separate conversations (no blank
 *   row at all → the whole file is one conversation, with a warning).
 * - prompt + completion [+ system]: one chat example per row (user prompt, assistant completion).
 * - instruction + output [+ input, system] (Alpaca) → chat; prompt + chosen + rejected (TRL) → OpenAI preference.
 * Each record's `text` is the compact JSON of its value (there is no JSON source text); `line`/`endLine` are CSV lines.
 */
export function parseCsv(text: string): { records: SourceRecord[]; issues: Issue[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { rows, issues } = parseCsvRows(src, sniffDelimiter(src));
  const header = rows.findIndex((r) => !blank(r));
  if (header < 0) return { records: [], issues: [...issues, coreIssue('error', 'csv_empty', {})] };
  const names = rows[header].fields.map((f) => f.trim().toLowerCase());
  const col = new Map<string, number>();
  names.forEach((n, i) => {
    const field = columnOf(n);
    if (field && !col.has(field)) col.set(field, i);
  });
  const ignored = rows[header].fields.filter((_, i) => !columnOf(names[i]) || col.get(columnOf(names[i])!) !== i);
  const has = (...f: string[]) => f.every((k) => col.has(k));
  const mode = has('role', 'content')
    ? 'messages'
    : has('prompt', 'chosen', 'rejected')
      ? 'trl'
      : has('prompt', 'completion')
        ? 'prompt'
        : has('instruction', 'output')
          ? 'alpaca'
          : undefined;
  if (!mode) {
    return { records: [], issues: [...issues, coreIssue('error', 'csv_no_header', {}, { line: rows[header].line })] };
  }
  if (ignored.length) issues.push(coreIssue('info', 'csv_columns_ignored', { columns: ignored }, { line: rows[header].line }));
  const get = (r: CsvRow, k: string) => (col.has(k) ? (r.fields[col.get(k)!] ?? '') : undefined);
  const data = rows.slice(header + 1);
  const records: SourceRecord[] = [];
  const push = (value: unknown, first: CsvRow, last: CsvRow) => records.push({ line: first.line, endLine: last.endLine, text: JSON.stringify(value), value });

  if (mode === 'messages') {
    const groups: CsvRow[][] = [];
    if (col.has('group')) {
      const byId = new Map<string, CsvRow[]>();
      for (const r of data.filter((r) => !blank(r))) {
        const id = get(r, 'group')!.trim();
        if (!byId.has(id)) groups.push(byId.set(id, []).get(id)!);
        byId.get(id)!.push(r);
      }
    } else {
      let cur: CsvRow[] = [];
      for (const r of data) {
        if (blank(r)) {
          if (cur.length) groups.push(cur);
          cur = [];
        } else cur.push(r);
      }
      if (cur.length) groups.push(cur);
      if (groups.length === 1 && data.length > 2) issues.push(coreIssue('warning', 'csv_one_conversation', {}, { line: data[0].line }));
    }
    for (const g of groups) {
      const messages = g.map((r) => {
        const raw = get(r, 'role')!.trim();
        const role = normalizeRole(raw);
        if (!role) issues.push(coreIssue('error', 'csv_unknown_role', { line: r.line, given: raw }, { line: r.line }));
        const m: Record<string, unknown> = { role: role ?? raw, content: get(r, 'content') };
        const name = get(r, 'name')?.trim();
        if (name) m.name = name;
        const w = get(r, 'weight')?.trim();
        if (w === '0' || w === '1') m.weight = Number(w);
        else if (w) issues.push(coreIssue('warning', 'csv_bad_weight', { line: r.line, weight: w }, { line: r.line }));
        return m;
      });
      push({ messages }, g[0], g[g.length - 1]);
    }
    return { records, issues };
  }

  for (const r of data) {
    if (blank(r)) continue;
    const system = get(r, 'system');
    let value: unknown;
    if (mode === 'prompt') {
      value = {
        messages: [
          ...(system ? [{ role: 'system', content: system }] : []),
          { role: 'user', content: get(r, 'prompt') },
          { role: 'assistant', content: get(r, 'completion') },
        ],
      };
    } else {
      const foreign =
        mode === 'alpaca'
          ? { instruction: get(r, 'instruction'), input: get(r, 'input') ?? '', output: get(r, 'output'), ...(system ? { system } : {}) }
          : { prompt: get(r, 'prompt'), chosen: get(r, 'chosen'), rejected: get(r, 'rejected') };
      const c = convertRecord(foreign, mode === 'alpaca' ? 'chat' : 'preference');
      for (const i of c.issues) issues.push({ ...i, line: r.line, params: { ...i.params, csv_line: r.line } });
      value = c.value;
    }
    if (value !== undefined) push(value, r, r);
  }
  return { records, issues };
}
