import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRecordReader, readBytes, readText } from './read.ts';
import type { ReadResult } from './types.ts';
import { renderIssue } from './messages/index.ts';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0] | undefined): string => (issue ? renderIssue(issue, 'en') : '');

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/read/${name}`, import.meta.url)));
const fixtureText = (name: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(fixture(name));
const codes = (r: ReadResult) => r.issues.map((i) => i.code);
const issue = (r: ReadResult, code: string) => r.issues.find((i) => i.code === code);
/** Independent oracle for a clean JSONL file: the non-blank lines, each with its 1-based number. */
const nonBlankLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.replace(/\r$/, '') }))
    .filter((l) => l.text.trim() !== '');

describe('readText on JSONL', () => {
  it('gives one record per line with its line number, exact text and parsed value, and no issues', () => {
    const text = fixtureText('clean.jsonl');
    const r = readText(text);
    const expected = nonBlankLines(text);
    expect(r.records.map((x) => [x.line, x.endLine, x.text])).toEqual(expected.map((l) => [l.line, l.line, l.text]));
    expect(r.records.map((x) => x.value)).toEqual(expected.map((l) => JSON.parse(l.text)));
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ container: 'jsonl', eol: '\n', bom: false, encoding: 'utf-8' });
  });

  it('strips and reports a BOM, reports CRLF and blank lines, and keeps the real line numbers', () => {
    const text = fixtureText('bom-crlf-blank.jsonl');
    const r = readText(text);
    expect(r.bom).toBe(true);
    expect(r.eol).toBe('\r\n');
    expect(r.records.map((x) => [x.line, x.text])).toEqual(nonBlankLines(text).map((l) => [l.line, l.text]));
    expect(r.records.every((x) => !x.text.includes('\r') && !x.text.includes('\uFEFF') && x.value)).toBe(true);
    expect(codes(r)).toEqual(['bom', 'crlf', 'blank_lines']);
    expect(issue(r, 'blank_lines')).toMatchObject({ severity: 'warning', line: 2 });
    expect(en(issue(r, 'blank_lines'))).toMatch(/2 blank line\(s\) \(first: line 2\)/);
  });

  it('splits only on \\n: U+2028, U+2029 and U+0085 inside strings stay in the record', () => {
    const text = fixtureText('line-separators.jsonl');
    const r = readText(text);
    expect(r.records).toHaveLength(2);
    expect(r.issues).toEqual([]);
    const first = r.records[0].value as { messages: Array<{ content: string }> };
    expect(first.messages[0].content).toBe('a\u2028b');
    expect(first.messages[1].content).toBe('c\u2029d');
    expect((r.records[1].value as { messages: Array<{ content: string }> }).messages[0].content).toBe('e\u0085f');
  });

  it('reads a whole-file JSON array as its elements, each with its own line and exact text slice', () => {
    const text = fixtureText('array.json');
    const r = readText(text);
    const elements = JSON.parse(text) as unknown[];
    expect(r.container).toBe('json-array');
    expect(r.records.map((x) => x.value)).toEqual(elements);
    const lines = text.split('\n');
    for (const rec of r.records) {
      expect(text.includes(rec.text)).toBe(true);
      expect(JSON.parse(rec.text)).toEqual(rec.value);
      expect(lines[rec.line - 1].trim()).toBe('{');
      expect(lines[rec.endLine - 1].trim()).toMatch(/^},?$/);
    }
    expect(issue(r, 'json_array')).toMatchObject({ severity: 'warning' });
    expect(en(issue(r, 'json_array'))).toMatch(/3 element/);
  });

  it('joins a pretty-printed object into one record starting at its first line', () => {
    const text = fixtureText('pretty.jsonl');
    const r = readText(text);
    const lines = text.split('\n');
    expect(r.records).toHaveLength(3);
    expect(r.records.every((x) => x.value !== undefined && x.error === undefined)).toBe(true);
    expect(r.records[0].line).toBe(1);
    expect(lines[r.records[0].endLine - 1]).toBe('}');
    expect(r.records[1]).toMatchObject({ line: r.records[0].endLine + 1, endLine: r.records[0].endLine + 1 });
    expect(r.records[0].text).toBe(lines.slice(0, r.records[0].endLine).join('\n'));
    expect(r.container).toBe('concatenated');
    expect(issue(r, 'pretty_printed')).toMatchObject({ line: 1 });
    expect(en(issue(r, 'pretty_printed'))).toMatch(/2 record/);
  });

  it('splits several objects glued on one line into records on that same line', () => {
    const text = fixtureText('glued.jsonl');
    const r = readText(text);
    expect(r.records.map((x) => x.line)).toEqual([1, 1, 1, 2]);
    expect(r.records.every((x) => x.error === undefined)).toBe(true);
    expect(
      r.records
        .slice(0, 3)
        .map((x) => x.text)
        .join(''),
    ).toBe(text.split('\n')[0].replace(']} {', ']}{'));
    expect(issue(r, 'glued_objects')).toMatchObject({ line: 1 });
    expect(en(issue(r, 'glued_objects'))).toMatch(/2 record/);
  });

  it('keeps every line that is not JSON as a record with a located, plain error, and reports each', () => {
    const text = fixtureText('broken.jsonl');
    const r = readText(text);
    const expected = nonBlankLines(text);
    expect(r.records.map((x) => [x.line, x.text])).toEqual(expected.map((l) => [l.line, l.text]));
    const bad = r.records.filter((x) => x.error);
    expect(bad.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    expect(bad.every((x) => x.value === undefined)).toBe(true);
    expect(en(bad[0].error)).toMatch(/^Unexpected end of line: the record seems cut off/);
    expect(bad[0].error).toMatchObject({ line: 1, column: bad[0].text.length + 1 });
    expect(en(bad[1].error)).toMatch(/double quotes/);
    expect(bad[1].error!.column).toBe(2);
    expect(en(bad[2].error)).toMatch(/Trailing comma/);
    expect(bad[2].text[bad[2].error!.column - 1]).toBe(']');
    const invalid = r.issues.filter((i) => i.code === 'invalid_json');
    expect(invalid.map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(invalid.every((i) => i.severity === 'error' && /Line \d+, column \d+/.test(en(i)))).toBe(true);
    expect(r.container).toBe('jsonl');
  });

  it('reports an empty file (or one of blank lines) as empty_file', () => {
    for (const text of ['', '\n\n   \n']) {
      const r = readText(text);
      expect(r.records).toEqual([]);
      expect(r.container).toBe('empty');
      expect(issue(r, 'empty_file')).toMatchObject({ severity: 'error' });
    }
    expect(readBytes(fixture('empty.jsonl')).container).toBe('empty');
  });
});

describe('pathological input never crashes or hangs', () => {
  it('turns a line of 100,000 nested brackets into a too_deep record and reads the next line', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const unclosed = '{"a":'.repeat(100_000);
    const r = readText(`${deep}\n{"ok":1}\n${unclosed}\n{"ok":2}\n`);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3, 4]);
    expect(r.records[0].value).toBeUndefined();
    expect(r.records[0].error).toBeDefined();
    expect(r.records[2].error).toBeDefined();
    expect(r.records[1].value).toEqual({ ok: 1 });
    expect(r.records[3].value).toEqual({ ok: 2 });
    expect(r.issues.filter((i) => i.code === 'too_deep').map((i) => i.line)).toEqual([1, 3]);
  });

  it('reads a 12 MB single line whole', () => {
    const content = 'x'.repeat(12_000_000);
    const text = JSON.stringify({ messages: [{ role: 'user', content }] });
    const r = readText(text);
    expect((r.records[0].value as { messages: Array<{ content: string }> }).messages[0].content.length).toBe(12_000_000);
  });

  it('keeps each of many cut-off lines as its own record (none swallows the next)', () => {
    const text = '{"messages": [{"role": "user", "content": "cut\n'.repeat(20_000);
    const r = readText(text);
    expect(r.records).toHaveLength(20_000);
    expect(r.records.every((x) => x.error && x.line === x.endLine)).toBe(true);
  });

  it('reads ~100 MB of JSONL into one record per line with no issues (speed: npm run bench)', () => {
    const line = JSON.stringify({
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'What is the capital of France? '.repeat(8) },
        { role: 'assistant', content: 'Paris is the capital. '.repeat(20) },
      ],
    });
    const n = Math.ceil(100e6 / (line.length + 1));
    const text = `${line}\n`.repeat(n);
    const r = readText(text);
    expect(r.records).toHaveLength(n);
    expect(r.issues).toEqual([]);
  });
});

describe('readBytes', () => {
  it('reads UTF-8 with a BOM and notes it', () => {
    const bytes = fixture('bom-crlf-blank.jsonl');
    const r = readBytes(bytes);
    expect(r.bom).toBe(true);
    expect(r.encoding).toBe('utf-8');
    expect(r.records).toHaveLength(3);
  });

  it('reads a Windows-1252 file, says so, and keeps the accented characters', () => {
    const r = readBytes(fixture('windows-1252.jsonl'));
    expect(r.encoding).toBe('windows-1252');
    expect(en(issue(r, 'not_utf8'))).toMatch(/looks like Windows-1252 \(Latin-1\); it was decoded as such — check accented characters/);
    const value = r.records[0].value as { messages: Array<{ content: string }> };
    expect(value.messages[0].content).toBe("Un café, s'il vous plaît");
    expect(value.messages[1].content).toBe('Voilà : crème brûlée');
  });

  it('reads UTF-16 with a BOM and without one (by its NUL pattern), and says so', () => {
    const le = readBytes(fixture('utf-16le-bom.jsonl'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.bom).toBe(true);
    expect(le.records).toHaveLength(2);
    expect((le.records[1].value as { messages: Array<{ content: string }> }).messages[0].content).toBe('Ünïcödé');
    expect(en(issue(le, 'not_utf8'))).toMatch(/UTF-16 LE/);
    const be = readBytes(fixture('utf-16be-nobom.jsonl'));
    expect(be.encoding).toBe('utf-16be');
    expect(be.records[0].value).toEqual({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
    });
  });

  it('refuses a binary file with a binary_file error and no records', () => {
    const r = readBytes(fixture('binary.bin'));
    expect(r.container).toBe('binary');
    expect(r.records).toEqual([]);
    expect(issue(r, 'binary_file')).toMatchObject({ severity: 'error' });
  });
});

describe('createRecordReader (streaming)', () => {
  const fixtures = ['clean.jsonl', 'bom-crlf-blank.jsonl', 'array.json', 'pretty.jsonl', 'glued.jsonl', 'broken.jsonl', 'line-separators.jsonl'];
  for (const name of fixtures) {
    it(`gives the same records and issues as readText for ${name}, whatever the chunk size`, () => {
      const text = fixtureText(name);
      const whole = readText(text);
      for (const size of [1, 3, 7, 64, 100_000]) {
        const reader = createRecordReader();
        const got = [];
        for (let i = 0; i < text.length; i += size) got.push(...reader.push(text.slice(i, i + size)));
        const end = reader.end();
        got.push(...end.records);
        expect(got).toEqual(whole.records);
        expect(end.issues).toEqual(whole.issues);
        expect([end.container, end.eol, end.bom]).toEqual([whole.container, whole.eol, whole.bom]);
      }
    });
  }

  it('returns records while the file is still arriving', () => {
    const reader = createRecordReader();
    expect(reader.push('{"a":1}\n{"b"')).toEqual([{ line: 1, endLine: 1, text: '{"a":1}', value: { a: 1 } }]);
    expect(reader.push(':2}\n')).toEqual([{ line: 2, endLine: 2, text: '{"b":2}', value: { b: 2 } }]);
    expect(reader.end().records).toEqual([]);
  });
});
