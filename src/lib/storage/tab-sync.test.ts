// Tabs hear each other's writes, ignore their own and malformed messages, and an older tab learns it is outdated.
import { describe, expect, it } from 'vitest';
import { STORAGE_VERSION } from './records';
import { TabSync, isNewer, type ChannelLike, type SavedMessage } from './tab-sync';

/** A fake BroadcastChannel bus: a message posted on one end reaches every other end, asynchronously like the real one. */
function bus() {
  const ends: ((data: unknown) => void)[] = [];
  return (): ChannelLike & { inject(data: unknown): void } => {
    let listener: (e: { data: unknown }) => void = () => {};
    const self = (data: unknown) => listener({ data: structuredClone(data) });
    ends.push(self);
    return {
      postMessage: (m) => ends.filter((e) => e !== self).forEach((e) => queueMicrotask(() => e(m))),
      addEventListener: (_t, l) => void (listener = l),
      close: () => {},
      inject: (data) => self(data),
    };
  };
}

function tab(channel: ChannelLike, build: string) {
  const got = { saved: [] as SavedMessage[], deleted: [] as string[], outdated: 0 };
  const sync = new TabSync(channel, build, {
    onSaved: (m) => got.saved.push(m),
    onDeleted: (id) => got.deleted.push(id),
    onCreated: () => {},
    onNewerVersion: () => got.outdated++,
  });
  return { sync, got };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('TabSync', () => {
  it("delivers one tab's write to the other tab, not to itself", async () => {
    const open = bus();
    const a = tab(open(), '2026-01-01');
    const b = tab(open(), '2026-01-01');
    a.sync.saved('ds', { upsert: [{ id: 'x', value: { messages: [] } }], remove: ['y'] });
    await flush();
    expect(a.got.saved).toEqual([]);
    expect(b.got.saved).toHaveLength(1);
    expect(b.got.saved[0]).toMatchObject({ datasetId: 'ds', upsert: [{ id: 'x' }], remove: ['y'] });
  });

  it('an older tab stops when a newer one greets it, whichever started first', async () => {
    const open = bus();
    const old = tab(open(), '2026-01-01T00:00:00Z');
    const fresh = tab(open(), '2026-02-01T00:00:00Z');
    fresh.sync.start();
    await flush();
    expect(old.got.outdated).toBe(1);
    expect(fresh.got.outdated).toBe(0);
    const late = tab(open(), '2025-12-01T00:00:00Z');
    late.sync.start();
    await flush();
    expect(late.got.outdated).toBeGreaterThanOrEqual(1); // the two newer ones answered
  });

  it('ignores malformed messages instead of throwing', async () => {
    const ch = bus()();
    const b = tab(ch, 'b');
    for (const junk of [null, 42, 'x', { t: 'saved' }, { t: 'saved', tab: 'o', datasetId: 'd', upsert: [{ nope: 1 }], remove: [] }]) ch.inject(junk);
    expect(b.got.saved).toEqual([]);
  });

  it('announces a huge write as "reload" instead of carrying every example', async () => {
    const open = bus();
    const a = tab(open(), 'x');
    const b = tab(open(), 'x');
    a.sync.saved('ds', { upsert: Array.from({ length: 2001 }, (_, i) => ({ id: `e${i}`, value: {} })), remove: [] });
    await flush();
    expect(b.got.saved[0]).toMatchObject({ reload: true, upsert: [] });
  });

  it('announces a write of one very long example as "reload" too (no 12 MB clone per save)', async () => {
    const open = bus();
    const a = tab(open(), 'x');
    const b = tab(open(), 'x');
    const long = { id: 'long', value: { messages: [{ role: 'assistant', content: 'x'.repeat(1_000_001) }] } };
    a.sync.saved('ds', { upsert: [long], remove: [] });
    a.sync.saved('ds', { upsert: [{ id: 'short', value: { messages: [] } }], remove: [] });
    await flush();
    expect(b.got.saved[0]).toMatchObject({ reload: true, upsert: [] });
    expect(b.got.saved[1]).toMatchObject({ upsert: [{ id: 'short' }] });
    expect(b.got.saved[1].reload).toBeUndefined();
  });

  it('compares storage format before build time', () => {
    expect(isNewer({ build: 'a', storage: STORAGE_VERSION + 1 }, { build: 'z', storage: STORAGE_VERSION })).toBe(true);
    expect(isNewer({ build: '2026-02', storage: 1 }, { build: '2026-01', storage: 1 })).toBe(true);
    expect(isNewer({ build: '2026-01', storage: 1 }, { build: '2026-01', storage: 1 })).toBe(false);
  });
});
