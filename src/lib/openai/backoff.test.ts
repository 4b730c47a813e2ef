import { describe, expect, it } from 'vitest';
import { backoffDelay, withRetry } from './backoff';
import { ApiError } from './errors';

describe('backoff', () => {
  it('delays grow exponentially and stop at the cap', () => {
    const d = [0, 1, 2, 3, 10].map((a) => backoffDelay(a, { baseMs: 1000, maxMs: 8000, random: () => 1 }));
    expect(d).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
  it('jitter keeps a delay between half and all of the exponential value', () => {
    expect(backoffDelay(2, { baseMs: 1000, random: () => 0 })).toBe(2000);
    expect(backoffDelay(2, { baseMs: 1000, random: () => 0.999 })).toBeLessThanOrEqual(4000);
  });
  it('a server Retry-After longer than our delay is respected', () => {
    expect(backoffDelay(0, { baseMs: 1000, random: () => 0 }, 7)).toBe(7000);
  });
  it('a rate-limited call is retried until it succeeds, waiting in between', async () => {
    const waits: number[] = [];
    let calls = 0;
    const r = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new ApiError({ status: 429, kind: 'http' });
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 1, baseMs: 10 },
    );
    expect(r).toBe('ok');
    expect(waits).toEqual([10, 20]);
  });
  it('a 401 is not retried', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new ApiError({ status: 401, kind: 'http' });
        },
        { sleep: async () => {} },
      ),
    ).rejects.toThrow(/401/);
    expect(calls).toBe(1);
  });
  it('gives up after the given number of attempts', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new ApiError({ status: 500, kind: 'http' });
        },
        { sleep: async () => {}, attempts: 3 },
      ),
    ).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(3);
  });
});
