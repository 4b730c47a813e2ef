// A whole dataset as one file, and back: name, model, format, line ending and every example exactly as held
// (ids, source bytes, review status, tags, notes, unparsed lines), never the API key (it is not part of a dataset).
// The file is JSONL so any size streams: a header line, then one line per example. Importing it restores the dataset
// as it was; an example line that cannot be read is kept as raw text with a problem, never dropped.
import { z } from 'zod/mini';
import type { DatasetFormat, Example, SourceRecord } from '../dataset/types';
import { exampleSchema, type DatasetMeta } from '../storage/records';

/** Version of the backup format (the header's `tuneset_backup`). */
export const BACKUP_VERSION = 1;
/** File name ending of a backup. */
export const BACKUP_SUFFIX = '.tuneset.jsonl';

const headerSchema = z.object({
  tuneset_backup: z.literal(BACKUP_VERSION),
  dataset: z.looseObject({
    name: z.string(),
    model: z.string(),
    format: z.enum(['chat', 'preference', 'prompt_completion']),
    createdAt: z.optional(z.string()),
    sourceName: z.optional(z.string()),
    encodingHint: z.optional(z.string()),
    eol: z.optional(z.enum(['\n', '\r\n'])),
  }),
});

/** The backup file's text. `meta` fields other than the id, the order and the update time are kept as they are. */
export function backupText(meta: DatasetMeta, examples: readonly Example[], now = new Date().toISOString()): string {
  const { id: _id, exampleIds: _ids, updatedAt: _updated, ...dataset } = meta;
  const lines = [JSON.stringify({ tuneset_backup: BACKUP_VERSION, app: 'Tuneset', created: now, dataset })];
  for (const ex of examples) lines.push(JSON.stringify(ex));
  return lines.join('\n') + '\n';
}

/** True when the records read from a file are a Tuneset backup (its first record is a backup header). */
export function isBackup(records: readonly SourceRecord[]): boolean {
  const first = records[0]?.value;
  return typeof first === 'object' && first !== null && 'tuneset_backup' in first;
}

/** What a backup holds, ready for Workspace.create. */
export interface RestoredBackup {
  name: string;
  format: DatasetFormat;
  examples: Example[];
  /** Dataset fields besides name and format (model, line ending, source name…). */
  extra: Partial<DatasetMeta>;
  /** Example lines that could not be read (kept as raw examples), by file line. */
  unreadable: number[];
}

/**
 * Restores a backup from its records; null with a reason when the header is not one this version reads (a newer
 * backup format, or a damaged header).
 */
export function restoreBackup(records: readonly SourceRecord[]): RestoredBackup | { error: string } {
  const header = headerSchema.safeParse(records[0]?.value);
  if (!header.success) {
    const v = (records[0]?.value as { tuneset_backup?: unknown } | undefined)?.tuneset_backup;
    return {
      error:
        typeof v === 'number' && v > BACKUP_VERSION
          ? `made by a newer version of Tuneset (backup format ${v})`
          : 'its first line is not a readable backup header',
    };
  }
  // The new dataset gets its own id, order and update time; its creation time is the original's (restored exactly).
  const { name, format, id: _id, exampleIds: _ids, updatedAt: _updated, ...rest } = header.data.dataset;
  const examples: Example[] = [];
  const unreadable: number[] = [];
  const seen = new Set<string>();
  for (const r of records.slice(1)) {
    const parsed = r.error ? undefined : exampleSchema.safeParse(r.value);
    if (parsed?.success && !seen.has(parsed.data.id)) {
      seen.add(parsed.data.id);
      examples.push(parsed.data as Example);
    } else {
      unreadable.push(r.line);
      examples.push({ id: `restored-${r.line}`, raw: r.text, line: r.line });
    }
  }
  return { name, format, examples, extra: rest as Partial<DatasetMeta>, unreadable };
}
