// Hashing a long text ahead of time, in slices, gives exactly the fingerprint computed in one go, and it yields
// between slices (so a 12 MB reply's hash never runs as one long task).
import { describe, expect, it } from 'vitest';
import { exampleFingerprint, primeLongStrings } from './fingerprint';

const longText = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed} ${i} é 🙂`).join('\n');

describe('primeLongStrings', () => {
  it('yields between slices and leaves exactly the fingerprint a direct computation gives', async () => {
    const reply = longText(300_000, 'line'); // ≈ 4.5 M units: several pieces
    const value = {
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: reply },
      ],
    };
    const direct = exampleFingerprint(value); // hashed in one go
    // Push it out of the memory of recent hashes (the last four), so the priming below hashes it again.
    for (const seed of ['a', 'b', 'c', 'd']) exampleFingerprint({ content: longText(20_000, seed) });
    let yields = 0;
    await primeLongStrings(value, 0, async () => void yields++);
    expect(yields).toBeGreaterThan(1);
    expect(exampleFingerprint(value)).toBe(direct);
    // A different text of the same length gets a different fingerprint.
    const other = { messages: [value.messages[0], { role: 'assistant', content: reply.replace('line 7 ', 'line 8 ') }] };
    await primeLongStrings(other, 0, async () => undefined);
    expect(exampleFingerprint(other)).not.toBe(direct);
  });
});

describe('exampleFingerprint', () => {
  const fp = exampleFingerprint;

  it('gives one fingerprint to one JSON value however its line spells it', () => {
    const spellings = [
      '{"messages":[{"role":"user","content":"café 1"}],"w":1}',
      '{ "messages" : [ { "role" : "user", "content" : "caf\\u00e9 1" } ], "w" : 1.0 }',
      '{"messages":[{"role":"user","content":"caf\\u00E9 1"}],"w":1e0}',
    ];
    const prints = spellings.map((line) => fp(JSON.parse(line)));
    expect(new Set(prints).size).toBe(1);
    expect(fp({ a: -0 })).toBe(fp({ a: 0 })); // JSON.stringify writes both as 0
    expect(fp({ a: 1, b: undefined, c: () => 1 })).toBe(fp({ a: 1 })); // left out, as JSON.stringify leaves them
    expect(fp([undefined])).toBe(fp([null]));
  });

  it('tells apart values whose text or shape differs, however the parts could be glued', () => {
    const values: unknown[] = [
      { a: 1, b: 2 },
      { b: 2, a: 1 }, // the same keys in another order are another JSON text
      ['ab'],
      ['a', 'b'],
      { a: 'bc' },
      { ab: 'c' },
      ['1'],
      [1],
      [null],
      ['null'],
      [],
      {},
      [[]],
      [{}],
      [true],
      [false],
      'x\ud800', // a lone surrogate is not U+FFFD
      'x\ufffd',
      `${'long enough to be encoded '.repeat(2)}\ud800`,
      `${'long enough to be encoded '.repeat(2)}\ufffd`,
      { messages: [{ role: 'user', content: 'hi' }] },
      { messages: [{ role: 'user', content: 'hi' }, {}] },
    ];
    const prints = values.map(fp);
    expect(new Set(prints).size).toBe(values.length);
    expect(prints.every((p) => p !== '')).toBe(true);
  });

  it('matches exactly when JSON.stringify matches, over thousands of random values', () => {
    // A small alphabet and few shapes, so many random values are equal and many differ by one part.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const atoms = ['a', 'b', 'ab', 'é', '🙂', 'a'.repeat(40), 'a'.repeat(39) + 'b', 0, 1, 2.5, -1, true, false, null];
    const make = (depth: number): unknown => {
      const k = rand(depth > 2 ? 1 : 4);
      if (k === 0) return atoms[rand(atoms.length)];
      if (k === 1) return Array.from({ length: rand(3) }, () => make(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = rand(3); i > 0; i--) o[['role', 'content', 'x'][rand(3)]] = make(depth + 1);
      return o;
    };
    const byText = new Map<string, string>();
    const byPrint = new Map<string, string>();
    for (let i = 0; i < 5000; i++) {
      const v = make(0);
      const text = JSON.stringify(v);
      const print = fp(v);
      expect(byText.get(text) ?? print).toBe(print);
      expect(byPrint.get(print) ?? text).toBe(text);
      byText.set(text, print);
      byPrint.set(print, text);
    }
    expect(byText.size).toBeGreaterThan(500); // many distinct values…
    expect(byText.size).toBeLessThan(4500); // …and many repeated ones
  });

  it('fingerprints long replies of any length the first time it sees them, as it does later', () => {
    // Lengths that grow the encoder's buffer, none a multiple of four (a buffer of odd size once failed every time).
    for (const n of [30_001, 40_003, 50_002, 65_535]) {
      const reply = 'é'.repeat(n - 1) + 'x';
      const value = { messages: [{ role: 'assistant', content: reply }] };
      const first = fp(value);
      expect(first).not.toBe('');
      expect(fp(structuredClone(value))).toBe(first);
      expect(fp({ messages: [{ role: 'assistant', content: reply.slice(0, -1) + 'y' }] })).not.toBe(first);
    }
  });

  it('fingerprints a value with its own JSON (a Date) by that JSON, and gives nothing for what JSON cannot write', () => {
    expect(fp({ at: new Date(0) })).toBe(fp({ at: new Date(0) }));
    expect(fp({ at: new Date(0) })).not.toBe(fp({ at: new Date(1) }));
    expect(fp({ n: 10n })).toBe('');
    expect(fp(undefined)).toBe('');
  });
});
