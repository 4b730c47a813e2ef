// Undo/redo stacks of dataset ops. Pushing records an applied op; `undo()` hands back the inverse op for the
// caller to apply (the history never touches the list itself). Rapid pushes with the same coalesce key (typing
// in one field) merge into one undo step.

import { invertOp, type Op } from './ops';

/** Default number of undo steps kept; older steps are dropped first. */
const DEFAULT_LIMIT = 500;
/** Default window in ms: a push within this time of the previous push with the same key merges into it. */
const DEFAULT_COALESCE_MS = 1000;

/** Options of a History. */
export interface HistoryOptions {
  /** Maximum undo steps kept (oldest dropped). Defaults to 500. */
  limit?: number;
  /** Merge window in milliseconds, measured from the previous push of the same key. Defaults to 1000 ms. */
  coalesceMs?: number;
  /** Clock in milliseconds. Defaults to `Date.now`. */
  now?: () => number;
}

interface Entry {
  op: Op;
  /** Coalesce key of the last push merged into this entry; undefined = never merges. */
  key?: string;
  /** Time of the last push merged into this entry (ms). */
  at: number;
}

/** Merges `next` (applied right after `prev`) into one op that has the same effect as both. */
function merge(prev: Op, next: Op): Op {
  if (prev.kind === 'replace' && next.kind === 'replace' && prev.index === next.index && prev.after === next.before) {
    return { kind: 'replace', index: prev.index, before: prev.before, after: next.after };
  }
  if (prev.kind === 'batch') return { ...prev, ops: [...prev.ops, next] };
  return { kind: 'batch', ops: [prev, next] };
}

/** Undo/redo history of applied ops. Plain class (no framework); wrap it in a rune class to make it reactive. */
export class History {
  #undo: Entry[] = [];
  #redo: Op[] = [];
  #limit: number;
  #coalesceMs: number;
  #now: () => number;
  /** False right after undo/redo/clear, so the next push starts a new step even with the same key. */
  #canMerge = false;

  constructor(opts: HistoryOptions = {}) {
    this.#limit = Math.max(1, opts.limit ?? DEFAULT_LIMIT);
    this.#coalesceMs = opts.coalesceMs ?? DEFAULT_COALESCE_MS;
    this.#now = opts.now ?? Date.now;
  }

  /**
   * Records an op that was just applied. Clears the redo stack. When `coalesceKey` equals the previous push's
   * key and less than `coalesceMs` passed since that push, the op joins the previous undo step.
   */
  push(op: Op, coalesceKey?: string): void {
    const at = this.#now();
    this.#redo = [];
    const top = this.#undo[this.#undo.length - 1];
    if (this.#canMerge && top && coalesceKey !== undefined && top.key === coalesceKey && at - top.at < this.#coalesceMs) {
      this.#undo[this.#undo.length - 1] = { op: merge(top.op, op), key: coalesceKey, at };
      return;
    }
    this.#undo.push({ op, key: coalesceKey, at });
    if (this.#undo.length > this.#limit) this.#undo.splice(0, this.#undo.length - this.#limit);
    this.#canMerge = true;
  }

  /** Steps back: returns the inverse of the latest op, to apply to the current list; null when nothing to undo. */
  undo(): Op | null {
    const entry = this.#undo.pop();
    this.#canMerge = false;
    if (!entry) return null;
    this.#redo.push(entry.op);
    return invertOp(entry.op);
  }

  /** Steps forward again: returns the op to re-apply; null when nothing to redo. */
  redo(): Op | null {
    const op = this.#redo.pop();
    this.#canMerge = false;
    if (!op) return null;
    this.#undo.push({ op, at: this.#now() });
    return op;
  }

  /** True when `undo()` would return an op. */
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  /** True when `redo()` would return an op. */
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Number of undo steps currently kept (≤ limit). */
  get undoDepth(): number {
    return this.#undo.length;
  }

  /** Label of the step `undo()` would revert (a batch's label), for "Undo <label>" menus. */
  get undoLabel(): string | undefined {
    const top = this.#undo[this.#undo.length - 1];
    return top?.op.kind === 'batch' ? top.op.label : undefined;
  }

  /** Forgets all steps (e.g. when another dataset is opened). */
  clear(): void {
    this.#undo = [];
    this.#redo = [];
    this.#canMerge = false;
  }
}
