// Autosave: collects which examples changed, then writes only those (their LATEST values, read at write time)
// plus the dataset header, debounced, and at once when the tab is hidden, closed or loses focus. Never writes
// before the initial load finished; a failed write stays dirty and is retried with backoff. Plain TS, no Svelte.
// What is pending per dataset, and the writes made of it, are worked out in save-pending.ts.

import type { ChangedIds } from '../dataset/ops';
import type { Example } from '../dataset/types';
import type { DatasetChanges } from './db';
import type { DatasetMeta } from './records';
import { adoptedChanges, buildWrite, failedWrite, mergeUnder, type Pending } from './save-pending';

/** Default quiet time after the last change before writing, in ms. */
const DEFAULT_DEBOUNCE_MS = 300;
/** Default longest delay of a write while changes keep coming (continuous typing), in ms. */
const DEFAULT_MAX_WAIT_MS = 2000;
/** Default delay before the first retry of a failed write, in ms; doubles on each further failure. */
const DEFAULT_RETRY_MS = 1000;
/** Default cap of the retry delay, in ms. */
const DEFAULT_MAX_RETRY_MS = 30_000;

/** Save state for the UI: all saved, a write running, changes waiting, or the last write failed (plain words). */
export type SaveStatus = 'saved' | 'saving' | 'dirty' | { error: string };

/** One write: the changes of one dataset. */
export interface SaveRequest extends DatasetChanges {
  datasetId: string;
}

/** Timer functions (defaults: the global ones, looked up at call time so fake timers apply). */
export interface SaverTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the saver needs from the app. */
export interface SaverOptions {
  /** Performs one atomic write (e.g. `(r) => db.saveChanges(r.datasetId, r)`). Rejects on failure. */
  write(request: SaveRequest): Promise<void>;
  /** Latest value of an example of the open dataset; undefined when it no longer exists (it is then deleted). */
  getExample(id: string): Example | undefined;
  /** Optional: all examples of the open dataset, used instead of `getExample` when many ids changed (bulk edits). */
  getExamples?(): readonly Example[];
  /** Meta of the open dataset (its `exampleIds` must be the current order); null/undefined when none is open. */
  getMeta(): DatasetMeta | null | undefined;
  /** Called whenever the status changes. */
  onStatus?(status: SaveStatus): void;
  /** Called after each successful write with what was written (e.g. to tell other tabs). */
  onWritten?(request: SaveRequest): void;
  /** Quiet time before writing, ms. Defaults to 300. */
  debounceMs?: number;
  /** Longest wait while changes keep coming, ms. Defaults to 2000. */
  maxWaitMs?: number;
  /** First retry delay after a failure, ms (doubles each time). Defaults to 1000. */
  retryMs?: number;
  /** Cap on the retry delay, ms. Defaults to 30000. */
  maxRetryMs?: number;
  /** Timer functions. Defaults to the global setTimeout/clearTimeout. */
  timers?: SaverTimers;
}

/** Minimal event target (a window, or a fake in tests). */
export interface SaverEventTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

const globalTimers: SaverTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Plain-words message for a failed write; storage full is detected by the error's name. */
export function describeSaveError(err: unknown): string {
  const e = err as { name?: unknown; message?: unknown; inner?: { name?: unknown } } | null;
  if (e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError') {
    return "The browser's storage for this site is full, so your latest edits are not saved yet (they are still in this tab). Delete datasets you no longer need, or export and remove large ones; saving is retried automatically.";
  }
  const what = e && typeof e.message === 'string' && e.message ? `${String(e.name ?? 'Error')}: ${e.message}` : String(err);
  return `Saving failed (${what}). Your edits are still in this tab; saving is retried automatically. Export the dataset if this persists.`;
}

/** Debounced, coalescing, retrying autosave. One per app session is enough: pending changes are kept per dataset. */
export class Saver {
  #o: SaverOptions;
  #timers: SaverTimers;
  #pending = new Map<string, Pending>();
  #loaded = false;
  #closed = false;
  #status: SaveStatus = 'saved';
  #debounce: unknown = undefined;
  #maxWait: unknown = undefined;
  #retry: unknown = undefined;
  #failures = 0;
  #inflight: Promise<boolean> | null = null;
  /** Ids being written right now, per dataset (still "not saved" until the write commits). */
  #writing = new Map<string, ReadonlySet<string>>();
  /** Set by suspend(): nothing is written any more (an outdated tab), changes stay pending. */
  #suspended = false;
  #detach: (() => void) | null = null;

  constructor(options: SaverOptions) {
    this.#o = options;
    this.#timers = options.timers ?? globalTimers;
  }

  /** Current status. */
  get status(): SaveStatus {
    return this.#status;
  }

  /** True while some change is not yet written (waiting, being written, or failed). */
  get dirty(): boolean {
    return this.#pending.size > 0 || this.#inflight !== null;
  }

  /**
   * Declares the initial load finished: from now on changes are recorded and written. Changes marked before
   * were ignored (what was just loaded is, by definition, what is stored).
   */
  markLoaded(): void {
    if (!this.#closed) this.#loaded = true;
  }

  /**
   * Records a change of the open dataset (`changedIds(op)`; pass empty lists for a header-only change such as a
   * rename). The header is written with every save; `exampleIds` only when `orderChanged`. Ignored before
   * `markLoaded()`, after `close()`, or when no dataset is open.
   */
  markChanged(change: ChangedIds): void {
    if (!this.#loaded || this.#closed) return;
    const id = this.#o.getMeta()?.id;
    if (id === undefined) return;
    let p = this.#pending.get(id);
    if (!p) this.#pending.set(id, (p = { fate: new Map(), order: false, cache: new Map() }));
    for (const x of change.upserted) p.fate.set(x, 'upsert');
    for (const x of change.removed) p.fate.set(x, 'remove');
    p.order ||= change.orderChanged;
    if (this.#inflight === null && this.#retry === undefined) this.#setStatus('dirty');
    this.#schedule();
  }

  /**
   * Takes over changes another writer could not store (e.g. the packs of a new dataset whose write failed): they
   * become pending like edits, `snapshot` giving their values in case that dataset is no longer open when they are
   * written. With `error`, this counts as a failed write: the status shows it and a retry is scheduled.
   */
  adopt(datasetId: string, change: ChangedIds, snapshot: { meta: DatasetMeta; examples: readonly Example[] }, error?: unknown): void {
    if (this.#closed) return;
    this.#merge(datasetId, adoptedChanges(change, snapshot));
    if (error !== undefined) this.#failed(error);
    else {
      if (this.#inflight === null && this.#retry === undefined) this.#setStatus('dirty');
      this.#schedule();
    }
  }

  /** True when example `exampleId` of dataset `datasetId` has a change not yet committed (pending or being written). */
  isUnsaved(datasetId: string, exampleId: string): boolean {
    return this.#pending.get(datasetId)?.fate.has(exampleId) === true || this.#writing.get(datasetId)?.has(exampleId) === true;
  }

  /** Number of example changes (edits, additions, deletions) not yet committed, over all datasets. */
  get unsavedCount(): number {
    let n = 0;
    for (const p of this.#pending.values()) n += p.fate.size;
    for (const ids of this.#writing.values()) n += ids.size;
    return n;
  }

  /**
   * Everything not yet committed, per dataset: its meta and the current values of its added or edited examples
   * (read from the open dataset, else the values last known), for an export that keeps it safe elsewhere.
   */
  unsaved(): { meta: DatasetMeta; examples: Example[] }[] {
    const out: { meta: DatasetMeta; examples: Example[] }[] = [];
    const current = this.#o.getMeta();
    for (const datasetId of new Set([...this.#pending.keys(), ...this.#writing.keys()])) {
      const p = this.#pending.get(datasetId);
      const open = current?.id === datasetId;
      const meta = open ? current : p?.cachedMeta;
      if (!meta) continue;
      const ids = new Set([...(p ? [...p.fate].filter(([, f]) => f === 'upsert').map(([id]) => id) : []), ...(this.#writing.get(datasetId) ?? [])]);
      const examples = open ? (this.#o.getExamples?.() ?? []).filter((e) => ids.has(e.id)) : [...ids].flatMap((id) => p?.cache.get(id) ?? []);
      out.push({ meta, examples });
    }
    return out;
  }

  /** Forgets the pending changes of a dataset deleted elsewhere (writing them would bring it back). */
  discard(datasetId: string): void {
    if (!this.#pending.delete(datasetId)) return;
    if (this.#pending.size === 0 && this.#inflight === null) {
      this.#clearTimers(true);
      this.#failures = 0;
      this.#setStatus('saved');
    }
  }

  /** Stops writing for good (this tab's code is older than another tab's); changes stay pending and visible. */
  suspend(): void {
    this.#suspended = true;
    this.#clearTimers(true);
  }

  /** Writes everything pending now (waits for a running write first). Resolves even when writing fails: see status. */
  async flush(): Promise<void> {
    if (!this.#loaded || this.#closed || this.#suspended) return;
    this.#clearTimers(true);
    for (let round = 0; round < 3; round++) {
      if (this.#inflight) await this.#inflight;
      if (this.#pending.size === 0) return;
      if (!(await this.#run())) return;
    }
  }

  /**
   * Flushes when the tab is hidden (`visibilitychange`), closed (`pagehide`) or loses focus (`blur`).
   * `isHidden` defaults to reading `document.visibilityState` of the target (a window) or of `document`.
   * Returns a function that removes the listeners.
   */
  attach(target: SaverEventTarget, isHidden?: () => boolean): () => void {
    this.#detach?.();
    const doc = (target as { document?: SaverEventTarget & { visibilityState?: string } }).document;
    const visTarget: SaverEventTarget = doc && typeof doc.addEventListener === 'function' ? doc : target;
    const hidden = isHidden ?? (() => (doc ?? (globalThis as { document?: { visibilityState?: string } }).document)?.visibilityState === 'hidden');
    const onVisibility = () => {
      if (hidden()) void this.flush();
    };
    const onLeave = () => void this.flush();
    visTarget.addEventListener('visibilitychange', onVisibility);
    target.addEventListener('pagehide', onLeave);
    target.addEventListener('blur', onLeave);
    const detach = () => {
      visTarget.removeEventListener('visibilitychange', onVisibility);
      target.removeEventListener('pagehide', onLeave);
      target.removeEventListener('blur', onLeave);
      if (this.#detach === detach) this.#detach = null;
    };
    this.#detach = detach;
    return detach;
  }

  /** Stops saving: flushes if the initial load finished (never writes otherwise), removes listeners and timers. */
  async close(): Promise<void> {
    this.#detach?.();
    if (this.#loaded && !this.#closed) await this.flush();
    this.#closed = true;
    this.#clearTimers(true);
    this.#pending.clear();
  }

  #setStatus(s: SaveStatus): void {
    const same = typeof s === 'string' ? s === this.#status : typeof this.#status === 'object' && this.#status.error === s.error;
    if (same) return;
    this.#status = s;
    this.#o.onStatus?.(s);
  }

  #clearTimers(includingRetry: boolean): void {
    this.#timers.clearTimeout(this.#debounce);
    this.#timers.clearTimeout(this.#maxWait);
    this.#debounce = this.#maxWait = undefined;
    if (includingRetry) {
      this.#timers.clearTimeout(this.#retry);
      this.#retry = undefined;
    }
  }

  /** (Re)starts the debounce; the max-wait timer bounds the delay under continuous changes. A retry waits its turn. */
  #schedule(): void {
    if (this.#retry !== undefined || this.#closed || this.#suspended) return;
    const fire = () => {
      this.#clearTimers(false);
      if (this.#inflight) return; // the running write reschedules when it ends
      void this.#run();
    };
    this.#timers.clearTimeout(this.#debounce);
    this.#debounce = this.#timers.setTimeout(fire, this.#o.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    if (this.#maxWait === undefined) this.#maxWait = this.#timers.setTimeout(fire, this.#o.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  }

  /** Runs one write cycle (all pending datasets). Resolves true when every write succeeded. */
  #run(): Promise<boolean> {
    if (this.#inflight) return this.#inflight;
    if (this.#suspended) return Promise.resolve(false);
    if (this.#pending.size === 0) return Promise.resolve(true);
    const cycle = this.#writeAll().finally(() => {
      this.#inflight = null;
    });
    this.#inflight = cycle;
    return cycle.then((ok) => {
      if (this.#closed) return ok;
      if (ok) {
        this.#failures = 0;
        this.#timers.clearTimeout(this.#retry);
        this.#retry = undefined;
        if (this.#pending.size > 0) {
          this.#setStatus('dirty');
          this.#schedule();
        } else this.#setStatus('saved');
      }
      return ok;
    });
  }

  async #writeAll(): Promise<boolean> {
    const batch = [...this.#pending];
    this.#pending.clear();
    this.#setStatus('saving');
    let lost = 0;
    for (let i = 0; i < batch.length; i++) {
      const [datasetId, p] = batch[i];
      const built = buildWrite(datasetId, p, this.#o.getMeta(), this.#o);
      if (!built) {
        lost += p.fate.size;
        continue;
      }
      this.#writing.set(datasetId, new Set(p.fate.keys()));
      try {
        await this.#o.write(built.request);
      } catch (err) {
        this.#merge(datasetId, failedWrite(p, built));
        for (const [id, rest] of batch.slice(i + 1)) this.#merge(id, rest);
        this.#failed(err);
        return false;
      } finally {
        this.#writing.delete(datasetId);
      }
      this.#o.onWritten?.(built.request);
    }
    if (lost > 0) {
      this.#setStatus({ error: `${lost} change(s) to a dataset that is no longer open could not be saved. Reopen it and check your latest edits.` });
      return false;
    }
    return true;
  }

  /** After a failed write: shows why and schedules a retry (the delay doubles with each failure in a row). */
  #failed(err: unknown): void {
    this.#failures++;
    this.#setStatus({ error: describeSaveError(err) });
    this.#clearTimers(false); // the retry below replaces any debounce started meanwhile
    const delay = Math.min((this.#o.retryMs ?? DEFAULT_RETRY_MS) * 2 ** (this.#failures - 1), this.#o.maxRetryMs ?? DEFAULT_MAX_RETRY_MS);
    this.#timers.clearTimeout(this.#retry);
    if (this.#suspended || this.#closed) return;
    this.#retry = this.#timers.setTimeout(() => {
      this.#retry = undefined;
      void this.#run();
    }, delay);
  }

  /** Merges `older` changes under any pending (newer) ones of the same dataset. */
  #merge(datasetId: string, older: Pending): void {
    this.#pending.set(datasetId, mergeUnder(older, this.#pending.get(datasetId)));
  }
}
