// Brings a change stored by another tab into this tab's example list as one op (so it is undoable like any edit).
// Rules: the last write wins. A change this tab has not stored yet is newer than the other tab's (it will be
// written after it), so it is kept; everything else takes the stored value. A deletion in the other tab always
// applies (undo brings the example back). Pure: no Svelte, storage or channel.

import type { Op } from '../dataset/ops';
import type { Example } from '../dataset/types';

/** What another tab stored for the open dataset. */
export interface RemoteChange {
  /** The full stored order, when order or membership changed. */
  order?: readonly string[];
  /** Examples written (their stored values). */
  upsert: readonly Example[];
  /** Ids deleted. */
  remove: readonly string[];
}

/** The result of merging: the op to apply (null when nothing differs) and which local examples it overwrote. */
export interface RemoteMerge {
  op: Op | null;
  /** Ids whose local value the op replaced or removed (the caller tells the user about the ones this tab edited). */
  replaced: string[];
  removed: string[];
  /** Ids listed in `order` whose value is neither here nor in the change (read them from storage instead). */
  missing: string[];
}

/** True when two examples hold the same content (value, raw text, source text). */
export function sameContent(a: Example, b: Example): boolean {
  if (a === b) return true;
  if (a.raw !== b.raw || (a.value === undefined) !== (b.value === undefined)) return false;
  if (a.original !== undefined && a.original === b.original) return true;
  return JSON.stringify(a.value) === JSON.stringify(b.value) && JSON.stringify(a.meta) === JSON.stringify(b.meta);
}

/**
 * Computes the op that turns `local` into the list after `change`, keeping local values of ids for which
 * `keepLocal(id)` is true (this tab's own changes not yet stored). Unchanged examples keep their identity.
 */
export function mergeRemote(local: readonly Example[], change: RemoteChange, keepLocal: (id: string) => boolean): RemoteMerge {
  const remoteById = new Map(change.upsert.map((e) => [e.id, e] as const));
  const removedSet = new Set(change.remove);
  const localById = new Map(local.map((e) => [e.id, e] as const));
  const missing: string[] = [];
  /** The value the merged list holds for `id`, or undefined when it has none. */
  const valueOf = (id: string): Example | undefined => {
    const mine = localById.get(id);
    const theirs = remoteById.get(id);
    if (mine && (keepLocal(id) || !theirs || sameContent(mine, theirs))) return mine;
    return theirs;
  };

  let target: Example[];
  if (change.order) {
    target = [];
    const inOrder = new Set<string>();
    for (const id of change.order) {
      if (removedSet.has(id) || inOrder.has(id)) continue;
      const v = valueOf(id);
      if (!v) {
        missing.push(id);
        continue;
      }
      inOrder.add(id);
      target.push(v);
    }
    // This tab's additions not stored yet stay, right after the example they followed here.
    let after: string | undefined;
    const extras = new Map<string | undefined, Example[]>();
    for (const ex of local) {
      if (inOrder.has(ex.id)) after = ex.id;
      else if (!removedSet.has(ex.id) && keepLocal(ex.id)) {
        const list = extras.get(after) ?? [];
        list.push(ex);
        extras.set(after, list);
      }
    }
    if (extras.size) {
      const merged: Example[] = [...(extras.get(undefined) ?? [])];
      for (const ex of target) merged.push(ex, ...(extras.get(ex.id) ?? []));
      target = merged;
    }
  } else {
    target = local.filter((e) => !removedSet.has(e.id)).map((e) => valueOf(e.id) ?? e);
  }

  const targetIds = new Set(target.map((e) => e.id));
  const removed = local.filter((e) => !targetIds.has(e.id)).map((e) => e.id);
  const replaced = target.filter((e) => localById.has(e.id) && localById.get(e.id) !== e).map((e) => e.id);
  return { op: diffOp(local, target), replaced, removed, missing };
}

/**
 * One op turning `from` into `to`: removals, replacements and insertions when the examples both lists share keep
 * their relative order; otherwise (a reorder) one remove-all + insert-all step.
 */
function diffOp(from: readonly Example[], to: readonly Example[]): Op | null {
  const toIds = new Set(to.map((e) => e.id));
  const fromIds = new Set(from.map((e) => e.id));
  const keptFrom = from.filter((e) => toIds.has(e.id));
  const keptTo = to.filter((e) => fromIds.has(e.id));
  const sameOrder = keptFrom.length === keptTo.length && keptFrom.every((e, i) => e.id === keptTo[i].id);
  if (!sameOrder) {
    return {
      kind: 'batch',
      ops: [
        { kind: 'remove', index: 0, examples: [...from] },
        { kind: 'insert', index: 0, examples: [...to] },
      ],
    };
  }
  const ops: Op[] = [];
  // Removals from the end, so earlier indexes stay valid.
  for (let i = from.length - 1; i >= 0; i--) if (!toIds.has(from[i].id)) ops.push({ kind: 'remove', index: i, examples: [from[i]] });
  // Now the list is keptFrom: replace what differs, then insert what is new, in increasing final index.
  const toById = new Map(to.map((e) => [e.id, e] as const));
  keptFrom.forEach((e, i) => {
    const next = toById.get(e.id)!;
    if (next !== e) ops.push({ kind: 'replace', index: i, before: e, after: next });
  });
  to.forEach((e, i) => {
    if (!fromIds.has(e.id)) ops.push({ kind: 'insert', index: i, examples: [e] });
  });
  if (ops.length === 0) return null;
  return ops.length === 1 ? ops[0] : { kind: 'batch', ops };
}
