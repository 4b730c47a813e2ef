// The changes the autosave (saver.ts) holds for each dataset until they are written, and the pure steps on them:
// taking over another writer's changes, building a write from the latest values, putting a failed write back, and
// merging older changes under newer ones. No timers, status or storage here.
import type { ChangedIds } from '../dataset/ops';
import type { Example } from '../dataset/types';
import type { DatasetMeta } from './records';
import type { SaveRequest } from './saver';

/** Above this many changed ids, look examples up through one map built from `getExamples()` (if given). */
const BULK_LOOKUP_THRESHOLD = 32;

/**
 * Changes waiting for one dataset. `cache` holds the values a failed write tried to write: while the dataset is
 * open the latest values are read instead; once another dataset is open they are the newest values still known.
 */
export interface Pending {
  fate: Map<string, 'upsert' | 'remove'>;
  order: boolean;
  cache: Map<string, Example>;
  cachedMeta?: DatasetMeta;
}

/** A write built from pending changes, with the header it was built from. */
export interface BuiltWrite {
  request: SaveRequest;
  meta: DatasetMeta;
}

/** Where a write reads the latest values while its dataset is open (the saver's options). */
export interface OpenExamples {
  getExample(id: string): Example | undefined;
  getExamples?(): readonly Example[];
}

/** Changes another writer could not store, as pending changes: their values are kept from `snapshot`. */
export function adoptedChanges(change: ChangedIds, snapshot: { meta: DatasetMeta; examples: readonly Example[] }): Pending {
  const p: Pending = { fate: new Map(), order: change.orderChanged, cache: new Map(), cachedMeta: snapshot.meta };
  const byId = change.upserted.length > BULK_LOOKUP_THRESHOLD ? new Map(snapshot.examples.map((e) => [e.id, e] as const)) : null;
  for (const id of change.upserted) {
    p.fate.set(id, 'upsert');
    const value = byId ? byId.get(id) : snapshot.examples.find((e) => e.id === id);
    if (value) p.cache.set(id, value);
  }
  for (const id of change.removed) p.fate.set(id, 'remove');
  return p;
}

/**
 * The write of one dataset's changes, from the latest values when it is the open one (`current` is the open
 * dataset's meta), else from the cached ones; null when its header is not known (the changes are lost).
 */
export function buildWrite(datasetId: string, p: Pending, current: DatasetMeta | null | undefined, source: OpenExamples): BuiltWrite | null {
  const open = current?.id === datasetId;
  const meta = open ? current : p.cachedMeta;
  if (!meta) return null;
  let lookup = (id: string): Example | undefined => (open ? source.getExample(id) : p.cache.get(id));
  if (open && source.getExamples && p.fate.size > BULK_LOOKUP_THRESHOLD) {
    const byId = new Map(source.getExamples().map((e) => [e.id, e] as const));
    lookup = (id) => byId.get(id);
  }
  const upsert: Example[] = [];
  const remove: string[] = [];
  for (const [id, fate] of p.fate) {
    const value = fate === 'upsert' ? lookup(id) : undefined;
    if (value) upsert.push(value);
    else if (fate === 'remove' || open) remove.push(id); // gone from the open dataset: delete it
  }
  const { exampleIds, ...header } = meta;
  return { request: { datasetId, meta: p.order ? { ...header, exampleIds: [...exampleIds] } : header, upsert, remove, count: exampleIds.length }, meta };
}

/** The changes of a failed write, with the values it tried to write, to be put back under any newer ones. */
export function failedWrite(p: Pending, built: BuiltWrite): Pending {
  const back: Pending = { fate: new Map(), order: p.order, cache: new Map(), cachedMeta: built.meta };
  for (const ex of built.request.upsert) {
    back.fate.set(ex.id, 'upsert');
    back.cache.set(ex.id, ex);
  }
  for (const id of built.request.remove) back.fate.set(id, 'remove');
  return back;
}

/** `older` changes with any `newer` ones of the same dataset over them (`older` is updated and returned). */
export function mergeUnder(older: Pending, newer: Pending | undefined): Pending {
  if (!newer) return older;
  for (const [id, fate] of newer.fate) {
    older.fate.delete(id); // re-insert so the newer fate wins
    older.fate.set(id, fate);
  }
  for (const [id, ex] of newer.cache) older.cache.set(id, ex);
  older.order ||= newer.order;
  older.cachedMeta = newer.cachedMeta ?? older.cachedMeta;
  return older;
}
