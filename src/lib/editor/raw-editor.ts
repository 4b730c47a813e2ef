// The raw JSONL editor: a CodeMirror 6 view of the dataset (line i+1 ↔ example i) with the validator's diagnostics
// for the visible lines, repairs as lint quick fixes, and two-way sync with the dataset through callbacks. The only
// file that wires CodeMirror's view; no svelte here (the component passes the workspace in as plain functions).
import { Annotation, EditorState, type ChangeSet, type Text } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, type ViewUpdate } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { searchKeymap } from '@codemirror/search';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { forceLinting, lintGutter, lintKeymap, linter, type Action, type Diagnostic } from '@codemirror/lint';
import type { DatasetFormat, Example, Issue } from '../dataset/types';
import { applyOp, type Op } from '../dataset/ops';
import { diffByIdentity, lineText, rawEditToOp } from '../state/raw-sync';
import { changedLines, docOf, spliceChange } from './raw-doc';
import { checkLine, fixedText, lineProblems, lineRecord, lineRepairs, type IssueWriter, type LineCheck } from './diagnostics';
import { renderIssue, renderMessage, type Message } from '../dataset/messages/index';

/** Quiet time after the last keystroke before a raw edit is applied to the dataset, in ms. */
export const RAW_APPLY_DELAY_MS = 300;
/** Quiet time before diagnostics are recomputed after a change or scroll, in ms. */
const LINT_DELAY_MS = 250;
/** Entries kept in the per-text check cache before it is cleared (edited lines only; a few MB at most). */
const MEMO_LIMIT = 2000;
/** Longest quick-fix button label, in characters (descriptions can be sentences). */
const ACTION_LABEL_MAX = 90;
/** Keys that CodeMirror's default keymap would take but the app uses (next/previous example). */
const APP_KEYS = new Set(['Alt-ArrowUp', 'Alt-ArrowDown', 'Shift-Alt-ArrowUp', 'Shift-Alt-ArrowDown']);

/** Marks transactions made by the editor itself to mirror the dataset (they are not user edits). */
const fromDataset = Annotation.define<boolean>();

/** What the editor needs from the app; plain functions so it can be driven without svelte. */
export interface RawEditorOptions {
  parent: HTMLElement;
  /** The dataset's examples when the editor opens. */
  examples: readonly Example[];
  format: DatasetFormat;
  /** Index of the example to show first (-1: none). */
  selected: number;
  /** Cached validation of an unchanged example (the workspace's analysis). */
  analyse: (ex: Example) => readonly Issue[];
  /** Applies a raw edit as one undoable op and returns the dataset's examples afterwards. */
  apply: (op: Op) => readonly Example[];
  /** Called when the cursor moves to another example's line (0-based index). */
  select: (index: number) => void;
  /** Delay before a raw edit reaches the dataset. Defaults to {@link RAW_APPLY_DELAY_MS}. */
  applyDelayMs?: number;
  /** Id of the dataset shown; sync() with another id drops typing not yet applied (see sync). */
  dataset?: string;
  /** Words in the user's language: issues, repair descriptions, quick-fix labels. Defaults to English. */
  words?: RawEditorWords;
}

/** What the editor writes in words (the app passes its current language's). */
export interface RawEditorWords {
  issue: IssueWriter;
  /** A quick fix's label from the repair's description. */
  fix: (description: Message) => string;
  /** The label of applying all `count` fixes of a line. */
  fixAll: (count: number) => string;
}

/** English words (the editor used on its own, e.g. in tests). */
const ENGLISH: RawEditorWords = {
  issue: (i) => renderIssue(i, 'en'),
  fix: (d) => `Apply fix: ${renderMessage(d, 'en')}`,
  fixAll: (count) => `Apply all ${count} fixes`,
};

/** A CodeMirror view over the dataset's JSONL; call `sync` when the dataset changes and `destroy` when done. */
export class RawEditor {
  readonly view: EditorView;
  #opts: RawEditorOptions;
  /** The examples the document showed at the last sync (identity). */
  #base: readonly Example[];
  /** Document at the last sync, and the user's changes since (null: none pending). */
  #startDoc: Text;
  #pending: ChangeSet | null = null;
  /** Id of the dataset shown: typing never crosses from one dataset to another. */
  #dataset: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #format: DatasetFormat;
  #memo = new Map<string, LineCheck>();
  #lastReported = -1;

  constructor(opts: RawEditorOptions) {
    this.#opts = opts;
    this.#dataset = opts.dataset;
    this.#base = opts.examples;
    this.#format = opts.format;
    const doc = docOf(opts.examples);
    this.#startDoc = doc;
    const flushKey = { run: () => (this.flush(), false) };
    this.view = new EditorView({
      parent: opts.parent,
      state: EditorState.create({
        doc,
        extensions: [
          EditorState.lineSeparator.of('\n'),
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          EditorView.lineWrapping,
          json(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          // Undo is the dataset's (one history for both views): apply pending typing, then let the app's shortcut run.
          keymap.of([
            { key: 'Mod-z', ...flushKey },
            { key: 'Mod-y', ...flushKey },
            { key: 'Mod-Shift-z', ...flushKey },
            ...defaultKeymap.filter((b) => !b.key || !APP_KEYS.has(b.key)),
            ...searchKeymap,
            ...lintKeymap,
          ]),
          linter((view) => this.#diagnostics(view), { delay: LINT_DELAY_MS, needsRefresh: (u) => u.viewportChanged }),
          lintGutter(),
          EditorView.updateListener.of((u) => this.#onUpdate(u)),
          EditorView.theme({
            '&': { height: '100%', fontSize: '13px' },
            '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
          }),
          EditorView.contentAttributes.of({ 'aria-label': 'Raw JSONL' }),
        ],
      }),
    });
    this.reveal(opts.selected);
  }

  /** Number of examples the document stands for. */
  get #count(): number {
    return this.#base.length;
  }

  /**
   * Mirrors the dataset's current `examples` (after an undo, a list action, an edit elsewhere): only the lines of
   * examples that changed identity are rewritten. Typing not yet applied is applied first when its op still fits
   * the changed dataset (same examples at the same places); otherwise the dataset wins and that typing is dropped.
   * With another `dataset` id (the user opened another dataset), pending typing is dropped and the text replaced.
   */
  sync(examples: readonly Example[], dataset?: string): void {
    if (dataset !== this.#dataset) {
      // Another dataset was opened: typing not yet applied belonged to the previous one and must not land here.
      this.#dataset = dataset;
      this.#pending = null;
      clearTimeout(this.#timer);
      this.#replaceAll(examples);
      this.#startDoc = this.view.state.doc;
      return;
    }
    if (examples === this.#base) return;
    const op = this.#takePending();
    if (op) {
      const fits = opFits(examples, op);
      this.#base = applyOp(this.#base, op);
      if (fits) examples = this.#opts.apply(op);
    }
    const change = diffByIdentity(this.#base, examples);
    const doc = this.view.state.doc;
    if (change && (this.#count === 0 || doc.lines === this.#count)) {
      const texts = examples.slice(change.from, change.newTo).map(lineText);
      const spec = spliceChange(doc, this.#count, change, texts);
      this.#base = examples;
      this.view.dispatch({ changes: spec, annotations: fromDataset.of(true) });
    } else if (change) this.#replaceAll(examples);
    else this.#base = examples;
    this.#startDoc = this.view.state.doc;
  }

  /** Applies pending raw typing to the dataset now (one undoable op). Called on undo keys, after the pause and on destroy. */
  flush(): void {
    const op = this.#takePending();
    if (op) this.#base = this.#opts.apply(op);
    this.#reportCursor();
  }

  /** The op of the typing since the last sync (null: none), which is no longer pending afterwards. */
  #takePending(): Op | null {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    if (!pending) return null;
    this.#pending = null;
    const doc = this.view.state.doc;
    const edit = changedLines(this.#startDoc, this.#count, doc, pending);
    this.#startDoc = doc;
    return edit && rawEditToOp(this.#base, edit.from, edit.to, edit.lines);
  }

  /** Moves the cursor to example `index`'s line and scrolls it into view, unless it is already there. */
  reveal(index: number): void {
    const doc = this.view.state.doc;
    if (index < 0 || index >= doc.lines || this.#pending) return;
    if (doc.lineAt(this.view.state.selection.main.head).number === index + 1) return;
    const line = doc.line(index + 1);
    this.#lastReported = index;
    this.view.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  }

  /** Changes the dataset format the lines are validated against and recomputes the diagnostics. */
  setFormat(format: DatasetFormat): void {
    if (format === this.#format) return;
    this.#format = format;
    this.#memo.clear();
    this.relint();
  }

  /** Recomputes the visible diagnostics (after the analysis changed). */
  relint(): void {
    forceLinting(this.view);
  }

  /** Applies pending typing and removes the editor. */
  destroy(): void {
    this.flush();
    this.view.destroy();
  }

  #replaceAll(examples: readonly Example[]): void {
    const head = this.view.state.doc.lineAt(this.view.state.selection.main.head).number;
    const doc = docOf(examples);
    this.#base = examples;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: doc },
      selection: { anchor: doc.line(Math.min(head, doc.lines)).from },
      annotations: fromDataset.of(true),
    });
    this.#startDoc = this.view.state.doc;
  }

  #onUpdate(u: ViewUpdate): void {
    for (const tr of u.transactions) {
      if (!tr.docChanged || tr.annotation(fromDataset)) continue;
      this.#pending = this.#pending ? this.#pending.compose(tr.changes) : tr.changes;
    }
    if (u.docChanged && this.#pending) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.flush(), this.#opts.applyDelayMs ?? RAW_APPLY_DELAY_MS);
    }
    if (u.selectionSet && !this.#pending) this.#reportCursor();
  }

  /** Tells the app which example the cursor is on (only when it changed and the lines match the dataset). */
  #reportCursor(): void {
    const state = this.view.state;
    const index = state.doc.lineAt(state.selection.main.head).number - 1;
    if (index === this.#lastReported || index >= this.#count) return;
    this.#lastReported = index;
    this.#opts.select(index);
  }

  /** Diagnostics of the visible lines only (recomputed on scroll), so the cost does not grow with the file. */
  #diagnostics(view: EditorView): Diagnostic[] {
    const doc = view.state.doc;
    if (doc.length === 0) return [];
    const out: Diagnostic[] = [];
    let next = 1;
    for (const range of view.visibleRanges) {
      const end = doc.lineAt(range.to).number;
      for (let n = Math.max(next, doc.lineAt(range.from).number); n <= end; n++) out.push(...this.#lineDiagnostics(doc, n));
      next = end + 1;
    }
    return out;
  }

  #lineDiagnostics(doc: Text, n: number): Diagnostic[] {
    const line = doc.line(n);
    const text = line.text;
    const ex = this.#base[n - 1];
    let check: LineCheck;
    if (ex && ex.value !== undefined && lineText(ex) === text)
      check = { value: ex.value, issues: this.#opts.analyse(ex).map((i) => ({ ...i, example: n, line: n })) };
    else {
      const key = `${n}\u0000${text}`;
      check = this.#memo.get(key) ?? checkLine(text, n, this.#format);
      if (this.#memo.size > MEMO_LIMIT) this.#memo.clear();
      this.#memo.set(key, check);
    }
    if (!check.issues.length) return [];
    const problems = lineProblems(text, check.issues, check.errorOffset, (this.#opts.words ?? ENGLISH).issue);
    const actions = this.#fixActions(text, n, check);
    return problems.map((p, i) => ({
      from: line.from + p.from,
      to: line.from + p.to,
      severity: p.severity,
      source: p.code,
      message: p.message,
      ...(i === 0 && actions.length ? { actions } : {}),
    }));
  }

  /** Quick fixes for a line: each proposed repair alone, plus all of them together when there are several. */
  #fixActions(text: string, n: number, check: LineCheck): Action[] {
    if (!check.issues.some((i) => i.severity !== 'info')) return [];
    const record = lineRecord(text, n, check);
    const repairs = lineRepairs(record, this.#format);
    const format = this.#format;
    const replaceLine = (view: EditorView, from: number, insert: string) => {
      const line = view.state.doc.lineAt(from);
      view.dispatch({ changes: { from: line.from, to: line.to, insert } });
    };
    const words = this.#opts.words ?? ENGLISH;
    const actions: Action[] = repairs.map((r) => ({
      name: clip(words.fix(r.description)),
      apply: (view, from) => replaceLine(view, from, fixedText(record, [r], format)),
    }));
    if (repairs.length > 1) {
      actions.push({ name: words.fixAll(repairs.length), apply: (view, from) => replaceLine(view, from, fixedText(record, repairs, format)) });
    }
    return actions;
  }
}

/** True when `op` can be applied to `examples` (its examples are where it expects them). */
function opFits(examples: readonly Example[], op: Op): boolean {
  try {
    applyOp(examples, op);
    return true;
  } catch {
    return false;
  }
}

const clip = (s: string): string => (s.length > ACTION_LABEL_MAX ? s.slice(0, ACTION_LABEL_MAX - 1) + '…' : s);
