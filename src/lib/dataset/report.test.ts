import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGuideScript, type GuideScriptOutput } from '../../../tests/reference/guide-script';
import { generateGuideCorpus } from '../../../tests/fixtures/report/gen-corpus';
import { getCounter } from '../tokens/encodings';
import { buildReport, reportSchema, type Report } from './report';

const fixture = (path: string) => new URL(`../../../tests/fixtures/${path}`, import.meta.url);
const ARTICLE_MODEL = 'gpt-3.5-turbo-0613'; // cl100k_base, 4,096 tokens per example: the article's setting

async function reportOf(text: string, model = ARTICLE_MODEL): Promise<Report> {
  const counter = await getCounter(model === ARTICLE_MODEL ? 'cl100k_base' : 'o200k_base');
  return buildReport({ file: 'data.jsonl', text, model, counter, now: new Date('2026-11-15T00:00:00Z') });
}

/** Every figure the article's script prints, compared with the independent tiktoken-WASM port of it. */
function expectSameFiguresAsGuide(r: Report, g: GuideScriptOutput): void {
  const fired = Object.fromEntries(Object.entries(r.guide.format_errors).filter(([, v]) => v > 0));
  expect(fired).toEqual(g.format_errors);
  expect(r.guide.missing_system).toBe(g.n_missing_system);
  expect(r.guide.missing_user).toBe(g.n_missing_user);
  expect(r.stats.messages_per_example).toEqual(g.distributions.num_messages_per_example);
  expect(r.stats.tokens_per_example).toEqual(g.distributions.num_total_tokens_per_example);
  expect(r.stats.assistant_tokens_per_example).toEqual(g.distributions.num_assistant_tokens_per_example);
  expect(r.too_long).toBe(g.n_too_long);
  expect(r.epochs).toBe(g.n_epochs);
  expect(r.billing_tokens).toBe(g.n_billing_tokens_in_dataset);
  expect(r.charged_tokens).toBe(g.n_charged_tokens);
}

describe('buildReport reproduces the guide’s script', () => {
  it('on the notebook’s toy data, every printed figure matches (incl. 26.8 / 4863.6 and ~86120 tokens)', async () => {
    const text = readFileSync(fixture('guide/toy_chat_fine_tuning.jsonl'), 'utf8');
    const r = await reportOf(text);
    const g = runGuideScript(text, 'cl100k_base', 4096);
    expect(g.python_errors).toEqual([]);
    expectSameFiguresAsGuide(r, g);
    // The figures the notebook itself printed when it was run (its committed output cell).
    expect(r.stats.tokens_per_example.p10).toBe(26.8);
    expect(r.stats.tokens_per_example.p90).toBe(4863.6);
    expect(r.stats.assistant_tokens_per_example.p90).toBe(4811.200000000001);
    expect(r.charged_tokens).toBe(86120);
  });

  it.each([
    [40, 7, {}],
    [120, 11, {}],
    [9000, 3, { longRate: 1 / 2000, wordScale: 0.1 }], // > 8,333 examples: the default drops to 2 epochs
  ])('on a generated corpus of %i article-style examples (seed %i), every figure matches', async (n, seed, opts) => {
    const text = generateGuideCorpus(n, seed, opts);
    const r = await reportOf(text);
    const g = runGuideScript(text, 'cl100k_base', 4096);
    expect(g.python_errors).toEqual([]);
    expect(g.n_too_long).toBeGreaterThan(0); // the corpus does exercise the limit
    expectSameFiguresAsGuide(r, g);
  });

  it('with o200k_base and a 65,536 limit (gpt-4o-mini) the figures match the script run with that encoding', async () => {
    const text = generateGuideCorpus(60, 3);
    const r = await reportOf(text, 'gpt-4o-mini-2024-07-18');
    expectSameFiguresAsGuide(r, runGuideScript(text, 'o200k_base', 65536));
    expect(r.estimated_cost_usd).toBeCloseTo((r.charged_tokens * 3) / 1e6, 9);
  });

  it('all seven of the guide’s error counters and both warnings come out as the script counts them', async () => {
    const text = readFileSync(fixture('report/guide-errors.jsonl'), 'utf8');
    const r = await reportOf(text);
    const g = runGuideScript(text, 'cl100k_base', 4096);
    const fired = Object.fromEntries(Object.entries(r.guide.format_errors).filter(([, v]) => v > 0));
    expect(fired).toEqual(g.format_errors);
    expect(Object.keys(fired).sort()).toEqual(
      [
        'data_type',
        'example_missing_assistant_message',
        'message_missing_key',
        'message_unrecognized_key',
        'missing_content',
        'missing_messages_list',
        'unrecognized_role',
      ].sort(),
    );
    expect(r.guide.missing_system).toBe(g.n_missing_system);
    expect(r.guide.missing_user).toBe(g.n_missing_user);
  });
});

describe('buildReport on damaged files', () => {
  it('invalid JSON lines become errors with their line numbers, and the rest is still measured', async () => {
    const counter = await getCounter('cl100k_base');
    const bytes = readFileSync(fixture('report/invalid-json.jsonl'));
    const r = buildReport({ file: 'x', bytes, model: ARTICLE_MODEL, counter });
    const broken = r.issues.filter((i) => i.code === 'invalid_json');
    expect(broken.map((i) => i.line)).toEqual([3, 7]);
    expect(r.examples).toBe(12);
    expect(r.stats.messages_per_example.min).toBe(3); // the ten readable examples
    expect(r.counts.error).toBeGreaterThan(0);
  });

  it('binary, empty and Windows-1252 files give a report (with a reason) instead of a crash', async () => {
    const counter = await getCounter('o200k_base');
    const of = (name: string) => buildReport({ file: name, bytes: readFileSync(fixture(`report/${name}`)), counter });
    const binary = of('binary.jsonl');
    expect(binary.issues.map((i) => i.code)).toContain('binary_file');
    expect(binary.examples).toBe(0);
    const empty = of('empty.jsonl');
    expect(empty.examples).toBe(0);
    expect(empty.counts.error).toBeGreaterThan(0);
    expect(empty.epochs).toBe(0);
    const latin = of('windows-1252.jsonl');
    expect(latin.text_encoding).toBe('windows-1252');
    expect(latin.issues.map((i) => i.code)).toContain('not_utf8');
    expect(latin.examples).toBe(10);
  });

  it('over-limit examples are a warning that says they will be truncated, at their line', async () => {
    const text = readFileSync(fixture('guide/toy_chat_fine_tuning.jsonl'), 'utf8');
    const r = await reportOf(text);
    const long = r.issues.filter((i) => i.code === 'example_too_long');
    expect(long).toHaveLength(1);
    expect(long[0]).toMatchObject({ severity: 'warning', line: 5, example: 5 });
    expect(long[0].message).toContain('will be truncated during fine-tuning');
  });

  it('an unknown model is a warning, with no limit and no price rather than a guess', async () => {
    const r = await reportOf(generateGuideCorpus(12, 1), 'my-llama');
    expect(r.issues[0].code).toBe('unknown_model');
    expect(r.limit).toBeNull();
    expect(r.too_long).toBe(0);
    expect(r.estimated_cost_usd).toBeNull();
  });

  it('every report, even of a damaged file, passes its own schema and survives a JSON round trip', async () => {
    const counter = await getCounter('o200k_base');
    for (const name of ['binary.jsonl', 'empty.jsonl', 'invalid-json.jsonl', 'guide-errors.jsonl', 'windows-1252.jsonl']) {
      const r = buildReport({ file: name, bytes: readFileSync(fixture(`report/${name}`)), counter });
      expect(reportSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
    }
  });
});
