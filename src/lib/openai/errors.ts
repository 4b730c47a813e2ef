// Turns what went wrong on the wire into one plain message that says what to do, and scrubs API keys out of
// any text before it is shown. Every error the Train tab displays comes through `ApiError` or `scrubSecrets`.
import { apiErrorBodySchema } from './schemas';
import { appMessage, renderAppMessage, type Message } from '../i18n/messages/index';

/** What kind of failure: an HTTP status, a dropped connection, or a response the browser hid (no CORS). */
export type FailureKind = 'http' | 'network' | 'cors' | 'invalid_response' | 'aborted';

/** Looks like an OpenAI-style secret (`sk-…`, `sk-proj-…`) even when it is not the key the user typed. */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_-]{8,}/g;
/** What a scrubbed secret is replaced with. */
export const REDACTED = '[key hidden]';

/**
 * Removes every occurrence of the given secrets (and anything shaped like an `sk-` key) from `text`.
 * Empty or very short secrets (< 4 chars) are ignored so ordinary words are not blanked out.
 */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  return out.replace(KEY_PATTERN, REDACTED);
}

/** A failed API call, with a user-facing message (`text`, written in the user's language when shown; `message` is its English) that never contains the key. */
export class ApiError extends Error {
  /** HTTP status, or 0 when there was no readable response. */
  readonly status: number;
  readonly kind: FailureKind;
  /** The API's `error.code` or `error.type`, when it sent one. */
  readonly code: string | null;
  /** The API's own message (scrubbed), when it sent one. */
  readonly detail: string | null;
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;
  /** What went wrong and what to do, as a message (code + params) to write in the user's language. */
  readonly text: Message;

  constructor(init: {
    status: number;
    kind: FailureKind;
    code?: string | null;
    detail?: string | null;
    retryAfterSeconds?: number | null;
    host?: string;
    /** For an answer that could not be read: where in it (e.g. "data.0.id"). */
    field?: string;
  }) {
    const detail = init.detail ? scrubSecrets(init.detail) : null;
    const text = userMessage({ ...init, detail });
    super(renderAppMessage(text, 'en'));
    this.text = text;
    this.name = 'ApiError';
    this.status = init.status;
    this.kind = init.kind;
    this.code = init.code ?? null;
    this.detail = detail;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** True for failures worth retrying automatically (rate limit, server error, dropped connection). */
  get retryable(): boolean {
    if (this.kind === 'network') return true;
    if (this.kind !== 'http') return false;
    if (this.status === 429) return this.code !== 'insufficient_quota';
    return this.status >= 500;
  }

  /** True when the request may have reached the server and taken effect before failing. */
  get ambiguous(): boolean {
    return this.kind === 'network' || (this.kind === 'http' && this.status >= 500);
  }
}

/** Reads `{error: {message, code, type}}` from a response body; tolerates non-JSON and missing fields. */
export function readErrorBody(text: string): { message: string | null; code: string | null } {
  try {
    const parsed = apiErrorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.error) {
      const e = parsed.data.error;
      const code = e.code ?? e.type ?? null;
      return { message: e.message ?? null, code: code === null ? null : String(code) };
    }
  } catch {
    // not JSON: fall through
  }
  return { message: null, code: null };
}

function userMessage(e: { status: number; kind: FailureKind; code?: string | null; detail?: string | null; host?: string; field?: string }): Message {
  const host = e.host !== undefined ? { host: e.host } : {};
  const said = e.detail ? { said: e.detail } : {};
  switch (e.kind) {
    case 'aborted':
      return appMessage('api.aborted');
    case 'network':
      return appMessage('api.network', host);
    case 'cors':
      return appMessage('api.cors', host);
    case 'invalid_response':
      // Not "the server said": what was wrong is this app's finding, named by the answer's field (no sentence to translate).
      return appMessage('api.invalid_response', { ...host, ...(e.field ? { field: e.field } : {}) });
    case 'http':
      break;
  }
  switch (true) {
    case e.status === 400:
      return appMessage('api.bad_request', said);
    case e.status === 401:
      return appMessage('api.unauthorized', said);
    case e.status === 403:
      return appMessage('api.forbidden', said);
    case e.status === 404:
      return appMessage('api.not_found', said);
    case e.status === 413:
      return appMessage('api.too_large', said);
    case e.status === 429 && e.code === 'insufficient_quota':
      return appMessage('api.quota', said);
    case e.status === 429:
      return appMessage('api.rate_limited', said);
    case e.status >= 500:
      return appMessage('api.server_error', { status: e.status, ...said });
    default:
      return appMessage('api.failed', { status: e.status, ...said });
  }
}

/**
 * What to show for any error of the Train tab, as a message: an ApiError's own, else the error's text as is;
 * every text it names is scrubbed of `secrets` (and anything shaped like an API key).
 */
export function errorMessage(err: unknown, secrets: readonly (string | null | undefined)[] = []): Message {
  const m: Message = err instanceof ApiError ? err.text : appMessage('api.error', { text: err instanceof Error ? err.message : String(err) });
  return scrubMessage(m, secrets);
}

/** A message with every text it names (nested messages too) scrubbed of `secrets`. */
export function scrubMessage(m: Message, secrets: readonly (string | null | undefined)[] = []): Message {
  const params: Record<string, Message['params'][string]> = {};
  for (const [k, v] of Object.entries(m.params)) {
    if (typeof v === 'string') params[k] = scrubSecrets(v, secrets);
    else if (Array.isArray(v))
      params[k] = v.map((x) =>
        typeof x === 'string' ? scrubSecrets(x, secrets) : typeof x === 'object' && x !== null ? scrubMessage(x as Message, secrets) : x,
      ) as Message['params'][string];
    else if (typeof v === 'object' && v !== null) params[k] = scrubMessage(v as Message, secrets);
    else params[k] = v;
  }
  return { code: m.code, params };
}
