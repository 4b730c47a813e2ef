// Tabs of Tuneset tell each other what they stored, on one BroadcastChannel: after every committed write a tab
// posts what it wrote, so another tab showing the same dataset updates within milliseconds; tabs greet each other
// with their build, so a tab whose code is older than another's stops writing. Messages are parsed with zod (a tab
// of another version may send anything). Plain TS: the channel is passed in, so tests use a fake.

import { z } from 'zod/mini';
import type { Example } from '../dataset/types';
import { jsonLongerThan } from '../dataset/json-size';
import { datasetHeaderSchema, exampleSchema, STORAGE_VERSION, type DatasetSummary } from './records';

/** Name of the channel every Tuneset tab of one origin listens on. */
export const CHANNEL_NAME = 'tuneset';
/** Above this many examples, a write is announced as "reload that dataset" instead of carrying the examples. */
export const MAX_EXAMPLES_PER_MESSAGE = 2000;
/** The same above this much text (structured cloning a 12 MB reply to every tab at each save costs more than a reload). */
export const MAX_CHARS_PER_MESSAGE = 1_000_000;

const base = { tab: z.string().check(z.minLength(1)) };
const helloSchema = z.object({ t: z.literal('hello'), ...base, build: z.string(), storage: z.number(), reply: z.boolean() });
const savedSchema = z.object({
  t: z.literal('saved'),
  ...base,
  datasetId: z.string().check(z.minLength(1)),
  header: z.optional(datasetHeaderSchema),
  order: z.optional(z.array(z.string())),
  upsert: z.array(exampleSchema),
  remove: z.array(z.string()),
  /** True when the write was too big to carry: read the dataset from storage. */
  reload: z.optional(z.boolean()),
});
const deletedSchema = z.object({ t: z.literal('deleted'), ...base, datasetId: z.string().check(z.minLength(1)) });
const createdSchema = z.object({ t: z.literal('created'), ...base, header: datasetHeaderSchema });

/** Every message on the channel. */
export const tabMessageSchema = z.discriminatedUnion('t', [helloSchema, savedSchema, deletedSchema, createdSchema]);
export type TabMessage = z.infer<typeof tabMessageSchema>;
/** A write announced by another tab. */
export type SavedMessage = z.infer<typeof savedSchema>;

/** The part of a BroadcastChannel this module uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** What the app does with what other tabs say. */
export interface TabSyncHandlers {
  onSaved(message: SavedMessage): void;
  onDeleted(datasetId: string): void;
  onCreated(header: DatasetSummary): void;
  /** Another tab runs newer code (or a newer storage format): this tab must stop writing. */
  onNewerVersion(): void;
}

/**
 * True when a tab of build `theirs` (storage format `theirStorage`) is newer than this one. Builds are ISO times
 * of the build, which sort as text; a different storage format decides first.
 */
export function isNewer(theirs: { build: string; storage: number }, ours: { build: string; storage: number }): boolean {
  if (theirs.storage !== ours.storage) return theirs.storage > ours.storage;
  if (theirs.build === 'dev' || ours.build === 'dev') return false; // `vite dev`: no build time to compare
  return theirs.build > ours.build;
}

/** One tab's end of the channel. Without a channel (an old browser) every method is a no-op. */
export class TabSync {
  /** This tab's random id (a tab ignores its own messages). */
  readonly tab: string;
  readonly #channel: ChannelLike | null;
  readonly #build: string;
  readonly #handlers: TabSyncHandlers;

  constructor(channel: ChannelLike | null, build: string, handlers: TabSyncHandlers, tab = randomId()) {
    this.#channel = channel;
    this.#build = build;
    this.#handlers = handlers;
    this.tab = tab;
    channel?.addEventListener('message', (e) => this.#receive(e.data));
  }

  /** Greets the other tabs (each answers, so both learn which is newer). */
  start(): void {
    this.#post({ t: 'hello', tab: this.tab, build: this.#build, storage: STORAGE_VERSION, reply: false });
  }

  /** Announces a committed write of dataset `datasetId`. */
  saved(datasetId: string, write: { header?: DatasetSummary; order?: readonly string[]; upsert: readonly Example[]; remove: readonly string[] }): void {
    const tooBig = write.upsert.length > MAX_EXAMPLES_PER_MESSAGE || jsonLongerThan(write.upsert, MAX_CHARS_PER_MESSAGE);
    this.#post({
      t: 'saved',
      tab: this.tab,
      datasetId,
      header: write.header,
      order: tooBig ? undefined : write.order && [...write.order],
      upsert: tooBig ? [] : [...write.upsert],
      remove: tooBig ? [] : [...write.remove],
      ...(tooBig ? { reload: true } : {}),
    });
  }

  /** Announces that dataset `datasetId` was deleted. */
  deleted(datasetId: string): void {
    this.#post({ t: 'deleted', tab: this.tab, datasetId });
  }

  /** Announces a new dataset (created, imported or duplicated) once it is stored. */
  created(header: DatasetSummary): void {
    this.#post({ t: 'created', tab: this.tab, header });
  }

  close(): void {
    this.#channel?.close();
  }

  /** Posts a message (shaped as TabMessage; examples are posted as they are, the receiver parses them). */
  #post(message: { t: TabMessage['t']; tab: string; [field: string]: unknown }): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A value that cannot be cloned (never expected): the other tab then only sees the change after a reload.
    }
  }

  #receive(data: unknown): void {
    const parsed = tabMessageSchema.safeParse(data);
    if (!parsed.success || parsed.data.tab === this.tab) return;
    const m = parsed.data;
    switch (m.t) {
      case 'hello':
        if (isNewer(m, { build: this.#build, storage: STORAGE_VERSION })) this.#handlers.onNewerVersion();
        if (!m.reply) this.#post({ t: 'hello', tab: this.tab, build: this.#build, storage: STORAGE_VERSION, reply: true });
        return;
      case 'saved':
        return this.#handlers.onSaved(m);
      case 'deleted':
        return this.#handlers.onDeleted(m.datasetId);
      case 'created':
        return this.#handlers.onCreated(m.header);
    }
  }
}

function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
