// What Tuneset keeps in IndexedDB and how a stored dataset is read back: key layout, versioned envelopes
// ({v: 1, ...}) parsed with zod, and the pure assembly of a loaded dataset where a corrupt or missing record
// becomes a reported problem (the rest still loads). No I/O here: db.ts does the reading and writing.

// zod/mini (functional API): the classic chainable one costs the first screen ~20 KB gz more.
import { z } from 'zod/mini';
import { en } from 'zod/locales';
import { REVIEW_STATUSES, type Example, type Issue } from '../dataset/types';
import { APP_EN, appIssue, type AppKey } from '../i18n/messages/index';
import type { ParamsOf } from '../dataset/messages/types';

/** Envelope version written on every stored value. Bump it (and add a migration) when a shape changes. */
export const STORAGE_VERSION = 1;

/**
 * A dataset's library entry. `exampleIds` is the example order (and membership); the examples themselves are
 * stored one per key (or, as first written by a big import, in packs: see packKey). Times are ISO 8601 strings
 * (`new Date().toISOString()`), which sort as text. The fields are those of `headerFields` (schemas below).
 */
export type DatasetMeta = HeaderFields & {
  /** Example ids in dataset order. */
  exampleIds: string[];
};

/** A library list entry: the meta without the (possibly 100,000-long) id list, plus the example count. */
export type DatasetSummary = HeaderFields & { count: number };

/** Meta as passed to a save: `exampleIds` only when order or membership changed (it is then rewritten). */
export type DatasetMetaPatch = HeaderFields & { exampleIds?: string[] };

/** UI state restored on reload (uiStateSchema). Unknown keys are kept, so newer fields survive an older tab's write. */
export type UiState = z.infer<typeof uiStateSchema>;

/** A problem found while reading storage: an Issue (code + params, written with `renderAppIssue`) plus which record it is about. */
export type StorageProblem = Issue & { datasetId?: string; exampleId?: string };

/** A dataset read back from storage. `meta.exampleIds` is the order of `examples` as actually loaded. */
export interface LoadedDataset {
  meta: DatasetMeta;
  examples: Example[];
  problems: StorageProblem[];
  /**
   * Entries in the dataset's packs, and how many of them are dead (deleted since, or overridden by a per-example
   * record written by a later edit): the bytes compactPacks (db.ts) would give back.
   */
  packed?: { entries: number; dead: number };
}

// ---- keys -------------------------------------------------------------------------------------------------
// One object store, array keys. IndexedDB sorts arrays element by element, so all examples of one dataset are a
// contiguous key range: ['example', datasetId] < ['example', datasetId, anyId] < ['example', datasetId, []].

/** Key of the UI state record. */
export const UI_KEY = 'ui';
/** Key of a dataset's header (its meta without exampleIds, plus count). */
export const datasetKey = (datasetId: string): string[] => ['dataset', datasetId];
/** Key of a dataset's example order. */
export const orderKey = (datasetId: string): string[] => ['order', datasetId];
/** Key of one example. */
export const exampleKey = (datasetId: string, exampleId: string): string[] => ['example', datasetId, exampleId];
/**
 * Key of one pack: examples written together in one record when a big dataset is first stored (one IndexedDB put
 * per 0.5 MB instead of one per example is several times cheaper). A per-example record of the same id, written by
 * any later edit, takes precedence; a packed example no longer in the order was deleted and is ignored.
 */
export const packKey = (datasetId: string, index: number): string[] => ['pack', datasetId, String(index).padStart(8, '0')];
/** Prefix of all packs of one dataset. */
export const packsPrefix = (datasetId: string): string[] => ['pack', datasetId];
/** Key of a dataset's stored token counts (a cache: losing it only costs a recount). */
export const tokensKey = (datasetId: string): string[] => ['tokens', datasetId];
/** Prefix of all dataset headers (for listing). */
export const DATASETS_PREFIX = ['dataset'];
/** Prefix of all examples of one dataset (for loading, copying and deleting). */
export const examplesPrefix = (datasetId: string): string[] => ['example', datasetId];

// ---- schemas ----------------------------------------------------------------------------------------------

// zod/mini has no messages of its own ("Invalid input" for everything); a stored record's reason is shown to the
// user (parseRecord, stored_* problems), so it keeps classic zod's English wording.
z.config(en());

/** A field that is dropped, not fatal, when it holds something unexpected (it only refines what the user sees). */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** Stored example (the shape of `Example` in dataset/types.ts: parsed values need no cast). */
export const exampleSchema = z.object({
  id: z.string().check(z.minLength(1)),
  value: z.optional(z.unknown()),
  raw: z.optional(z.string()),
  original: z.optional(z.string()),
  line: z.optional(z.number().check(z.int())),
  meta: z.optional(
    z.looseObject({
      tags: z.optional(z.array(z.string())),
      note: z.optional(z.string()),
      status: lenient(z.enum(REVIEW_STATUSES)),
      split: lenient(z.enum(['train', 'validation'])),
      editedAt: lenient(z.number()),
    }),
  ),
});

/** The fields of a dataset header (DatasetMeta without `exampleIds`). */
const headerFields = {
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  /** Target model id (catalog id, e.g. `gpt-4.1-mini-2025-04-14`); may be '' when not chosen yet. */
  model: z.string(),
  format: z.enum(['chat', 'preference', 'prompt_completion']),
  /** Creation time, ISO 8601. */
  createdAt: z.string(),
  /** Time of the last change, ISO 8601 (set by whoever changes the dataset). */
  updatedAt: z.string(),
  /** Name of the file it was imported from, if any. */
  sourceName: z.optional(z.string()),
  /** Text encoding the source was decoded from, when not UTF-8 (shown as a hint on export). */
  encodingHint: z.optional(z.string()),
  /** Line ending of the imported file; JSONL export keeps it so an untouched file comes back byte for byte. */
  eol: z.optional(z.enum(['\n', '\r\n'])),
  /** Named list filters of this dataset (state/filter.ts ListFilter, normalised when applied). */
  views: lenient(z.array(z.object({ name: z.string(), filter: z.unknown() }))),
  /** Trainer the dataset is checked for (dataset/targets TargetId; absent or unknown: the format's default). */
  target: z.optional(z.string()),
};
type HeaderFields = z.infer<z.ZodMiniObject<typeof headerFields>>;

/** Stored dataset header; loose so fields added by a newer version are kept. */
export const datasetHeaderSchema = z.looseObject({ ...headerFields, count: z.number().check(z.int(), z.nonnegative()) });

/** Stored UI state (loose: unknown keys kept; a field of an unexpected type is dropped, not the whole state). */
export const uiStateSchema = z.looseObject({
  lastDatasetId: lenient(z.string()),
  selectedExampleId: lenient(z.string()),
  /** Scroll offset of the example list, in CSS pixels. */
  scrollTop: lenient(z.number()),
  /** The pane shown ('edit' | 'raw' | 'stats' | 'train'); checked when restored. */
  view: lenient(z.string()),
  /** The example list's search, filters and order (state/filter.ts ListFilter; normalised when restored). */
  listFilter: z.optional(z.unknown()),
  /** Before 0.3: the list's text and issue filters on their own (read when there is no listFilter). */
  listQuery: lenient(z.string()),
  listIssues: lenient(z.string()),
});

/** Envelopes: every stored value is `{v, <payload>}`. */
/**
 * Stored token counts of a dataset, counted under `encoding` (`<encoding>/<tool family>`, e.g. `o200k_base/gpt-4o`):
 * for the example with fingerprint `keys[i]` (see validate.ts `exampleFingerprint`), the i-th run of `data`, which is
 * `[length, total, assistant, trainable, tools, ...perMessage]` (`length` counts the numbers after it). Packed into
 * one Int32Array so 100,000 examples' counts store and load in milliseconds. Keyed by content, so a count is reused
 * only for exactly the same example; another encoding or tool rule discards the cache.
 */
export const tokenCacheSchema = z.object({
  encoding: z.string(),
  keys: z.array(z.string()),
  data: z.instanceof(Int32Array),
});
/** A dataset's stored token counts. */
export type TokenCache = z.infer<typeof tokenCacheSchema>;

/** Packs token counts for storage one example at a time (no array per example: 100,000 of them add up). */
export class TokenCountsPacker {
  readonly #keys: string[] = [];
  #data = new Int32Array(1 << 14);
  #at = 0;

  /** Adds the counts of the example with fingerprint `key` (perMessage as in ExampleTokens). */
  add(key: string, total: number, assistant: number, trainable: number, tools: number, perMessage: readonly number[]): void {
    const need = this.#at + 5 + perMessage.length;
    if (need > this.#data.length) {
      const grown = new Int32Array(Math.max(this.#data.length * 2, need));
      grown.set(this.#data);
      this.#data = grown;
    }
    const data = this.#data;
    let at = this.#at;
    data[at++] = 4 + perMessage.length;
    data[at++] = total;
    data[at++] = assistant;
    data[at++] = trainable;
    data[at++] = tools;
    for (let i = 0; i < perMessage.length; i++) data[at++] = perMessage[i];
    this.#at = at;
    this.#keys.push(key);
  }

  /** The cache to store, counted under `encoding` (`<encoding>/<tool family>`). */
  finish(encoding: string): TokenCache {
    return { encoding, keys: this.#keys, data: this.#data.slice(0, this.#at) };
  }
}

/** Packs `[fingerprint, [total, assistant, trainable, tools, ...perMessage]]` pairs for storage. */
export function packTokenCounts(encoding: string, entries: Iterable<readonly [string, readonly number[]]>): TokenCache {
  const packer = new TokenCountsPacker();
  for (const [key, [total = 0, assistant = 0, trainable = 0, tools = 0, ...perMessage]] of entries) {
    packer.add(key, total, assistant, trainable, tools, perMessage);
  }
  return packer.finish(encoding);
}

/** The stored numbers by fingerprint; a cache whose runs do not add up is ignored (it is only a cache). */
export function unpackTokenCounts(cache: TokenCache): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  const { keys, data } = cache;
  let at = 0;
  for (const key of keys) {
    const n = data[at];
    if (n === undefined || at + 1 + n > data.length) return new Map();
    byKey.set(key, Array.from(data.subarray(at + 1, at + 1 + n)));
    at += 1 + n;
  }
  return at === data.length ? byKey : new Map();
}
export const tokenCacheRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), tokens: tokenCacheSchema });

/**
 * What is stored for an example: an untouched one keeps only its source text (`original`), since `value` is exactly
 * `JSON.parse(original)` — storing a string instead of an object graph halves what a big import writes.
 */
export function toStoredExample(ex: Example): Example {
  if (ex.original === undefined || ex.value === undefined) return ex;
  const { value: _value, ...stored } = ex;
  return stored;
}

/** The example back from what toStoredExample kept (its value parsed again from `original`). */
export function fromStoredExample(ex: Example): Example {
  if (ex.original === undefined || ex.value !== undefined) return ex;
  try {
    return { ...ex, value: JSON.parse(ex.original) };
  } catch {
    const { original, ...rest } = ex;
    return { ...rest, raw: original }; // cannot happen for text that parsed on import; kept visible, not lost
  }
}

export const exampleRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), example: exampleSchema });
/** A pack's envelope; its entries are parsed one by one (exampleSchema), so one bad entry costs only itself. */
export const packRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), examples: z.array(z.unknown()) });
export const datasetRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), meta: datasetHeaderSchema });
export const orderRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), ids: z.array(z.string()) });
export const uiRecordSchema = z.object({ v: z.literal(STORAGE_VERSION), ui: uiStateSchema });

/** Wraps a payload in the current envelope. */
export const envelope = <K extends string, T>(field: K, payload: T) => ({ v: STORAGE_VERSION, [field]: payload }) as { v: 1 } & Record<K, T>;

/** Parse result of one stored value: the payload, or why it could not be used. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; newer: boolean; reason: string };

/** Parses a stored envelope; a record from a newer version is reported as such (not as corrupt). */
export function parseRecord<T>(schema: z.ZodMiniType<T>, raw: unknown): Parsed<T> {
  const v = (raw as { v?: unknown } | null)?.v;
  if (typeof v === 'number' && v > STORAGE_VERSION) return { ok: false, newer: true, reason: `saved by a newer version (format v${v})` };
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const first = r.error.issues[0];
  return { ok: false, newer: false, reason: `${first.path.join('.') || 'record'}: ${first.message}` };
}

/** Header from a meta: drops the id list, records its length. */
export function toHeader(meta: DatasetMetaPatch, count: number): DatasetSummary {
  const { exampleIds: _drop, ...rest } = meta;
  return { ...rest, count };
}

/** Text shown for a record that could not be read, kept so the user can still see and fix or delete it. */
function salvageText(raw: unknown): string {
  try {
    const inner = (raw as { example?: { value?: unknown; raw?: unknown } } | null)?.example;
    if (typeof inner?.raw === 'string') return inner.raw;
    return JSON.stringify(inner?.value ?? raw) ?? '';
  } catch {
    return '';
  }
}

/** Library entry shown for a dataset whose header cannot be read: opening it recovers its examples. */
export function placeholderHeader(datasetId: string, now: string, count: number): DatasetSummary {
  return { id: datasetId, name: 'Recovered dataset', model: '', format: 'chat', createdAt: now, updatedAt: now, count };
}

/** Raw records of one dataset as read in one transaction (values in key order, aligned with keys). */
export interface RawDataset {
  header: unknown;
  order: unknown;
  keys: string[][];
  values: unknown[];
  /** The dataset's pack records, in key order (see packKey). */
  packs?: unknown[];
}

/**
 * Builds a dataset from its raw records; never throws. Returns null when nothing of the dataset is stored.
 * Recovery rules (each reported as a problem): a corrupt header gets a placeholder meta; a corrupt or missing
 * order falls back to key order; a corrupt example is kept as a raw example (its stored text) in its place; an
 * id listed in the order without a record is skipped; a stored example missing from the order (a save cut off
 * between writes) is appended at the end.
 */
export function assembleDataset(datasetId: string, raw: RawDataset, now: string): LoadedDataset | null {
  if (raw.header === undefined && raw.order === undefined && raw.keys.length === 0 && !raw.packs?.length) return null;
  const problems: StorageProblem[] = [];
  const problem = <K extends AppKey>(severity: Issue['severity'], key: K, params: ParamsOf<typeof APP_EN, K>, exampleId?: string) =>
    problems.push({ ...appIssue(severity, key, params), datasetId, ...(exampleId !== undefined ? { exampleId } : {}) });

  const header = parseRecord(datasetRecordSchema, raw.header);
  let head: DatasetSummary;
  if (header.ok) head = header.value.meta;
  else {
    head = placeholderHeader(datasetId, now, raw.keys.length + (raw.packs?.length ?? 0));
    problem('warning', 'stored_dataset_unreadable', { reason: header.ok ? '' : header.reason });
  }

  const byId = new Map<string, Example>();
  // Packs first: per-example records, written by later edits, replace their entries.
  const packedIds: string[] = [];
  for (const rawPack of raw.packs ?? []) {
    const pack = parseRecord(packRecordSchema, rawPack);
    if (!pack.ok) {
      problem('error', pack.newer ? 'stored_pack_newer' : 'stored_pack_unreadable', { reason: pack.reason });
      continue;
    }
    for (const item of pack.value.examples) {
      const parsed = exampleSchema.safeParse(item);
      const id = parsed.success ? parsed.data.id : (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || !id) {
        problem('error', 'stored_example_unreadable.no_id', {});
        continue;
      }
      packedIds.push(id);
      if (parsed.success) byId.set(id, fromStoredExample(parsed.data));
      else {
        byId.set(id, { id, raw: salvageText({ example: item }) });
        problem('error', 'stored_example_unreadable', { reason: parsed.error.issues[0]?.message ?? 'unknown shape' }, id);
      }
    }
  }
  const storedIds: string[] = [];
  raw.keys.forEach((key, i) => {
    const id = key[2];
    const parsed = parseRecord(exampleRecordSchema, raw.values[i]);
    storedIds.push(id);
    if (parsed.ok && parsed.value.example.id === id) {
      byId.set(id, fromStoredExample(parsed.value.example));
      return;
    }
    const why = parsed.ok ? `its id ${parsed.value.example.id} does not match its key` : parsed.reason;
    byId.set(id, { id, raw: salvageText(raw.values[i]) });
    problem('error', parsed.ok || !parsed.newer ? 'stored_example_unreadable' : 'stored_example_newer', { reason: why }, id);
  });

  const order = parseRecord(orderRecordSchema, raw.order);
  let ids: string[];
  if (order.ok) ids = order.value.ids;
  else {
    ids = [...packedIds, ...storedIds];
    problem('warning', 'stored_order_unreadable', { reason: order.reason });
  }

  const examples: Example[] = [];
  const placed = new Set<string>();
  let missing = 0;
  for (const id of ids) {
    if (placed.has(id)) continue;
    const ex = byId.get(id);
    if (!ex) {
      missing++;
      continue;
    }
    placed.add(id);
    examples.push(ex);
  }
  if (missing > 0) {
    problem('warning', 'stored_example_missing', { count: missing });
  }
  const unlisted = storedIds.filter((id) => !placed.has(id));
  for (const id of unlisted) examples.push(byId.get(id)!);
  if (unlisted.length > 0) {
    problem('info', 'stored_example_unlisted', { count: unlisted.length });
  }

  const { count: _count, ...rest } = head;
  const overridden = new Set(storedIds);
  const dead = packedIds.reduce((n, id) => n + (overridden.has(id) || !placed.has(id) ? 1 : 0), 0);
  return {
    meta: { ...rest, exampleIds: examples.map((e) => e.id) },
    examples,
    problems,
    ...(packedIds.length ? { packed: { entries: packedIds.length, dead } } : {}),
  };
}
