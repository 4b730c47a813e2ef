// Edits of a dataset's example list as data: every change is an `Op` that can be applied, inverted (for undo)
// and summarised for storage (which example ids to write). The list is never mutated in place; untouched
// examples keep their identity. Cost: one array copy per applied op (a whole `batch` also costs one copy).

import type { Example } from './types';

/**
 * One reversible change to a dataset's example list. Indexes are 0-based positions at the time the op is applied.
 * - `replace`: the example at `index` (which must be `before`, by identity) becomes `after`.
 * - `insert`: `examples` are inserted so the first lands at `index` (0..length).
 * - `remove`: the `examples` found at `index..index+examples.length-1` (by identity) are removed.
 * - `move`: `count` (default 1) examples starting at `from` are taken out and put back so the first is at `to`
 *   (an index into the final list, 0..length-count).
 * - `batch`: ops applied in order as one undo step (bulk edits); `label` names it in the UI ("Replace 120 prompts").
 */
export type Op =
  | { kind: 'replace'; index: number; before: Example; after: Example }
  | { kind: 'insert'; index: number; examples: Example[] }
  | { kind: 'remove'; index: number; examples: Example[] }
  | { kind: 'move'; from: number; to: number; count?: number }
  | { kind: 'batch'; ops: Op[]; label?: string };

/** What storage must write after an op: ids to put, ids to delete, and whether the order record changed. */
export interface ChangedIds {
  /** Ids whose latest value must be written (present after the op). */
  upserted: string[];
  /** Ids that no longer exist after the op. */
  removed: string[];
  /** True when the list's order or membership changed (so the stored id order must be rewritten). */
  orderChanged: boolean;
}

function fail(op: Op, why: string): never {
  throw new Error(`applyOp(${op.kind}): ${why}. This is a bug: the op does not match the list it was applied to.`);
}

function checkIndex(op: Op, name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) fail(op, `${name} ${value} is outside 0..${max}`);
}

/** Inserts `items` at `index` of `work` in place; avoids spreading huge arrays into arguments (stack limit). */
function insertAt(work: Example[], index: number, items: readonly Example[]): void {
  const tail = work.splice(index);
  for (const item of items) work.push(item);
  for (const item of tail) work.push(item);
}

/** Applies `op` to `work` in place (the caller owns `work`: it is always a private copy). */
function applyInPlace(work: Example[], op: Op): void {
  switch (op.kind) {
    case 'replace': {
      checkIndex(op, 'index', op.index, work.length - 1);
      const current = work[op.index];
      if (current !== op.before) {
        fail(op, `the example at index ${op.index} (id ${current.id}) is not the op's \`before\` (id ${op.before.id})`);
      }
      work[op.index] = op.after;
      return;
    }
    case 'insert':
      checkIndex(op, 'index', op.index, work.length);
      insertAt(work, op.index, op.examples);
      return;
    case 'remove': {
      checkIndex(op, 'index', op.index, work.length - op.examples.length);
      op.examples.forEach((ex, i) => {
        const current = work[op.index + i];
        if (current !== ex) fail(op, `the example at index ${op.index + i} (id ${current.id}) is not the one to remove (id ${ex.id})`);
      });
      work.splice(op.index, op.examples.length);
      return;
    }
    case 'move': {
      const count = op.count ?? 1;
      if (!Number.isInteger(count) || count < 0) fail(op, `count ${count} is not a non-negative integer`);
      checkIndex(op, 'from', op.from, work.length - count);
      checkIndex(op, 'to', op.to, work.length - count);
      const taken = work.splice(op.from, count);
      insertAt(work, op.to, taken);
      return;
    }
    case 'batch':
      for (const inner of op.ops) applyInPlace(work, inner);
      return;
  }
}

/**
 * Returns a new list with `op` applied; `examples` is not touched and unchanged examples keep their identity.
 * Cost: one array copy (O(length)) plus the op's own work, also for a `batch` of many ops (a batch of k replaces
 * on 100,000 examples is one copy + k assignments). Throws an Error when the op does not fit the list (an index
 * out of range, or a `before`/removed example that is not the one at that index): that is a programming error,
 * e.g. an undo applied to a list changed behind the history's back.
 */
export function applyOp(examples: readonly Example[], op: Op): Example[] {
  const work = examples.slice();
  applyInPlace(work, op);
  return work;
}

/** Returns the op that undoes `op` (apply it to the list `op` produced to get the list back, by identity). */
export function invertOp(op: Op): Op {
  switch (op.kind) {
    case 'replace':
      return { kind: 'replace', index: op.index, before: op.after, after: op.before };
    case 'insert':
      return { kind: 'remove', index: op.index, examples: op.examples };
    case 'remove':
      return { kind: 'insert', index: op.index, examples: op.examples };
    case 'move':
      return { kind: 'move', from: op.to, to: op.from, count: op.count };
    case 'batch':
      return { kind: 'batch', ops: op.ops.map(invertOp).reverse(), label: op.label };
  }
}

/** Records the final fate of each id (later entries win) and whether the order changed. */
function collect(op: Op, fate: Map<string, 'upsert' | 'remove'>): boolean {
  switch (op.kind) {
    case 'replace':
      if (op.before.id !== op.after.id) {
        fate.set(op.before.id, 'remove');
        fate.set(op.after.id, 'upsert');
        return true;
      }
      fate.set(op.after.id, 'upsert');
      return false;
    case 'insert':
      for (const ex of op.examples) fate.set(ex.id, 'upsert');
      return op.examples.length > 0;
    case 'remove':
      for (const ex of op.examples) fate.set(ex.id, 'remove');
      return op.examples.length > 0;
    case 'move':
      return op.from !== op.to && (op.count ?? 1) > 0;
    case 'batch': {
      let changed = false;
      for (const inner of op.ops) changed = collect(inner, fate) || changed;
      return changed;
    }
  }
}

/**
 * What storage must write after `op`: the ids present afterwards whose value may have changed (`upserted`),
 * the ids gone afterwards (`removed`, disjoint from `upserted`) and whether the id order changed. In a batch
 * an id's last fate wins (inserted then removed = removed; removed then re-inserted = upserted).
 */
export function changedIds(op: Op): ChangedIds {
  const fate = new Map<string, 'upsert' | 'remove'>();
  const orderChanged = collect(op, fate);
  const upserted: string[] = [];
  const removed: string[] = [];
  for (const [id, f] of fate) (f === 'upsert' ? upserted : removed).push(id);
  return { upserted, removed, orderChanged };
}

/** Counter for the fallback id generator (only used where `crypto.randomUUID` is missing). */
let idCounter = 0;
/** Random per page load (a UUID where available): ids from different pages or sessions never collide. */
let idPrefix: string | undefined;

/**
 * A new unique example id: this page's random prefix plus a counter (`<uuid>-1a`). Cheap enough for 100,000 ids
 * in an import (a UUID per id cost ~60 ms there), unique across pages thanks to the prefix.
 */
export function newExampleId(): string {
  if (idPrefix === undefined) {
    const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    idPrefix = c && typeof c.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  }
  idCounter += 1;
  return `${idPrefix}-${idCounter.toString(36)}`;
}
