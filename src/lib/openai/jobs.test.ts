import { describe, expect, it } from 'vitest';
import { Poller, type Visibility } from './jobs';

/** Manual timers: `run()` fires the next pending timer. */
function fakeTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clearTimeout: (h: unknown) => {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
    async run() {
      const t = pending.shift();
      t?.fn();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
function fakeVisibility() {
  let hidden = false;
  const cbs = new Set<() => void>();
  const v: Visibility = { hidden: () => hidden, onChange: (cb) => (cbs.add(cb), () => cbs.delete(cb)) };
  return {
    v,
    set: async (h: boolean) => {
      hidden = h;
      cbs.forEach((c) => c());
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('following a job', () => {
  it('polls less often while nothing changes, and snaps back when something does', async () => {
    const t = fakeTimers();
    const changes = [false, false, true, false];
    let i = 0;
    const p = new Poller(async () => ({ changed: changes[i++] ?? false, done: false }), {
      baseMs: 1000,
      maxMs: 10_000,
      growth: 2,
      setTimeout: t.setTimeout,
      clearTimeout: t.clearTimeout,
      visibility: fakeVisibility().v,
    });
    p.start();
    await flush();
    const delays = [t.pending[0].ms];
    for (let k = 0; k < 3; k++) {
      await t.run();
      delays.push(t.pending[0].ms);
    }
    expect(delays).toEqual([2000, 4000, 1000, 2000]);
    p.stop();
  });
  it('stops for good once the job is finished', async () => {
    const t = fakeTimers();
    let calls = 0;
    const p = new Poller(async () => ({ changed: true, done: ++calls >= 2 }), {
      setTimeout: t.setTimeout,
      clearTimeout: t.clearTimeout,
      visibility: fakeVisibility().v,
    });
    p.start();
    await flush();
    await t.run();
    expect(calls).toBe(2);
    expect(t.pending.length).toBe(0);
  });
  it('makes no requests while the tab is hidden and resumes at once when it is shown', async () => {
    const t = fakeTimers();
    const vis = fakeVisibility();
    let calls = 0;
    const p = new Poller(async () => (calls++, { changed: false, done: false }), { setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, visibility: vis.v });
    p.start();
    await flush();
    expect(calls).toBe(1);
    await vis.set(true);
    await t.run(); // the pending timer fires while hidden
    expect(calls).toBe(1);
    expect(t.pending.length).toBe(0);
    expect(p.paused).toBe(true);
    await vis.set(false);
    expect(calls).toBe(2);
    p.stop();
  });
  it('errors back off harder than quiet polls and are reported', async () => {
    const t = fakeTimers();
    const errors: unknown[] = [];
    const p = new Poller(
      async () => {
        throw new Error('x');
      },
      { baseMs: 1000, maxMs: 60_000, setTimeout: t.setTimeout, clearTimeout: t.clearTimeout, visibility: fakeVisibility().v, onError: (e) => errors.push(e) },
    );
    p.start();
    await flush();
    expect(t.pending[0].ms).toBe(2000);
    await t.run();
    expect(t.pending[0].ms).toBe(4000);
    expect(errors.length).toBe(2);
    p.stop();
  });
});
