import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJsonl } from './export.ts';
import { readText } from './read.ts';
import type { Example, ReadResult } from './types.ts';

const DIR = new URL('../../../tests/fixtures/export/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
/** How an import turns records into examples: untouched ones keep their original bytes. */
const examplesOf = (r: ReadResult): Example[] =>
  r.records.map((rec, i) =>
    rec.error ? { id: `e${i}`, raw: rec.text, line: rec.line } : { id: `e${i}`, value: rec.value, original: rec.text, line: rec.line },
  );

describe('toJsonl', () => {
  it.each(['odd-spacing.jsonl', 'odd-spacing-crlf.jsonl'])(
    'read → examples → toJsonl gives back %s byte for byte (spacing, key order, unknown keys, escapes)',
    (name) => {
      const src = text(name);
      const read = readText(src);
      expect(toJsonl(examplesOf(read), { eol: read.eol })).toBe(src);
    },
  );

  it('an edited example is written as compact JSON while its neighbours keep their bytes', () => {
    const src = text('odd-spacing.jsonl');
    const ex = examplesOf(readText(src));
    const edited = ex.map((e, i) => (i === 1 ? { id: e.id, value: { messages: [{ role: 'user', content: 'é' }] } } : e));
    const out = toJsonl(edited).split('\n');
    expect(out[1]).toBe('{"messages":[{"role":"user","content":"é"}]}');
    expect(out.filter((_, i) => i !== 1)).toEqual(src.split('\n').filter((_, i) => i !== 1));
  });

  it('an unparsable record is written back as its raw text, never dropped', () => {
    const src = '{"messages": [}\n{"a": 1}\n';
    expect(toJsonl(examplesOf(readText(src)))).toBe(src);
  });

  it('a file without a final newline gains exactly one, and an empty dataset is an empty file', () => {
    expect(toJsonl(examplesOf(readText('{"a":1}\n{"b":2}')))).toBe('{"a":1}\n{"b":2}\n');
    expect(toJsonl([])).toBe('');
  });
});
