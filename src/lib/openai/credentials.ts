// Where the API key lives: in memory by default; in localStorage under one key only after the user opts in
// ("Remember on this device"); "Forget key" removes it from there too. Storage is injected for tests.
import { z } from 'zod/mini';
import { DEFAULT_BASE_URL, type Endpoint } from './types';
import { appMessage, renderAppMessage, type Message } from '../i18n/messages/index';

/** The single localStorage key that holds remembered credentials. */
export const CREDENTIALS_STORAGE_KEY = 'tuneset.openai.credentials.v1';

/** What is stored when the user chose to remember the key. */
const storedSchema = z.object({
  v: z.literal(1),
  baseUrl: z.string(),
  apiKey: z.string().check(z.minLength(1)),
  authStyle: z.enum(['bearer', 'api-key']),
  organization: z.optional(z.string()),
  project: z.optional(z.string()),
});

/** Minimal storage interface (window.localStorage fits). */
export type KeyStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** An empty endpoint pointing at OpenAI. */
export function emptyEndpoint(): Endpoint {
  return { baseUrl: DEFAULT_BASE_URL, apiKey: '', authStyle: 'bearer', organization: '', project: '' };
}

/** The remembered endpoint, or null when none (or when what is stored is unreadable). */
export function loadRemembered(storage: KeyStorage | null): Endpoint | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(CREDENTIALS_STORAGE_KEY);
    if (!raw) return null;
    const p = storedSchema.safeParse(JSON.parse(raw));
    return p.success
      ? { baseUrl: p.data.baseUrl, apiKey: p.data.apiKey, authStyle: p.data.authStyle, organization: p.data.organization ?? '', project: p.data.project ?? '' }
      : null;
  } catch {
    return null;
  }
}

/** Stores the endpoint and key (only call after the user opted in). Returns false when storage refused. */
export function remember(storage: KeyStorage | null, e: Endpoint): boolean {
  if (!storage) return false;
  try {
    storage.setItem(
      CREDENTIALS_STORAGE_KEY,
      JSON.stringify({ v: 1, baseUrl: e.baseUrl, apiKey: e.apiKey, authStyle: e.authStyle, organization: e.organization, project: e.project }),
    );
    return true;
  } catch {
    return false;
  }
}

/** Removes any remembered key. */
export function forget(storage: KeyStorage | null): void {
  try {
    storage?.removeItem(CREDENTIALS_STORAGE_KEY);
  } catch {
    // storage unavailable: nothing stored
  }
}

/** The browser's localStorage, or null where it is unavailable (private modes, Node). */
export function browserStorage(): KeyStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** True when `baseUrl` is OpenAI's own API (where the job-creation deadline applies). */
export function isOpenAIUrl(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).host === 'api.openai.com';
  } catch {
    return false;
  }
}

/** What is wrong with a base URL, as a message to write in the user's language; null when it is usable. */
export function baseUrlIssue(baseUrl: string): Message | null {
  let u: URL;
  try {
    u = new URL(baseUrl.trim());
  } catch {
    return appMessage('api.url_invalid');
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(u.hostname))) return appMessage('api.url_insecure');
  return null;
}

/** A plain-language (English) problem with a base URL, or null when it is usable. */
export function baseUrlProblem(baseUrl: string): string | null {
  const issue = baseUrlIssue(baseUrl);
  return issue && renderAppMessage(issue, 'en');
}
