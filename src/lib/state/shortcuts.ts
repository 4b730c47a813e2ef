// Keyboard shortcuts: one table that drives both the handler and the help dialog (and the README lists the same).

/** One shortcut: keys as shown to users, what it does (catalog text in English; the dialog shows it as is). */
export interface Shortcut {
  keys: string;
  action: ShortcutAction;
  description: string;
}

export type ShortcutAction =
  'undo' | 'redo' | 'next' | 'prev' | 'nextError' | 'newExample' | 'help' | 'save' | 'focusFilter' | 'export' | 'approve' | 'needsWork' | 'reject';

/** The shortcuts, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+Z', action: 'undo', description: 'Undo the last edit (also deletions)' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'redo', description: 'Redo' },
  { keys: 'Alt+↓ / Alt+↑', action: 'next', description: 'Next / previous example' },
  { keys: 'Alt+E', action: 'nextError', description: 'Next example with an error' },
  { keys: 'Alt+N', action: 'newExample', description: 'New example (after the selected one)' },
  { keys: 'Alt+A', action: 'approve', description: 'Approve and go to the next example' },
  { keys: 'Alt+W', action: 'needsWork', description: 'Mark as needing work and go to the next example' },
  { keys: 'Alt+R', action: 'reject', description: 'Reject (left out of exports) and go to the next example' },
  { keys: 'Ctrl+S', action: 'save', description: 'Save now (autosave runs anyway)' },
  { keys: 'Ctrl+Shift+E', action: 'export', description: 'Export JSONL' },
  { keys: '/', action: 'focusFilter', description: 'Search examples' },
  { keys: '?', action: 'help', description: 'Show this list' },
];

/** True when the keyboard focus is in a text field (plain-letter shortcuts must not fire there). */
function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Maps a key event to a shortcut action, or null. Ctrl means Ctrl or ⌘. */
export function matchShortcut(e: KeyboardEvent): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 's') return 'save';
    if (key === 'e' && e.shiftKey) return 'export';
    return null;
  }
  if (e.altKey && !mod) {
    if (e.key === 'ArrowDown') return 'next';
    if (e.key === 'ArrowUp') return 'prev';
    if (e.code === 'KeyE') return 'nextError';
    if (e.code === 'KeyN') return 'newExample';
    if (e.code === 'KeyA') return 'approve';
    if (e.code === 'KeyW') return 'needsWork';
    if (e.code === 'KeyR') return 'reject';
    return null;
  }
  if (!mod && !e.altKey && !inTextField(e.target)) {
    if (e.key === '?') return 'help';
    if (e.key === '/') return 'focusFilter';
  }
  return null;
}
