import { describe, expect, it } from 'vitest';
import { matchShortcut, SHORTCUTS } from './shortcuts';

/** A key event as the browser would deliver it (only the fields matchShortcut reads). */
const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}, target: unknown = { tagName: 'BODY' }, code = '') =>
  ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target, ...mods }) as unknown as KeyboardEvent;

describe('keyboard shortcuts', () => {
  it('Ctrl/⌘+Z undoes, with Shift (or Ctrl+Y) redoes, even while typing in a text box', () => {
    const textarea = { tagName: 'TEXTAREA' };
    expect(matchShortcut(key('z', { ctrlKey: true }, textarea))).toBe('undo');
    expect(matchShortcut(key('Z', { ctrlKey: true, shiftKey: true }, textarea))).toBe('redo');
    expect(matchShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(matchShortcut(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('"?" and "/" fire only outside text fields, so they can still be typed', () => {
    expect(matchShortcut(key('?'))).toBe('help');
    expect(matchShortcut(key('/'))).toBe('focusFilter');
    expect(matchShortcut(key('?', {}, { tagName: 'TEXTAREA' }))).toBeNull();
    expect(matchShortcut(key('/', {}, { tagName: 'INPUT' }))).toBeNull();
  });

  it('Alt+arrows move between examples and Alt+E / Alt+N use the physical key (layouts that type other letters)', () => {
    expect(matchShortcut(key('ArrowDown', { altKey: true }))).toBe('next');
    expect(matchShortcut(key('ArrowUp', { altKey: true }))).toBe('prev');
    expect(matchShortcut(key('€', { altKey: true }, undefined, 'KeyE'))).toBe('nextError');
    expect(matchShortcut(key('n', { altKey: true }, undefined, 'KeyN'))).toBe('newExample');
    // Review keys by physical key (Alt+A types "å" on a Mac keyboard).
    expect(matchShortcut(key('å', { altKey: true }, undefined, 'KeyA'))).toBe('approve');
    expect(matchShortcut(key('w', { altKey: true }, undefined, 'KeyW'))).toBe('needsWork');
    expect(matchShortcut(key('r', { altKey: true }, undefined, 'KeyR'))).toBe('reject');
  });

  it('every action the handler knows is listed in the help table', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const action of ['undo', 'redo', 'next', 'nextError', 'newExample', 'help', 'save', 'focusFilter', 'export', 'approve', 'needsWork', 'reject']) {
      expect(listed.has(action as never)).toBe(true);
    }
  });
});
