// Time stays linear in size: read + validate (+ repairs for broken shapes) of deterministic files of growing size,
// including pathological shapes. The time per MB of the largest file must stay within 3× that of the smallest (plus
// a little slack for timer noise), and under an absolute budget per MB generous enough for a loaded CI machine.
// Content is generated here (no dependency on ../shared); sizes are in MB of UTF-16 text (≈ bytes: ASCII).
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/lib/dataset/read.ts';
import { proposeRepairs } from '../../src/lib/dataset/repair.ts';
import { validateDataset } from '../../src/lib/dataset/validate.ts';
import { mulberry32 } from '../../src/lib/dataset/random.ts';

const MB = 1 << 20;
/** Absolute budget per MB (s) for read + validate: ≈ 100× what a 2-core machine needs for ordinary files. */
const BUDGET_PER_MB_S = 4;
/** Absolute budget per MB (s) for proposing repairs when every record is broken (≈ 3–5 s/MB measured under load). */
const REPAIR_BUDGET_PER_MB_S = 12;
/** Allowed growth of the time per MB from the smallest to the largest size. */
const GROWTH = 3;
/**
 * Slack (s per MB) added to the growth bound: GC pauses and a busy machine (vitest runs files in parallel on 2 cores)
 * on measurements of a few ms. A quadratic scan overshoots it by orders of magnitude (seconds to minutes per MB).
 */
const SLACK_PER_MB_S = 0.25;

const WORDS = 'the a model answer question data train token line file value example user assistant system tool'.split(' ');

/** Repeats `unit(i)` until the text reaches `size` characters (then cuts it at a line end when there is one). */
function fill(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return parts.join('');
}

function sentence(rand: () => number, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += (i ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
  return s;
}

interface Shape {
  name: string;
  /** Sizes in MB, smallest first. */
  sizes: number[];
  make(size: number): string;
  /** Also propose repairs (the shape is a broken record). */
  repair?: boolean;
}

const depth = (d: number) => '['.repeat(d) + '1' + ']'.repeat(d);

const SHAPES: Shape[] = [
  {
    name: 'ordinary chat lines (~400 B)',
    sizes: [1, 4, 16],
    make: (size) => {
      const rand = mulberry32(7);
      return fill(
        size,
        () =>
          JSON.stringify({
            messages: [
              { role: 'system', content: 'You are helpful.' },
              { role: 'user', content: sentence(rand, 20) },
              { role: 'assistant', content: sentence(rand, 40) },
            ],
          }) + '\n',
      );
    },
  },
  {
    name: 'many tiny lines',
    sizes: [0.25, 1, 4],
    make: (size) => fill(size, (i) => `{"prompt":"${i % 10}","completion":"x"}\n`),
  },
  {
    name: 'one huge line',
    sizes: [1, 4, 16],
    make: (size) => `{"messages":[{"role":"user","content":"${'word '.repeat(size / 5)}"},{"role":"assistant","content":"ok"}]}\n`,
  },
  {
    name: 'deep nesting within the limit (depth 900 per line)',
    sizes: [0.25, 1, 4],
    make: (size) => fill(size, () => `{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}],"x":${depth(900)}}\n`),
  },
  {
    name: 'pretty-printed records',
    sizes: [0.25, 1, 4],
    make: (size) =>
      fill(
        size,
        (i) =>
          JSON.stringify(
            {
              messages: [
                { role: 'user', content: `q${i}` },
                { role: 'assistant', content: 'a' },
              ],
            },
            null,
            2,
          ) + '\n',
      ),
  },
  {
    name: 'one line of backslashes',
    sizes: [0.25, 1, 4],
    repair: true,
    make: (size) => `{"messages":[{"role":"user","content":"${'\\'.repeat(size)}\n`,
  },
  {
    name: 'one line of double quotes',
    sizes: [0.25, 1, 4],
    repair: true,
    make: (size) => '{"messages":[{"role":"user","content":' + '"'.repeat(size) + '\n',
  },
  {
    name: 'one line of single quotes',
    sizes: [0.25, 1, 4],
    repair: true,
    make: (size) => "{'messages':[{'role':'user','content':" + "'".repeat(size) + '\n',
  },
  {
    name: 'a long run of unmatched brackets',
    sizes: [0.25, 1, 2],
    repair: true,
    make: (size) => '{"messages":' + '[{"a":'.repeat(size / 6) + '\n',
  },
  {
    name: 'many cut-off records',
    sizes: [0.0625, 0.25, 1],
    repair: true,
    make: (size) => fill(size, (i) => `{"messages":[{"role":"user","content":"cut ${i}\n`),
  },
];

/**
 * KNOWN QUADRATIC (not fixed here; read.ts is being reworked for hostile input by another change): every line that
 * starts with white space and then an unclosed bracket makes scanValue scan to the end of the text (the cut-off guess
 * only looks for a bracket in column 0), so 0.25 MB takes ≈ 24 s. Enable once the reader bounds that scan.
 */
const KNOWN_QUADRATIC: Shape = {
  name: 'many indented unclosed lines',
  sizes: [0.25, 1, 4],
  make: (size) => fill(size, () => ' {"a": [\n'),
};

/** Seconds of read + validate, and of proposing repairs (0 unless the shape asks for them). */
function run(shape: Shape, size: number): { read: number; repair: number } {
  const text = shape.make(Math.round(size * MB));
  const t0 = performance.now();
  const read = readText(text);
  validateDataset(read.records.map((r) => ({ value: r.value, error: r.error, raw: r.text, line: r.line })));
  const t1 = performance.now();
  if (shape.repair) proposeRepairs(read.records);
  return { read: (t1 - t0) / 1000, repair: (performance.now() - t1) / 1000 };
}

const least = (a: { read: number; repair: number }, b: { read: number; repair: number }) => ({
  read: Math.min(a.read, b.read),
  repair: Math.min(a.repair, b.repair),
});

describe('time is linear in size', () => {
  it.each(SHAPES)('$name', (shape) => {
    run(shape, shape.sizes[0] / 4); // warm up the JIT on this shape
    // The smallest size is measured twice (least of the two): it sets the bound, so noise must not shrink it.
    const times = shape.sizes.map((size, k) => (k === 0 ? least(run(shape, size), run(shape, size)) : run(shape, size)));
    for (const [what, budget] of [
      ['read', BUDGET_PER_MB_S],
      ['repair', REPAIR_BUDGET_PER_MB_S],
    ] as const) {
      if (what === 'repair' && !shape.repair) continue;
      const perMb = times.map((t, k) => t[what] / shape.sizes[k]);
      const table = `${shape.name}, ${what}: ` + shape.sizes.map((s, k) => `${s} MB: ${(perMb[k] * 1000).toFixed(1)} ms/MB`).join(', ');
      for (const p of perMb) expect(p, table).toBeLessThan(budget);
      expect(perMb[perMb.length - 1], table).toBeLessThanOrEqual(GROWTH * perMb[0] + SLACK_PER_MB_S);
    }
  });

  it.skip(`${KNOWN_QUADRATIC.name} (known quadratic in read.ts, see above)`, () => {
    const perMb = KNOWN_QUADRATIC.sizes.map((size) => run(KNOWN_QUADRATIC, size).read / size);
    expect(perMb[perMb.length - 1]).toBeLessThanOrEqual(GROWTH * perMb[0] + SLACK_PER_MB_S);
  });
});
