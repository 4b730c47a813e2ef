import { describe, expect, it } from 'vitest';
import { History } from './history';
import { applyOp, type Op } from './ops';
import type { Example } from './types';

function ex(id: string, content: string): Example {
  return { id, value: { messages: [{ role: 'user', content }] } };
}

/** A tiny editor: a list, a history and a clock the test controls. */
function editor(opts: { limit?: number; coalesceMs?: number } = {}) {
  let time = 0;
  const history = new History({ ...opts, now: () => time });
  const state = { list: [ex('a', ''), ex('b', 'B')] as readonly Example[] };
  return {
    history,
    state,
    tick(ms: number) {
      time += ms;
    },
    /** Types `text` into example `index`'s content, as one op, recorded with `key`. */
    type(index: number, text: string, key?: string) {
      const before = state.list[index];
      const op: Op = { kind: 'replace', index, before, after: ex(before.id, text) };
      state.list = applyOp(state.list, op);
      history.push(op, key);
    },
    undo() {
      const op = history.undo();
      if (op) state.list = applyOp(state.list, op);
      return op;
    },
    redo() {
      const op = history.redo();
      if (op) state.list = applyOp(state.list, op);
      return op;
    },
  };
}

const content = (e: Example) => (e.value as { messages: { content: string }[] }).messages[0].content;

describe('History', () => {
  it('typing in one field is one undo step, and that step restores the original object', () => {
    const ed = editor();
    const original = ed.state.list[0];
    for (const text of ['h', 'he', 'hel', 'hell', 'hello']) {
      ed.tick(200);
      ed.type(0, text, 'a.content');
    }
    expect(ed.history.undoDepth).toBe(1);
    ed.undo();
    expect(ed.state.list[0]).toBe(original);
    expect(ed.history.canUndo).toBe(false);
  });

  it('a pause longer than the coalesce window starts a new undo step', () => {
    const ed = editor({ coalesceMs: 1000 });
    ed.type(0, 'one', 'a.content');
    ed.tick(1500);
    ed.type(0, 'one two', 'a.content');
    ed.undo();
    expect(content(ed.state.list[0])).toBe('one');
  });

  it('edits of different fields, or without a key, never merge', () => {
    const ed = editor();
    ed.type(0, 'x', 'a.content');
    ed.type(1, 'y', 'b.content');
    ed.type(1, 'z');
    ed.type(1, 'w');
    expect(ed.history.undoDepth).toBe(4);
  });

  it('after an undo, typing again in the same field is a new step (the undone text is not merged back)', () => {
    const ed = editor();
    ed.type(0, 'first', 'a.content');
    ed.tick(2000);
    ed.type(0, 'second', 'a.content');
    ed.undo();
    ed.type(0, 'third', 'a.content');
    ed.undo();
    expect(content(ed.state.list[0])).toBe('first');
  });

  it('undo then redo returns to the same list, and a new edit clears the redo stack', () => {
    const ed = editor();
    ed.type(0, 'x');
    const after = ed.state.list;
    ed.undo();
    expect(ed.history.canRedo).toBe(true);
    ed.redo();
    expect(ed.state.list).toEqual(after);
    expect(ed.state.list[0]).toBe(after[0]);
    ed.undo();
    ed.type(1, 'new');
    expect(ed.history.canRedo).toBe(false);
    expect(ed.redo()).toBeNull();
  });

  it('keeps only the newest `limit` steps', () => {
    const ed = editor({ limit: 3 });
    for (let i = 1; i <= 5; i++) ed.type(0, `v${i}`);
    let undone = 0;
    while (ed.undo()) undone++;
    expect(undone).toBe(3);
    expect(content(ed.state.list[0])).toBe('v2');
  });

  it('undo on an empty history returns null and clear() forgets everything', () => {
    const ed = editor();
    expect(ed.undo()).toBeNull();
    ed.type(0, 'x');
    ed.history.clear();
    expect(ed.history.canUndo).toBe(false);
    expect(ed.history.canRedo).toBe(false);
  });
});
