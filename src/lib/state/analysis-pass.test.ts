import { describe, expect, it } from 'vitest';
import { CountingPass, planExample, POOL_BATCH_CHARS, type ExampleFacts, type PassHost, type PassPool } from './analysis-pass';
import { exampleTokens, type ExampleTokens } from '../dataset/example-tokens';
import type { Example } from '../dataset/types';

const facts = (over: Partial<ExampleFacts> = {}): ExampleFacts => ({
  inFlight: false,
  parsed: true,
  validated: false,
  counted: false,
  slicing: false,
  ...over,
});
const pooled = { whole: false, pool: true };

describe('planExample: what a pass does with one example', () => {
  it('waits for a batch already sent for it, without validating it here', () => {
    let validated = 0;
    expect(
      planExample(
        facts({ inFlight: true }),
        { whole: true, pool: true },
        () => (validated++, 'fp'),
        () => undefined,
      ),
    ).toEqual({ kind: 'await' });
    expect(validated).toBe(0);
  });
  it('sends an example neither validated nor counted whole when whole sends are on', () => {
    expect(
      planExample(
        facts(),
        { whole: true, pool: true },
        () => 'fp',
        () => undefined,
      ).kind,
    ).toBe('whole');
    // validated already (e.g. shown in the editor): validated here, only its texts go to the workers
    expect(
      planExample(
        facts({ validated: true }),
        { whole: true, pool: true },
        () => 'fp',
        () => undefined,
      ).kind,
    ).toBe('pool');
    // an unparsed line has nothing to count: validated here (its issue is "not valid JSON")
    expect(
      planExample(
        facts({ parsed: false }),
        { whole: true, pool: true },
        () => 'fp',
        () => undefined,
      ).kind,
    ).toBe('done');
  });
  it('validates every other example here, and counts only what is not counted yet', () => {
    const seen: string[] = [];
    const validate = () => (seen.push('v'), 'fp');
    expect(planExample(facts({ counted: true }), pooled, validate, () => undefined).kind).toBe('done');
    expect(planExample(facts({ slicing: true }), pooled, validate, () => undefined).kind).toBe('done');
    expect(seen).toHaveLength(2);
  });
  it('reuses counts stored for the same content (by fingerprint), else counts in the workers or here', () => {
    const stored = (fp: string) => (fp === 'known' ? [10, 4, 4, 2, 3, 7] : fp === 'short' ? [1, 2] : undefined);
    expect(planExample(facts(), pooled, () => 'known', stored)).toEqual({
      kind: 'stored',
      tokens: { total: 10, assistant: 4, trainable: 4, tools: 2, perMessage: [3, 7] },
    });
    // a malformed stored entry is not trusted
    expect(planExample(facts(), pooled, () => 'short', stored).kind).toBe('pool');
    expect(planExample(facts(), { whole: false, pool: false }, () => 'new', stored).kind).toBe('here');
  });
});

/** A fake token pool: counts a text as its number of words, answers after a turn, and records what it was sent. */
class FakePool implements PassPool {
  backlog = 0;
  batches: { key: string; texts: string[] }[][] = [];
  fail = false;
  countBatches(_encoding: string, items: { key: string; texts: string[] }[]) {
    this.batches.push(items);
    if (this.fail) return Promise.reject(new Error('worker died'));
    return Promise.resolve(items.map((it) => ({ key: it.key, counts: it.texts.map(words) })));
  }
}
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

const chat = (i: number, reply = `answer number ${i}`) => ({
  id: `e${i}`,
  value: {
    messages: [
      { role: 'user', content: `question ${i}` },
      { role: 'assistant', content: reply },
    ],
  },
});

/** Runs a pass over `examples` with a host backed by plain maps; resolves with what it did. */
function run(examples: Example[], opts: { pool: FakePool | null; stored?: Map<string, number[]>; whole?: boolean; current?: () => boolean; waitMs?: number }) {
  const tokens = new Map<Example, ExampleTokens>();
  const validated = new Set<Example>();
  const log = { progress: 0, wholeSent: [] as Example[], failed: false, reused: -1, finishedCalls: 0 };
  return new Promise<typeof log & { tokens: typeof tokens; validated: typeof validated }>((resolve, reject) => {
    const host: PassHost = {
      examples,
      pool: opts.pool,
      encoding: 'o200k_base',
      toolFamily: 'gpt-4o',
      wholeAllowed: opts.whole ?? false,
      current: opts.current ?? (() => true),
      facts: (ex) => ({ inFlight: false, parsed: ex.value !== undefined, validated: validated.has(ex), counted: tokens.has(ex), slicing: false }),
      flight: () => undefined,
      validate: (ex) => (validated.add(ex), `fp:${ex.id}`),
      stored: (fp) => opts.stored?.get(fp),
      setTokens: (ex, t) => void tokens.set(ex, t),
      countHere: (ex) => void tokens.set(ex, exampleTokens(ex.value, words)),
      analyseWhole: (list) => {
        log.wholeSent.push(...list);
        for (const ex of list) {
          validated.add(ex);
          tokens.set(ex, exampleTokens(ex.value, words));
        }
        return Promise.resolve();
      },
      progress: (n) => void (log.progress += n),
      progressHere: () => undefined,
      poolFailed: () => void (log.failed = true),
      finished: (reused) => {
        log.finishedCalls++;
        log.reused = reused;
        resolve({ ...log, tokens, validated });
      },
    };
    new CountingPass(host).start();
    setTimeout(() => reject(new Error('the pass never finished')), opts.waitMs ?? 5000);
  });
}

describe('CountingPass', () => {
  it('validates every example and counts each through the workers, batched, with the same counts as counting here', async () => {
    const examples = Array.from({ length: 300 }, (_, i) => chat(i, `reply ${'word '.repeat(i % 50)}`));
    const pool = new FakePool();
    const r = await run(examples, { pool });
    expect(r.validated.size).toBe(300);
    expect(r.tokens.size).toBe(300);
    expect(r.progress).toBe(300);
    for (const ex of examples) expect(r.tokens.get(ex)).toEqual(exampleTokens(ex.value, words));
    // each text once per example: the assistant reply is counted twice by exampleTokens but sent once
    const texts = pool.batches.flat()[0].texts;
    expect(texts.filter((t) => t === 'reply ')).toHaveLength(1);
    expect(new Set(texts).size).toBe(texts.length);
  });
  it('splits work into batches of about POOL_BATCH_CHARS characters', async () => {
    const long = 'x '.repeat(40_000); // 80,000 characters per reply
    const examples = Array.from({ length: 10 }, (_, i) => chat(i, long + i));
    const pool = new FakePool();
    await run(examples, { pool });
    expect(pool.batches.length).toBeGreaterThanOrEqual(Math.floor((10 * long.length) / POOL_BATCH_CHARS));
    expect(pool.batches.flat()).toHaveLength(10);
  });
  it('reuses stored counts by fingerprint and says how many it reused', async () => {
    const examples = [chat(1), chat(2)];
    const stored = new Map([['fp:e1', [5, 2, 2, 0, 3, 2]]]);
    const pool = new FakePool();
    const r = await run(examples, { pool, stored });
    expect(r.reused).toBe(1);
    expect(r.tokens.get(examples[0])!.total).toBe(5);
    expect(pool.batches.flat().map((b) => b.key)).toEqual(['e2']);
  });
  it('sends examples whole while the backlog is small, and only their texts once it is not', async () => {
    const examples = Array.from({ length: 40 }, (_, i) => chat(i));
    const pool = new FakePool();
    const r = await run(examples, { pool, whole: true });
    expect(r.wholeSent).toHaveLength(40);
    expect(pool.batches).toHaveLength(0);
    pool.backlog = 5;
    const busy = await run(
      examples.map((e) => ({ ...e })),
      { pool, whole: true },
    );
    expect(busy.wholeSent).toHaveLength(0);
    expect(pool.batches.flat()).toHaveLength(40);
  });
  it('without workers counts everything here', async () => {
    const examples = Array.from({ length: 20 }, (_, i) => chat(i));
    const r = await run(examples, { pool: null });
    expect(r.tokens.size).toBe(20);
  });
  it('reports broken workers and still finishes', async () => {
    const pool = new FakePool();
    pool.fail = true;
    const r = await run([chat(1), chat(2)], { pool });
    expect(r.failed).toBe(true);
    expect(r.finishedCalls).toBe(1);
  });
  it('a superseded pass stops and never says it finished', async () => {
    let live = true;
    const examples = Array.from({ length: 50 }, (_, i) => chat(i));
    const pending = run(examples, { pool: new FakePool(), current: () => live, waitMs: 500 });
    live = false;
    await expect(pending).rejects.toThrow('never finished');
  });
});
