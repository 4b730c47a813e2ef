// The slice helper runs every item once, in order, across several tasks, stops when its work is superseded, and
// yields without setTimeout (nested timers are clamped to 4 ms: the page would idle a quarter of the time).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inSlices, yieldToPage } from './yield';

afterEach(() => vi.restoreAllMocks());

describe('yieldToPage', () => {
  it('resolves in a later task, not through setTimeout', async () => {
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const order: string[] = [];
    const y = yieldToPage().then(() => order.push('yielded'));
    await Promise.resolve();
    order.push('microtasks done');
    await y;
    expect(order).toEqual(['microtasks done', 'yielded']);
    expect(timeout).not.toHaveBeenCalled();
  });

  it('queues behind other tasks instead of jumping ahead with scheduler.yield', async () => {
    let calls = 0;
    const g = globalThis as { scheduler?: unknown };
    g.scheduler = { yield: () => (calls++, Promise.resolve()) };
    try {
      const order: string[] = [];
      setImmediate(() => order.push('queued before'));
      await yieldToPage();
      order.push('yielded');
      expect(calls).toBe(0);
      expect(order).toEqual(['queued before', 'yielded']);
    } finally {
      delete g.scheduler;
    }
  });
});

describe('inSlices', () => {
  it('visits every item once, in order, over several slices, then calls done', async () => {
    const list = Array.from({ length: 5000 }, (_, i) => i);
    const seen: number[] = [];
    let slices = 0;
    let last = -1;
    await new Promise<void>((done) =>
      inSlices(
        list,
        () => true,
        (item, index) => {
          expect(index).toBe(item);
          if (index > 0 && index % 1024 === 0 && last !== index) slices++;
          last = index;
          seen.push(item);
          const until = performance.now() + 0.01;
          while (performance.now() < until); // some work per item, so the 0 ms budget runs out
        },
        done,
        0,
      ),
    );
    expect(seen).toEqual(list);
    expect(slices).toBeGreaterThan(0);
  });

  it('stops quietly when the work is superseded', async () => {
    let live = true;
    const seen: number[] = [];
    let finished = false;
    inSlices(
      Array.from({ length: 10_000 }, (_, i) => i),
      () => live,
      (i) => {
        seen.push(i);
        if (i === 1500) live = false;
      },
      () => (finished = true),
      0,
    );
    for (let k = 0; k < 5; k++) await yieldToPage();
    expect(finished).toBe(false);
    expect(seen.length).toBeLessThan(10_000);
    expect(seen.length).toBeGreaterThan(1500);
  });
});
