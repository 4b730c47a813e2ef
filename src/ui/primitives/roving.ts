// A group of small buttons (a card's ↑ ↓ ❐ ✕) as one stop of the Tab key: the arrow keys, Home and End move between
// them (the WAI-ARIA toolbar pattern, "roving tabindex"). Without it, each card cost four Tab presses between one
// Content box and the next.
import type { Attachment } from 'svelte/attachments';

/**
 * Where an arrow key moves the focus in a group of `length` items when item `at` has it: the next or previous one
 * (wrapping), the first (Home) or the last (End); -1 for any other key. `axis` says which arrows count: a toolbar
 * takes both, a menu only ↑ ↓.
 */
export function arrowTarget(key: string, at: number, length: number, axis: 'vertical' | 'both'): number {
  const next = key === 'ArrowDown' || (axis === 'both' && key === 'ArrowRight');
  const previous = key === 'ArrowUp' || (axis === 'both' && key === 'ArrowLeft');
  if (next) return (at + 1) % length;
  if (previous) return (at - 1 + length) % length;
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return -1;
}

/** Use on the element with role="toolbar": `{@attach roving()}`. Disabled buttons are skipped. */
export function roving(): Attachment<HTMLElement> {
  return (node) => {
    /** The button that takes the Tab stop (the last one focused, else the first enabled one). */
    let current: HTMLButtonElement | null = null;
    const enabled = () => [...node.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled);
    function sync() {
      const list = enabled();
      if (!current || !list.includes(current)) current = list[0] ?? null;
      for (const b of node.querySelectorAll<HTMLButtonElement>('button')) b.tabIndex = b === current ? 0 : -1;
    }
    function onFocusIn(e: FocusEvent) {
      if (e.target instanceof HTMLButtonElement && node.contains(e.target)) {
        current = e.target;
        sync();
      }
    }
    function onKeyDown(e: KeyboardEvent) {
      const list = enabled();
      const to = arrowTarget(e.key, current ? list.indexOf(current) : -1, list.length, 'both');
      if (to < 0 || !list.length || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      list[to].focus();
    }
    // A button turning disabled or enabled (↑ on the first message) changes which one may hold the Tab stop.
    const observer = new MutationObserver(sync);
    observer.observe(node, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
    node.addEventListener('focusin', onFocusIn);
    node.addEventListener('keydown', onKeyDown);
    sync();
    return () => {
      observer.disconnect();
      node.removeEventListener('focusin', onFocusIn);
      node.removeEventListener('keydown', onKeyDown);
    };
  };
}
