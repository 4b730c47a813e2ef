// The small key-value transaction interface the storage logic runs on, and an in-memory implementation of it
// (used by tests, and usable by any test that needs a store). The real one, over IndexedDB, is in db.ts.

/** A key: a string, or an array of strings (sorted element by element, as IndexedDB does). */
export type Key = string | string[];

/** Operations inside one transaction. Writes are queued and take effect atomically when the transaction commits. */
export interface KvTx {
  get(key: Key): Promise<unknown>;
  /** Every entry whose array key is `prefix` plus one more string element, in key order. */
  getPrefix(prefix: string[]): Promise<{ keys: string[][]; values: unknown[] }>;
  /** The keys `getPrefix(prefix)` would return, without reading the values. */
  getKeys(prefix: string[]): Promise<string[][]>;
  put(key: Key, value: unknown): void;
  delete(key: Key): void;
  /** Deletes every entry `getPrefix(prefix)` would return. */
  deletePrefix(prefix: string[]): void;
}

/** Runs `fn` in one transaction; for 'readwrite' the promise settles after the commit (rejects if it failed). */
export interface KvBackend {
  run<T>(mode: 'readonly' | 'readwrite', fn: (tx: KvTx) => Promise<T>): Promise<T>;
}

/** Compares keys the way IndexedDB does for our key shapes (arrays sort after strings). */
export function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    return typeof a === 'string' ? -1 : 1;
  }
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

function isUnder(key: Key, prefix: string[]): boolean {
  return Array.isArray(key) && key.length === prefix.length + 1 && prefix.every((p, i) => key[i] === p);
}

/** An in-memory backend with structured-clone semantics (like IndexedDB) and a way to make writes fail. */
export interface MemoryBackend extends KvBackend {
  /** Current contents, for assertions (keys JSON-encoded). */
  readonly data: Map<string, { key: Key; value: unknown }>;
  /** The next `times` readwrite transactions fail with `error` (e.g. a DOMException named QuotaExceededError). */
  failWrites(error: unknown, times?: number): void;
  /** Number of committed readwrite transactions. */
  readonly commits: number;
}

/** Creates an empty in-memory backend. */
export function createMemoryBackend(): MemoryBackend {
  let data = new Map<string, { key: Key; value: unknown }>();
  let failure: { error: unknown; times: number } | null = null;
  let commits = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get data() {
      return data;
    },
    get commits() {
      return commits;
    },
    failWrites(error, times = 1) {
      failure = { error, times };
    },
    // Transactions run one after another in the order they were started, as IndexedDB runs those over one store
    // that write: a read started after a write sees it, and two writes never start from the same snapshot (when they
    // did, the later commit dropped the other's puts: a dataset stored at the same time lost the remembered UI state).
    run(mode, fn) {
      const turn = queue.then(() => runNow(mode, fn));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };

  async function runNow<T>(mode: 'readonly' | 'readwrite', fn: (tx: KvTx) => Promise<T>): Promise<T> {
    const staged = new Map(data);
    const tx: KvTx = {
      get: async (key) => structuredClone(staged.get(JSON.stringify(key))?.value),
      getPrefix: async (prefix) => {
        const hits = [...staged.values()].filter((e) => isUnder(e.key, prefix)).sort((x, y) => compareKeys(x.key, y.key));
        return { keys: hits.map((e) => e.key as string[]), values: hits.map((e) => structuredClone(e.value)) };
      },
      getKeys: async (prefix) =>
        [...staged.values()]
          .filter((e) => isUnder(e.key, prefix))
          .map((e) => e.key as string[])
          .sort(compareKeys),
      put(key, value) {
        if (mode !== 'readwrite') throw new Error('put in a readonly transaction');
        staged.set(JSON.stringify(key), { key, value: structuredClone(value) });
      },
      delete(key) {
        if (mode !== 'readwrite') throw new Error('delete in a readonly transaction');
        staged.delete(JSON.stringify(key));
      },
      deletePrefix(prefix) {
        if (mode !== 'readwrite') throw new Error('delete in a readonly transaction');
        for (const [k, e] of staged) if (isUnder(e.key, prefix)) staged.delete(k);
      },
    };
    const result = await fn(tx);
    if (mode === 'readwrite') {
      if (failure && failure.times > 0) {
        failure.times--;
        throw failure.error;
      }
      data = staged;
      commits++;
    }
    return result;
  }
}
