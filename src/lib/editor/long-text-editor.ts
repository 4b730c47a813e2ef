// A CodeMirror 6 view over one long text field (a 12 MB reply): CodeMirror draws only the lines in view, where a
// textarea lays out the whole text on every change (30 s for 12 MB). The text is exchanged as a JS string without
// copying it: an edit gives back the old string's unchanged parts joined around the inserted text (V8 joins and
// slices in O(1)), and a new text from outside (undo) is applied as the one changed stretch. No svelte here.
import { Annotation, EditorState, Text } from '@codemirror/state';
import { EditorView, drawSelection, keymap, type ViewUpdate } from '@codemirror/view';
import { defaultKeymap } from '@codemirror/commands';
import { searchKeymap } from '@codemirror/search';
import { noteEdit } from '../tokens/long-text';
import { Pieces } from './pieces';
import { yieldToPage } from '../util/yield';

/** Marks transactions that mirror a text set from outside (not user edits). */
const fromOutside = Annotation.define<boolean>();
/** Characters split into lines per slice while the document is built (see buildDoc). */
const SPLIT_CHARS = 1 << 20;
/** Keys CodeMirror's default keymap would take but the app uses (next/previous example). */
const APP_KEYS = new Set(['Alt-ArrowUp', 'Alt-ArrowDown', 'Shift-Alt-ArrowUp', 'Shift-Alt-ArrowDown']);

/** What the editor needs from the component. */
export interface LongTextEditorOptions {
  parent: HTMLElement;
  text: string;
  /** Accessible name of the text box. */
  label: string;
  /** Receives the whole new text after each edit. */
  onchange: (text: string) => void;
}

/** Splits `text` into lines in slices of SPLIT_CHARS, giving the thread back between them, then makes a Text. */
export async function buildDoc(text: string): Promise<Text> {
  const lines: string[] = [];
  let carry = ''; // the start of a line that goes on in the next slice
  let until = performance.now() + 12;
  for (let from = 0; from < text.length; from += SPLIT_CHARS) {
    const part = text.slice(from, from + SPLIT_CHARS).split('\n');
    part[0] = carry + part[0];
    carry = part.pop()!;
    for (const line of part) lines.push(line);
    if (performance.now() > until) {
      await yieldToPage();
      until = performance.now() + 12;
    }
  }
  lines.push(carry);
  return Text.of(lines);
}

/** Length of the common start of `a` and `b`, found block by block with native comparisons. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  for (let block = 65_536; block >= 1; block >>= 4) {
    while (at + block <= max && b.startsWith(a.slice(at, at + block), at)) at += block;
  }
  while (at < max && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Length of the common end of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (let block = 65_536; block >= 1; block >>= 4) {
    while (n + block <= max && b.endsWith(a.slice(a.length - n - block, a.length - n), b.length - n)) n += block;
  }
  return n;
}

export class LongTextEditor {
  readonly view: EditorView;
  /** The text the document holds, as the string last received or given out. */
  #text: string;
  /** The same text in pieces, to cut from without reading it whole. */
  #pieces: Pieces;
  #onchange: (text: string) => void;

  constructor(opts: LongTextEditorOptions, doc: Text) {
    this.#text = opts.text;
    this.#pieces = new Pieces(opts.text);
    this.#onchange = opts.onchange;
    this.view = new EditorView({
      parent: opts.parent,
      state: EditorState.create({
        doc,
        extensions: [
          EditorState.lineSeparator.of('\n'), // only \n splits lines: a \r stays in the text, which must come back intact
          drawSelection(),
          EditorView.lineWrapping,
          keymap.of([...defaultKeymap.filter((b) => !b.key || !APP_KEYS.has(b.key)), ...searchKeymap]),
          EditorView.contentAttributes.of({ 'aria-label': opts.label }),
          EditorView.updateListener.of((u) => this.#onUpdate(u)),
          EditorView.theme({
            '&': { maxHeight: '70vh', border: '1px solid var(--border)', borderRadius: '4px', background: 'var(--bg)' },
            '.cm-scroller': { overflow: 'auto', fontFamily: 'inherit', lineHeight: '1.4' },
          }),
        ],
      }),
    });
  }

  /** The text shown. */
  get text(): string {
    return this.#text;
  }

  /** Shows `text` (a change from outside, e.g. undo): only the stretch that differs is replaced. */
  setText(text: string): void {
    if (text === this.#text) return;
    const old = this.#text;
    const start = commonPrefix(old, text);
    const end = commonSuffix(old, text, Math.min(old.length, text.length) - start);
    this.#text = text;
    this.#pieces.reset(text);
    this.view.dispatch({
      changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
      annotations: fromOutside.of(true),
    });
  }

  focus(): void {
    this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }

  #onUpdate(u: ViewUpdate): void {
    if (!u.docChanged || u.transactions.every((tr) => tr.annotation(fromOutside))) return;
    const old = this.#text;
    const edits: [number, number, string][] = [];
    u.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
      edits.push([fromA, toA, inserted.sliceString(0, inserted.length, '\n')]);
    });
    // Last first, so the earlier offsets still hold.
    for (let k = edits.length - 1; k >= 0; k--) this.#pieces.replace(...edits[k]);
    const text = this.#pieces.join();
    // Counting the new text then cuts only the changed stretch (from the pieces) instead of reading the whole text.
    if (edits.length === 1) {
      noteEdit(old, text, edits[0][0], edits[0][1], edits[0][2].length, this.#pieces.slicer());
    }
    this.#text = text;
    this.#onchange(text);
  }
}
