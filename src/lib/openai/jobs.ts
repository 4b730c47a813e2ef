// Follows a running job: polls with a growing interval while nothing changes, snaps back when something
// does, backs off further on errors, and pauses entirely while the tab is hidden. Timers and visibility are injected.
import type { JobStatus } from './schemas';

/** Statuses after which a job never changes again. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** True when a job in `status` will not change any more. */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Page visibility, abstracted so tests can hide and show a fake tab. */
export interface Visibility {
  hidden(): boolean;
  /** Calls `cb` on every change; returns an unsubscribe function. */
  onChange(cb: () => void): () => void;
}

/** The browser's document visibility. */
export function documentVisibility(): Visibility {
  return {
    hidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    onChange: (cb) => {
      if (typeof document === 'undefined') return () => {};
      document.addEventListener('visibilitychange', cb);
      return () => document.removeEventListener('visibilitychange', cb);
    },
  };
}

/** What one poll found. */
export interface PollResult {
  /** Something the user can see changed (status, events, checkpoints). */
  changed: boolean;
  /** Nothing will change any more: stop polling. */
  done: boolean;
}

/** Options of {@link Poller}. Times in milliseconds. */
export interface PollerOptions {
  /** Interval right after a change. Defaults to 2000 ms. */
  baseMs?: number;
  /** Longest interval. Defaults to 30000 ms. */
  maxMs?: number;
  /** Growth factor per unchanged poll. Defaults to 1.5 (errors double). */
  growth?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  visibility?: Visibility;
  onError?: (err: unknown) => void;
}

/** Calls `poll` repeatedly until it reports `done` or `stop()` is called. At most one poll runs at a time. */
export class Poller {
  readonly #poll: () => Promise<PollResult>;
  readonly #base: number;
  readonly #max: number;
  readonly #growth: number;
  readonly #set: (fn: () => void, ms: number) => unknown;
  readonly #clear: (handle: unknown) => void;
  readonly #visibility: Visibility;
  readonly #onError?: (err: unknown) => void;
  #delay: number;
  #timer: unknown = null;
  #running = false;
  #stopped = true;
  #unsubscribe: (() => void) | null = null;

  constructor(poll: () => Promise<PollResult>, opts: PollerOptions = {}) {
    this.#poll = poll;
    this.#base = opts.baseMs ?? 2000;
    this.#max = opts.maxMs ?? 30_000;
    this.#growth = opts.growth ?? 1.5;
    this.#set = opts.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.#clear = opts.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
    this.#visibility = opts.visibility ?? documentVisibility();
    this.#onError = opts.onError;
    this.#delay = this.#base;
  }

  /** Current wait between polls, in ms. */
  get delay(): number {
    return this.#delay;
  }

  /** True while polling is suspended because the tab is hidden. */
  get paused(): boolean {
    return !this.#stopped && this.#visibility.hidden();
  }

  /** Polls now, then on schedule. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#delay = this.#base;
    this.#unsubscribe = this.#visibility.onChange(() => {
      if (!this.#stopped && !this.#visibility.hidden() && this.#timer === null && !this.#running) {
        this.#delay = this.#base;
        void this.#tick();
      }
    });
    void this.#tick();
  }

  /** Stops polling; a poll in flight finishes but schedules nothing. */
  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) this.#clear(this.#timer);
    this.#timer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    if (this.#stopped || this.#running) return;
    if (this.#visibility.hidden()) return; // resumes from the visibility listener
    this.#running = true;
    try {
      const r = await this.#poll();
      if (r.done) {
        this.stop();
        return;
      }
      this.#delay = r.changed ? this.#base : Math.min(this.#max, this.#delay * this.#growth);
    } catch (err) {
      this.#delay = Math.min(this.#max, this.#delay * 2);
      this.#onError?.(err);
    } finally {
      this.#running = false;
    }
    if (!this.#stopped && !this.#visibility.hidden()) this.#timer = this.#set(() => void this.#tick(), this.#delay);
  }
}
