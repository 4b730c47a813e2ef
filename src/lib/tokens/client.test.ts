import { describe, expect, it } from 'vitest';
import { TokenPool, type VersionedCounts, type WorkerLike } from './client';
import type { TokenRequest } from './protocol';
import { getCounter } from './encodings';
import { handleTokenMessage } from './worker-handler';
import { hostileCorpus } from './test-corpus';
import { readFileSync, readdirSync } from 'node:fs';
import { analyseExample } from '../dataset/example-analysis';
import { exampleTokens } from '../dataset/example-tokens';
import type { DatasetFormat } from '../dataset/types';

/** Every parsable line of the validation fixtures (valid and broken examples of every format), with its line number. */
function fixtureLines(): { json: string; line: number }[] {
  const dir = new URL('../../../tests/fixtures/validate/', import.meta.url);
  return readdirSync(dir).flatMap((name) =>
    readFileSync(new URL(name, dir), 'utf8')
      .split('\n')
      .map((json, i) => ({ json, line: i + 1 }))
      .filter(({ json }) => {
        try {
          JSON.parse(json);
          return true;
        } catch {
          return false;
        }
      }),
  );
}

/** A fake worker running the real worker code in-process; `hold` keeps answers until release() is called. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  received: TokenRequest[] = [];
  terminated = false;
  held: (() => void)[] = [];
  constructor(
    public hold = false,
    public answer: (data: unknown) => Promise<unknown> = (d) => handleTokenMessage(d),
  ) {}
  postMessage(message: TokenRequest): void {
    this.received.push(structuredClone(message));
    const run = () => void this.answer(message).then((data) => !this.terminated && this.onmessage?.({ data } as MessageEvent));
    if (this.hold) this.held.push(run);
    else setTimeout(run, 0);
  }
  release(): void {
    const held = this.held;
    this.held = [];
    held.forEach((run) => run());
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A pool of fake workers, with the workers it made. */
function fakePool(opts: { size?: number; batchChars?: number; hold?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const pool = new TokenPool({
    size: opts.size ?? 2,
    batchChars: opts.batchChars,
    createWorker: () => {
      const w = new FakeWorker(opts.hold);
      workers.push(w);
      return w;
    },
  });
  return { pool, workers };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('TokenPool', () => {
  it('count() gives each text the same count as counting it directly, in input order, across several workers', async () => {
    const { pool, workers } = fakePool({ size: 3, batchChars: 2000 });
    const texts = hostileCorpus(21, 120);
    const counter = await getCounter('o200k_base');
    expect(await pool.count('o200k_base', texts)).toEqual(texts.map((t) => counter.count(t)));
    expect(workers.length).toBe(3);
    expect(workers.every((w) => w.received.length > 0)).toBe(true);
    pool.dispose();
  });

  it('never starts more workers than its size, and none before the first count', async () => {
    const { pool, workers } = fakePool({ size: 2, batchChars: 10 });
    expect(pool.workerCount).toBe(0);
    await pool.count(
      'cl100k_base',
      Array.from({ length: 50 }, (_, i) => `text number ${i}`),
    );
    expect(workers.length).toBe(2);
    pool.dispose();
  });

  it('splits texts into messages of at most batchChars characters unless one text is larger', async () => {
    const { pool, workers } = fakePool({ size: 1, batchChars: 100 });
    const texts = [...Array.from({ length: 30 }, () => 'x'.repeat(30)), 'y'.repeat(500)];
    await pool.count('o200k_base', texts);
    const sizes = workers[0].received.map((m) => m.items.flatMap((i) => ('texts' in i ? i.texts : [])).reduce((n, t) => n + t.length, 0));
    expect(sizes.filter((n) => n > 100)).toEqual([500]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30 * 30 + 500);
    pool.dispose();
  });

  it('never delivers a result for a key that a newer version has superseded', async () => {
    const { pool, workers } = fakePool({ size: 1, hold: true });
    const delivered: VersionedCounts[] = [];
    const onResult = (r: VersionedCounts) => delivered.push(r);
    const old = pool.countBatches(
      'o200k_base',
      [
        { key: 'ex1', version: 1, texts: ['hello'] },
        { key: 'ex2', texts: ['a b'] },
      ],
      { onResult },
    );
    const fresh = pool.countBatches('o200k_base', [{ key: 'ex1', version: 2, texts: ['hello world'] }], { onResult });
    workers[0].release();
    const [oldResults, freshResults] = await Promise.all([old, fresh]);
    expect(oldResults.map((r) => r.key)).toEqual(['ex2']);
    expect(freshResults).toEqual([{ key: 'ex1', version: 2, counts: [2] }]);
    expect(delivered.filter((r) => r.key === 'ex1').map((r) => r.version)).toEqual([2]);
    pool.dispose();
  });

  it('an older version that arrives after a newer one was submitted is dropped even when submitted without versions', async () => {
    const { pool, workers } = fakePool({ size: 1, hold: true });
    const first = pool.countBatches('o200k_base', [{ key: 'k', texts: ['one'] }]);
    const second = pool.countBatches('o200k_base', [{ key: 'k', texts: ['one two'] }]);
    workers[0].release();
    expect(await first).toEqual([]);
    expect((await second).map((r) => r.counts)).toEqual([[2]]);
    pool.dispose();
  });

  it('does not even send queued work whose key was superseded before a worker was free', async () => {
    const { pool, workers } = fakePool({ size: 1, hold: true });
    const calls = [1, 2, 3, 4].map((v) => pool.countBatches('o200k_base', [{ key: 'doc', version: v, texts: [`v${v}`] }]));
    await tick();
    // Two messages fit in flight; v3 is queued and superseded by v4 before it can be sent.
    workers[0].release();
    await tick();
    workers[0].release();
    const results = await Promise.all(calls);
    expect(workers[0].received.flatMap((m) => m.items.map((i) => ('texts' in i ? i.texts[0] : '')))).toEqual(['v1', 'v2', 'v4']);
    expect(results.map((r) => r.length)).toEqual([0, 0, 0, 1]);
    pool.dispose();
  });

  it('an error answer rejects only the call it belongs to; later calls still count', async () => {
    let fail = true;
    const pool = new TokenPool({
      size: 1,
      createWorker: () =>
        new FakeWorker(false, async (d) => (fail ? { type: 'error', id: (d as TokenRequest).id, message: 'ranks failed to load' } : handleTokenMessage(d))),
    });
    await expect(pool.count('o200k_base', ['hi'])).rejects.toThrow('ranks failed to load');
    fail = false;
    expect(await pool.count('o200k_base', ['hi there'])).toEqual([2]);
    pool.dispose();
  });

  it('a crashed worker rejects its pending calls with a plain message and is replaced for the next call', async () => {
    const { pool, workers } = fakePool({ size: 1, hold: true });
    const pending = pool.count('o200k_base', ['lost']);
    await tick();
    workers[0].crash('Out of memory');
    await expect(pending).rejects.toThrow(/stopped unexpectedly \(Out of memory\)/);
    expect(workers[0].terminated).toBe(true);
    const next = pool.count('o200k_base', ['found again']);
    await tick();
    expect(workers.length).toBe(2);
    workers[1].release();
    expect(await next).toEqual([2]);
    pool.dispose();
  });

  it('dispose() rejects pending calls, stops every worker, and refuses later calls', async () => {
    const { pool, workers } = fakePool({ size: 2, hold: true });
    const pending = pool.count('o200k_base', ['a', 'b']);
    pool.dispose();
    await expect(pending).rejects.toThrow('closed');
    expect(workers.every((w) => w.terminated)).toBe(true);
    await expect(pool.count('o200k_base', ['c'])).rejects.toThrow('closed');
  });

  it('warmup() starts every worker and has each load the encoding before any text is counted', async () => {
    const { pool, workers } = fakePool({ size: 3 });
    await pool.warmup('cl100k_base');
    expect(workers.length).toBe(3);
    expect(workers.map((w) => w.received.map((m) => m.encoding))).toEqual([['cl100k_base'], ['cl100k_base'], ['cl100k_base']]);
    pool.dispose();
  });

  it('an empty request resolves at once without starting a worker', async () => {
    const { pool } = fakePool();
    expect(await pool.count('o200k_base', [])).toEqual([]);
    expect(await pool.countBatches('o200k_base', [])).toEqual([]);
    expect(pool.workerCount).toBe(0);
  });
});

describe('worker message handler', () => {
  it('answers a malformed request with an error message instead of throwing', async () => {
    const reply = await handleTokenMessage({ type: 'count', id: 7, encoding: 'p50k_base', items: [] });
    expect(reply).toMatchObject({ type: 'error', id: 7 });
  });

  it('answers a failed tokenizer load with a message saying what to do', async () => {
    const reply = await handleTokenMessage({ type: 'count', id: 3, encoding: 'o200k_base', items: [{ key: 'a', texts: ['x'] }] }, () =>
      Promise.reject(new Error('network down')),
    );
    expect(reply).toMatchObject({ type: 'error', id: 3 });
    expect(reply.type === 'error' && reply.message).toMatch(/network down.*Reload/);
  });

  it.each(['chat', 'preference'] as DatasetFormat[])(
    'analyseBatches() gives every %s fixture example the issues, fingerprint and token counts the page computes itself',
    async (format) => {
      const { pool } = fakePool({ size: 2, batchChars: 3000 });
      const lines = fixtureLines();
      expect(lines.length).toBeGreaterThan(60);
      const results = await pool.analyseBatches(
        'cl100k_base',
        lines.map((l, i) => ({ key: `k${i}`, json: l.json, line: l.line })),
        { format, toolFamily: 'gpt-3.5' },
      );
      const counter = await getCounter('cl100k_base');
      expect(results.map((r) => r.key)).toEqual(lines.map((_, i) => `k${i}`));
      expect(results.map((r) => r.analysis)).toEqual(lines.map((l) => analyseExample({ value: JSON.parse(l.json), line: l.line }, format)));
      expect(results.map((r) => r.tokens)).toEqual(lines.map((l) => exampleTokens(JSON.parse(l.json), counter.count, { toolFamily: 'gpt-3.5' })));
      expect(results.some((r) => r.analysis!.errors > 0) && results.some((r) => r.analysis!.errors === 0)).toBe(true);
      pool.dispose();
    },
  );

  it('analyseBatches() drops an example superseded by a newer submission of the same key', async () => {
    const { pool, workers } = fakePool({ size: 1, hold: true });
    const json = (content: string) =>
      JSON.stringify({
        messages: [
          { role: 'user', content },
          { role: 'assistant', content: 'ok' },
        ],
      });
    const old = pool.analyseBatches('o200k_base', [{ key: 'ex', json: json('old') }], { format: 'chat', toolFamily: 'gpt-4o' });
    const seen: string[] = [];
    const fresh = pool.analyseBatches('o200k_base', [{ key: 'ex', json: json('a much newer text') }], {
      format: 'chat',
      toolFamily: 'gpt-4o',
      onResult: (r) => seen.push(r.key),
    });
    await tick();
    workers[0].release();
    expect(await old).toEqual([]);
    const [result] = await fresh;
    expect(result.tokens!.total).toBe(exampleTokens(JSON.parse(json('a much newer text')), (await getCounter('o200k_base')).count).total);
    expect(seen).toEqual(['ex']);
    pool.dispose();
  });

  it('a worker that cannot read an example answers without results for it, and the other examples still come back', async () => {
    const answer = await handleTokenMessage({
      type: 'analyse',
      id: 7,
      encoding: 'o200k_base',
      format: 'chat',
      toolFamily: 'gpt-4o',
      items: [
        { key: 'bad', json: '{"messages": [' },
        { key: 'good', json: '{"messages":[{"role":"user","content":"hi"}]}', line: 4 },
      ],
    });
    expect(answer.type).toBe('analysed');
    if (answer.type !== 'analysed') return;
    expect(answer.results[0]).toEqual({ key: 'bad' });
    expect(answer.results[1].analysis?.issues.map((i) => [i.code, i.line])).toContainEqual(['missing_assistant_message', 4]);
  });
});
