import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunkRuns, cutRuns, MIN_NARROW_RUN, type LineRun } from './line-runs';

const enc = new TextEncoder();
const dec = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
const isNarrow = (s: string) => [...s].every((c) => c.codePointAt(0)! <= 0xff);

/** The runs of `bytes` read in chunks ending at `cuts` (sorted offsets), as the importer reads a file. */
function readInChunks(bytes: Uint8Array, cuts: number[]): LineRun[] {
  const runs: LineRun[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    runs.push(...chunkRuns(bytes.subarray(at, cut)));
    at = cut;
  }
  return runs;
}

/** The text of `runs` through one streaming decoder, as the importer decodes them. */
function decodeRuns(runs: LineRun[]): string {
  const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return runs.map((r) => d.decode(r.bytes, { stream: true })).join('') + d.decode();
}

describe('line runs: decoding whole lines at the narrowest width', () => {
  it('gives narrow lines a run of their own when there are enough of them, and keeps wide lines out of it', () => {
    const narrow = Array.from({ length: 40 }, (_, i) => `{"text":"café number ${i}"}\n`).join(''); // é: still one byte a character
    const wide = '{"text":"你好"}\n';
    const text = wide + narrow + wide + 'x\n' + wide;
    const runs = cutRuns(enc.encode(text));
    expect(runs.map((r) => dec(r.bytes))).toEqual([wide, narrow, wide + 'x\n' + wide]);
    expect(runs.map((r) => r.narrow)).toEqual([false, true, false]);
    expect(enc.encode(narrow).length).toBeGreaterThanOrEqual(MIN_NARROW_RUN);
  });

  it('a file of narrow lines is one narrow run, and a last line without a line end is kept', () => {
    const runs = cutRuns(enc.encode('{"a":1}\n{"b":2}'));
    expect(runs).toHaveLength(1);
    expect(runs[0].narrow).toBe(true);
    expect(dec(runs[0].bytes)).toBe('{"a":1}\n{"b":2}');
  });

  it('a chunk: the end of the line before, its whole lines by width, and the start of the next line, in order', () => {
    const narrow = Array.from({ length: 200 }, (_, i) => `{"n":${i}}\n`).join('');
    const bytes = enc.encode(`end of a line\n${narrow}{"wide":"中"}\n{"next":`);
    const runs = chunkRuns(bytes);
    expect(runs.map((r) => dec(r.bytes))).toEqual(['end of a line\n', narrow, '{"wide":"中"}\n', '{"next":']);
    expect(runs.map((r) => r.narrow)).toEqual([false, true, false, false]);
    // A chunk inside a long line is one run: the chunk itself, not a copy.
    const inside = enc.encode('日本語のテキスト😀 '.repeat(1000));
    expect(chunkRuns(inside).map((r) => r.bytes)).toEqual([inside]);
    expect(chunkRuns(inside)[0].bytes.buffer).toBe(inside.buffer);
  });

  it('a line cut by many chunk ends, inside characters too, reads back whole through one streaming decoder', () => {
    const line = '{"text":"' + '日本語のテキスト😀 '.repeat(5000) + '"}';
    const text = `${line}\r\n{"n":1}\n${line}`;
    const bytes = enc.encode(text);
    const cuts = Array.from({ length: Math.floor(bytes.length / 997) }, (_, i) => (i + 1) * 997); // cuts inside characters
    expect(decodeRuns(readInChunks(bytes, cuts))).toBe(text);
  });

  it('for any lines and any chunking: the runs read back as the input, and a narrow run is whole lines with no wider character', () => {
    const narrowChar = fc.constantFrom<string>('a', 'Z', ' ', '"', '{', 'é', 'ÿ', '\r');
    const wideChar = fc.constantFrom('Ā', '中', '😀', '\uFEFF');
    const line = fc
      .tuple(fc.array(narrowChar, { maxLength: 400 }), fc.option(fc.tuple(wideChar, fc.nat()), { freq: 3 }), fc.constantFrom('\n', '\r\n'))
      .map(([chars, wide, eol]) => {
        if (wide) chars.splice(wide[1] % (chars.length + 1), 0, wide[0]);
        return chars.join('') + eol;
      });
    let narrowRuns = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (lines, cutLast, rawCuts) => {
        const text = cutLast ? lines.join('').replace(/\r?\n$/, '') : lines.join('');
        const bytes = enc.encode(text);
        const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const runs = readInChunks(bytes, cuts);
        expect(decodeRuns(runs)).toBe(text);
        for (const r of runs) {
          if (!r.narrow) continue;
          const s = dec(r.bytes); // whole lines of whole characters: decodes alone
          expect(isNarrow(s)).toBe(true);
          expect(s.endsWith('\n')).toBe(true);
          narrowRuns++;
        }
      }),
      { numRuns: 300, endOnFailure: true }, // no shrinking: it took minutes over these nested arrays
    );
    expect(narrowRuns).toBeGreaterThan(50); // the narrow case was exercised
  });
});
