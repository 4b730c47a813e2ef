import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cutRuns, LineRunReader, MIN_NARROW_RUN, type LineRun } from './line-runs';

const enc = new TextEncoder();
const dec = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
const isNarrow = (s: string) => [...s].every((c) => c.codePointAt(0)! <= 0xff);

/** Feeds `bytes` to a LineRunReader in chunks ending at `cuts` (sorted offsets), then ends it. */
function readInChunks(bytes: Uint8Array, cuts: number[]): LineRun[] {
  const reader = new LineRunReader();
  const runs: LineRun[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    runs.push(...reader.push(bytes.subarray(at, cut)));
    at = cut;
  }
  runs.push(...reader.end());
  return runs;
}

/** The bytes of `runs`, back to back. */
function join(runs: LineRun[]): Uint8Array {
  const parts = runs.flatMap((r) => r.parts);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('line runs: decoding whole lines at the narrowest width', () => {
  it('gives narrow lines a run of their own when there are enough of them, and keeps wide lines out of it', () => {
    const narrow = Array.from({ length: 40 }, (_, i) => `{"text":"café number ${i}"}\n`).join(''); // é: still one byte a character
    const wide = '{"text":"你好"}\n';
    const text = wide + narrow + wide + 'x\n' + wide;
    const runs = cutRuns(enc.encode(text));
    expect(runs.map((r) => dec(join([r])))).toEqual([wide, narrow, wide + 'x\n' + wide]);
    expect(runs.map((r) => r.narrow)).toEqual([false, true, false]);
    expect(enc.encode(narrow).length).toBeGreaterThanOrEqual(MIN_NARROW_RUN);
  });

  it('a file of narrow lines is one narrow run, and a last line without a line end is kept', () => {
    const runs = cutRuns(enc.encode('{"a":1}\n{"b":2}'));
    expect(runs).toHaveLength(1);
    expect(runs[0].narrow).toBe(true);
    expect(dec(join(runs))).toBe('{"a":1}\n{"b":2}');
  });

  it('gives a line cut by chunk ends, even inside a character, as one run in the pieces it was read in (no copy)', () => {
    const line = '{"text":"' + '日本語のテキスト😀 '.repeat(5000) + '"}';
    const bytes = enc.encode(`${line}\r\n{"n":1}\n${line}`);
    const cuts = Array.from({ length: Math.floor(bytes.length / 997) }, (_, i) => (i + 1) * 997); // cuts inside characters
    const runs = readInChunks(bytes, cuts);
    expect(dec(join(runs))).toBe(`${line}\r\n{"n":1}\n${line}`);
    // Each run is whole lines: it ends at a line end (but the file's last line), so runs decode one after the other.
    for (const r of runs.slice(0, -1)) expect(dec(join([r])).endsWith('\n')).toBe(true);
    // The long lines are runs of their own, made of views of the chunks read: never copied together.
    const long = runs.filter((r) => r.parts.length > 1);
    expect(long.map((r) => dec(join([r])))).toEqual([`${line}\r\n`, line]);
    for (const r of long) for (const p of r.parts) expect(p.buffer).toBe(bytes.buffer);
  });

  it('for any lines and any chunking: the runs are the input, each whole lines, and a narrow run has no wider character', () => {
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
        expect(dec(join(runs))).toBe(text);
        for (const [i, r] of runs.entries()) {
          const s = dec(join([r])); // whole characters: decodes alone
          if (i < runs.length - 1) expect(s.endsWith('\n')).toBe(true);
          if (r.narrow) {
            expect(isNarrow(s)).toBe(true);
            narrowRuns++;
          }
        }
      }),
      { numRuns: 300, endOnFailure: true }, // no shrinking: it took minutes over these nested arrays
    );
    expect(narrowRuns).toBeGreaterThan(50); // the narrow case was exercised
  });
});
