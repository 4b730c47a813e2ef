// The workspace: the library (library.svelte.ts) and the open dataset (open-dataset.svelte.ts) wired to storage —
// the saver, the crash journal, the other tabs and the remembered UI state — and the steps that involve both
// (init, open, create, delete). All persistence goes through src/lib/storage.
//
// A facade, not a change to the components: Workspace extends OpenDataset, so `ws.examples`, `ws.apply()`… are the
// open dataset's own members, and forwards the library's few (`datasets`, `storage`, `duplicate`). The ~25
// components keep reading `useWorkspace()` as before (several are being edited by others at the same time), and
// each half stays small enough to read and to test on its own.
import type { DatasetFormat, Example } from '../dataset/types';
import { newExampleId, type ChangedIds } from '../dataset/ops';
import * as db from '../storage/db';
import type { DatasetMeta, DatasetSummary, TokenCache, UiState } from '../storage/db';
import { Journal } from '../storage/journal';
import { toHeader } from '../storage/records';
import { Saver, type SaveStatus } from '../storage/saver';
import { CHANNEL_NAME, TabSync, type ChannelLike, type SavedMessage } from '../storage/tab-sync';
import type { AnalysisTarget } from './analysis.svelte';
import { normalizeFilter } from './filter';
import { Library, type StorageUse } from './library.svelte';
import { modelTarget, OpenDataset, VIEWS, type MetaPatch, type View } from './open-dataset.svelte';

export type { View, Notice } from './open-dataset.svelte';
export type { StorageUse } from './library.svelte';

/** The model a new dataset starts with (cheapest current supervised model). */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';
/** Edits touching more examples than this are not journaled (bulk changes rely on the IndexedDB write alone). */
const MAX_JOURNALED_EXAMPLES = 50;

/** Where the workspace talks to other tabs and keeps its crash journal (tests pass none: no other tabs, no journal). */
export interface WorkspaceEnv {
  channel?: ChannelLike | null;
  journal?: Storage | null;
}

function defaultEnv(): Required<WorkspaceEnv> {
  let journal: Storage | null = null;
  try {
    journal = globalThis.localStorage ?? null;
  } catch {
    // blocked (some private modes): no journal, the IndexedDB write alone
  }
  return { channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null, journal };
}

export class Workspace extends OpenDataset {
  /** The datasets and this site's storage use. */
  readonly library: Library;
  /** True once another tab runs newer code: this tab stops writing and asks for a reload. */
  outdated = $state(false);
  /** Example changes not yet stored (shown with a failed save, and offered for export). */
  unsavedCount = $state(0);
  /** False until the library and last dataset have loaded (nothing is written before). */
  ready = $state(false);
  #saver: Saver;
  #saverStatus = $state<SaveStatus>('saved');
  #sync: TabSync;
  #journal: Journal;
  /** Called before another dataset is opened, created or the open one removed (e.g. raw mode flushes its typing). */
  #beforeSwitch = new Set<() => void>();
  #uiTimer: ReturnType<typeof setTimeout> | undefined;
  /** The open dataset the remembered UI state names (as last written). */
  #uiDatasetId: string | undefined;

  constructor(env: WorkspaceEnv = defaultEnv()) {
    super();
    this.#saver = new Saver({
      write: (change) => db.saveChanges(change.datasetId, change),
      getExample: (id) => this.examples.find((e) => e.id === id),
      getExamples: () => this.examples,
      getMeta: () => this.meta,
      onStatus: (s) => {
        this.#saverStatus = s;
        this.unsavedCount = this.#saver.unsavedCount;
      },
      onWritten: (r) => {
        this.#journal.committed(r.datasetId, r.upsert, r.remove);
        this.#sync.saved(r.datasetId, { header: r.meta && toHeader(r.meta, r.count ?? 0), order: r.meta?.exampleIds, upsert: r.upsert, remove: r.remove });
        this.library.estimateSoon();
      },
    });
    this.#sync = new TabSync(env.channel ?? null, typeof __TUNESET_BUILD__ === 'string' ? __TUNESET_BUILD__ : 'dev', {
      onSaved: (m) => this.#onRemoteSaved(m),
      onDeleted: (id) => this.#onRemoteDeleted(id),
      onCreated: (header) => this.library.remoteHeader(header, true),
      onNewerVersion: () => {
        this.outdated = true;
        this.#saver.suspend();
      },
    });
    this.#journal = new Journal(env.journal ?? null, this.#sync.tab);
    this.library = new Library({ saver: this.#saver, sync: this.#sync, outdated: () => this.outdated });
  }

  /** All datasets of the library (metadata only). */
  get datasets(): DatasetSummary[] {
    return this.library.datasets;
  }

  /** This site's storage use, when the browser tells (null until known). */
  get storage(): StorageUse | null {
    return this.library.storage;
  }

  /**
   * "Saved" only when every change in memory is stored: a failed write shows its error until everything it
   * missed is written, and a new dataset still being written shows "Saving…".
   */
  get saveStatus(): SaveStatus {
    const s = this.#saverStatus;
    if (typeof s === 'object') return s;
    return this.library.storingNew ? 'saving' : s;
  }

  /** True while anything in memory is not yet stored (leaving the page then asks first). */
  get hasUnsaved(): boolean {
    return this.#saver.dirty || this.library.hasUnstored;
  }

  /** Everything not yet stored, per dataset, for "Download unsaved work". */
  unsavedWork(): { meta: DatasetMeta; examples: Example[] }[] {
    return this.#saver.unsaved();
  }

  /** Tries the failed write again now (the saver also retries on its own, with backoff). */
  retrySave(): Promise<void> {
    return this.#saver.flush();
  }

  /** Writes pending changes now (before export, on tab hide). */
  flush(): Promise<void> {
    return this.#saver.flush();
  }

  /** Loads the library and reopens the last dataset, selection and scroll position (`win`: the page, if any). */
  async init(win: Window | undefined = globalThis.window): Promise<void> {
    this.#sync.start();
    if (win) this.#listen(win);
    const [datasets, ui] = await Promise.all([this.library.load(), db.getUiState()]);
    this.#journal.prune(new Set(datasets.map((d) => d.id)));
    const last = ui?.lastDatasetId && datasets.find((d) => d.id === ui.lastDatasetId);
    if (typeof ui.view === 'string' && (VIEWS as readonly string[]).includes(ui.view)) this.view = ui.view as View;
    // (Before 0.3 the text and issue filters were stored on their own.)
    this.listFilter = normalizeFilter(ui.listFilter ?? { query: ui.listQuery, issues: ui.listIssues });
    if (last) await this.open(last.id, ui);
    this.ready = true;
    this.#saver.markLoaded();
    if (datasets.length) void this.library.askPersistence();
    else void this.library.estimate();
  }

  #listen(win: Window): void {
    this.#saver.attach(win);
    // Leaving with anything unsaved asks first (the write is started too, in case the user stays).
    win.addEventListener('beforeunload', (e) => {
      if (!this.hasUnsaved) return;
      void this.#saver.flush();
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set
    });
    // A selection or scroll still waiting for its debounce is written at once when the tab is hidden or closed.
    const leave = () => void (this.#uiTimer !== undefined && this.#writeUi());
    win.addEventListener('pagehide', leave);
    win.document.addEventListener('visibilitychange', () => win.document.visibilityState === 'hidden' && leave());
  }

  /**
   * Registers `fn` to run before the open dataset changes, so pending edits land in the dataset they were made in.
   * Returns a function that unregisters it.
   */
  beforeSwitch(fn: () => void): () => void {
    this.#beforeSwitch.add(fn);
    return () => this.#beforeSwitch.delete(fn);
  }

  #switching(): void {
    for (const fn of this.#beforeSwitch) fn();
  }

  /** Opens dataset `id`, optionally restoring selection and scroll from `ui`. */
  async open(id: string, ui?: UiState): Promise<void> {
    this.#switching();
    await this.#saver.flush();
    await this.library.stored(id); // a dataset still being stored is read back only once complete
    const loaded = await db.loadDataset(id);
    if (!loaded) return this.library.forget(id);
    const { meta: storedMeta, examples: storedExamples, problems } = loaded;
    // Edits journaled after the last stored write (a tab closed before its write ran) come back and are stored.
    const replay = this.#journal.replay(id, storedMeta.updatedAt, storedExamples);
    const examples = replay?.examples ?? storedExamples;
    const meta = replay ? { ...storedMeta, exampleIds: examples.map((e) => e.id) } : storedMeta;
    const tokenCache = await db.getTokenCache(id).catch(() => null);
    await this.#saver.flush(); // edits made to the previous dataset while this one loaded
    this.show(meta, examples, problems, ui, tokenCache);
    if (replay) this.#saver.adopt(id, { upserted: replay.upserted, removed: replay.removed, orderChanged: true }, { meta, examples });
    this.library.compactLater(id, loaded.packed);
  }

  /** Creates a dataset from `examples` (import, sample, new) and opens it. */
  async create(name: string, format: DatasetFormat, examples: Example[], extra: Partial<DatasetMeta> = {}): Promise<void> {
    this.#switching();
    await this.#saver.flush();
    const now = new Date().toISOString();
    const meta: DatasetMeta = {
      id: newExampleId(),
      name,
      model: DEFAULT_MODEL,
      format,
      createdAt: now,
      updatedAt: now,
      exampleIds: examples.map((e) => e.id),
      ...extra,
    };
    // Shown at once, and stored at once behind (an import must survive closing the tab right away), in chunks and
    // not awaited: the user works meanwhile and the status says "Saving…". (Deferring it until counted gave
    // statistics sooner on 2 cores, but a tab closed meanwhile lost the whole import.)
    this.show(meta, examples, []);
    this.library.add(meta, examples);
  }

  /** Duplicates dataset `id` under a new name. */
  duplicate(id: string, name: string): Promise<void> {
    return this.library.duplicate(id, name);
  }

  /** Deletes dataset `id` (the UI confirms first). */
  async remove(id: string): Promise<void> {
    const open = this.meta?.id === id;
    if (open) this.#switching();
    await this.library.delete(id);
    if (this.meta?.id === id) {
      this.close();
      this.#saveUi();
    }
  }

  /**
   * What the examples of an import are analysed for: the open dataset's model when appending to it (`append` is its
   * id), else the model a new dataset gets. Lets the analysis start while the file is still being read.
   */
  importTarget(format: DatasetFormat, append: string | null): AnalysisTarget {
    const { encoding, toolFamily } = modelTarget(append !== null && this.meta?.id === append ? this.meta.model : DEFAULT_MODEL);
    return { format, encoding, toolFamily };
  }

  // ---- the open dataset's storage (OpenDataset's hooks) ----------------------------------------------------

  protected changed(change: ChangedIds, journal: boolean): void {
    const meta = this.meta;
    if (meta && journal && !this.outdated && change.upserted.length + change.removed.length <= MAX_JOURNALED_EXAMPLES) {
      const list = this.examples;
      this.#journal.record(meta.id, meta.updatedAt, change.upserted, change.removed, (id) => {
        const i = list.findIndex((e) => e.id === id);
        return i < 0 ? undefined : { example: list[i], after: list[i - 1]?.id };
      });
    }
    this.#keepStoringCurrent();
    this.#saver.markChanged(change);
    this.unsavedCount = this.#saver.unsavedCount;
  }

  protected metaChanged(patch: MetaPatch): void {
    if (this.meta) this.library.patch(this.meta.id, patch);
  }

  protected uiChanged(): void {
    this.#saveUi();
  }

  protected isUnsaved(datasetId: string, exampleId: string): boolean {
    return this.#saver.isUnsaved(datasetId, exampleId);
  }

  protected saveTokenCache(datasetId: string, cache: TokenCache): void {
    void db.setTokenCache(datasetId, cache).catch(() => undefined);
  }

  /** A new dataset still being written gets the open dataset's latest state (the write ends equal to memory). */
  #keepStoringCurrent(): void {
    const entry = this.meta && this.library.storing(this.meta.id);
    if (entry) [entry.meta, entry.examples] = [this.meta!, this.examples];
  }

  // ---- other tabs ------------------------------------------------------------------------------------------

  /** Another tab stored a change: update the library entry and, for the open dataset, the examples shown. */
  #onRemoteSaved(m: SavedMessage): void {
    if (m.header) this.library.remoteHeader(m.header);
    if (this.meta?.id !== m.datasetId) return;
    if (m.header) {
      const { name, model, format, target } = m.header;
      const retarget = model !== this.meta.model || format !== this.meta.format || target !== this.meta.target;
      if (retarget || name !== this.meta.name) this.meta = { ...this.meta, name, model, format, target };
      if (retarget) this.reanalyse();
    }
    if (m.reload) void this.#reloadFromStorage(m.datasetId);
    else if (!this.mergeRemote({ order: m.order, upsert: m.upsert, remove: m.remove })) void this.#reloadFromStorage(m.datasetId);
    else this.#keepStoringCurrent();
  }

  /** Reads the open dataset back from storage and merges it in (a write too big to announce example by example). */
  async #reloadFromStorage(id: string): Promise<void> {
    const loaded = await db.loadDataset(id);
    if (!loaded || this.meta?.id !== id) return;
    this.mergeRemote({ order: loaded.meta.exampleIds, upsert: loaded.examples, remove: [] }, true);
    this.#keepStoringCurrent();
  }

  /** Another tab deleted a dataset: drop it from the library; if it is open, close it and keep a copy to download. */
  #onRemoteDeleted(id: string): void {
    this.library.forget(id);
    this.#saver.discard(id);
    if (this.meta?.id !== id) return;
    this.notifyDeleted(this.meta.name, { meta: this.meta, examples: this.examples });
    this.close();
  }

  // ---- remembered UI state ---------------------------------------------------------------------------------

  /**
   * Remembers the UI state 300 ms after the last change (selection and scroll change often), but at once when the
   * open dataset changed: a tab opened right after an import or a switch opens that dataset too.
   */
  #saveUi(): void {
    clearTimeout(this.#uiTimer);
    if (this.meta?.id !== this.#uiDatasetId) return this.#writeUi();
    this.#uiTimer = setTimeout(() => this.#writeUi(), 300);
  }

  /** Writes the remembered dataset, selection and scroll now (debounce fired, or the page is being left). */
  #writeUi(): void {
    clearTimeout(this.#uiTimer);
    this.#uiTimer = undefined;
    if (this.outdated) return;
    this.#uiDatasetId = this.meta?.id;
    void db
      .setUiState({
        lastDatasetId: this.meta?.id,
        selectedExampleId: this.examples[this.selected]?.id,
        scrollTop: this.scrollTop,
        view: this.view,
        listFilter: this.listFilter,
      })
      .catch(() => undefined); // disposable: a full disk is reported by the dataset saver
  }
}
