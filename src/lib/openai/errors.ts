// Turns what went wrong on the wire into one plain message that says what to do, and scrubs API keys out of
// any text before it is shown. Every error the Train tab displays comes through `ApiError` or `scrubSecrets`.
import { apiErrorBodySchema } from './schemas';

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

/** A failed API call, with a user-facing message that never contains the key. */
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

  constructor(init: { status: number; kind: FailureKind; code?: string | null; detail?: string | null; retryAfterSeconds?: number | null; host?: string }) {
    const detail = init.detail ? scrubSecrets(init.detail) : null;
    super(userMessage({ ...init, detail }));
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

function userMessage(e: { status: number; kind: FailureKind; code?: string | null; detail?: string | null; host?: string }): string {
  const host = e.host ?? 'the API';
  const said = e.detail ? ` The server said: “${e.detail}”` : '';
  switch (e.kind) {
    case 'aborted':
      return 'The request was stopped.';
    case 'network':
      return `Could not reach ${host}: the connection dropped or the address is wrong. Check your internet connection and the API base URL, then try again.`;
    case 'cors':
      return `${host} answered, but without the CORS headers a browser needs, so the answer was hidden from this page. This happens when the API base URL is not an OpenAI-compatible API that allows browser calls, and OpenAI itself sometimes leaves these headers off error answers (a wrong key or a wrong path): check the key and the API base URL.`;
    case 'invalid_response':
      return `${host} sent an answer this app could not read. Check that the API base URL points at an OpenAI-compatible API (for OpenAI: https://api.openai.com/v1).${said}`;
    case 'http':
      break;
  }
  switch (true) {
    case e.status === 400:
      return `The request was refused (400).${said || ' Check the settings and try again.'}`;
    case e.status === 401:
      return `The API key was refused (401). Paste the whole key again, check it has not been revoked, and that it belongs to this endpoint (and organization/project, if you set them).${said}`;
    case e.status === 403:
      return `Not allowed (403): this key, organization or project may not use fine-tuning (new organizations can no longer create jobs), or the project lacks the permission. Check the key's permissions and the organization/project fields.${said}`;
    case e.status === 404:
      return `Not found (404): check the API base URL (for OpenAI it ends in /v1), and that the model or job exists for this key's organization.${said}`;
    case e.status === 413:
      return `The file is too large for this request (413). Files over 512 MB are sent in parts automatically; if this endpoint has a lower limit, split or shrink the dataset.${said}`;
    case e.status === 429 && e.code === 'insufficient_quota':
      return `Your quota is used up (429 insufficient_quota). Add credit or raise the limit in your billing settings, then try again.${said}`;
    case e.status === 429:
      return `Too many requests (429): the rate limit was hit. The app retries by itself after a pause; if it keeps happening, wait a minute and try again.${said}`;
    case e.status >= 500:
      return `The server had a problem (${e.status}). This is usually temporary: the app retries by itself; if it keeps failing, try again later.${said}`;
    default:
      return `The request failed (${e.status}).${said}`;
  }
}
