// The open dataset and the library around it: examples (immutable array), selection, undoable edits, autosave.
// Components read its fields and call its methods; all persistence goes through src/lib/storage.
import type { DatasetFormat, Example, ReviewStatus } from '../dataset/types';
import { applyOp, changedIds, newExampleId, type ChangedIds, type Op } from '../dataset/ops';
import { History } from '../dataset/history';
import { bulkTransform, META_ONLY_KINDS, type BulkEdit } from '../dataset/bulk';
import { templateExample, usualSystemPrompt } from '../dataset/edit';
import { resolveModel } from '../models/catalog';
import { toolFamilyOf } from '../dataset/report';
import * as db from '../storage/db';
import type { DatasetMeta, DatasetSummary, StorageProblem, TokenCache, UiState } from '../storage/db';
import { Journal } from '../storage/journal';
import { toHeader } from '../storage/records';
import { Saver, type SaveStatus } from '../storage/saver';
import { CHANNEL_NAME, TabSync, type SavedMessage } from '../storage/tab-sync';
import { Analysis, type AnalysisTarget } from './analysis.svelte';
import { DEFAULT_FILTER, filterExamples, normalizeFilter, stampEdited, type FilterLookups, type ListFilter } from './filter';
import { markPattern } from './search-marks';
import { mergeRemote, type RemoteChange } from './remote-merge';
import { datasetTarget, formatFor, targetRules } from './target';
import type { TargetId } from '../dataset/targets/info';
import { yieldToPage } from '../util/yield';

/** The panes of the open dataset. */
export type View = 'edit' | 'raw' | 'stats' | 'train';
const VIEWS: readonly View[] = ['edit', 'raw', 'stats', 'train'];

/** Something another tab did that the user should know about (rendered by StorageBanners.svelte). */
export type Notice =
  | { kind: 'replaced' | 'removed'; id: number; example: number }
  | { kind: 'datasetDeleted'; id: number; name: string; copy: { meta: DatasetMeta; examples: readonly Example[] } };

/** Storage use of this site as the browser reports it (bytes), and whether it may be evicted. */
export interface StorageUse {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** The model a new dataset starts with (cheapest current supervised model). */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';
/** Most examples per pack (one record, one transaction) when a new dataset is first stored. */
const CREATE_CHUNK = 2000;
/** Edits touching more examples than this are not journaled (bulk changes rely on the IndexedDB write alone). */
const MAX_JOURNALED_EXAMPLES = 50;

/** `ex` with review status `status` (undefined: back to "to review"); text, source bytes and line unchanged. */
function withStatus(ex: Example, status: ReviewStatus | undefined): Example {
  const { status: _old, ...rest } = ex.meta ?? {};
  const meta = status ? { ...rest, status } : rest;
  const { meta: _meta, ...bare } = ex;
  return Object.keys(meta).length ? { ...bare, meta } : bare;
}
/** Packs are compacted when at least this many of their entries, and this share of them, are dead (see db.compactPacks). */
const COMPACT_MIN_DEAD = 50;
const COMPACT_MIN_SHARE = 0.1;
/** Delay after opening a dataset before its packs are compacted, in ms (the first minutes belong to the user). */
const COMPACT_DELAY_MS = 5000;
/** Most source characters per pack (~0.5 MB: about 10–20 ms of structured cloning). */
const CREATE_CHUNK_CHARS = 500_000;

/** Tokenizer, tool-definition rule and per-example token limit of a model id (o200k_base and no limit if unknown). */
function modelTarget(modelId: string) {
  const model = resolveModel(modelId);
  return { encoding: model?.encoding ?? 'o200k_base', toolFamily: toolFamilyOf(model), limit: model?.limit ?? null };
}

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

export class Workspace {
  /** All datasets of the library (metadata only). */
  datasets = $state.raw<DatasetSummary[]>([]);
  /** The open dataset's metadata; null when none is open. */
  meta = $state.raw<DatasetMeta | null>(null);
  /** The open dataset's examples, in order. Replaced wholesale on every edit. */
  examples = $state.raw<readonly Example[]>([]);
  /** Index of the selected example (-1: none). */
  selected = $state(-1);
  /** Last known list scroll offset in px (restored after reload). */
  scrollTop = $state(0);
  /** The pane shown (restored after reload). */
  view = $state<View>('edit');
  /** The example list's text filter and issue filter (restored after reload). */
  /** The example list's search, filters and order (restored after reload). */
  listFilter = $state.raw<ListFilter>(DEFAULT_FILTER);
  readonly #lookups: FilterLookups = {
    issues: (ex) => this.analysis.analyse(ex),
    tokens: (ex) => {
      const t = this.analysis.tokens(ex);
      return t && { total: t.total + t.tools, assistant: t.assistant };
    },
  };
  /** Indexes of the examples the list shows, in its order (null: all, in file order); the lookups read the analysis reactively. */
  readonly visible = $derived(filterExamples(this.examples, this.listFilter, this.#lookups));
  /** The list's search for marking matches in the list and the editor (null: none), and where it looks. */
  readonly searchMarks = $derived({ re: markPattern(this.listFilter), scope: this.listFilter.scope });
  /** Changes made in other tabs that replaced or removed this tab's work (newest last). */
  notices = $state.raw<Notice[]>([]);
  /** True once another tab runs newer code: this tab stops writing and asks for a reload. */
  outdated = $state(false);
  /** This site's storage use, when the browser tells (null until known). */
  storage = $state.raw<StorageUse | null>(null);
  /** Example changes not yet stored (shown with a failed save, and offered for export). */
  unsavedCount = $state(0);
  /** False until the library and last dataset have loaded (nothing is written before). */
  ready = $state(false);
  /** Problems found while loading stored data (shown to the user; the rest loaded). */
  loadProblems = $state.raw<StorageProblem[]>([]);
  /** Bumped on every history change so undo/redo buttons update. */
  historyVersion = $state(0);

  readonly analysis = new Analysis();
  /**
   * New datasets still being written by #storeNew, with their latest state (kept current by #commit and
   * updateMeta even after the user switched to another dataset), so the write always ends equal to memory.
   */
  #storing = new Map<string, { meta: DatasetMeta; examples: readonly Example[]; done: Promise<void> }>();
  #history = new History();
  /** Called before another dataset is opened, created or the open one removed (e.g. raw mode flushes its typing). */
  #beforeSwitch = new Set<() => void>();
  #saver: Saver;
  #saverStatus = $state<SaveStatus>('saved');
  /** Number of new datasets being written by #storeNew. */
  #storingCount = $state(0);
  #sync: TabSync;
  #journal: Journal;
  /** Ids of examples edited in this tab (another tab overwriting one of them is worth a notice). */
  #edited = new Set<string>();
  #noticeId = 0;
  #uiTimer: ReturnType<typeof setTimeout> | undefined;
  #estimateTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
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
        this.#estimateSoon();
      },
    });
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    this.#sync = new TabSync(channel, typeof __TUNESET_BUILD__ === 'string' ? __TUNESET_BUILD__ : 'dev', {
      onSaved: (m) => this.#onRemoteSaved(m),
      onDeleted: (id) => this.#onRemoteDeleted(id),
      onCreated: (header) => {
        if (!this.datasets.some((d) => d.id === header.id)) this.datasets = [header, ...this.datasets];
      },
      onNewerVersion: () => {
        this.outdated = true;
        this.#saver.suspend();
      },
    });
    let storage: Storage | null = null;
    try {
      storage = globalThis.localStorage ?? null;
    } catch {
      // blocked (some private modes): no journal, the IndexedDB write alone
    }
    this.#journal = new Journal(storage, this.#sync.tab);
  }

  /**
   * "Saved" only when every change in memory is stored: a failed write shows its error until everything it
   * missed is written, and a new dataset still being written shows "Saving…".
   */
  get saveStatus(): SaveStatus {
    const s = this.#saverStatus;
    if (typeof s === 'object') return s;
    return this.#storingCount > 0 ? 'saving' : s;
  }

  /** True while anything in memory is not yet stored (leaving the page then asks first). */
  get hasUnsaved(): boolean {
    return this.#saver.dirty || this.#storing.size > 0;
  }

  /** Everything not yet stored, per dataset, for "Download unsaved work". */
  unsavedWork(): { meta: DatasetMeta; examples: Example[] }[] {
    return this.#saver.unsaved();
  }

  /** Tries the failed write again now (the saver also retries on its own, with backoff). */
  retrySave(): Promise<void> {
    return this.#saver.flush();
  }

  /** Removes notice `id` from view. */
  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** The selected example, if any. */
  get current(): Example | undefined {
    return this.examples[this.selected];
  }

  get canUndo(): boolean {
    void this.historyVersion;
    return this.#history.canUndo;
  }

  get canRedo(): boolean {
    void this.historyVersion;
    return this.#history.canRedo;
  }

  /** Loads the library and reopens the last dataset, selection and scroll position. */
  async init(): Promise<void> {
    this.#saver.attach(window);
    this.#sync.start();
    // Leaving with anything unsaved asks first (the write is started too, in case the user stays).
    window.addEventListener('beforeunload', (e) => {
      if (!this.hasUnsaved) return;
      void this.#saver.flush();
      e.preventDefault();
      e.returnValue = ''; // older browsers need it set
    });
    // A selection or scroll still waiting for its debounce is written at once when the tab is hidden or closed.
    const leave = () => void (this.#uiTimer !== undefined && this.#writeUi());
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && leave());
    const [datasets, ui] = await Promise.all([db.listDatasets(), db.getUiState()]);
    this.datasets = datasets;
    this.#journal.prune(new Set(datasets.map((d) => d.id)));
    const last = ui?.lastDatasetId && datasets.find((d) => d.id === ui.lastDatasetId);
    if (typeof ui.view === 'string' && (VIEWS as readonly string[]).includes(ui.view)) this.view = ui.view as View;
    // (Before 0.3 the text and issue filters were stored on their own.)
    this.listFilter = normalizeFilter(ui.listFilter ?? { query: ui.listQuery, issues: ui.listIssues });
    if (last) await this.open(last.id, ui);
    this.ready = true;
    this.#saver.markLoaded();
    if (datasets.length) void this.#askPersistence();
    else void this.#estimate();
  }

  /** Shows another pane (remembered). */
  setView(view: View): void {
    this.view = view;
    this.#saveUi();
  }

  /** Sets the example list's filters (remembered). */
  setListFilter(patch: Partial<ListFilter>): void {
    this.listFilter = normalizeFilter({ ...this.listFilter, ...patch });
    this.#saveUi();
  }

  /** The examples that go into exports and training: all but the rejected ones (unless `includeRejected`). */
  exportable(includeRejected = false): readonly Example[] {
    return includeRejected ? this.examples : this.examples.filter((ex) => ex.meta?.status !== 'rejected');
  }

  /**
   * Sets the review status of example `index` (undefined: back to "to review") as one undoable step. The example's
   * text, source bytes and line stay as they are: a review never changes what is exported.
   */
  setReviewStatus(index: number, status: ReviewStatus | undefined): void {
    const before = this.examples[index];
    if (!before || before.meta?.status === status) return;
    this.apply({ kind: 'replace', index, before, after: withStatus(before, status) });
  }

  /** The open dataset's saved views (named list filters). */
  get views(): { name: string; filter: ListFilter }[] {
    return (Array.isArray(this.meta?.views) ? this.meta.views : []).filter((v) => typeof v?.name === 'string').map((v) => ({ name: v.name, filter: normalizeFilter(v.filter) }));
  }

  /** Saves the list's current filter as view `name` (replacing one of that name); `null` filter deletes it. */
  saveView(name: string, filter: ListFilter | null = this.listFilter): void {
    const rest = this.views.filter((v) => v.name !== name);
    this.updateMeta({ views: filter ? [...rest, { name, filter }].sort((a, b) => a.name.localeCompare(b.name)) : rest });
  }

  /**
   * Sets the tags and/or the note of example `index` (an empty list or text removes them); typing in the note is one
   * undo step per pause, like typing in a message.
   */
  setExampleMeta(index: number, patch: { tags?: string[]; note?: string }): void {
    const before = this.examples[index];
    if (!before) return;
    const meta: Record<string, unknown> = { ...before.meta };
    if (patch.tags) {
      if (patch.tags.length) meta.tags = patch.tags;
      else delete meta.tags;
    }
    if (patch.note !== undefined) {
      if (patch.note) meta.note = patch.note;
      else delete meta.note;
    }
    if (JSON.stringify(meta) === JSON.stringify(before.meta ?? {})) return;
    const { meta: _meta, ...bare } = before;
    const after: Example = Object.keys(meta).length ? { ...bare, meta } : bare;
    this.apply({ kind: 'replace', index, before, after }, patch.note !== undefined ? `${before.id}:note` : undefined);
  }

  /**
   * What a bulk edit of the examples at `indexes` would change: each changed example with its new version (for a
   * delete, the examples themselves). Nothing is applied.
   */
  planBulk(edit: BulkEdit, indexes: readonly number[]): { index: number; before: Example; after: Example | null }[] {
    const list = this.examples;
    const out: { index: number; before: Example; after: Example | null }[] = [];
    if (edit.kind === 'delete') {
      for (const index of indexes) if (list[index]) out.push({ index, before: list[index], after: null });
      return out;
    }
    const fn = edit.kind === 'status' ? (ex: Example) => ((ex.meta?.status ?? null) === edit.status ? null : withStatus(ex, edit.status ?? undefined)) : bulkTransform(edit);
    for (const index of indexes) {
      const before = list[index];
      const after = before && fn(before);
      if (after) out.push({ index, before, after });
    }
    return out;
  }

  /** Applies a bulk edit to the examples at `indexes` as one undoable step named `label`; returns how many changed. */
  applyBulk(edit: BulkEdit, indexes: readonly number[], label: string): number {
    const plan = this.planBulk(edit, indexes);
    if (!plan.length) return 0;
    const now = Date.now();
    const ops: Op[] =
      edit.kind === 'delete'
        ? plan.sort((a, b) => b.index - a.index).map((c) => ({ kind: 'remove', index: c.index, examples: [c.before] })) // last first: indexes stay valid
        : plan.map((c) => ({ kind: 'replace', index: c.index, before: c.before, after: META_ONLY_KINDS.has(edit.kind) ? c.after! : stampEdited(c.after!, now) }));
    this.apply({ kind: 'batch', ops, label });
    if (edit.kind === 'delete') this.select(Math.min(this.selected, this.examples.length - 1));
    return plan.length;
  }

  /**
   * Keyboard-first review: sets the selected example's status, then selects the next example the list shows after
   * it (with a "to review" filter, the one just reviewed leaves the list and the next one to review comes up).
   */
  review(status: ReviewStatus): void {
    const at = this.selected;
    if (at < 0) return;
    const visible = this.visible;
    this.setReviewStatus(at, status);
    const next = visible ? visible.find((i) => i > at) : at + 1;
    if (next !== undefined && next < this.examples.length) this.select(next);
  }

  /**
   * Asks the browser to keep this site's data even when disk space runs low (Chromium decides without a prompt;
   * Firefox may ask), then reads the usage. Asked once there is something worth keeping.
   */
  async #askPersistence(): Promise<void> {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    try {
      if (storage && !(await storage.persisted?.())) await storage.persist?.();
    } catch {
      // not supported: the library shows "may be cleared"
    }
    await this.#estimate();
  }

  async #estimate(): Promise<void> {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!storage?.estimate) return;
    try {
      const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? Promise.resolve(false)]);
      this.storage = { usage, quota, persisted };
    } catch {
      this.storage = null;
    }
  }

  #estimateSoon(): void {
    clearTimeout(this.#estimateTimer);
    this.#estimateTimer = setTimeout(() => void this.#estimate(), 1000);
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
    await this.#storing.get(id)?.done; // a dataset still being stored is read back only once complete
    const loaded = await db.loadDataset(id);
    if (!loaded) {
      this.datasets = this.datasets.filter((d) => d.id !== id);
      return;
    }
    const { meta: storedMeta, examples: storedExamples, problems } = loaded;
    // Edits journaled after the last stored write (a tab closed before its write ran) come back and are stored.
    const replay = this.#journal.replay(id, storedMeta.updatedAt, storedExamples);
    const examples = replay?.examples ?? storedExamples;
    const meta = replay ? { ...storedMeta, exampleIds: examples.map((e) => e.id) } : storedMeta;
    const tokenCache = await db.getTokenCache(id).catch(() => null);
    await this.#saver.flush(); // edits made to the previous dataset while this one loaded
    this.#history.clear();
    this.historyVersion++;
    this.meta = meta;
    this.examples = examples;
    this.loadProblems = problems;
    const sel = ui?.selectedExampleId ? examples.findIndex((e) => e.id === ui.selectedExampleId) : -1;
    this.selected = sel >= 0 ? sel : examples.length ? 0 : -1;
    this.scrollTop = ui?.scrollTop ?? 0;
    this.#reanalyse(tokenCache);
    this.#saveUi();
    if (replay) this.#saver.adopt(id, { upserted: replay.upserted, removed: replay.removed, orderChanged: true }, { meta, examples });
    if (loaded.packed && loaded.packed.dead >= Math.max(COMPACT_MIN_DEAD, loaded.packed.entries * COMPACT_MIN_SHARE)) this.#compactLater(id);
  }

  /**
   * Gives back the bytes of deleted or rewritten examples still held in the dataset's import packs, a while after it
   * was opened (the work is spread over small transactions and yields; a failure only leaves the bytes in place).
   */
  #compactLater(id: string): void {
    setTimeout(() => {
      if (this.outdated) return; // older code never rewrites what newer code stored
      void db.compactPacks(id, { yieldNow: yieldToPage }).then(() => this.#estimate(), () => undefined);
    }, COMPACT_DELAY_MS);
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
    const { exampleIds: _ids, ...summary } = meta;
    this.datasets = [{ ...summary, count: examples.length }, ...this.datasets];
    // Shown at once; stored behind in chunks so a 100,000-example import never blocks the page.
    this.#history.clear();
    this.historyVersion++;
    this.meta = meta;
    this.examples = examples;
    this.loadProblems = [];
    this.selected = examples.length ? 0 : -1;
    this.scrollTop = 0;
    this.#reanalyse();
    this.#saveUi();
    // Stored at once (an import must survive closing the tab right away), in chunks, not awaited: the user works
    // meanwhile and the status says "Saving…". (Deferring it until counted gave statistics sooner on 2 cores, but
    // a tab closed meanwhile lost the whole import.)
    const entry = { meta, examples, done: Promise.resolve() };
    this.#storing.set(meta.id, entry);
    this.#storingCount++;
    entry.done = this.#storeNew(meta.id, entry).finally(() => {
      if (this.#storing.get(meta.id) === entry) this.#storing.delete(meta.id);
      this.#storingCount--;
    });
    void this.#askPersistence();
  }

  /**
   * Writes a new dataset: the header and the full order first, then transactions of about 0.5 MB (see storageChunks),
   * each one pack record (db.savePack) of the examples' latest values, skipping ones deleted meanwhile (the saver
   * writes edits made during the write as per-example records, which win over packs on load). The last step writes
   * the current order, so storage ends equal to memory.
   */
  async #storeNew(id: string, entry: { meta: DatasetMeta; examples: readonly Example[] }): Promise<void> {
    const live = () => this.#storing.get(id) === entry && !this.outdated; // false once deleted (or this tab is outdated)
    const { meta, examples } = entry; // the state when storing starts; later chunks read entry.examples
    const stored = new Set<string>();
    let headerStored = false;
    try {
      // Header and full order first: an interrupted write then loads in order, with the missing examples named.
      await db.createDataset(meta, []);
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
      this.#sync.created(toHeader(entry.meta, entry.examples.length));
    } catch (e) {
      if (!live()) return;
      // What this write did not store becomes the saver's: retried, counted as unsaved, offered for export, and
      // "Saved" is not shown until it is all written (a later small edit cannot hide it).
      const missing: ChangedIds = { upserted: entry.examples.filter((x) => !stored.has(x.id)).map((x) => x.id), removed: [], orderChanged: true };
      this.#saver.adopt(id, missing, { meta: entry.meta, examples: entry.examples }, e);
      if (headerStored) this.#sync.created(toHeader(entry.meta, entry.examples.length));
    }
  }

  /** Renames or re-targets the open dataset (model, format, target). */
  updateMeta(patch: Partial<Pick<DatasetMeta, 'name' | 'model' | 'format' | 'views' | 'target'>>): void {
    if (!this.meta) return;
    const modelChanged = patch.model !== undefined && patch.model !== this.meta.model;
    const formatChanged = patch.format !== undefined && patch.format !== this.meta.format;
    const targetChanged = patch.target !== undefined && patch.target !== this.meta.target;
    const meta = { ...this.meta, ...patch, updatedAt: new Date().toISOString() };
    this.meta = meta;
    const storing = this.#storing.get(meta.id);
    if (storing) storing.meta = meta;
    this.datasets = this.datasets.map((d) => (d.id === meta.id ? { ...d, ...patch } : d));
    this.#saver.markChanged({ upserted: [], removed: [], orderChanged: false });
    if (modelChanged || formatChanged || targetChanged) this.#reanalyse();
  }

  /** Duplicates dataset `id` under a new name. */
  async duplicate(id: string, name: string): Promise<void> {
    await this.#saver.flush();
    await this.#storing.get(id)?.done; // copy the complete dataset, not what is stored so far
    const summary = await db.duplicateDataset(id, newExampleId(), name);
    if (summary) {
      this.datasets = [summary, ...this.datasets];
      this.#sync.created(summary);
    }
  }

  /** Deletes dataset `id` (the UI confirms first). */
  async remove(id: string): Promise<void> {
    if (this.meta?.id === id) this.#switching();
    this.#storing.delete(id); // a running #storeNew stops before its next write
    await this.#saver.flush();
    await db.deleteDataset(id);
    this.#sync.deleted(id);
    this.datasets = this.datasets.filter((d) => d.id !== id);
    if (this.meta?.id === id) {
      this.meta = null;
      this.examples = [];
      this.selected = -1;
      this.#history.clear();
      this.historyVersion++;
      this.#saveUi();
    }
  }

  /** Applies an edit, records it for undo (merging with the previous one when `coalesceKey` matches) and saves. */
  apply(op: Op, coalesceKey?: string): void {
    this.#commit(op);
    this.#history.push(op, coalesceKey);
    this.historyVersion++;
  }

  /** Replaces the value of example `index` (an edit in the structured editor). */
  setValue(index: number, value: unknown, coalesceKey?: string): void {
    const before = this.examples[index];
    if (!before) return;
    const after: Example = { id: before.id, value, line: before.line, meta: { ...before.meta, editedAt: Date.now() } };
    this.apply({ kind: 'replace', index, before, after }, coalesceKey && `${before.id}:${coalesceKey}`);
  }

  /** Replaces the raw text of an unparsable example; once it parses it becomes a normal example. */
  setRaw(index: number, raw: string): void {
    const before = this.examples[index];
    if (!before) return;
    let after: Example;
    const meta = { ...before.meta, editedAt: Date.now() };
    try {
      after = { id: before.id, value: JSON.parse(raw), line: before.line, meta };
    } catch {
      after = { id: before.id, raw, line: before.line, meta };
    }
    this.apply({ kind: 'replace', index, before, after }, `${before.id}:raw`);
  }

  /** Adds a new example from the dataset's template after the selection and selects it. */
  addExample(value?: unknown): void {
    if (!this.meta) return;
    const fresh: Example = {
      id: newExampleId(),
      meta: { editedAt: Date.now() },
      value: value ?? templateExample(this.meta.format, usualSystemPrompt(this.examples.map((e) => e.value))),
    };
    const index = this.selected >= 0 ? this.selected + 1 : this.examples.length;
    this.apply({ kind: 'insert', index, examples: [fresh] });
    this.select(index);
  }

  /** Appends `examples` (import into the current dataset). */
  appendExamples(examples: Example[]): void {
    this.apply({ kind: 'insert', index: this.examples.length, examples });
  }

  /** Deletes example `index` (undoable). */
  deleteExample(index: number): void {
    const ex = this.examples[index];
    if (!ex) return;
    this.apply({ kind: 'remove', index, examples: [ex] });
    this.select(Math.min(index, this.examples.length - 1));
  }

  /** Inserts a copy of example `index` after it. */
  duplicateExample(index: number): void {
    const ex = this.examples[index];
    if (!ex) return;
    const copy: Example = { id: newExampleId(), value: structuredClone(ex.value), raw: ex.raw, meta: ex.meta && structuredClone(ex.meta) };
    this.apply({ kind: 'insert', index: index + 1, examples: [copy] });
    this.select(index + 1);
  }

  undo(): void {
    const op = this.#history.undo();
    if (op) this.#commit(op);
    this.historyVersion++;
  }

  redo(): void {
    const op = this.#history.redo();
    if (op) this.#commit(op);
    this.historyVersion++;
  }

  /** Selects example `index` (clamped) and remembers it. */
  select(index: number): void {
    if (!this.examples.length) return void (this.selected = -1);
    this.selected = Math.max(0, Math.min(index, this.examples.length - 1));
    this.#saveUi();
  }

  /** Selects the next example (after the selection, wrapping around) that has an error; stays put when none has. */
  selectNextError(): void {
    const list = this.examples;
    for (let k = 1; k <= list.length; k++) {
      const i = (this.selected + k) % list.length;
      if (this.analysis.analyse(list[i]).errors) return this.select(i);
    }
  }

  /** Remembers the list's scroll offset (debounced with the UI state). */
  setScroll(top: number): void {
    this.scrollTop = top;
    this.#saveUi();
  }

  /** Writes pending changes now (before export, on tab hide). */
  flush(): Promise<void> {
    return this.#saver.flush();
  }

  /** The open dataset's model info (catalog lookup), if known. */
  get model() {
    return this.meta ? resolveModel(this.meta.model) : undefined;
  }

  /** The trainer the open dataset is checked for (state/target.ts datasetTarget). */
  get target(): TargetId {
    return this.meta ? datasetTarget(this.meta) : 'openai';
  }

  /** Checks the open dataset for `target` from now on; its format follows when the target does not take it. */
  setTarget(target: TargetId): void {
    if (!this.meta) return;
    this.updateMeta({ target, format: formatFor(target, this.meta.format) });
  }

  #commit(op: Op): void {
    this.examples = applyOp(this.examples, op);
    if (this.selected >= this.examples.length) this.selected = this.examples.length - 1;
    if (this.selected < 0 && this.examples.length) this.selected = 0;
    const changed = changedIds(op);
    for (const id of changed.upserted) this.#edited.add(id);
    if (this.meta) {
      // The id list is rebuilt only when order or membership changed (typing in a 100k dataset stays cheap).
      const exampleIds = changed.orderChanged ? this.examples.map((e) => e.id) : this.meta.exampleIds;
      const updatedAt = new Date().toISOString();
      this.meta = { ...this.meta, exampleIds, updatedAt };
      if (!this.outdated && changed.upserted.length + changed.removed.length <= MAX_JOURNALED_EXAMPLES) {
        const list = this.examples;
        this.#journal.record(this.meta.id, updatedAt, changed.upserted, changed.removed, (id) => {
          const i = list.findIndex((e) => e.id === id);
          return i < 0 ? undefined : { example: list[i], after: list[i - 1]?.id };
        });
      }
      const storing = this.#storing.get(this.meta.id);
      if (storing) [storing.meta, storing.examples] = [this.meta, this.examples];
    }
    this.#saver.markChanged(changed);
    this.unsavedCount = this.#saver.unsavedCount;
    this.analysis.update(this.examples);
  }

  /**
   * What the examples of an import are analysed for: the open dataset's model when appending to it (`append` is its
   * id), else the model a new dataset gets. Lets the analysis start while the file is still being read.
   */
  importTarget(format: DatasetFormat, append: string | null): AnalysisTarget {
    const { encoding, toolFamily } = modelTarget(append !== null && this.meta?.id === append ? this.meta.model : DEFAULT_MODEL);
    return { format, encoding, toolFamily };
  }

  #reanalyse(stored?: TokenCache | null): void {
    if (!this.meta) return;
    const id = this.meta.id;
    // Counts are stored per dataset so a reopened dataset is not counted again (a cache: failures are ignored).
    const save = (cache: TokenCache) => void db.setTokenCache(id, cache).catch(() => undefined);
    const target = datasetTarget(this.meta);
    // A target's rules load on first use: analysed by OpenAI's rules meanwhile, again once they are here.
    const rules = targetRules(target, () => {
      if (this.meta?.id === id && this.target === target) this.#reanalyse(stored);
    });
    this.analysis.reset(this.examples, { format: this.meta.format, ...modelTarget(this.meta.model), stored, onCounted: save, target: rules });
  }

  // ---- other tabs ------------------------------------------------------------------------------------------

  /** Another tab stored a change: update the library entry and, for the open dataset, the examples shown. */
  #onRemoteSaved(m: SavedMessage): void {
    if (m.header) {
      const h = m.header as DatasetSummary;
      this.datasets = this.datasets.some((d) => d.id === h.id) ? this.datasets.map((d) => (d.id === h.id ? h : d)) : [h, ...this.datasets];
    }
    if (this.meta?.id !== m.datasetId) return;
    if (m.header) {
      const { name, model, format, target } = m.header;
      const retarget = model !== this.meta.model || format !== this.meta.format || target !== this.meta.target;
      if (retarget || name !== this.meta.name) this.meta = { ...this.meta, name, model, format, target };
      if (retarget) this.#reanalyse();
    }
    if (m.reload) void this.#reloadFromStorage(m.datasetId);
    else this.#applyRemote({ order: m.order, upsert: m.upsert as Example[], remove: m.remove });
  }

  /** Reads the open dataset back from storage and merges it in (a write too big to announce example by example). */
  async #reloadFromStorage(id: string): Promise<void> {
    const loaded = await db.loadDataset(id);
    if (loaded && this.meta?.id === id) this.#applyRemote({ order: loaded.meta.exampleIds, upsert: loaded.examples, remove: [] }, true);
  }

  /**
   * Merges another tab's stored change into the open dataset as one undo step (Ctrl+Z brings back what it
   * overwrote); this tab's own unsaved changes win (they are written after it). Nothing is written.
   */
  #applyRemote(change: RemoteChange, fromStorage = false): void {
    const meta = this.meta;
    if (!meta) return;
    const merged = mergeRemote(this.examples, change, (id) => this.#saver.isUnsaved(meta.id, id));
    if (merged.missing.length && !fromStorage) return void this.#reloadFromStorage(meta.id);
    if (!merged.op) return;
    const before = this.examples;
    const selectedId = before[this.selected]?.id;
    const position = new Map<string, number>();
    for (const id of [...merged.replaced, ...merged.removed]) if (this.#edited.has(id)) position.set(id, before.findIndex((e) => e.id === id) + 1);
    this.examples = applyOp(before, merged.op);
    this.#history.push(merged.op);
    this.historyVersion++;
    const nextMeta = changedIds(merged.op).orderChanged ? { ...meta, exampleIds: this.examples.map((e) => e.id) } : meta;
    this.meta = nextMeta;
    const storing = this.#storing.get(meta.id);
    if (storing) [storing.meta, storing.examples] = [nextMeta, this.examples];
    const sel = selectedId === undefined ? -1 : this.examples.findIndex((e) => e.id === selectedId);
    this.selected = sel >= 0 ? sel : Math.min(this.selected, this.examples.length - 1);
    this.analysis.update(this.examples);
    const notices: Notice[] = [];
    for (const id of merged.replaced) if (position.has(id)) notices.push({ kind: 'replaced', id: ++this.#noticeId, example: position.get(id)! });
    for (const id of merged.removed) if (position.has(id)) notices.push({ kind: 'removed', id: ++this.#noticeId, example: position.get(id)! });
    if (notices.length) this.notices = [...this.notices, ...notices].slice(-5);
  }

  /** Another tab deleted a dataset: drop it from the library; if it is open, close it and keep a copy to download. */
  #onRemoteDeleted(id: string): void {
    this.datasets = this.datasets.filter((d) => d.id !== id);
    this.#storing.delete(id);
    this.#saver.discard(id);
    if (this.meta?.id !== id) return;
    const copy = { meta: this.meta, examples: this.examples };
    this.notices = [...this.notices, { kind: 'datasetDeleted', id: ++this.#noticeId, name: this.meta.name, copy }];
    this.meta = null;
    this.examples = [];
    this.selected = -1;
    this.#history.clear();
    this.historyVersion++;
    this.analysis.update([]);
  }

  #saveUi(): void {
    clearTimeout(this.#uiTimer);
    this.#uiTimer = setTimeout(() => this.#writeUi(), 300);
  }

  /** Writes the remembered dataset, selection and scroll now (debounce fired, or the page is being left). */
  #writeUi(): void {
    clearTimeout(this.#uiTimer);
    this.#uiTimer = undefined;
    if (this.outdated) return;
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
