// Property-based tests (fast-check, seeded: FC_SEED / FC_RUNS override) of the pure core on valid files in every
// format the reader accepts, and on random mutations, truncations and concatenations of them (text and bytes):
// read, repairs, validation, conversion, exports and the report never throw, and keep the invariants a user notices
// (no record or text silently lost, untouched files export byte for byte, issues point at real lines/examples).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertRecord } from '../../src/lib/dataset/convert.ts';
import { parseCsv } from '../../src/lib/dataset/csv.ts';
import { toJsonl } from '../../src/lib/dataset/export.ts';
import { readBytes, readText } from '../../src/lib/dataset/read.ts';
import { proposeRepairs } from '../../src/lib/dataset/repair.ts';
import { buildReport } from '../../src/lib/dataset/report.ts';
import { validateDataset } from '../../src/lib/dataset/validate.ts';
import { getCounter } from '../../src/lib/tokens/encodings.ts';
import type { TokenCounter } from '../../src/lib/tokens/count.ts';
import { renderMessage } from '../../src/lib/dataset/messages/index.ts';
import {
  FORMATS,
  GEN_FORMATS,
  byteMutationsArb,
  checkIssueRefs,
  checkPipeline,
  checkStreaming,
  decodedText,
  encode,
  examplesOf,
  fcParams,
  fileArb,
  hostileValueArb,
  replaceAt,
  mutateBytes,
  mutateText,
  mutationsArb,
  recordArb,
  textLeaves,
  type ByteEncoding,
} from './property-arbitraries.ts';

let counter: TokenCounter;
beforeAll(async () => {
  counter = await getCounter('o200k_base');
});

const formatArb = fc.option(fc.constantFrom(...FORMATS), { nil: undefined });
const cutsArb = fc.array(fc.nat(), { maxLength: 6 });

describe('valid files', () => {
  it('read as one record per value, in order, with nothing lost, and the whole pipeline holds', () => {
    fc.assert(
      fc.property(fileArb(), formatArb, (file, format) => {
        const r = readText(file.text);
        expect(r.records.map((x) => x.value)).toEqual(file.values);
        expect(r.records.every((x) => x.error === undefined)).toBe(true);
        expect(r.bom).toBe(file.bom);
        expect(r.container).toBe(
          file.layout === 'array'
            ? 'json-array'
            : file.layout === 'pretty' && file.values.some((v) => JSON.stringify(v, null, 2).includes('\n'))
              ? 'concatenated'
              : 'jsonl',
        );
        if (file.text.includes('\n')) expect(r.eol).toBe(file.eol);
        checkPipeline(r, file.text, format, counter);
      }),
      fcParams(),
    );
  });

  it('an unedited JSONL file exports byte for byte (BOM dropped, a missing final line end added)', () => {
    fc.assert(
      fc.property(fileArb({ layouts: ['jsonl'] }), (file) => {
        const r = readText(file.text);
        // A one-line file without a final line end says nothing about its line ends: it gains a \n.
        const eol = file.values.length === 1 && !file.finalEol ? '\n' : file.eol;
        expect(r.eol).toBe(eol);
        const expected = file.text.replace(/^\ufeff/, '') + (file.finalEol ? '' : eol);
        expect(toJsonl(examplesOf(r.records), { eol: r.eol })).toBe(expected);
        // A valid OpenAI-format file gets no repair, except removing an empty system message (documented).
        if (['chat', 'preference'].includes(file.format)) {
          for (const rep of proposeRepairs(r.records))
            expect([rep.kind, renderMessage(rep.description, 'en')]).toEqual([
              'null_content',
              expect.stringMatching(/^Missing message text: removed the empty system message [^;]*\.$/),
            ]);
        }
        expect(validateDataset(r.records.map((x) => ({ value: x.value, line: x.line }))).issues.map((i) => i.code)).not.toContain('invalid_json');
      }),
      fcParams(),
    );
  });

  it('read the same from bytes in UTF-8 (± BOM), UTF-16 LE/BE and Windows-1252 as from text', () => {
    const encArb = fc.constantFrom<ByteEncoding>('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le');
    const plain = fc.tuple(fileArb(), encArb);
    const cp = fc.tuple(fileArb({ cp1252: true, formats: ['chat', 'prompt_completion', 'alpaca'] }), fc.constant<ByteEncoding>('windows-1252'));
    fc.assert(
      fc.property(fc.oneof(plain, cp), ([file, enc]) => {
        const bytes = encode(file.text, enc);
        if (!bytes) return;
        const fromBytes = readBytes(bytes);
        const fromText = readText(file.text.replace(/^\ufeff/, ''));
        const expected = enc === 'utf-8' || enc === 'utf-8-bom' ? 'utf-8' : enc.replace('-bom', '');
        expect(fromBytes.encoding).toBe(expected);
        expect(fromBytes.records).toEqual(fromText.records);
        expect(fromBytes.bom).toBe(enc.endsWith('-bom'));
        checkPipeline(fromBytes, decodedText(bytes)!, undefined, counter);
      }),
      fcParams(),
    );
  });

  it('the streaming reader gives the same records and issues as readText, however the text is chunked', () => {
    fc.assert(
      fc.property(fileArb(), cutsArb, (file, cuts) => checkStreaming(file.text, cuts)),
      fcParams(),
    );
  });

  it('converting a foreign record keeps every text it holds', () => {
    const foreign = fc
      .constantFrom<(typeof GEN_FORMATS)[number]>('sharegpt', 'alpaca', 'trl_preference', 'prompt_completion')
      .chain((f) => recordArb(f).map((v) => [f, v] as const));
    fc.assert(
      fc.property(foreign, ([from, v]) => {
        const to = from === 'trl_preference' ? 'preference' : 'chat';
        const c = convertRecord(v, to);
        if (c.value === undefined) {
          // Only a TRL implicit prompt may not fit OpenAI's preference shape; everything else converts.
          expect(from).toBe('trl_preference');
          return;
        }
        const after = textLeaves(c.value);
        for (const t of textLeaves(v, new Set(['from', 'role'])))
          if (t !== '')
            expect(
              after.some((a) => a.includes(t)),
              `lost ${JSON.stringify(t)}`,
            ).toBe(true);
      }),
      fcParams(),
    );
  });
});

describe('damaged files', () => {
  it('random character mutations (flips, deletions, junk, NUL, lone surrogates, huge numbers, deep nesting): nothing throws, nothing is lost', () => {
    fc.assert(
      fc.property(fileArb(), mutationsArb, formatArb, (file, ms, format) => {
        const text = mutateText(file.text, ms);
        checkPipeline(readText(text), text, format, counter);
      }),
      fcParams(),
    );
  });

  it('truncation at any point: nothing throws, the records before the cut are intact', () => {
    fc.assert(
      fc.property(fileArb({ layouts: ['jsonl'] }), fc.nat(), (file, at) => {
        const text = file.text.slice(0, at % (file.text.length + 1));
        const r = readText(text);
        checkPipeline(r, text, undefined, counter);
        // Every line wholly before the cut reads as it was written.
        const whole = text
          .replace(/^\ufeff/, '')
          .split(file.eol)
          .slice(0, -1);
        whole.forEach((line, i) => {
          expect(r.records[i]?.text).toBe(line);
          expect(r.records[i]?.value).toEqual(file.values[i]);
        });
      }),
      fcParams(),
    );
  });

  it('concatenations of files (any formats, layouts, line ends, BOMs) then mutations: nothing throws, nothing is lost', () => {
    const sep = fc.constantFrom('', '\n', '\r\n', '\n\n', ' ', ',');
    fc.assert(
      fc.property(fc.array(fc.tuple(fileArb(), sep), { minLength: 2, maxLength: 3 }), fc.option(mutationsArb, { nil: undefined }), (files, ms) => {
        const joined = files.map(([f, s]) => f.text + s).join('');
        const text = ms ? mutateText(joined, ms) : joined;
        checkPipeline(readText(text), text, undefined, counter);
        checkStreaming(text, [text.length >> 1, text.length >> 2]);
      }),
      fcParams(),
    );
  });

  it('the streaming reader agrees with readText on damaged text too', () => {
    fc.assert(
      fc.property(fileArb(), mutationsArb, cutsArb, (file, ms, cuts) => checkStreaming(mutateText(file.text, ms), cuts)),
      fcParams(),
    );
  });

  it('random byte mutations of encoded files (invalid UTF-8, NUL, stray BOMs, cut UTF-16): readBytes never throws', () => {
    const encArb = fc.constantFrom<ByteEncoding>('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le');
    fc.assert(
      fc.property(fileArb(), encArb, byteMutationsArb, (file, enc, ms) => {
        const bytes = encode(file.text, enc);
        if (!bytes) return;
        const damaged = mutateBytes(bytes, ms);
        const r = readBytes(damaged);
        const text = decodedText(damaged);
        if (text === null) {
          expect(r.container).toBe('binary');
          expect(r.records).toEqual([]);
          expect(r.issues.map((i) => i.code)).toContain('binary_file');
          return;
        }
        checkPipeline(r, text, undefined, counter);
        const report = buildReportFromBytes(damaged);
        expect(report.examples).toBe(r.records.length);
      }),
      fcParams(),
    );
  });

  it('valid JSON in hostile shapes (prototype keys, own toString, wrong types, deep arrays) anywhere in a record', () => {
    const keyArb = fc.option(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'role', 'content', 'messages', 'tool_calls', 'weight', 'type'),
      { nil: undefined },
    );
    fc.assert(
      fc.property(
        fileArb({ layouts: ['jsonl'] }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), hostileValueArb, keyArb), { minLength: 1, maxLength: 3 }),
        formatArb,
        (file, edits, format) => {
          const values = file.values.map((v) => v as unknown);
          for (const [which, n, replacement, key] of edits) values[which % values.length] = replaceAt(values[which % values.length], n, replacement, key);
          const text = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
          const r = readText(text);
          expect(r.records).toHaveLength(values.length);
          checkPipeline(r, text, format, counter);
        },
      ),
      fcParams(),
    );
  });

  it('CSV files (any column set, quotes, CRLF, BOM) and mutations of them: parseCsv never throws and keeps rows', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'user', 'assistant', 'constructor', '__proto__', 'toString', ''),
    );
    const q = (s: string) => (/[",\n\r;\t]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
    const header = fc.constantFrom(
      ['role', 'content'],
      ['id', 'role', 'content', 'weight'],
      ['prompt', 'completion'],
      ['instruction', 'input', 'output'],
      ['prompt', 'chosen', 'rejected'],
      ['system', 'prompt', 'completion'],
    );
    const csv = fc
      .record({
        header,
        rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        eol: fc.constantFrom('\n', '\r\n'),
        bom: fc.boolean(),
      })
      .map(({ header, rows, eol, bom }) => (bom ? '\ufeff' : '') + [header, ...rows].map((r) => r.map(q).join(',')).join(eol) + eol);
    fc.assert(
      fc.property(csv, fc.option(mutationsArb, { nil: undefined }), (text, ms) => {
        const src = ms ? mutateText(text, ms) : text;
        const { records, issues } = parseCsv(src);
        const lines = src.split(/\r\n|\r|\n/).length;
        for (const i of issues) checkIssueRefs(i, lines, records.length);
        for (const r of records) {
          expect(JSON.parse(r.text)).toEqual(r.value);
          expect(r.endLine).toBeGreaterThanOrEqual(r.line);
          // A role column only ever yields string roles.
          const msgs = (r.value as { messages?: { role?: unknown }[] }).messages ?? [];
          for (const m of msgs) expect(typeof m.role).toBe('string');
        }
        checkPipeline({ records, issues, container: 'jsonl', eol: '\n', bom: false, encoding: 'utf-8' }, { lines });
      }),
      fcParams(),
    );
  });
});

const buildReportFromBytes = (bytes: Uint8Array) => buildReport({ file: 'f.jsonl', bytes, counter, now: new Date(0) });
