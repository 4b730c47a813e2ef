// The open dataset and the library around it: examples (immutable array), selection, undoable edits, autosave.
// Components read its fields and call its methods; all persistence goes through src/lib/storage.
import type { DatasetFormat, Example } from '../dataset/types';
import { applyOp, changedIds, newExampleId, type Op } from '../dataset/ops';
import { History } from '../dataset/history';
import { templateExample, usualSystemPrompt } from '../dataset/edit';
import { resolveModel } from '../models/catalog';
import { toolFamilyOf } from '../dataset/report';
import * as db from '../storage/db';
import type { DatasetMeta, DatasetSummary, StorageProblem, TokenCache, UiState } from '../storage/db';
import { Saver, describeSaveError, type SaveStatus } from '../storage/saver';
import { Analysis, type AnalysisTarget } from './analysis.svelte';

/** The model a new dataset starts with (cheapest current supervised model). */
export const DEFAULT_MODEL = 'gpt-4o-mini-2024-07-18';
/** Most examples per pack (one record, one transaction) when a new dataset is first stored. */
const CREATE_CHUNK = 2000;
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
  saveStatus = $state<SaveStatus>('saved');
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
  #uiTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.#saver = new Saver({
      write: (change) => db.saveChanges(change.datasetId, change),
      getExample: (id) => this.examples.find((e) => e.id === id),
      getExamples: () => this.examples,
      getMeta: () => this.meta,
      onStatus: (s) => (this.saveStatus = s),
    });
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
    // A selection or scroll still waiting for its debounce is written at once when the tab is hidden or closed.
    const leave = () => void (this.#uiTimer !== undefined && this.#writeUi());
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && leave());
    const [datasets, ui] = await Promise.all([db.listDatasets(), db.getUiState()]);
    this.datasets = datasets;
    const last = ui?.lastDatasetId && datasets.find((d) => d.id === ui.lastDatasetId);
    if (last) await this.open(last.id, ui);
    this.ready = true;
    this.#saver.markLoaded();
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
    const { meta, examples, problems } = loaded;
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
    entry.done = this.#storeNew(meta.id, entry).finally(() => {
      if (this.#storing.get(meta.id) === entry) this.#storing.delete(meta.id);
    });
  }

  /**
   * Writes a new dataset: the header and the full order first, then transactions of about 0.5 MB (see storageChunks),
   * each one pack record (db.savePack) of the examples' latest values, skipping ones deleted meanwhile (the saver
   * writes edits made during the write as per-example records, which win over packs on load). The last step writes
   * the current order, so storage ends equal to memory.
   */
  async #storeNew(id: string, entry: { meta: DatasetMeta; examples: readonly Example[] }): Promise<void> {
    const live = () => this.#storing.get(id) === entry; // false once the dataset was deleted
    const { meta, examples } = entry; // the state when storing starts; later chunks read entry.examples
    this.saveStatus = 'saving';
    try {
      // Header and full order first: an interrupted write then loads in order, with the missing examples named.
      await db.createDataset(meta, []);
      await db.saveChanges(id, { meta, upsert: [], remove: [] });
      for (const [index, chunk] of storageChunks(examples).entries()) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!live()) return;
        let latest = chunk;
        if (entry.examples !== examples) {
          const current = new Map(entry.examples.map((e) => [e.id, e]));
          latest = chunk.flatMap((e) => current.get(e.id) ?? []); // latest values; deleted ones skipped
        }
        await db.savePack(id, index, latest); // one record per chunk: far cheaper than one per example
      }
      if (!live()) return;
      // Examples inserted while storing, and the final order and header.
      const written = new Set(examples.map((e) => e.id));
      const added = entry.examples.filter((e) => !written.has(e.id));
      await db.saveChanges(id, { meta: { ...entry.meta, exampleIds: entry.examples.map((e) => e.id) }, upsert: added, remove: [] });
      if (this.saveStatus === 'saving') this.saveStatus = this.#saver.status;
    } catch (e) {
      this.saveStatus = { error: describeSaveError(e) };
    }
  }

  /** Renames or re-targets the open dataset (model, format). */
  updateMeta(patch: Partial<Pick<DatasetMeta, 'name' | 'model' | 'format'>>): void {
    if (!this.meta) return;
    const modelChanged = patch.model !== undefined && patch.model !== this.meta.model;
    const formatChanged = patch.format !== undefined && patch.format !== this.meta.format;
    const meta = { ...this.meta, ...patch, updatedAt: new Date().toISOString() };
    this.meta = meta;
    const storing = this.#storing.get(meta.id);
    if (storing) storing.meta = meta;
    this.datasets = this.datasets.map((d) => (d.id === meta.id ? { ...d, ...patch } : d));
    this.#saver.markChanged({ upserted: [], removed: [], orderChanged: false });
    if (modelChanged || formatChanged) this.#reanalyse();
  }

  /** Duplicates dataset `id` under a new name. */
  async duplicate(id: string, name: string): Promise<void> {
    await this.#saver.flush();
    await this.#storing.get(id)?.done; // copy the complete dataset, not what is stored so far
    const summary = await db.duplicateDataset(id, newExampleId(), name);
    if (summary) this.datasets = [summary, ...this.datasets];
  }

  /** Deletes dataset `id` (the UI confirms first). */
  async remove(id: string): Promise<void> {
    if (this.meta?.id === id) this.#switching();
    this.#storing.delete(id); // a running #storeNew stops before its next write
    await this.#saver.flush();
    await db.deleteDataset(id);
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
    const after: Example = { id: before.id, value, line: before.line, meta: before.meta };
    this.apply({ kind: 'replace', index, before, after }, coalesceKey && `${before.id}:${coalesceKey}`);
  }

  /** Replaces the raw text of an unparsable example; once it parses it becomes a normal example. */
  setRaw(index: number, raw: string): void {
    const before = this.examples[index];
    if (!before) return;
    let after: Example;
    try {
      after = { id: before.id, value: JSON.parse(raw), line: before.line, meta: before.meta };
    } catch {
      after = { id: before.id, raw, line: before.line, meta: before.meta };
    }
    this.apply({ kind: 'replace', index, before, after }, `${before.id}:raw`);
  }

  /** Adds a new example from the dataset's template after the selection and selects it. */
  addExample(value?: unknown): void {
    if (!this.meta) return;
    const fresh: Example = {
      id: newExampleId(),
      value: value ?? templateExample(this.meta.format, usualSystemPrompt(this.examples.map((e) => e.value))),
    };
    const index = this.selected >= 0 ? this.selected + 1 : this.examples.length;
    this.apply({ kind: 'insert', index, examples: [fresh] });
    this.selected = index;
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
    this.selected = Math.min(index, this.examples.length - 1);
  }

  /** Inserts a copy of example `index` after it. */
  duplicateExample(index: number): void {
    const ex = this.examples[index];
    if (!ex) return;
    const copy: Example = { id: newExampleId(), value: structuredClone(ex.value), raw: ex.raw, meta: ex.meta && structuredClone(ex.meta) };
    this.apply({ kind: 'insert', index: index + 1, examples: [copy] });
    this.selected = index + 1;
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

  #commit(op: Op): void {
    this.examples = applyOp(this.examples, op);
    if (this.selected >= this.examples.length) this.selected = this.examples.length - 1;
    if (this.selected < 0 && this.examples.length) this.selected = 0;
    const changed = changedIds(op);
    if (this.meta) {
      // The id list is rebuilt only when order or membership changed (typing in a 100k dataset stays cheap).
      const exampleIds = changed.orderChanged ? this.examples.map((e) => e.id) : this.meta.exampleIds;
      this.meta = { ...this.meta, exampleIds, updatedAt: new Date().toISOString() };
      const storing = this.#storing.get(this.meta.id);
      if (storing) [storing.meta, storing.examples] = [this.meta, this.examples];
    }
    this.#saver.markChanged(changed);
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
    this.analysis.reset(this.examples, { format: this.meta.format, ...modelTarget(this.meta.model), stored, onCounted: save });
  }

  #saveUi(): void {
    clearTimeout(this.#uiTimer);
    this.#uiTimer = setTimeout(() => this.#writeUi(), 300);
  }

  /** Writes the remembered dataset, selection and scroll now (debounce fired, or the page is being left). */
  #writeUi(): void {
    clearTimeout(this.#uiTimer);
    this.#uiTimer = undefined;
    void db.setUiState({
      lastDatasetId: this.meta?.id,
      selectedExampleId: this.examples[this.selected]?.id,
      scrollTop: this.scrollTop,
    });
  }
}
