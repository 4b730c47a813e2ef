// A Svelte attachment that sizes a textarea to its content, on input and whenever the watched value changes.
import type { Attachment } from 'svelte/attachments';

/** Grows `node` to fit its text (no inner scrollbar); minimum height comes from CSS `rows`/`min-height`. */
function fit(node: HTMLTextAreaElement): void {
  node.style.height = 'auto';
  if (node.scrollHeight === 0) return void (node.style.height = ''); // hidden (closed <details>): keep the CSS size
  node.style.height = `${node.scrollHeight + 2}px`; // +2: the top and bottom border
}

/** Use as `{@attach autogrow(() => value)}`: re-fits on every input event and when `value()` changes (undo). */
export function autogrow(value: () => unknown): Attachment<HTMLTextAreaElement> {
  return (node) => {
    value(); // read inside the attachment's effect so a new value re-runs it
    fit(node);
    const onInput = () => fit(node);
    node.addEventListener('input', onInput);
    return () => node.removeEventListener('input', onInput);
  };
}
