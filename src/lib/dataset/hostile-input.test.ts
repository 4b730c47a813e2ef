// Hostile input the reader must name in plain words, never crash on, and never silently drop: binary files, JSON
// lines that are not objects, lines nested 100,000 levels deep, a 50 MB string.
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { createRecordReader, readBytes, readText } from './read';
import { proposeRepairs } from './repair';
import { validateExample } from './validate';
import { renderIssue } from './messages/index';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('binary files', () => {
  it('names a PNG as a binary file (what it looks like) and reads no records from it', () => {
    const r = readBytes(PNG);
    expect(r.container).toBe('binary');
    expect(r.records).toEqual([]);
    const [issue] = r.issues;
    expect(issue).toMatchObject({ code: 'binary_file', severity: 'error' });
    expect(en(issue)).toMatch(/binary file, not text \(it looks like a PNG image\), so it was not imported/);
  });

  it('names a zip (and what to do), and random bytes by their NUL bytes', () => {
    expect(en(decodeBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2])).issues[0])).toMatch(/ZIP archive/);
    const random = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251);
    expect(en(decodeBytes(random).issues[0])).toMatch(/NUL bytes \(first on line \d+\)/);
  });

  it('a text file with binary data after its first 64 KiB is binary too (no junk rows)', () => {
    const text = '{"messages": []}\n'.repeat(5000);
    const bytes = new Uint8Array([...utf8(text), 0x00, 0x01, 0xff, 0x00]);
    const r = readBytes(bytes);
    expect(r.container).toBe('binary');
    expect(en(r.issues[0])).toMatch(/first on line 5001/);
  });

  it('imports a binary file as text only when asked to, every line kept', () => {
    const r = readBytes(new Uint8Array([...utf8('{"a":1}\nab'), 0, ...utf8('cd\n')]), { allowBinary: true });
    expect(r.container).toBe('jsonl');
    expect(r.records.map((x) => x.text)).toEqual(['{"a":1}', 'ab\u0000cd']);
  });
});

describe('JSON lines that are not objects', () => {
  for (const [line, what] of [
    ['[1,2,3]', 'a JSON array'],
    ['"text"', 'a JSON string'],
    ['42', 'a JSON number'],
    ['null', 'the JSON value null'],
    ['true', 'the JSON value true'],
  ] as const) {
    it(`${line} parses, and its issue says in plain words what it is and how to fix it, naming the line`, () => {
      // (A file that is only `[1,2,3]` is a JSON array of three records; here the array is one line among others.)
      const rec = readText(`{"a":1}\n${line}\n`).records[1];
      expect(rec.value).toEqual(JSON.parse(line));
      const [issue] = validateExample(rec.value, { example: 3, line: 3, format: 'chat' });
      expect(issue.code).toBe('not_an_object');
      expect(en(issue)).toBe(
        `Example 3 (line 3) is ${what}, not an object: each line must be one JSON object like {"messages": [...]}. Edit the line into that shape, or delete it.`,
      );
    });
  }

  it('the shape named follows the dataset format', () => {
    expect(en(validateExample([], { example: 1, format: 'prompt_completion' })[0])).toContain('{"prompt": "...", "completion": "..."}');
  });
});

describe('absurd lines never throw', () => {
  const N = 100_000;
  it('a line nested 100,000 levels deep, with a syntax error after the deep part, is refused as too deep, with no repair', () => {
    const line = '{"messages":' + '['.repeat(N) + ']'.repeat(N) + ',}';
    const r = readText(`${line}\n{"ok":1}\n`);
    expect(r.records).toHaveLength(2);
    expect(r.issues.map((i) => i.code)).toEqual(['too_deep']);
    expect(proposeRepairs(r.records)).toEqual([]);
  });

  it('a cut-off or single-quoted line nested 100,000 levels deep gets a clear message and no repair', () => {
    for (const line of ['{"messages":' + '['.repeat(N), "{'messages':" + '['.repeat(N) + ']'.repeat(N) + '}']) {
      const r = readText(line);
      expect(r.records[0].error).toBeDefined();
      expect(en(r.issues[0])).toMatch(/^Line 1/);
      expect(() => proposeRepairs(r.records)).not.toThrow();
    }
  });

  it('a 50 MB string reads whole and streamed, and a cut-off one is repaired in seconds, not minutes', () => {
    const big = 'a'.repeat(50_000_000);
    const line = `{"messages":[{"role":"user","content":"${big}"},{"role":"assistant","content":"ok"}]}`;
    expect(readText(line).records[0].value).toBeDefined();
    const reader = createRecordReader();
    const got = [];
    for (let i = 0; i < line.length; i += 1 << 20) got.push(...reader.push(line.slice(i, i + (1 << 20))));
    got.push(...reader.end().records);
    expect(got).toHaveLength(1);
    const cut = readText(line.slice(0, 40_000_000));
    const started = performance.now();
    const repairs = proposeRepairs(cut.records);
    expect(repairs.map((r) => r.kind)).toEqual(['truncated']);
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 120_000);
});
