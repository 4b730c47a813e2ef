// Pure edits of examples behind the open dataset's editing, review, notes/tags and bulk actions: each gives the new
// version of an example, or a new example (open-dataset.svelte.ts turns them into undoable steps).
import type { DatasetFormat, Example, ReviewStatus } from '../dataset/types';
import { newExampleId, type Op } from '../dataset/ops';
import { templateExample, usualSystemPrompt } from '../dataset/edit';
import { bulkTransform, META_ONLY_KINDS, type BulkEdit } from '../dataset/bulk';
import { stampEdited } from './filter';

/** One example a bulk edit changes: its index, its value now and after (null: deleted). */
export interface BulkChange {
  index: number;
  before: Example;
  after: Example | null;
}

/** `ex` with `value` typed in the editor, stamped as edited at `now` (its source text and raw text are gone). */
export function withValue(ex: Example, value: unknown, now: number): Example {
  return { id: ex.id, value, line: ex.line, meta: { ...ex.meta, editedAt: now } };
}

/** `ex` with its raw text replaced, stamped as edited at `now`: a normal example once the text parses. */
export function withRaw(ex: Example, raw: string, now: number): Example {
  const meta = { ...ex.meta, editedAt: now };
  try {
    return { id: ex.id, value: JSON.parse(raw), line: ex.line, meta };
  } catch {
    return { id: ex.id, raw, line: ex.line, meta };
  }
}

/** A new example of `format` (`value`, or the format's template with the dataset's usual system prompt), made at `now`. */
export function newExample(format: DatasetFormat, examples: readonly Example[], value: unknown, now: number): Example {
  return { id: newExampleId(), meta: { editedAt: now }, value: value ?? templateExample(format, usualSystemPrompt(examples.map((e) => e.value))) };
}

/** A copy of `ex` with a new id: its value and metadata cloned, its raw text kept. */
export function copyOf(ex: Example): Example {
  return { id: newExampleId(), value: structuredClone(ex.value), raw: ex.raw, meta: ex.meta && structuredClone(ex.meta) };
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
