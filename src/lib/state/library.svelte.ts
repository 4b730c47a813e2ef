// The library: every dataset's header (list, create, rename, duplicate, delete), the background write of a new
// dataset, this site's storage use, and other tabs' library changes. It holds no examples of the open dataset; the
// Workspace facade (workspace.svelte.ts) composes it with the open dataset (open-dataset.svelte.ts).
import type { Example } from '../dataset/types';
import { newExampleId, type ChangedIds } from '../dataset/ops';
import * as db from '../storage/db';
import type { DatasetMeta, DatasetSummary } from '../storage/db';
import { toHeader } from '../storage/records';
import type { Saver } from '../storage/saver';
import type { TabSync } from '../storage/tab-sync';
import { yieldToPage } from '../util/yield';

/** Storage use of this site as the browser reports it (bytes), and whether it may be evicted. */
export interface StorageUse {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Most examples per pack (one record, one transaction) when a new dataset is first stored. */
const CREATE_CHUNK = 2000;
/** Most source characters per pack (~0.5 MB: about 10–20 ms of structured cloning). */
const CREATE_CHUNK_CHARS = 500_000;
/** Packs are compacted when at least this many of their entries, and this share of them, are dead (see db.compactPacks). */
const COMPACT_MIN_DEAD = 50;
const COMPACT_MIN_SHARE = 0.1;
/** Delay after opening a dataset before its packs are compacted, in ms (the first minutes belong to the user). */
const COMPACT_DELAY_MS = 5000;

/** Splits `examples` into runs of at most CREATE_CHUNK examples and about CREATE_CHUNK_CHARS characters. */
function storageChunks(examples: readonly Example[]): Example[][] {
  const chunks: Example[][] = [];
  let chunk: Example[] = [];
  let chars = 0;
  for (const ex of examples) {
    chunk.push(ex);
    chars += (ex.original ?? ex.raw ?? '').length || 500;
    if (chunk.length >= CREATE_CHUNK || chars >= CREATE_CHUNK_CHARS) {
      chunks.push(chunk);
      [chunk, chars] = [[], 0];
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** A new dataset being written, with its latest state (kept current by the open dataset's edits). */
export interface StoringEntry {
  meta: DatasetMeta;
  examples: readonly Example[];
  done: Promise<void>;
}

/** What the library shares with the workspace: the saver of edits, the tab channel, and whether this tab is outdated. */
export interface LibraryHost {
  readonly saver: Saver;
  readonly sync: TabSync;
  outdated(): boolean;
}

export class Library {
  /** All datasets of the library (metadata only), newest first. */
  datasets = $state.raw<DatasetSummary[]>([]);
  /** This site's storage use, when the browser tells (null until known). */
  storage = $state.raw<StorageUse | null>(null);
  /**
   * New datasets still being written by #storeNew, with their latest state (kept current by edits even after the
   * user switched to another dataset), so the write always ends equal to memory.
   */
  #storing = new Map<string, StoringEntry>();
  /** Number of new datasets being written. */
  #storingCount = $state(0);
  #estimateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: LibraryHost) {}

  /** True while a new dataset is still being written ("Saving…"). */
  get storingNew(): boolean {
    return this.#storingCount > 0;
  }

  /** True while anything of a new dataset is not yet stored. */
  get hasUnstored(): boolean {
    return this.#storing.size > 0;
  }

  /** Reads the library from storage. */
  async load(): Promise<DatasetSummary[]> {
    this.datasets = await db.listDatasets();
    return this.datasets;
  }

  /** The write of new dataset `id` still running, if any (its state is updated in place by edits). */
  storing(id: string): StoringEntry | undefined {
    return this.#storing.get(id);
  }

  /** Resolves once new dataset `id` is completely stored (at once if it is not being written). */
  async stored(id: string): Promise<void> {
    await this.#storing.get(id)?.done;
  }

  /** Lists new dataset `meta` first and stores it with `examples` in the background (see #storeNew). */
  add(meta: DatasetMeta, examples: readonly Example[]): void {
    this.datasets = [toHeader(meta, examples.length), ...this.datasets];
    const entry: StoringEntry = { meta, examples, done: Promise.resolve() };
    this.#storing.set(meta.id, entry);
    this.#storingCount++;
    entry.done = this.#storeNew(meta.id, entry).finally(() => {
      if (this.#storing.get(meta.id) === entry) this.#storing.delete(meta.id);
      this.#storingCount--;
    });
    void this.askPersistence();
  }

  /** The header of dataset `id` changed here (rename, model, format, views, target). */
  patch(id: string, patch: Partial<DatasetSummary>): void {
    this.datasets = this.datasets.map((d) => (d.id === id ? { ...d, ...patch } : d));
  }

  /** Drops dataset `id` from the list only (found missing in storage, or deleted by another tab). */
  forget(id: string): void {
    this.datasets = this.datasets.filter((d) => d.id !== id);
    this.#storing.delete(id); // a running #storeNew stops before its next write
  }

  /** Duplicates dataset `id` under a new name (the saver is flushed first so the copy has every edit). */
  async duplicate(id: string, name: string): Promise<void> {
    await this.host.saver.flush();
    await this.stored(id); // copy the complete dataset, not what is stored so far
    const summary = await db.duplicateDataset(id, newExampleId(), name);
    if (summary) {
      this.datasets = [summary, ...this.datasets];
      this.host.sync.created(summary);
    }
  }

  /** Deletes dataset `id` from storage and tells the other tabs. */
  async delete(id: string): Promise<void> {
    this.#storing.delete(id);
    await this.host.saver.flush();
    await db.deleteDataset(id);
    this.host.sync.deleted(id);
    this.forget(id);
  }

  /** Another tab listed or changed a dataset header. */
  remoteHeader(header: DatasetSummary, created = false): void {
    const known = this.datasets.some((d) => d.id === header.id);
    if (!known) this.datasets = [header, ...this.datasets];
    else if (!created) this.datasets = this.datasets.map((d) => (d.id === header.id ? header : d));
  }

  /**
   * Asks the browser to keep this site's data even when disk space runs low (Chromium decides without a prompt;
   * Firefox may ask), then reads the usage. Asked once there is something worth keeping.
   */
  async askPersistence(): Promise<void> {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    try {
      if (storage && !(await storage.persisted?.())) await storage.persist?.();
    } catch {
      // not supported: the library shows "may be cleared"
    }
    await this.estimate();
  }

  async estimate(): Promise<void> {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!storage?.estimate) return;
    try {
      const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
      this.storage = { usage, quota, persisted };
    } catch {
      this.storage = null;
    }
  }

  /** Reads the storage use again a second after the last write. */
  estimateSoon(): void {
    clearTimeout(this.#estimateTimer);
    this.#estimateTimer = setTimeout(() => void this.estimate(), 1000);
  }

  /**
   * Gives back the bytes of deleted or rewritten examples still held in the dataset's import packs, a while after it
   * was opened (the work is spread over small transactions and yields; a failure only leaves the bytes in place).
   */
  compactLater(id: string, packed: { dead: number; entries: number } | undefined): void {
    if (!packed || packed.dead < Math.max(COMPACT_MIN_DEAD, packed.entries * COMPACT_MIN_SHARE)) return;
    setTimeout(() => {
      if (this.host.outdated()) return; // older code never rewrites what newer code stored
      void db.compactPacks(id, { yieldNow: yieldToPage }).then(
        () => this.estimate(),
        () => undefined,
      );
    }, COMPACT_DELAY_MS);
  }

  /**
   * Writes a new dataset: the header and the full order first, then transactions of about 0.5 MB (see storageChunks),
   * each one pack record (db.savePack) of the examples' latest values, skipping ones deleted meanwhile (the saver
   * writes edits made during the write as per-example records, which win over packs on load). The last step writes
   * the current order, so storage ends equal to memory.
   */
  async #storeNew(id: string, entry: StoringEntry): Promise<void> {
    const live = () => this.#storing.get(id) === entry && !this.host.outdated(); // false once deleted (or outdated)
    const { meta, examples } = entry; // the state when storing starts; later chunks read entry.examples
    const stored = new Set<string>();
    let headerStored = false;
    try {
      // Header and full order first: an interrupted write then loads in order, with the missing examples named.
      await db.createDataset(meta, []);
      // Every write checks first: a dataset deleted meanwhile must not be written back (its header would return).
      if (!live()) return;
      await db.saveChanges(id, { meta, upsert: [], remove: [] });
      headerStored = true;
      for (const [index, chunk] of storageChunks(examples).entries()) {
        await yieldToPage();
        if (!live()) return;
        let latest = chunk;
        if (entry.examples !== examples) {
          const current = new Map(entry.examples.map((e) => [e.id, e]));
          latest = chunk.flatMap((e) => current.get(e.id) ?? []); // latest values; deleted ones skipped
        }
        await db.savePack(id, index, latest); // one record per chunk: far cheaper than one per example
        for (const e of latest) stored.add(e.id);
      }
      if (!live()) return;
      // Examples inserted while storing, and the final order and header.
      const added = entry.examples.filter((e) => !stored.has(e.id));
      await db.saveChanges(id, { meta: { ...entry.meta, exampleIds: entry.examples.map((e) => e.id) }, upsert: added, remove: [] });
      this.host.sync.created(toHeader(entry.meta, entry.examples.length));
    } catch (e) {
      if (!live()) return;
      // What this write did not store becomes the saver's: retried, counted as unsaved, offered for export, and
      // "Saved" is not shown until it is all written (a later small edit cannot hide it).
      const missing: ChangedIds = { upserted: entry.examples.filter((x) => !stored.has(x.id)).map((x) => x.id), removed: [], orderChanged: true };
      this.host.saver.adopt(id, missing, { meta: entry.meta, examples: entry.examples }, e);
      if (headerStored) this.host.sync.created(toHeader(entry.meta, entry.examples.length));
    }
  }
}
