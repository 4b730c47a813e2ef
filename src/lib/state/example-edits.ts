// Pure edits of examples behind the open dataset's review, notes/tags and bulk actions (open-dataset.svelte.ts
// turns them into undoable steps).
import type { Example, ReviewStatus } from '../dataset/types';
import type { Op } from '../dataset/ops';
import { bulkTransform, META_ONLY_KINDS, type BulkEdit } from '../dataset/bulk';
import { stampEdited } from './filter';

/** One example a bulk edit changes: its index, its value now and after (null: deleted). */
export interface BulkChange {
  index: number;
  before: Example;
  after: Example | null;
}

/** `ex` with review status `status` (undefined: back to "to review"); text, source bytes and line unchanged. */
export function withStatus(ex: Example, status: ReviewStatus | undefined): Example {
  const { status: _old, ...rest } = ex.meta ?? {};
  const meta = status ? { ...rest, status } : rest;
  const { meta: _meta, ...bare } = ex;
  return Object.keys(meta).length ? { ...bare, meta } : bare;
}

/** `ex` with its tags and/or note set (an empty list or text removes them); null when nothing changes. */
export function withExampleMeta(ex: Example, patch: { tags?: string[]; note?: string }): Example | null {
  const meta: Record<string, unknown> = { ...ex.meta };
  if (patch.tags) {
    if (patch.tags.length) meta.tags = patch.tags;
    else delete meta.tags;
  }
  if (patch.note !== undefined) {
    if (patch.note) meta.note = patch.note;
    else delete meta.note;
  }
  if (JSON.stringify(meta) === JSON.stringify(ex.meta ?? {})) return null;
  const { meta: _meta, ...bare } = ex;
  return Object.keys(meta).length ? { ...bare, meta } : bare;
}

/** What bulk edit `edit` of `list`'s examples at `indexes` would change (for a delete, the examples themselves). */
export function planBulk(list: readonly Example[], edit: BulkEdit, indexes: readonly number[]): BulkChange[] {
  const out: BulkChange[] = [];
  if (edit.kind === 'delete') {
    for (const index of indexes) if (list[index]) out.push({ index, before: list[index], after: null });
    return out;
  }
  const fn =
    edit.kind === 'status'
      ? (ex: Example) => ((ex.meta?.status ?? null) === edit.status ? null : withStatus(ex, edit.status ?? undefined))
      : bulkTransform(edit);
  for (const index of indexes) {
    const before = list[index];
    const after = before && fn(before);
    if (after) out.push({ index, before, after });
  }
  return out;
}

/** The operations of a planned bulk edit (changed text is stamped as edited at `now`; review and tags are not). */
export function bulkOps(edit: BulkEdit, plan: readonly BulkChange[], now: number): Op[] {
  return edit.kind === 'delete'
    ? [...plan].sort((a, b) => b.index - a.index).map((c) => ({ kind: 'remove', index: c.index, examples: [c.before] })) // last first: indexes stay valid
    : plan.map((c) => ({ kind: 'replace', index: c.index, before: c.before, after: META_ONLY_KINDS.has(edit.kind) ? c.after! : stampEdited(c.after!, now) }));
}
