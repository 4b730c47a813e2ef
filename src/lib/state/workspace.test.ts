// The Workspace in Node over the in-memory storage backend: what a user would notice across edits and reloads.
// A "reload" is a second Workspace over the same store (no other tabs, no crash journal, no page events).
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryBackend } from '../storage/kv';
import { openTunesetDb, useTunesetDb } from '../storage/db';
import type { Example } from '../dataset/types';
import { Workspace } from './workspace.svelte';

const chat = (i: number): Example => ({
  id: `e${i}`,
  value: {
    messages: [
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer ${i}.` },
    ],
  },
  line: i,
});
const assistantText = (ex: Example | undefined) => (ex?.value as { messages: { content: string }[] }).messages[1].content;
const withAnswer = (ex: Example, answer: string) => ({ messages: [(ex.value as { messages: unknown[] }).messages[0], { role: 'assistant', content: answer }] });

/** Waits until `ok()` holds (the UI state is written after a 300 ms pause; the analysis runs in slices). */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let k = 0; k < 300; k++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
}

/** A workspace as after a page load. */
async function load(): Promise<Workspace> {
  const ws = new Workspace({ channel: null, journal: null });
  await ws.init(undefined);
  return ws;
}

/** Everything of `ws` stored, including the UI state's debounce. */
async function settle(ws: Workspace): Promise<void> {
  if (ws.meta) await ws.library.stored(ws.meta.id);
  await ws.flush();
  await new Promise((r) => setTimeout(r, 350));
  expect(ws.hasUnsaved).toBe(false);
}

beforeEach(() => useTunesetDb(openTunesetDb({ backend: createMemoryBackend() })));

describe('Workspace', () => {
  it('creates, edits, undoes and comes back after a reload with the edits, the selection and "Saved"', async () => {
    const ws = await load();
    expect(ws.datasets).toEqual([]);
    await ws.create('Support bot', 'chat', [chat(1), chat(2), chat(3)]);
    expect(ws.meta?.name).toBe('Support bot');
    expect(ws.datasets.map((d) => [d.name, d.count])).toEqual([['Support bot', 3]]);

    ws.setValue(0, withAnswer(ws.examples[0], 'A better answer.'));
    ws.setValue(1, withAnswer(ws.examples[1], 'A mistake.'));
    expect(ws.canUndo).toBe(true);
    ws.undo();
    expect(assistantText(ws.examples[1])).toBe('Answer 2.');
    expect(ws.canRedo).toBe(true);
    ws.deleteExample(2);
    ws.addExample();
    ws.select(1);
    ws.updateMeta({ name: 'Support bot v2' });
    expect(ws.datasets[0].name).toBe('Support bot v2');
    await settle(ws);
    expect(ws.saveStatus).toBe('saved');

    const again = await load();
    expect(again.datasets.map((d) => [d.name, d.count])).toEqual([['Support bot v2', 3]]);
    expect(again.meta?.name).toBe('Support bot v2');
    expect(again.examples.map((e) => e.id)).toEqual(ws.examples.map((e) => e.id));
    expect(assistantText(again.examples[0])).toBe('A better answer.');
    expect(assistantText(again.examples[1])).toBe('Answer 2.'); // the undone edit stays undone
    expect(again.selected).toBe(1);
    // A reload starts a fresh history: nothing to undo.
    expect(again.canUndo).toBe(false);
  });

  it("a tab opened right after a dataset is created or switched to opens it, before the UI state's pause ends", async () => {
    const ws = await load();
    await ws.create('First', 'chat', [chat(1)]);
    await ws.create('Second', 'chat', [chat(2), chat(3)]);
    await ws.library.stored(ws.meta!.id);
    await ws.flush();
    await new Promise((r) => setTimeout(r, 20)); // well inside the 300 ms the selection and scroll wait for
    expect((await load()).meta?.name).toBe('Second');
    await ws.open(ws.datasets.find((d) => d.name === 'First')!.id);
    await new Promise((r) => setTimeout(r, 20));
    expect((await load()).meta?.name).toBe('First');
  });

  it('deletes a dataset: gone from the library, closed, and still gone after a reload', async () => {
    const ws = await load();
    await ws.create('Keep', 'chat', [chat(1)]);
    const keep = ws.meta!.id;
    await ws.create('Drop', 'chat', [chat(2), chat(3)]);
    const drop = ws.meta!.id;
    await ws.remove(drop);
    expect(ws.meta).toBeNull();
    expect(ws.examples).toEqual([]);
    expect(ws.datasets.map((d) => d.name)).toEqual(['Keep']);
    await settle(ws);

    const again = await load();
    expect(again.datasets.map((d) => d.id)).toEqual([keep]);
    await again.open(drop); // e.g. a stale link: nothing opens, nothing breaks
    expect(again.meta).toBeNull();
    await again.open(keep);
    expect(again.examples.map((e) => e.id)).toEqual(['e1']);
  });

  it('duplicates a dataset with its latest edits, and keeps review status, tags and views across a reload', async () => {
    const ws = await load();
    await ws.create('Original', 'chat', [chat(1), chat(2)]);
    const id = ws.meta!.id;
    ws.setReviewStatus(0, 'rejected');
    ws.setExampleMeta(1, { tags: ['billing'] });
    ws.saveView('Billing', { ...ws.listFilter, query: 'billing' });
    await ws.duplicate(id, 'Copy');
    expect(ws.datasets.map((d) => d.name)).toEqual(['Copy', 'Original']);
    expect(ws.exportable().map((e) => e.id)).toEqual(['e2']); // rejected examples are not exported
    await settle(ws);

    const again = await load();
    const copy = again.datasets.find((d) => d.name === 'Copy')!;
    await again.open(copy.id);
    expect(again.examples[0].meta?.status).toBe('rejected');
    expect(again.examples[1].meta?.tags).toEqual(['billing']);
    await again.open(id);
    expect(again.views.map((v) => v.name)).toEqual(['Billing']);
  });

  it('applies a bulk edit as one undo step, and the list filter and view come back after a reload', async () => {
    const ws = await load();
    await ws.create('Bulk', 'chat', [chat(1), chat(2), chat(3), chat(4)]);
    expect(ws.applyBulk({ kind: 'delete' }, [0, 2], 'Delete 2')).toBe(2);
    expect(ws.examples.map((e) => e.id)).toEqual(['e2', 'e4']);
    ws.undo();
    expect(ws.examples.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
    ws.setListFilter({ query: 'Question 3' });
    ws.setView('stats');
    await until(() => ws.visible?.length === 1, 'the search to narrow the list');
    expect(ws.visible).toEqual([2]);
    await settle(ws);

    const again = await load();
    expect(again.view).toBe('stats');
    expect(again.listFilter.query).toBe('Question 3');
    expect(again.examples.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});
