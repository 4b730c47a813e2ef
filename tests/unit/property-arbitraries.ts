// Shared fast-check arbitraries and invariant checks for the property tests (tests/unit/property-*.test.ts):
// valid files in every format the reader accepts, mutations of their text and bytes, and the pipeline a user's
// file goes through (read → validate → repairs → convert → export → report) with the invariants a user would notice.
import fc from 'fast-check';
import { expect } from 'vitest';
import { convertRecord } from '../../src/lib/dataset/convert.ts';
import { decodeBytes } from '../../src/lib/dataset/decode.ts';
import { exampleText, toJsonl } from '../../src/lib/dataset/export.ts';
import { createRecordReader, readText } from '../../src/lib/dataset/read.ts';
import { applyRepairs, proposeRepairs, type Repair } from '../../src/lib/dataset/repair.ts';
import { buildReport, reportSchema } from '../../src/lib/dataset/report.ts';
import { splitTrainValidation } from '../../src/lib/dataset/split.ts';
import { exportTo, type ExportTarget } from '../../src/lib/dataset/targets.ts';
import type { DatasetFormat, Example, Issue, ReadResult, SourceRecord } from '../../src/lib/dataset/types.ts';
import { validateDataset } from '../../src/lib/dataset/validate.ts';
import { renderIssue, renderMessage } from '../../src/lib/dataset/messages/index.ts';

/** One seed for every property (override with FC_SEED=… to replay a CI failure; fast-check prints seed and path). */
export const SEED = Number(process.env.FC_SEED ?? 20261126);
/** Runs per property (FC_RUNS=… for a longer local hunt). */
export const RUNS = Number(process.env.FC_RUNS ?? 60);
export const fcParams = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: false });

export const TARGETS: readonly ExportTarget[] = ['hf_messages', 'sharegpt', 'alpaca', 'trl_preference', 'together', 'fireworks'];
export const FORMATS: readonly DatasetFormat[] = ['chat', 'preference', 'prompt_completion'];

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Strings that have broken things before: escapes, separators, lone surrogates, prototype names, huge numbers… */
const SPECIAL_TEXTS = [
  '',
  ' ',
  'a\nb',
  'a\r\nb',
  '\t',
  '"quoted"',
  '\\',
  '\\\\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\u0000',
  '😀',
  '👩‍👩‍👧',
  '\ud800',
  '\udfff',
  'é',
  '“curly”',
  "it's",
  '<|endoftext|>',
  '<|im_start|>',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '{"a":1}',
  '[1,2',
  '1e400',
  'null',
  'None',
];
export const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_TEXTS) },
);
/** Windows-1252-encodable text (ASCII + Latin-1 + the 0x80–0x9F specials). */
const CP1252_CHARS = [...'abcxyz ABC 019 "\\{}[],:\'é€ü©ß—“”‘’…ÿ'];
const cp1252TextArb = fc.string({ unit: fc.constantFrom(...CP1252_CHARS), maxLength: 20 });

const nameArb = fc.constantFrom('get_weather', 'search', 'lookup_order', 'f', 'tool-1');

// ---------------------------------------------------------------------------------------------------------------
// Records in every format

type Obj = Record<string, unknown>;

function chatArb(text: fc.Arbitrary<string>): fc.Arbitrary<Obj> {
  const userContent = fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc.tuple(text, fc.constantFrom('low', 'high', 'auto')).map(([t, detail]) => [
        { type: 'text', text: t },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail } },
      ]),
    },
  );
  const turn = fc.record({
    user: userContent,
    reply: text,
    weight: fc.option(fc.constantFrom(0, 1), { nil: undefined }),
    tool: fc.option(fc.record({ fn: nameArb, q: text, result: text }), { nil: undefined }),
    name: fc.option(fc.constantFrom('alice', 'bob'), { nil: undefined }),
  });
  return fc
    .record({
      system: fc.option(text, { nil: undefined }),
      turns: fc.array(turn, { minLength: 1, maxLength: 3 }),
      tools: fc.boolean(),
      parallel: fc.option(fc.boolean(), { nil: undefined }),
      extra: fc.option(fc.constantFrom('note', 'id', 'metadata'), { nil: undefined }),
    })
    .map(({ system, turns, tools, parallel, extra }) => {
      const messages: Obj[] = [];
      if (system !== undefined) messages.push({ role: 'system', content: system });
      const used = new Set<string>();
      turns.forEach((t, k) => {
        messages.push({ role: 'user', content: t.user, ...(t.name ? { name: t.name } : {}) });
        if (t.tool) {
          const id = `call_${k}`;
          used.add(t.tool.fn);
          messages.push({
            role: 'assistant',
            content: null,
            tool_calls: [{ id, type: 'function', function: { name: t.tool.fn, arguments: JSON.stringify({ q: t.tool.q }) } }],
          });
          messages.push({ role: 'tool', tool_call_id: id, content: t.tool.result });
        }
        messages.push({ role: 'assistant', content: t.reply, ...(t.weight !== undefined ? { weight: t.weight } : {}) });
      });
      const v: Obj = { messages };
      if (tools || used.size > 0) {
        v.tools = [...(used.size ? used : ['search'])].map((name) => ({
          type: 'function',
          function: { name, description: 'Look something up.', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
        }));
      }
      if (parallel !== undefined && v.tools) v.parallel_tool_calls = parallel;
      if (extra) v[extra] = 'kept as is';
      return v;
    });
}

const preferenceArb = (text: fc.Arbitrary<string>) =>
  fc.record({ sys: fc.option(text, { nil: undefined }), q: text, good: text, bad: text }).map(({ sys, q, good, bad }) => ({
    input: { messages: [...(sys !== undefined ? [{ role: 'system', content: sys }] : []), { role: 'user', content: q }] },
    preferred_output: [{ role: 'assistant', content: good }],
    non_preferred_output: [{ role: 'assistant', content: bad }],
  }));

const promptCompletionArb = (text: fc.Arbitrary<string>) => fc.record({ prompt: text, completion: text });

const shareGptArb = (text: fc.Arbitrary<string>) =>
  fc
    .record({
      system: fc.option(text, { nil: undefined }),
      turns: fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 3 }),
      human: fc.constantFrom('human', 'user', 'Human'),
      gpt: fc.constantFrom('gpt', 'assistant', 'bot'),
    })
    .map(({ system, turns, human, gpt }) => ({
      ...(system !== undefined ? { system } : {}),
      conversations: turns.flatMap(([q, a]) => [
        { from: human, value: q },
        { from: gpt, value: a },
      ]),
    }));

const alpacaArb = (text: fc.Arbitrary<string>) =>
  fc
    .record({
      instruction: text,
      input: fc.option(text, { nil: undefined }),
      output: text,
      system: fc.option(text, { nil: undefined }),
      history: fc.option(fc.array(fc.tuple(text, text), { maxLength: 2 }), { nil: undefined }),
    })
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));

const trlArb = (text: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.record({ prompt: text, chosen: text, rejected: text }),
    fc.record({ q: text, good: text, bad: text }).map(({ q, good, bad }) => ({
      chosen: [
        { role: 'user', content: q },
        { role: 'assistant', content: good },
      ],
      rejected: [
        { role: 'user', content: q },
        { role: 'assistant', content: bad },
      ],
    })),
  );

export type GenFormat = 'chat' | 'preference' | 'prompt_completion' | 'sharegpt' | 'alpaca' | 'trl_preference';
export const GEN_FORMATS: readonly GenFormat[] = ['chat', 'preference', 'prompt_completion', 'sharegpt', 'alpaca', 'trl_preference'];

export function recordArb(format: GenFormat, text: fc.Arbitrary<string> = textArb): fc.Arbitrary<Obj> {
  switch (format) {
    case 'chat':
      return chatArb(text);
    case 'preference':
      return preferenceArb(text);
    case 'prompt_completion':
      return promptCompletionArb(text);
    case 'sharegpt':
      return shareGptArb(text);
    case 'alpaca':
      return alpacaArb(text);
    case 'trl_preference':
      return trlArb(text);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** How a value is written on one line: compact, with spaces after , and :, or with spaces everywhere. */
type Style = 'compact' | 'spaced' | 'airy';

/** JSON on one line in a given spacing (strings and numbers exactly as JSON.stringify writes them). */
export function serialize(v: unknown, style: Style): string {
  const [comma, colon, pad] = style === 'compact' ? [',', ':', ''] : style === 'spaced' ? [', ', ': ', ''] : [' , ', ' : ', ' '];
  const go = (x: unknown): string => {
    if (Array.isArray(x)) return `[${pad}${x.map(go).join(comma)}${pad}]`;
    if (x !== null && typeof x === 'object')
      return `{${pad}${Object.entries(x)
        .map(([k, y]) => JSON.stringify(k) + colon + go(y))
        .join(comma)}${pad}}`;
    return JSON.stringify(x);
  };
  return go(v);
}

export interface GenFile {
  /** The file's text (what the user dropped, decoded). */
  text: string;
  values: Obj[];
  layout: 'jsonl' | 'pretty' | 'array';
  eol: '\n' | '\r\n';
  bom: boolean;
  finalEol: boolean;
  format: GenFormat;
  cp1252: boolean;
}

function buildFile(values: Obj[], layout: GenFile['layout'], style: Style, eol: '\n' | '\r\n', bom: boolean, finalEol: boolean): string {
  let body: string;
  if (layout === 'jsonl') body = values.map((v) => serialize(v, style)).join(eol);
  else if (layout === 'pretty') body = values.map((v) => JSON.stringify(v, null, 2).replace(/\n/g, eol)).join(eol);
  else body = JSON.stringify(values, null, style === 'compact' ? undefined : 2).replace(/\n/g, eol);
  return (bom ? '\ufeff' : '') + body + (finalEol ? eol : '');
}

/** A valid file in one format and layout. `cp1252` restricts the text to Windows-1252 characters. */
export function fileArb(opts: { layouts?: GenFile['layout'][]; formats?: readonly GenFormat[]; cp1252?: boolean } = {}): fc.Arbitrary<GenFile> {
  const layouts = opts.layouts ?? ['jsonl', 'jsonl', 'jsonl', 'pretty', 'array'];
  const cp1252 = opts.cp1252 ?? false;
  return fc.constantFrom(...(opts.formats ?? GEN_FORMATS)).chain((format) =>
    fc
      .record({
        values: fc.array(recordArb(format, cp1252 ? cp1252TextArb : textArb), { minLength: 1, maxLength: 6 }),
        layout: fc.constantFrom(...layouts),
        style: fc.constantFrom<Style>('compact', 'spaced', 'airy'),
        eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        bom: fc.boolean(),
        finalEol: fc.boolean(),
      })
      .map(({ values, layout, style, eol, bom, finalEol }) => {
        // A Windows-1252 file must hold at least one byte that is not UTF-8: é then an ASCII character.
        const vals = cp1252 ? values.map((v, i) => (i === 0 ? { ...v, note: 'café.' } : v)) : values;
        return { text: buildFile(vals, layout, style, eol, bom, finalEol), values: vals, layout, eol, bom, finalEol, format, cp1252 };
      }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Encodings

export type ByteEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'utf-16le' | 'windows-1252';

const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const CP1252_ENCODE = new Map<number, number>(CP1252_HIGH.flatMap((c, i) => (c ? [[c, 0x80 + i] as [number, number]] : [])));

/** Encodes text as bytes; null when the text cannot be written in that encoding. The text's own BOM is dropped. */
export function encode(text: string, enc: ByteEncoding): Uint8Array | null {
  const t = text.replace(/^\ufeff/, '');
  const utf16 = (le: boolean, bom: boolean) => {
    const out = new Uint8Array((bom ? 2 : 0) + t.length * 2);
    let o = 0;
    if (bom) [out[o++], out[o++]] = le ? [0xff, 0xfe] : [0xfe, 0xff];
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (le) [out[o++], out[o++]] = [c & 0xff, c >> 8];
      else [out[o++], out[o++]] = [c >> 8, c & 0xff];
    }
    return out;
  };
  switch (enc) {
    case 'utf-8':
    case 'utf-8-bom': {
      if (/[\ud800-\udfff]/.test(t.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return null; // lone surrogate
      const b = new TextEncoder().encode(t);
      return enc === 'utf-8' ? b : new Uint8Array([0xef, 0xbb, 0xbf, ...b]);
    }
    case 'utf-16le-bom':
      return utf16(true, true);
    case 'utf-16be-bom':
      return utf16(false, true);
    case 'utf-16le':
      return /^[\x01-\x7f]*$/.test(t) && t.length >= 4 ? utf16(true, false) : null;
    case 'windows-1252': {
      const out = new Uint8Array(t.length);
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_ENCODE.get(c);
        if (b === undefined) return null;
        out[i] = b;
      }
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

/** Junk inserted by mutations: syntax characters, NUL, lone surrogates, huge numbers, deep nesting… */
const JUNK = [
  '{',
  '}',
  '[',
  ']',
  '"',
  '\\',
  ',',
  ':',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\u0000',
  '\ud800',
  '\udc00',
  '\ufeff',
  '\u2028',
  '“',
  '”',
  "'",
  ' ',
  '\t',
  'é',
  '1e999999',
  '-0',
  '123456789012345678901234567890',
  'NaN',
  'None',
  'True',
  'undefined',
  '{"role":"__proto__"}',
  '"constructor"',
  '"toString":1',
  '{"toString":1}',
  '\\u00',
  '\\ud800',
  '\\',
  '//',
  '/*',
  '['.repeat(1200),
  '{"a":'.repeat(1100),
  ']'.repeat(50),
  '"'.repeat(30),
  '\\'.repeat(31),
];
const junkArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...JUNK) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
);

type Mutation = { op: 'flip' | 'delete' | 'insert' | 'truncate' | 'duplicate'; at: number; len: number; junk: string; to: number };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('flip', 'delete', 'insert', 'truncate', 'duplicate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 40 }),
  junk: junkArb,
  to: fc.nat(),
});

function applyMutation(s: string, m: Mutation): string {
  const at = m.at % (s.length + 1);
  switch (m.op) {
    case 'flip':
      return s.slice(0, at) + m.junk.slice(0, 1) + s.slice(at + 1);
    case 'delete':
      return s.slice(0, at) + s.slice(at + m.len);
    case 'insert':
      return s.slice(0, at) + m.junk + s.slice(at);
    case 'truncate':
      return s.slice(0, at);
    case 'duplicate': {
      const piece = s.slice(at, at + m.len * 4);
      const to = m.to % (s.length + 1);
      return s.slice(0, to) + piece + s.slice(to);
    }
  }
}

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
export const mutateText = (s: string, ms: Mutation[]) => ms.reduce(applyMutation, s);

type ByteMutation = { op: 'flip' | 'delete' | 'insert' | 'truncate'; at: number; len: number; bytes: Uint8Array };
export const byteMutationsArb: fc.Arbitrary<ByteMutation[]> = fc.array(
  fc.record({
    op: fc.constantFrom('flip', 'delete', 'insert', 'truncate'),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 16 }),
    bytes: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 6 }),
      fc.constantFrom(
        new Uint8Array([0]),
        new Uint8Array([0xff, 0xfe]),
        new Uint8Array([0xef, 0xbb, 0xbf]),
        new Uint8Array([0xc3]),
        new Uint8Array([0xed, 0xa0, 0x80]),
        new Uint8Array([0x80]),
      ),
    ),
  }),
  { minLength: 1, maxLength: 4 },
);
export function mutateBytes(b: Uint8Array, ms: ByteMutation[]): Uint8Array {
  let out = b;
  for (const m of ms) {
    const at = m.at % (out.length + 1);
    const parts: Uint8Array[] =
      m.op === 'flip'
        ? [out.subarray(0, at), m.bytes.subarray(0, 1), out.subarray(at + 1)]
        : m.op === 'delete'
          ? [out.subarray(0, at), out.subarray(at + m.len)]
          : m.op === 'insert'
            ? [out.subarray(0, at), m.bytes, out.subarray(at)]
            : [out.subarray(0, at)];
    const next = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      next.set(p, o);
      o += p.length;
    }
    out = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants

const lineCount = (text: string) => text.split('\n').length;

/** How an import turns records into examples (as the importer does): untouched ones keep their original text. */
export const examplesOf = (records: readonly SourceRecord[]): Example[] =>
  records.map((r, i) =>
    r.value === undefined || r.error ? { id: `e${i}`, raw: r.text, line: r.line } : { id: `e${i}`, value: r.value, original: r.text, line: r.line },
  );

/**
 * The reader's contract (read.ts header, types.ts): records keep their exact text and source lines, nothing is
 * dropped. Checked as: record texts occur in the text in order without overlapping, and what lies between them is
 * only white space and commas (plus the outer brackets of a JSON array); every non-blank line is inside a record;
 * a record has a value xor an error, and its value is what its text parses to.
 */
export function checkRead(r: ReadResult, decoded: string): void {
  const text = decoded.replace(/^\ufeff/, '');
  let body = text;
  if (r.container === 'json-array') {
    const first = body.search(/\S/);
    const last = body.lastIndexOf(']');
    expect(body[first]).toBe('[');
    body = ' '.repeat(first + 1) + body.slice(first + 1, last) + ' '.repeat(body.length - last);
  }
  const lines = lineCount(text);
  let cursor = 0;
  for (const [i, rec] of r.records.entries()) {
    const where = `record ${i + 1} (line ${rec.line})`;
    expect(rec.line, where).toBeGreaterThanOrEqual(1);
    expect(rec.endLine, where).toBeGreaterThanOrEqual(rec.line);
    expect(rec.endLine, where).toBeLessThanOrEqual(lines);
    expect(rec.value === undefined, `${where}: a record has a value or an error, not both`).toBe(rec.error !== undefined);
    if (rec.value !== undefined) expect(JSON.parse(rec.text), where).toEqual(rec.value);
    expect(rec.text.length, where).toBeGreaterThan(0);
    const at = body.indexOf(rec.text, cursor);
    expect(at, `${where}: its text ${JSON.stringify(rec.text.slice(0, 80))} is not in the file after offset ${cursor}`).toBeGreaterThanOrEqual(0);
    const gap = body.slice(cursor, at);
    expect(/^[\s,]*$/.test(gap), `${where}: text between records was dropped: ${JSON.stringify(gap.slice(0, 80))}`).toBe(true);
    // The record starts on the line its text starts on.
    expect(rec.line, where).toBe(1 + countNl(body, 0, at));
    expect(rec.endLine, where).toBe(rec.line + countNl(rec.text, 0, rec.text.length));
    cursor = at + rec.text.length;
  }
  const tail = body.slice(cursor);
  expect(/^[\s,]*$/.test(tail), `text after the last record was dropped: ${JSON.stringify(tail.slice(0, 80))}`).toBe(true);
  // Every issue that names a line or an example names one that exists.
  for (const issue of r.issues) checkIssueRefs(issue, lines, r.records.length);
  const invalid = r.records.filter((x) => x.error).length;
  const listed = r.issues.filter((i) => (i.code === 'invalid_json' || i.code === 'too_deep') && i.example !== undefined).length;
  expect(listed).toBe(Math.min(invalid, 1000));
}

const countNl = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

export function checkIssueRefs(issue: Omit<Issue, 'params'> & { params: object }, lines: number, examples: number): void {
  const message = renderIssue(issue as Issue, 'en');
  const what = `${issue.code}: ${message.slice(0, 120)}`;
  expect(['error', 'warning', 'info'], what).toContain(issue.severity);
  expect(message.length, what).toBeGreaterThan(0);
  if (issue.line !== undefined) {
    expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines, `${what} (line ${issue.line} of ${lines})`).toBe(true);
  }
  if (issue.example !== undefined) {
    expect(Number.isInteger(issue.example) && issue.example >= 1 && issue.example <= examples, `${what} (example ${issue.example} of ${examples})`).toBe(true);
  }
  if (issue.message_index !== undefined) expect(Number.isInteger(issue.message_index) && issue.message_index >= 0, what).toBe(true);
  expect(issue.code, what).not.toBe('internal_error');
}

/** The streaming reader, fed in chunks cut at the given offsets, gives what readText gives. */
export function checkStreaming(text: string, cuts: number[]): void {
  const whole = readText(text);
  const reader = createRecordReader();
  const got: SourceRecord[] = [];
  let prev = 0;
  for (const c of [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b)) {
    got.push(...reader.push(text.slice(prev, c)));
    prev = c;
  }
  got.push(...reader.push(text.slice(prev)));
  const end = reader.end();
  got.push(...end.records);
  const why = (r: SourceRecord) => (r.error ? renderMessage(r.error, 'en') : undefined);
  expect(got.map((r) => [r.line, r.endLine, r.text, why(r)])).toEqual(whole.records.map((r) => [r.line, r.endLine, r.text, why(r)]));
  expect(end.issues).toEqual(whole.issues);
  expect([end.container, end.eol, end.bom]).toEqual([whole.container, whole.eol, whole.bom]);
}

/** Validation: one entry per example, every issue points at an existing line/example, unparsable ones are named. */
export function checkValidation(records: readonly SourceRecord[], lines: number, format?: DatasetFormat): void {
  const v = validateDataset(
    records.map((r) => ({ value: r.value, error: r.error, raw: r.text, line: r.line })),
    format ? { format } : {},
  );
  expect(v.byExample).toHaveLength(records.length);
  for (const issue of v.issues) checkIssueRefs(issue, lines, records.length);
  records.forEach((r, i) => {
    if (r.error) expect(v.byExample[i].map((x) => x.code)).toContain('invalid_json');
  });
}

/** Every string leaf of a value (strings that are JSON are opened too), for the "no text dropped" checks. */
export function textLeaves(v: unknown, skipKeys: ReadonlySet<string> = new Set(), out: string[] = []): string[] {
  if (typeof v === 'string') {
    out.push(v);
    if (/^\s*[{[]/.test(v)) {
      try {
        textLeaves(JSON.parse(v), skipKeys, out);
      } catch {
        /* not JSON */
      }
    }
  } else if (Array.isArray(v)) for (const x of v) textLeaves(x, skipKeys, out);
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skipKeys.has(k)) textLeaves(x, skipKeys, out);
  return out;
}

const letters = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).join('');

/** What each repair says it changes; nothing else of the record's text may change. */
export function checkRepairs(records: readonly SourceRecord[], repairs: readonly Repair[]): void {
  const last = new Map<number, string>();
  for (const r of repairs) {
    const description = renderMessage(r.description, 'en');
    const what = `${r.id}: ${description.slice(0, 100)}`;
    expect(r.record >= 0 && r.record < records.length, what).toBe(true);
    expect(r.line, what).toBe(records[r.record].line);
    expect(r.before, what).toBe(last.get(r.record) ?? records[r.record].text);
    expect(r.after, what).not.toBe(r.before);
    last.set(r.record, r.after);
    // A fix may leave text that only a later fix of the chain makes parse (e.g. a BOM then broken syntax).
    if (r.kind !== 'glued_split' && r.kind !== 'bom_crlf') expect(() => JSON.parse(r.after), what).not.toThrow();
    switch (r.kind) {
      case 'bom_crlf':
        expect(r.before.replace(/^\ufeff+/, '').replace(/\r+$/, ''), what).toBe(r.after);
        break;
      case 'glued_split':
        expect(r.after.replace(/\s/g, ''), what).toBe(r.before.replace(/\s/g, ''));
        break;
      case 'smart_quotes':
        // Only quotes (and trailing commas) change.
        expect(letters(r.after), what).toBe(letters(r.before));
        break;
      case 'truncated': {
        const stem = r.before.replace(/[\s,]+$/, '');
        const dropped = /part ("(?:[^"\\]|\\.)*") \(no text yet\) was removed/.exec(description);
        if (dropped) {
          // The removed part is exactly what the description quotes, and it was the end of the record.
          const d = JSON.parse(dropped[1]) as string;
          expect(stem.endsWith(d), what).toBe(true);
          expect(r.after.startsWith(stem.slice(0, stem.length - d.length).replace(/\s+$/, '')), what).toBe(true);
        } else expect(r.after.startsWith(stem) || r.after.startsWith(stem.replace(/\\+$/, '')), what).toBe(true);
        break;
      }
      case 'content_key':
      case 'role_alias':
      case 'null_content':
      case 'arguments_to_string':
      case 'weight_type': {
        // An empty system message is removed whole (documented): its other keys go with it.
        if (r.kind === 'null_content' && description.includes('removed the empty system message')) break;
        // Value fixes keep every text the user wrote (role names and weights are what they change).
        const skip = new Set(['role', 'weight']);
        const after = new Set(textLeaves(JSON.parse(r.after), skip));
        for (const t of textLeaves(JSON.parse(r.before), skip)) if (t !== '') expect(after.has(t), `${what}: lost ${JSON.stringify(t)}`).toBe(true);
        break;
      }
      default:
        break;
    }
  }
}

/** The whole pipeline on one read result; `decoded` is the text the records came from. */
export function checkPipeline(
  read: ReadResult,
  decoded: string | { lines: number },
  format?: DatasetFormat,
  counter?: { encoding: string; count(s: string): number },
): void {
  // CSV records have no JSON source text: only their line numbers are checked.
  if (typeof decoded === 'string') checkRead(read, decoded);
  const lines = typeof decoded === 'string' ? lineCount(decoded.replace(/^\ufeff/, '')) : decoded.lines;
  checkValidation(read.records, lines, format);
  const repairs = proposeRepairs(read.records, format ? { format } : {});
  checkRepairs(read.records, repairs);
  const fixed = applyRepairs(read.records, repairs, format ? { format } : {});
  expect(fixed.length).toBeGreaterThanOrEqual(read.records.length);
  for (const rec of fixed) if (rec.value !== undefined) expect(JSON.parse(rec.text)).toEqual(rec.value);
  checkValidation(fixed, lines, format);
  for (const rec of [...read.records, ...fixed]) {
    if (rec.value === undefined) continue;
    for (const to of FORMATS) {
      const c = convertRecord(rec.value, to);
      if (c.value !== undefined) expect(() => JSON.stringify(c.value)).not.toThrow();
    }
  }
  for (const records of [read.records, fixed]) {
    const examples = examplesOf(records);
    // JSONL export keeps every record: each example's text is a line of the output.
    const out = toJsonl(examples, { eol: read.eol });
    if (examples.length) expect(out.endsWith(read.eol)).toBe(true);
    for (const e of examples) {
      const line = exampleText(e);
      expect(out.includes(line)).toBe(true);
      if (e.value !== undefined) expect(JSON.parse(line)).toEqual(e.value);
      else expect(line).toBe(e.raw);
    }
    for (const target of TARGETS) {
      const x = exportTo(examples, target);
      const written = x.text === '' ? [] : x.text.slice(0, -1).split('\n');
      expect(written.length + x.skipped.length, target).toBe(examples.length);
      for (const l of written) expect(() => JSON.parse(l), target).not.toThrow();
      for (const [k, s] of x.skipped.entries()) {
        expect(s.example >= 1 && s.example <= examples.length, target).toBe(true);
        if (k > 0) expect(s.example).toBeGreaterThan(x.skipped[k - 1].example);
      }
    }
    const split = splitTrainValidation(examples, { ratio: 0.2, seed: 1 });
    expect(split.train.length + split.validation.length).toBe(examples.length);
  }
  if (counter && typeof decoded === 'string') {
    const report = buildReport({ file: 'f.jsonl', text: decoded, counter, model: 'gpt-4o-mini-2024-07-18', now: new Date(0) });
    reportSchema.parse(report);
    expect(report.examples).toBe(read.records.length);
    for (const issue of report.issues) checkIssueRefs(issue, lines, report.examples);
  }
}

/** The text decodeBytes would give for bytes (null for binary). */
export const decodedText = (bytes: Uint8Array): string | null => decodeBytes(bytes).text;

// ---------------------------------------------------------------------------------------------------------------
// Structural mutations: valid JSON, hostile shapes (what a buggy exporter or a hand edit produces)

/** JSON values that break naive code: prototype keys, own toString/valueOf, wrong types, huge numbers, nesting. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -1e-320,
    2 ** 53 + 1,
    '',
    'constructor',
    '__proto__',
    [],
    {},
    [null],
    [[]],
    { toString: 1 },
    { valueOf: {} },
    { toString: 'x', valueOf: 'y' },
    { constructor: 1 },
    { __proto__: 1 } as unknown,
    { type: 'text' },
    { type: 'image_url', image_url: { toString: 1 } },
    { role: { toString: 1 }, content: { toString: 1 } },
    { name: { toString: 1 }, arguments: { toString: 1 } },
    { enum: [{ toString: 1 }] },
    { properties: { q: { enum: [{ toString: 1 }, null, [1]] } } },
  ),
  fc.integer({ min: 1, max: 900 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every path (keys and indexes) inside a JSON value. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** Replaces the value at the n-th path (mod count) by `replacement`; also renames the key there to `key` when given. */
export function replaceAt(v: unknown, n: number, replacement: unknown, key?: string): unknown {
  const all = paths(v).slice(1);
  if (all.length === 0) return replacement;
  const path = all[n % all.length];
  const go = (x: unknown, i: number): unknown => {
    if (i === path.length) return replacement;
    const k = path[i];
    if (Array.isArray(x)) return x.map((y, j) => (j === k ? go(y, i + 1) : y));
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [kk, y] of Object.entries(o)) {
      const name = kk === k && key !== undefined && i === path.length - 1 ? key : kk;
      Object.defineProperty(out, name, { value: kk === k ? go(y, i + 1) : y, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return go(v, 0);
}
