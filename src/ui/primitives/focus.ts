// Where the keyboard focus goes after an action ("focus follows the work"). The app shell gives the regions these
// ids: the editor pane (EDITOR_ID) and the example list (LIST_ID).
import { tick } from 'svelte';

/** Id of the pane that shows the selected example (the skip link's target). */
export const EDITOR_ID = 'editor';
/** Id of the region holding the example list. */
export const LIST_ID = 'example-list';

/** The text boxes of the example editor, message Content boxes first (in page order), then any other text box. */
function editorBoxes(): HTMLTextAreaElement[] {
  const root = document.getElementById(EDITOR_ID);
  if (!root) return [];
  const content = [...root.querySelectorAll<HTMLTextAreaElement>('.content-parts textarea')];
  return content.length ? content : [...root.querySelectorAll<HTMLTextAreaElement>('textarea')];
}

/**
 * After the page has updated, puts the cursor in the selected example's first empty Content box (else its first
 * one). Returns false when the editor shows no text box.
 */
export async function focusFirstEmptyContent(): Promise<boolean> {
  await tick();
  const boxes = editorBoxes();
  const box = boxes.find((b) => b.value === '') ?? boxes[0];
  if (!box) return false;
  box.focus();
  box.scrollIntoView({ block: 'nearest' });
  return true;
}

/** After the page has updated, focuses the example list (its current option is the selected example). */
export async function focusExampleList(): Promise<boolean> {
  await tick();
  const list = document.querySelector<HTMLElement>(`#${LIST_ID} [role="listbox"]`);
  if (!list) return false;
  list.focus();
  return true;
}

/** Focuses the editor pane itself (a target that exists whenever a dataset is open). */
export function focusEditorPane(): boolean {
  const pane = document.getElementById(EDITOR_ID);
  pane?.focus();
  return !!pane;
}
