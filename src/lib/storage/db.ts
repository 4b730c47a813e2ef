// Tuneset's persistent store: datasets, their examples (one record each, so an edit writes only what changed; a big
// import is first written as packs of many examples, which those per-example records then override)
// and UI state, in ONE IndexedDB database "tuneset" with ONE object store "records" (array keys; layout in
// records.ts). The only importer of idb-keyval. The logic runs on a KvBackend so tests hand in a memory one.

import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Example } from '../dataset/types';
import type { KvBackend, KvTx } from './kv';
import {
  assembleDataset,
  DATASETS_PREFIX,
  datasetKey,
  datasetRecordSchema,
  envelope,
  exampleKey,
  examplesPrefix,
  orderKey,
  orderRecordSchema,
  packKey,
  packRecordSchema,
  packsPrefix,
  parseRecord,
  placeholderHeader,
  toHeader,
  toStoredExample,
  tokenCacheRecordSchema,
  tokensKey,
  UI_KEY,
  uiRecordSchema,
  type DatasetMetaPatch,
  type DatasetSummary,
  type LoadedDataset,
  type TokenCache,
  type UiState,
} from './records';

/** IndexedDB database name. */
export const DB_NAME = 'tuneset';
/** The single object store inside it. */
export const STORE_NAME = 'records';

/** What changed in one dataset since the last save. */
export interface DatasetChanges {
  /** New header; include `exampleIds` only when order or membership changed. */
  meta?: DatasetMetaPatch;
  /** Examples to write (their latest values). */
  upsert: readonly Example[];
  /** Ids of examples to delete. */
  remove: readonly string[];
  /** Number of examples after the change; lets the header be written without a read (a closing page cannot wait for one). */
  count?: number;
}

/** The storage API used by the app. Every write is one atomic transaction. */
export interface TunesetDb {
  /** All datasets, most recently changed first. An unreadable header is listed as "Recovered dataset". */
  listDatasets(): Promise<DatasetSummary[]>;
  /** One dataset with its examples in order; null when it does not exist. Never throws on corrupt data. */
  loadDataset(id: string): Promise<LoadedDataset | null>;
  /** Creates (or replaces) a dataset; the order is taken from `examples`. */
  createDataset(meta: DatasetMetaPatch, examples: readonly Example[]): Promise<void>;
  /** Writes only the given changes (puts, then the header/order, then deletes, in one transaction). */
  saveChanges(datasetId: string, changes: DatasetChanges): Promise<void>;
  /**
   * Writes examples of a dataset being created as pack `index` (one record; see packKey in records.ts). Later edits
   * of those examples go through saveChanges as usual and take precedence on load.
   */
  savePack(datasetId: string, index: number, examples: readonly Example[]): Promise<void>;
  /**
   * Gives back the bytes of dead pack entries (examples deleted since the import, or overridden by a per-example
   * record): each pack holding any is rewritten without them (deleted when none is left), one pack per transaction
   * so saves are never held up for long. Safe at any time: an entry dead once stays dead (an example comes back into
   * the order only with a per-example record of its own). Does nothing when the stored order cannot be read.
   */
  compactPacks(datasetId: string, opts?: { yieldNow?: () => Promise<void> }): Promise<CompactResult>;
  /** Deletes a dataset and all its examples. */
  deleteDataset(id: string): Promise<void>;
  /** Copies a dataset (records copied as stored) under `newId`; returns the new summary, null if `id` is missing. */
  duplicateDataset(id: string, newId: string, name: string): Promise<DatasetSummary | null>;
  /** The dataset's stored token counts, or null when none (or unreadable: it is only a cache). */
  getTokenCache(datasetId: string): Promise<TokenCache | null>;
  /** Replaces the dataset's stored token counts. */
  setTokenCache(datasetId: string, cache: TokenCache): Promise<void>;
  /** The saved UI state ({} when none or unreadable: it is disposable). */
  getUiState(): Promise<UiState>;
  /** Merges `patch` into the saved UI state (atomic read-merge-write). */
  setUiState(patch: Partial<UiState>): Promise<void>;
}

/** What compactPacks did. */
export interface CompactResult {
  /** Packs looked at. */
  packs: number;
  /** Packs rewritten smaller. */
  rewritten: number;
  /** Packs deleted (nothing live was left in them). */
  deleted: number;
  /** Entries dropped in all. */
  dropped: number;
}

/** Options of openTunesetDb. */
export interface TunesetDbOptions {
  /** Backend to run on. Defaults to IndexedDB "tuneset"/"records" via idb-keyval. */
  backend?: KvBackend;
  /** Clock (ISO 8601) for timestamps of duplicates and recovered datasets. Defaults to the current time. */
  now?: () => string;
}

/** KvBackend over one IndexedDB object store (idb-keyval's `createStore`). Needs a browser (or fake-indexeddb). */
export function idbBackend(store: UseStore = createStore(DB_NAME, STORE_NAME)): KvBackend {
  const range = (prefix: string[]) => IDBKeyRange.bound(prefix, [...prefix, []], true, true);
  return {
    run(mode, fn) {
      return store(mode, async (s) => {
        const tx: KvTx = {
          get: (key) => promisifyRequest(s.get(key)),
          getPrefix: async (prefix) => {
            const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range(prefix))), promisifyRequest(s.getAll(range(prefix)))]);
            return { keys: keys as string[][], values };
          },
          getKeys: async (prefix) => (await promisifyRequest(s.getAllKeys(range(prefix)))) as string[][],
          put: (key, value) => void s.put(value, key),
          delete: (key) => void s.delete(key),
          deletePrefix: (prefix) => void s.delete(range(prefix)),
        };
        try {
          const result = await fn(tx);
          if (mode === 'readwrite') {
            // Commit now rather than when the last request's answer comes back: a page being closed never gets that
            // answer, and its transaction would be aborted (edits made just before closing the tab would be lost).
            try {
              s.transaction.commit();
            } catch {
              // already committing or finished
            }
            await promisifyRequest(s.transaction);
          }
          return result;
        } catch (err) {
          try {
            s.transaction.abort();
          } catch {
            // already finished or aborted: nothing to undo
          }
          throw err;
        }
      });
    },
  };
}

/** Opens the store. Cheap: the database connection is opened lazily on first use. */
export function openTunesetDb(opts: TunesetDbOptions = {}): TunesetDb {
  const backend = opts.backend ?? idbBackend();
  const now = opts.now ?? (() => new Date().toISOString());

  const readHeader = async (tx: KvTx, id: string): Promise<DatasetSummary | null> => {
    const parsed = parseRecord(datasetRecordSchema, await tx.get(datasetKey(id)));
    return parsed.ok ? parsed.value.meta : null;
  };

  /** The UI state as last read or written by this instance (undefined until then). */
  let uiState: UiState | undefined;

  return {
    async listDatasets() {
      const { keys, values } = await backend.run('readonly', (tx) => tx.getPrefix(DATASETS_PREFIX));
      const datasets = values.map((raw, i) => {
        const parsed = parseRecord(datasetRecordSchema, raw);
        return parsed.ok ? parsed.value.meta : placeholderHeader(keys[i][1], now(), 0);
      });
      return datasets.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    },

    async loadDataset(id) {
      const raw = await backend.run('readonly', async (tx) => {
        const [header, order, rows, packs] = await Promise.all([
          tx.get(datasetKey(id)),
          tx.get(orderKey(id)),
          tx.getPrefix(examplesPrefix(id)),
          tx.getPrefix(packsPrefix(id)),
        ]);
        return { header, order, keys: rows.keys, values: rows.values, packs: packs.values };
      });
      return assembleDataset(id, raw, now());
    },

    createDataset(meta, examples) {
      return backend.run('readwrite', async (tx) => {
        tx.deletePrefix(examplesPrefix(meta.id));
        tx.deletePrefix(packsPrefix(meta.id));
        for (const ex of examples) tx.put(exampleKey(meta.id, ex.id), envelope('example', toStoredExample(ex)));
        tx.put(
          orderKey(meta.id),
          envelope(
            'ids',
            examples.map((e) => e.id),
          ),
        );
        tx.put(datasetKey(meta.id), envelope('meta', toHeader(meta, examples.length)));
      });
    },

    saveChanges(datasetId, changes) {
      return backend.run('readwrite', async (tx) => {
        for (const ex of changes.upsert) tx.put(exampleKey(datasetId, ex.id), envelope('example', toStoredExample(ex)));
        if (changes.meta) {
          const ids = changes.meta.exampleIds;
          const count = ids ? ids.length : (changes.count ?? (await readHeader(tx, datasetId))?.count ?? 0);
          if (ids) tx.put(orderKey(datasetId), envelope('ids', ids));
          tx.put(datasetKey(datasetId), envelope('meta', toHeader({ ...changes.meta, id: datasetId }, count)));
        }
        for (const id of changes.remove) tx.delete(exampleKey(datasetId, id));
      });
    },

    savePack(datasetId, index, examples) {
      return backend.run('readwrite', async (tx) => tx.put(packKey(datasetId, index), envelope('examples', examples.map(toStoredExample))));
    },

    async compactPacks(datasetId, opts = {}) {
      const result: CompactResult = { packs: 0, rewritten: 0, deleted: 0, dropped: 0 };
      const plan = await backend.run('readonly', async (tx) => {
        const [order, exampleKeys, packKeys] = await Promise.all([
          tx.get(orderKey(datasetId)),
          tx.getKeys(examplesPrefix(datasetId)),
          tx.getKeys(packsPrefix(datasetId)),
        ]);
        return { order: parseRecord(orderRecordSchema, order), overridden: new Set(exampleKeys.map((k) => k[2])), packKeys };
      });
      if (!plan.order.ok) return result;
      const live = new Set(plan.order.value.ids);
      for (const key of plan.packKeys) {
        result.packs++;
        await backend.run('readwrite', async (tx) => {
          const pack = parseRecord(packRecordSchema, await tx.get(key));
          if (!pack.ok) return; // unreadable or newer: left as it is
          // An entry without a readable id is kept: its text is all that is left of that example.
          const kept = pack.value.examples.filter((item) => {
            const id = (item as { id?: unknown } | null)?.id;
            return typeof id !== 'string' || (live.has(id) && !plan.overridden.has(id));
          });
          if (kept.length === pack.value.examples.length) return;
          result.dropped += pack.value.examples.length - kept.length;
          if (kept.length === 0) {
            tx.delete(key);
            result.deleted++;
          } else {
            tx.put(key, { ...pack.value, examples: kept });
            result.rewritten++;
          }
        });
        await opts.yieldNow?.();
      }
      return result;
    },

    deleteDataset(id) {
      return backend.run('readwrite', async (tx) => {
        tx.deletePrefix(examplesPrefix(id));
        tx.deletePrefix(packsPrefix(id));
        tx.delete(orderKey(id));
        tx.delete(tokensKey(id));
        tx.delete(datasetKey(id));
      });
    },

    duplicateDataset(id, newId, name) {
      return backend.run('readwrite', async (tx) => {
        const [header, order, rows, packs] = await Promise.all([
          readHeader(tx, id),
          tx.get(orderKey(id)),
          tx.getPrefix(examplesPrefix(id)),
          tx.getPrefix(packsPrefix(id)),
        ]);
        if (!header && rows.keys.length === 0 && packs.keys.length === 0) return null;
        const t = now();
        const base = header ?? placeholderHeader(id, t, rows.keys.length);
        const copy: DatasetSummary = { ...base, id: newId, name, createdAt: t, updatedAt: t };
        rows.keys.forEach((key, i) => tx.put(exampleKey(newId, key[2]), rows.values[i]));
        packs.keys.forEach((key, i) => tx.put([...packsPrefix(newId), key[2]], packs.values[i]));
        if (order !== undefined) tx.put(orderKey(newId), order);
        tx.put(datasetKey(newId), envelope('meta', copy));
        return copy;
      });
    },

    async getTokenCache(datasetId) {
      const parsed = parseRecord(tokenCacheRecordSchema, await backend.run('readonly', (tx) => tx.get(tokensKey(datasetId))));
      return parsed.ok ? parsed.value.tokens : null;
    },

    setTokenCache(datasetId, cache) {
      return backend.run('readwrite', async (tx) => tx.put(tokensKey(datasetId), envelope('tokens', cache)));
    },

    async getUiState() {
      const parsed = parseRecord(uiRecordSchema, await backend.run('readonly', (tx) => tx.get(UI_KEY)));
      uiState = parsed.ok ? parsed.value.ui : {};
      return uiState;
    },

    setUiState(patch) {
      return backend.run('readwrite', async (tx) => {
        // Merge with the state read at start-up when there is one: no read, so a closing page still gets it written.
        let current = uiState;
        if (!current) {
          const parsed = parseRecord(uiRecordSchema, await tx.get(UI_KEY));
          current = parsed.ok ? parsed.value.ui : {};
        }
        uiState = { ...current, ...patch };
        tx.put(UI_KEY, envelope('ui', uiState));
      });
    },
  };
}

// ---- the app's instance ------------------------------------------------------------------------------------
// Module-level functions over one lazily opened IndexedDB store, so the app can `import * as db`.

/** The app's store, opened on first use. */
let appDb: TunesetDb | undefined;
const app = (): TunesetDb => (appDb ??= openTunesetDb());

/** Makes the module-level functions use `next` (tests: a store over createMemoryBackend(), shared by "reloads"). */
export function useTunesetDb(next: TunesetDb): void {
  appDb = next;
}

/** See TunesetDb.listDatasets. */
export const listDatasets: TunesetDb['listDatasets'] = () => app().listDatasets();
/** See TunesetDb.loadDataset. */
export const loadDataset: TunesetDb['loadDataset'] = (id) => app().loadDataset(id);
/** See TunesetDb.createDataset. */
export const createDataset: TunesetDb['createDataset'] = (meta, examples) => app().createDataset(meta, examples);
/** See TunesetDb.saveChanges. */
export const saveChanges: TunesetDb['saveChanges'] = (datasetId, changes) => app().saveChanges(datasetId, changes);
/** See TunesetDb.savePack. */
export const savePack: TunesetDb['savePack'] = (datasetId, index, examples) => app().savePack(datasetId, index, examples);
/** See TunesetDb.compactPacks. */
export const compactPacks: TunesetDb['compactPacks'] = (id, opts) => app().compactPacks(id, opts);
/** See TunesetDb.deleteDataset. */
export const deleteDataset: TunesetDb['deleteDataset'] = (id) => app().deleteDataset(id);
/** See TunesetDb.duplicateDataset. */
export const duplicateDataset: TunesetDb['duplicateDataset'] = (id, newId, name) => app().duplicateDataset(id, newId, name);
/** See TunesetDb.getTokenCache. */
export const getTokenCache: TunesetDb['getTokenCache'] = (id) => app().getTokenCache(id);
/** See TunesetDb.setTokenCache. */
export const setTokenCache: TunesetDb['setTokenCache'] = (id, cache) => app().setTokenCache(id, cache);
/** See TunesetDb.getUiState. */
export const getUiState: TunesetDb['getUiState'] = () => app().getUiState();
/** See TunesetDb.setUiState. */
export const setUiState: TunesetDb['setUiState'] = (patch) => app().setUiState(patch);

export type { DatasetMeta, DatasetMetaPatch, DatasetSummary, LoadedDataset, StorageProblem, TokenCache, UiState } from './records';
