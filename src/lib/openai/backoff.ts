// Exponential backoff with jitter, and a retry loop that uses it for rate limits, server errors and drops.
// Time is injected (`sleep`, `random`) so tests run instantly and deterministically.
import { ApiError } from './errors';

/** Backoff settings. Delays are in milliseconds. */
export interface BackoffOptions {
  /** First delay. Defaults to 1000 ms. */
  baseMs?: number;
  /** Largest delay. Defaults to 30000 ms. */
  maxMs?: number;
  /** Random source in [0, 1) for jitter; defaults to Math.random. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): base·2^attempt, capped at max, with "equal jitter"
 * (between half and all of it). A server's Retry-After (seconds) wins when larger.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}, retryAfterSeconds: number | null = null): number {
  const base = opts.baseMs ?? 1000;
  const max = opts.maxMs ?? 30_000;
  const random = opts.random ?? Math.random;
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt));
  const jittered = exp / 2 + (exp / 2) * random();
  const server = retryAfterSeconds !== null && retryAfterSeconds > 0 ? Math.min(retryAfterSeconds * 1000, 120_000) : 0;
  return Math.round(Math.max(jittered, server));
}

/** Options of {@link withRetry}. */
export interface RetryOptions extends BackoffOptions {
  /** Attempts in all, including the first. Defaults to 4. */
  attempts?: number;
  /** Waits `ms` milliseconds. */
  sleep: (ms: number) => Promise<void>;
  /** Called before each retry (for a "retrying…" note). */
  onRetry?: (error: ApiError, attempt: number, delayMs: number) => void;
  /** Decides whether an error is retried; defaults to `error.retryable`. */
  shouldRetry?: (error: ApiError) => boolean;
}

/** Runs `fn`, retrying retryable `ApiError`s with backoff. Other errors and the last failure are thrown. */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const attempts = opts.attempts ?? 4;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retry = err instanceof ApiError && (opts.shouldRetry ? opts.shouldRetry(err) : err.retryable);
      if (!retry || attempt + 1 >= attempts) throw err;
      const delay = backoffDelay(attempt, opts, err.retryAfterSeconds);
      opts.onRetry?.(err, attempt + 1, delay);
      await opts.sleep(delay);
    }
  }
}
