// A write-ahead journal of example edits in localStorage: written synchronously on every change, so an edit
// survives a tab closed (or killed) before the debounced IndexedDB write ran, without relying on unload handlers.
// One key per example (`tuneset-j:<datasetId>:<exampleId>`), removed once IndexedDB has committed that value.
// On open, entries newer than the stored dataset are replayed. Plain TS: the Storage is passed in.

import { z } from 'zod/mini';
import type { Example } from '../dataset/types';
import { exampleSchema } from './records';
import { jsonLongerThan } from '../dataset/json-size';

/** Prefix of every journal key. */
export const JOURNAL_PREFIX = 'tuneset-j:';
/** Examples larger than this (characters of JSON) are not journaled: localStorage holds ~5 MB in all. */
export const MAX_JOURNALED_CHARS = 256_000;

/** One journaled change: the example's value after it, or its deletion; `after` places a new example. */
export interface JournalEntry {
  /** ISO time of the change (the dataset's `updatedAt` set by the same change). */
  at: string;
  /** Writer token, so a tab only clears what it wrote itself. */
  token: string;
  example?: Example;
  removed?: true;
  /** Id of the example before it when it was added (undefined: first). */
  after?: string;
}

/** A journal entry as read back (another tab, or an older version, may have written anything). */
const journalEntrySchema = z
  .object({ at: z.string(), token: z.string(), example: z.optional(exampleSchema), removed: z.optional(z.literal(true)), after: z.optional(z.string()) })
  .check(z.refine((e) => e.removed === true || e.example !== undefined));

/** The part of window.localStorage used. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const keyOf = (datasetId: string, exampleId: string) => `${JOURNAL_PREFIX}${datasetId}:${exampleId}`;

/** What a replay changed: the examples to show and the ids whose journaled change must now be stored. */
export interface Replay {
  examples: Example[];
  upserted: string[];
  removed: string[];
}

/** The journal of one tab. Every method swallows storage errors (the journal is a safety net, never a blocker). */
export class Journal {
  readonly #storage: StorageLike | null;
  readonly #tab: string;
  #seq = 0;
  /** What this tab journaled last per key: the example object (compared by identity after a commit) and token. */
  readonly #mine = new Map<string, { example: Example | undefined; token: string }>();

  constructor(storage: StorageLike | null, tab: string) {
    this.#storage = storage;
    this.#tab = tab;
  }

  /** Journals the latest value (or deletion) of each changed example; `lookup` gives current values and neighbours. */
  record(
    datasetId: string,
    at: string,
    upserted: readonly string[],
    removed: readonly string[],
    lookup: (id: string) => { example: Example; after?: string } | undefined,
  ): void {
    if (!this.#storage) return;
    for (const id of upserted) {
      const found = lookup(id);
      if (!found) continue;
      this.#put(datasetId, id, { at, token: '', example: found.example, after: found.after });
    }
    for (const id of removed) this.#put(datasetId, id, { at, token: '', removed: true });
  }

  /** IndexedDB committed these values: their entries are removed unless changed again since (by anyone). */
  committed(datasetId: string, upsert: readonly Example[], remove: readonly string[]): void {
    if (!this.#storage) return;
    const clear = (id: string, example: Example | undefined) => {
      const key = keyOf(datasetId, id);
      const mine = this.#mine.get(key);
      if (!mine || mine.example !== example) return;
      this.#mine.delete(key);
      try {
        const raw = this.#storage!.getItem(key);
        if (raw !== null && (JSON.parse(raw) as { token?: unknown }).token === mine.token) this.#storage!.removeItem(key);
      } catch {
        // unreadable entry: leave it, a replay ignores it
      }
    };
    for (const ex of upsert) clear(ex.id, ex);
    for (const id of remove) clear(id, undefined);
  }

  /**
   * Applies the entries of dataset `datasetId` newer than `storedAt` (the stored header's updatedAt) to `examples`,
   * in the order they were made; returns null when there are none. Older entries (already stored) are removed.
   */
  replay(datasetId: string, storedAt: string, examples: readonly Example[]): Replay | null {
    const entries = this.#entries(`${JOURNAL_PREFIX}${datasetId}:`).filter(([key, e]) => {
      if (e.at > storedAt) return true;
      this.#remove(key);
      return false;
    });
    if (!entries.length) return null;
    entries.sort((a, b) => (a[1].at < b[1].at ? -1 : a[1].at > b[1].at ? 1 : 0));
    const list = examples.slice();
    const upserted: string[] = [];
    const removed: string[] = [];
    for (const [key, e] of entries) {
      const id = e.example?.id ?? '';
      if (e.removed) {
        const gone = key.slice(key.lastIndexOf(':') + 1);
        const i = list.findIndex((x) => x.id === gone);
        if (i >= 0) list.splice(i, 1);
        removed.push(gone);
        continue;
      }
      if (!e.example || !id) continue;
      const i = list.findIndex((x) => x.id === id);
      if (i >= 0) list[i] = e.example;
      else {
        const at = e.after === undefined ? 0 : list.findIndex((x) => x.id === e.after) + 1 || list.length;
        list.splice(at, 0, e.example);
      }
      upserted.push(id);
    }
    return { examples: list, upserted, removed };
  }

  /** Removes the entries of datasets not in `keep` (deleted datasets). */
  prune(keep: ReadonlySet<string>): void {
    for (const [key] of this.#entries(JOURNAL_PREFIX)) {
      const datasetId = key.slice(JOURNAL_PREFIX.length, key.lastIndexOf(':'));
      if (!keep.has(datasetId)) this.#remove(key);
    }
  }

  #put(datasetId: string, exampleId: string, entry: JournalEntry): void {
    const key = keyOf(datasetId, exampleId);
    const token = `${this.#tab}:${++this.#seq}`;
    try {
      // A huge example (a 12 MB reply) is not even serialised: that alone would take a noticeable part of a second.
      if (entry.example && jsonLongerThan(entry.example, MAX_JOURNALED_CHARS)) {
        this.#remove(key);
        return;
      }
      const text = JSON.stringify({ ...entry, token });
      if (text.length > MAX_JOURNALED_CHARS) {
        this.#remove(key); // an older, smaller entry of it must not be replayed over the newer value
        return;
      }
      this.#storage!.setItem(key, text);
      this.#mine.set(key, { example: entry.example, token });
    } catch {
      this.#remove(key);
    }
  }

  #remove(key: string): void {
    this.#mine.delete(key);
    try {
      this.#storage?.removeItem(key);
    } catch {
      // nothing to do
    }
  }

  #entries(prefix: string): [string, JournalEntry][] {
    const out: [string, JournalEntry][] = [];
    const storage = this.#storage;
    if (!storage) return out;
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(prefix)) keys.push(key);
      }
      for (const key of keys) {
        try {
          const e = journalEntrySchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
          if (e.success) out.push([key, e.data]);
          else this.#remove(key);
        } catch {
          this.#remove(key);
        }
      }
    } catch {
      // storage unavailable
    }
    return out;
  }
}
