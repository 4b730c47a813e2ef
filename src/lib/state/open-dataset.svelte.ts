// The open dataset: its examples (an immutable array replaced on every edit), selection, undoable edits, review,
// bulk edits, saved views, list filter, target and analysis. Storing is not done here: every change is handed to
// `changed()`, which the Workspace (workspace.svelte.ts) implements with its saver, journal and the library.
import type { Example, ReviewStatus } from '../dataset/types';
import { applyOp, changedIds, type ChangedIds, type Op } from '../dataset/ops';
import { History } from '../dataset/history';
import type { BulkEdit } from '../dataset/bulk';
import { resolveModel } from '../models/catalog';
import { toolFamilyOf } from '../dataset/report';
import type { DatasetMeta, StorageProblem, TokenCache, UiState } from '../storage/db';
import { Analysis } from './analysis.svelte';
import { DEFAULT_FILTER, filterExamples, normalizeFilter, type FilterLookups, type ListFilter } from './filter';
import { markPattern } from './search-marks';
import { bulkOps, copyOf, newExample, planBulk, withExampleMeta, withRaw, withStatus, withValue, type BulkChange } from './example-edits';
import { mergeRemote, type RemoteChange } from './remote-merge';
import { datasetTarget, formatFor, targetRules } from './target';
import type { TargetId } from '../dataset/targets/info';

/** The panes of the open dataset. */
export type View = 'edit' | 'raw' | 'stats' | 'train';
export const VIEWS: readonly View[] = ['edit', 'raw', 'stats', 'train'];

/** Something another tab did that the user should know about (rendered by StorageBanners.svelte). */
export type Notice =
  | { kind: 'replaced' | 'removed'; id: number; example: number }
  | { kind: 'datasetDeleted'; id: number; name: string; copy: { meta: DatasetMeta; examples: readonly Example[] } };

/** The fields of the header an edit may change. */
export type MetaPatch = Partial<Pick<DatasetMeta, 'name' | 'model' | 'format' | 'views' | 'target'>>;

/** Tokenizer, tool-definition rule and per-example token limit of a model id (o200k_base and no limit if unknown). */
export function modelTarget(modelId: string) {
  const model = resolveModel(modelId);
  return { encoding: model?.encoding ?? 'o200k_base', toolFamily: toolFamilyOf(model), limit: model?.limit ?? null };
}

export abstract class OpenDataset {
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
  /** The example list's search, filters and order (restored after reload). */
  listFilter = $state.raw<ListFilter>(DEFAULT_FILTER);
  /** Problems found while loading stored data (shown to the user; the rest loaded). */
  loadProblems = $state.raw<StorageProblem[]>([]);
  /** Changes made in other tabs that replaced or removed this tab's work (newest last). */
  notices = $state.raw<Notice[]>([]);
  /** Bumped on every history change so undo/redo buttons update. */
  historyVersion = $state(0);
  readonly analysis = new Analysis();
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
  #history = new History();
  /** Ids of examples edited in this tab (another tab overwriting one of them is worth a notice). */
  #edited = new Set<string>();
  #noticeId = 0;

  /**
   * Stores a change of the open dataset (`this.meta` and `this.examples` are already the new state); `journal`:
   * also record it in the crash journal (example edits; a header change is written by the saver alone).
   */
  protected abstract changed(change: ChangedIds, journal: boolean): void;
  /** The header of the open dataset changed (`patch` is what changed). */
  protected abstract metaChanged(patch: MetaPatch): void;
  /** The selection, scroll, view or list filter changed (remembered after a debounce). */
  protected abstract uiChanged(): void;
  /** True while example `exampleId` of dataset `datasetId` is changed in this tab and not yet stored. */
  protected abstract isUnsaved(datasetId: string, exampleId: string): boolean;
  /** Stores the dataset's token counts (a cache: a failure is ignored). */
  protected abstract saveTokenCache(datasetId: string, cache: TokenCache): void;

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

  /** The open dataset's model info (catalog lookup), if known. */
  get model() {
    return this.meta ? resolveModel(this.meta.model) : undefined;
  }

  /** The trainer the open dataset is checked for (state/target.ts datasetTarget). */
  get target(): TargetId {
    return this.meta ? datasetTarget(this.meta) : 'openai';
  }

  /** The open dataset's saved views (named list filters). */
  get views(): { name: string; filter: ListFilter }[] {
    return (Array.isArray(this.meta?.views) ? this.meta.views : [])
      .filter((v) => typeof v?.name === 'string')
      .map((v) => ({ name: v.name, filter: normalizeFilter(v.filter) }));
  }

  /** Removes notice `id` from view. */
  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Shows another pane (remembered). */
  setView(view: View): void {
    this.view = view;
    this.uiChanged();
  }

  /** Sets the example list's filters (remembered). */
  setListFilter(patch: Partial<ListFilter>): void {
    this.listFilter = normalizeFilter({ ...this.listFilter, ...patch });
    this.uiChanged();
  }

  /** Selects example `index` (clamped) and remembers it. */
  select(index: number): void {
    if (!this.examples.length) return void (this.selected = -1);
    this.selected = Math.max(0, Math.min(index, this.examples.length - 1));
    this.uiChanged();
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
    this.uiChanged();
  }

  /** The examples that go into exports and training: all but the rejected ones (unless `includeRejected`). */
  exportable(includeRejected = false): readonly Example[] {
    return includeRejected ? this.examples : this.examples.filter((ex) => ex.meta?.status !== 'rejected');
  }

  /** Renames or re-targets the open dataset (model, format, target, saved views). */
  updateMeta(patch: MetaPatch): void {
    if (!this.meta) return;
    const retarget = (['model', 'format', 'target'] as const).some((k) => patch[k] !== undefined && patch[k] !== this.meta![k]);
    this.meta = { ...this.meta, ...patch, updatedAt: new Date().toISOString() };
    this.metaChanged(patch);
    this.changed({ upserted: [], removed: [], orderChanged: false }, false);
    if (retarget) this.reanalyse();
  }

  /** Checks the open dataset for `target` from now on; its format follows when the target does not take it. */
  setTarget(target: TargetId): void {
    if (!this.meta) return;
    this.updateMeta({ target, format: formatFor(target, this.meta.format) });
  }

  /** Saves the list's current filter as view `name` (replacing one of that name); `null` filter deletes it. */
  saveView(name: string, filter: ListFilter | null = this.listFilter): void {
    const rest = this.views.filter((v) => v.name !== name);
    this.updateMeta({ views: filter ? [...rest, { name, filter }].sort((a, b) => a.name.localeCompare(b.name)) : rest });
  }

  /** Applies an edit, records it for undo (merging with the previous one when `coalesceKey` matches) and saves. */
  apply(op: Op, coalesceKey?: string): void {
    this.#commit(op);
    this.#history.push(op, coalesceKey);
    this.historyVersion++;
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

  /** Replaces the value of example `index` (an edit in the structured editor). */
  setValue(index: number, value: unknown, coalesceKey?: string): void {
    const before = this.examples[index];
    if (!before) return;
    this.apply({ kind: 'replace', index, before, after: withValue(before, value, Date.now()) }, coalesceKey && `${before.id}:${coalesceKey}`);
  }

  /** Replaces the raw text of an unparsable example; once it parses it becomes a normal example. */
  setRaw(index: number, raw: string): void {
    const before = this.examples[index];
    if (!before) return;
    this.apply({ kind: 'replace', index, before, after: withRaw(before, raw, Date.now()) }, `${before.id}:raw`);
  }

  /** Adds a new example from the dataset's template after the selection and selects it. */
  addExample(value?: unknown): void {
    if (!this.meta) return;
    const fresh = newExample(this.meta.format, this.examples, value, Date.now());
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
    this.apply({ kind: 'insert', index: index + 1, examples: [copyOf(ex)] });
    this.select(index + 1);
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
   * Sets the tags and/or the note of example `index` (an empty list or text removes them); typing in the note is one
   * undo step per pause, like typing in a message.
   */
  setExampleMeta(index: number, patch: { tags?: string[]; note?: string }): void {
    const before = this.examples[index];
    if (!before) return;
    const after = withExampleMeta(before, patch);
    if (!after) return;
    this.apply({ kind: 'replace', index, before, after }, patch.note !== undefined ? `${before.id}:note` : undefined);
  }

  /**
   * What a bulk edit of the examples at `indexes` would change: each changed example with its new version (for a
   * delete, the examples themselves). Nothing is applied.
   */
  planBulk(edit: BulkEdit, indexes: readonly number[]): BulkChange[] {
    return planBulk(this.examples, edit, indexes);
  }

  /**
   * Applies a bulk edit to the examples at `indexes` as one undoable step named `label`; returns how many changed.
   * `planned` is the plan a preview already worked out for it (in slices): used when every example it changes is
   * still the one it was planned on, which spares working the whole change out again in one task.
   */
  applyBulk(edit: BulkEdit, indexes: readonly number[], label: string, planned?: readonly BulkChange[]): number {
    const fresh = planned?.every((c) => this.examples[c.index] === c.before) === true;
    const plan = fresh ? planned! : this.planBulk(edit, indexes);
    if (!plan.length) return 0;
    const ops = bulkOps(edit, plan, Date.now());
    this.apply({ kind: 'batch', ops, label });
    if (edit.kind === 'delete') this.select(Math.min(this.selected, this.examples.length - 1));
    return plan.length;
  }

  /** Shows a dataset (just loaded or created): no undo history, selection and scroll from `ui` when given. */
  protected show(meta: DatasetMeta, examples: readonly Example[], problems: StorageProblem[], ui?: UiState, tokenCache?: TokenCache | null): void {
    this.#history.clear();
    this.historyVersion++;
    this.meta = meta;
    this.examples = examples;
    this.loadProblems = problems;
    const sel = ui?.selectedExampleId ? examples.findIndex((e) => e.id === ui.selectedExampleId) : -1;
    this.selected = sel >= 0 ? sel : examples.length ? 0 : -1;
    this.scrollTop = ui?.scrollTop ?? 0;
    this.reanalyse(tokenCache);
    this.uiChanged();
  }

  /** Closes the open dataset (deleted here or in another tab). */
  protected close(): void {
    this.meta = null;
    this.examples = [];
    this.selected = -1;
    this.#history.clear();
    this.historyVersion++;
    this.analysis.update([]);
  }

  /** Tells the user another tab deleted the open dataset, keeping `copy` to download. */
  protected notifyDeleted(name: string, copy: { meta: DatasetMeta; examples: readonly Example[] }): void {
    this.notices = [...this.notices, { kind: 'datasetDeleted', id: ++this.#noticeId, name, copy }];
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
      this.meta = { ...this.meta, exampleIds, updatedAt: new Date().toISOString() };
    }
    this.changed(changed, true);
    this.analysis.update(this.examples);
  }

  /** Analyses the open dataset again for its model, format and target (`stored`: token counts kept from before). */
  protected reanalyse(stored?: TokenCache | null): void {
    if (!this.meta) return;
    const id = this.meta.id;
    // Counts are stored per dataset so a reopened dataset is not counted again.
    const save = (cache: TokenCache) => this.saveTokenCache(id, cache);
    const target = datasetTarget(this.meta);
    // A target's rules load on first use: analysed by OpenAI's rules meanwhile, again once they are here.
    const rules = targetRules(target, () => {
      if (this.meta?.id === id && this.target === target) this.reanalyse(stored);
    });
    this.analysis.reset(this.examples, { format: this.meta.format, ...modelTarget(this.meta.model), stored, onCounted: save, target: rules });
  }

  /**
   * Merges another tab's stored change into the open dataset as one undo step (Ctrl+Z brings back what it
   * overwrote); this tab's own unsaved changes win (they are written after it). Nothing is written. Returns false
   * when the change names examples this tab does not have (the caller reads the dataset from storage instead).
   */
  protected mergeRemote(change: RemoteChange, fromStorage = false): boolean {
    const meta = this.meta;
    if (!meta) return true;
    const merged = mergeRemote(this.examples, change, (id) => this.isUnsaved(meta.id, id));
    if (merged.missing.length && !fromStorage) return false;
    if (!merged.op) return true;
    const before = this.examples;
    const selectedId = before[this.selected]?.id;
    const position = new Map<string, number>();
    for (const id of [...merged.replaced, ...merged.removed]) if (this.#edited.has(id)) position.set(id, before.findIndex((e) => e.id === id) + 1);
    this.examples = applyOp(before, merged.op);
    this.#history.push(merged.op);
    this.historyVersion++;
    if (changedIds(merged.op).orderChanged) this.meta = { ...meta, exampleIds: this.examples.map((e) => e.id) };
    const sel = selectedId === undefined ? -1 : this.examples.findIndex((e) => e.id === selectedId);
    this.selected = sel >= 0 ? sel : Math.min(this.selected, this.examples.length - 1);
    this.analysis.update(this.examples);
    const notices: Notice[] = [];
    for (const id of merged.replaced) if (position.has(id)) notices.push({ kind: 'replaced', id: ++this.#noticeId, example: position.get(id)! });
    for (const id of merged.removed) if (position.has(id)) notices.push({ kind: 'removed', id: ++this.#noticeId, example: position.get(id)! });
    if (notices.length) this.notices = [...this.notices, ...notices].slice(-5);
    return true;
  }
}
