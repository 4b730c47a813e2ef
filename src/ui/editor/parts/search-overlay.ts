// A Svelte attachment that marks the list's search matches in a message's text box: a layer laid exactly over the
// textarea, with the same font, padding and wrapping, whose text is transparent and whose matches are tinted. It
// takes no pointer events, so typing and selecting work as before; it follows the box's size (autogrow, window).
import type { Attachment } from 'svelte/attachments';
import { matchSegments } from '../../../lib/state/search-marks';

/** What to mark: the box's text and the search (null: nothing to mark). */
export interface OverlayInput {
  text: string;
  re: RegExp | null;
}

/** Styles copied from the textarea so the layer's text wraps exactly like the box's. */
const COPIED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'letterSpacing',
  'lineHeight',
  'tabSize',
  'textTransform',
  'wordSpacing',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'boxSizing',
] as const;

/** Use as `{@attach searchOverlay(() => ({ text, re }))}` on a textarea. */
export function searchOverlay(input: () => OverlayInput): Attachment<HTMLTextAreaElement> {
  return (node) => {
    const { text, re } = input(); // read inside the attachment's effect: a new text or search re-runs it
    const segments = re ? matchSegments(text, re) : [];
    if (!segments.some((s) => s.hit)) return;
    const parent = node.parentElement;
    if (!parent) return;
    if (getComputedStyle(parent).position === 'static') parent.style.position = 'relative';
    const layer = document.createElement('div');
    layer.className = 'search-overlay';
    layer.setAttribute('aria-hidden', 'true'); // the matches are in the box's own text; the layer is only paint
    for (const s of segments) {
      if (!s.hit) layer.append(s.text);
      else {
        const mark = document.createElement('mark');
        mark.textContent = s.text; // dataset text: always text, never HTML
        Object.assign(mark.style, { color: 'transparent', background: 'color-mix(in srgb, var(--warning) 35%, transparent)', borderRadius: '2px' });
        layer.append(mark);
      }
    }
    const css = getComputedStyle(node);
    Object.assign(layer.style, Object.fromEntries(COPIED.map((k) => [k, css[k]])), {
      position: 'absolute',
      pointerEvents: 'none',
      color: 'transparent',
      borderStyle: 'solid',
      borderColor: 'transparent',
      whiteSpace: 'pre-wrap',
      overflowWrap: 'break-word',
      overflow: 'hidden',
      margin: '0',
    });
    const place = () => {
      layer.style.top = `${node.offsetTop}px`;
      layer.style.left = `${node.offsetLeft}px`;
      layer.style.width = `${node.offsetWidth}px`;
      layer.style.height = `${node.offsetHeight}px`;
      layer.scrollTop = node.scrollTop;
    };
    node.after(layer);
    place();
    const resize = new ResizeObserver(place);
    resize.observe(node);
    node.addEventListener('scroll', place);
    return () => {
      resize.disconnect();
      node.removeEventListener('scroll', place);
      layer.remove();
    };
  };
}
