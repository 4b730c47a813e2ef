// Tests the guide's format check (src) and the reference port of the whole notebook (tests/reference, which the
// vitest include pattern does not reach, so its tests live here). Oracles: the notebook's own stored output and
// counts worked out by hand from its Python (tests/fixtures/guide/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guideCheck } from './guide-check.ts';
import { distribution, pyFloat, pyRepr, runGuideScript } from '../../../tests/reference/guide-script.ts';

const guide = (name: string) => readFileSync(new URL(`../../../tests/fixtures/guide/${name}`, import.meta.url), 'utf8');
const parseLines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as unknown;
      } catch {
        return undefined;
      }
    });

/** Hand-computed from the notebook's Python (see tests/fixtures/guide/README.md), in first-fired order. */
const STALE_EXPECTED = {
  format_errors: {
    message_unrecognized_key: 2,
    missing_content: 4,
    unrecognized_role: 2,
    missing_messages_list: 2,
    data_type: 1,
    example_missing_assistant_message: 1,
    message_missing_key: 1,
  },
  missing_system: 4,
  missing_user: 2,
  n_examples: 7,
};

describe('runGuideScript (reference port of the cookbook notebook)', () => {
  it('prints exactly what the notebook printed for its toy dataset', () => {
    const out = runGuideScript(guide('toy_chat_fine_tuning.jsonl'), 'cl100k_base');
    expect(out.printed).toBe(guide('expected-output.txt'));
    expect(out.python_errors).toEqual([]);
    expect([out.n_too_long, out.n_epochs, out.n_billing_tokens_in_dataset, out.n_charged_tokens]).toEqual([1, 20, 4306, 86120]);
  });

  it('labels the 10th/90th percentiles "p5 / p95" like the notebook, while also giving the real p5/p95', () => {
    const out = runGuideScript(guide('toy_chat_fine_tuning.jsonl'), 'cl100k_base');
    const d = out.distributions.num_messages_per_example!;
    expect([d.p10, d.p90]).toEqual([2, 6.6000000000000005]);
    // numpy.quantile([2, 2, 3, 3, 9], 0.95) = 3 + 6 × 0.8 (index 3.8 lies between 3 and 9); p5 index 0.2 → 2.
    expect(d.p95).toBeCloseTo(7.8, 12);
    expect(d.p5).toBe(2);
  });

  it('agrees with the hand-worked counts on records the notebook misjudges, and prints them in order', () => {
    const out = runGuideScript(guide('stale-cases.jsonl'), 'o200k_base');
    expect(out.format_errors).toEqual(STALE_EXPECTED.format_errors);
    expect(Object.keys(out.format_errors)).toEqual(Object.keys(STALE_EXPECTED.format_errors));
    expect(out.printed).toContain(
      'Found errors:\nmessage_unrecognized_key: 2\nmissing_content: 4\nunrecognized_role: 2\nmissing_messages_list: 2\n' +
        'data_type: 1\nexample_missing_assistant_message: 1\nmessage_missing_key: 1\n',
    );
    expect([out.n_missing_system, out.n_missing_user]).toEqual([4, 2]);
    // Lines 4 and 5 make Python's warnings cell raise: the port says so instead of crashing.
    expect(out.python_errors.filter((e) => e.includes('ex["messages"] raises'))).toHaveLength(2);
  });

  it('counts <|endoftext|> as ordinary text where Python would raise, and says so', () => {
    const line = JSON.stringify({
      messages: [
        { role: 'user', content: '<|endoftext|>' },
        { role: 'assistant', content: 'ok' },
      ],
    });
    const out = runGuideScript(`${line}\n`, 'cl100k_base');
    expect(out.python_errors.some((e) => e.includes('special token'))).toBe(true);
    // 3 + role(1) + 7 (tiktoken splits "<|endoftext|>" into 7 ordinary tokens) + 3 + role(1) + "ok"(1) + 3 priming
    expect(out.convo_lens).toEqual([19]);
  });

  it('survives an unparsable line and an empty file', () => {
    const out = runGuideScript('not json\n', 'cl100k_base');
    expect(out.format_errors).toEqual({ data_type: 1 });
    expect(out.python_errors[0]).toMatch(/line 1: json.loads raises/);
    const empty = runGuideScript('', 'cl100k_base');
    expect(empty.n_examples).toBe(0);
    expect(empty.n_epochs).toBe(25);
  });

  it('formats floats and reprs like Python', () => {
    expect([pyFloat(3), pyFloat(3.8), pyFloat(1e16), pyFloat(1e-5), pyFloat(0.0001), pyFloat(2.5e-7)]).toEqual([
      '3.0',
      '3.8',
      '1e+16',
      '1e-05',
      '0.0001',
      '2.5e-07',
    ]);
    expect(pyRepr({ role: 'user', content: 'It\'s "quoted"\n', weight: 1, x: null, y: [true] })).toBe(
      "{'role': 'user', 'content': 'It\\'s \"quoted\"\\n', 'weight': 1, 'x': None, 'y': [True]}",
    );
    expect(pyRepr("It's")).toBe('"It\'s"');
  });

  it('computes distributions like numpy on even-sized samples', () => {
    // numpy: np.median([1, 2, 3, 10]) = 2.5, np.quantile(..., 0.9) = 7.9 (index 2.7), mean 4.0
    const d = distribution([10, 1, 3, 2]);
    expect([d.min, d.max, d.mean, d.median]).toEqual([1, 10, 4, 2.5]);
    expect(d.p90).toBeCloseTo(7.9, 12);
  });
});

describe('guideCheck', () => {
  it("finds no errors and the notebook's two warnings on the toy dataset", () => {
    const r = guideCheck(parseLines(guide('toy_chat_fine_tuning.jsonl')));
    expect(r).toEqual({ format_errors: {}, missing_system: 1, missing_user: 1, n_examples: 5 });
  });

  it('fires the same counters, in the same order, as the notebook on records it misjudges', () => {
    const r = guideCheck(parseLines(guide('stale-cases.jsonl')));
    expect(r).toEqual(STALE_EXPECTED);
    expect(Object.keys(r.format_errors)).toEqual(Object.keys(STALE_EXPECTED.format_errors));
  });

  it('agrees with the reference port on every fixture', () => {
    for (const name of ['toy_chat_fine_tuning.jsonl', 'stale-cases.jsonl']) {
      const text = guide(name);
      const ref = runGuideScript(text, 'cl100k_base');
      const r = guideCheck(parseLines(text));
      expect(r.format_errors).toEqual(ref.format_errors);
      expect([r.missing_system, r.missing_user, r.n_examples]).toEqual([ref.n_missing_system, ref.n_missing_user, ref.n_examples]);
    }
  });

  it('counts instead of crashing where Python would raise', () => {
    const r = guideCheck([undefined, null, 'text', { messages: 'abc' }, { messages: { a: 1 } }, { messages: [null, 'x', 5] }]);
    expect(r.format_errors).toEqual({
      data_type: 3,
      missing_messages_list: 2,
      message_missing_key: 3,
      unrecognized_role: 3,
      missing_content: 3,
      example_missing_assistant_message: 1,
    });
    expect([r.missing_system, r.missing_user, r.n_examples]).toEqual([1, 1, 6]);
  });
});
