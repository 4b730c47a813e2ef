// The only code in Tuneset that talks to the network: a small OpenAI REST client (plain fetch + zod, and
// XMLHttpRequest for uploads because only XHR reports upload progress). fetch, XHR and the clock are injected.
// The key goes into one request header and nowhere else; every error message is scrubbed of it.
import type { z } from 'zod/mini';
import { withRetry } from './backoff';
import { ApiError, readErrorBody, scrubSecrets } from './errors';
import {
  chatCompletionSchema,
  checkpointListSchema,
  fileObjectSchema,
  jobEventListSchema,
  jobListSchema,
  jobSchema,
  modelListSchema,
  uploadObjectSchema,
  uploadPartSchema,
  type ChatCompletion,
  type Checkpoint,
  type FileObject,
  type Job,
  type JobEvent,
  type JobList,
  type ModelObject,
  type UploadObject,
} from './schemas';
import type { Endpoint, JobCreateBody } from './types';
import { appMessage, type Message } from '../i18n/messages/index';

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  text: string;
  /** The Retry-After header, when readable. */
  retryAfter: string | null;
}

/** A multipart POST whose upload progress is reported (bytes sent, bytes in all). */
export interface ProgressRequest {
  url: string;
  headers: Record<string, string>;
  body: FormData;
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** Side effects the client uses; tests pass fakes. */
export interface ClientDeps {
  fetch: typeof fetch;
  /** Sends a multipart body with upload progress (defaults to XMLHttpRequest). Rejects with TypeError on a network failure. */
  sendWithProgress: (req: ProgressRequest) => Promise<RawResponse>;
  sleep: (ms: number) => Promise<void>;
  /** Random source for backoff jitter. */
  random: () => number;
  /** Attempts per call, first included. Defaults to 4. */
  attempts: number;
  /** First backoff delay in ms. Defaults to 1000. */
  backoffBaseMs: number;
  /** Called when a call is retried (for a status line), with a message to write in the user's language. */
  onRetry?: (message: Message) => void;
}

/** Metadata key under which a job carries the nonce that makes creation idempotent. */
export const NONCE_KEY = 'tuneset_nonce';

/** Default XMLHttpRequest-based upload with progress. */
export function xhrSendWithProgress(req: ProgressRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', req.url);
    for (const [k, v] of Object.entries(req.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => req.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, retryAfter: xhr.getResponseHeader('retry-after') });
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    req.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(req.body);
  });
}

function defaultDeps(): ClientDeps {
  return {
    fetch: (...args) => globalThis.fetch(...args),
    sendWithProgress: xhrSendWithProgress,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    attempts: 4,
    backoffBaseMs: 1000,
  };
}

/** A client bound to one endpoint and key. Cheap to create; make a new one when the key or URL changes. */
export class OpenAIClient {
  readonly #endpoint: Endpoint;
  readonly #deps: ClientDeps;

  constructor(endpoint: Endpoint, deps: Partial<ClientDeps> = {}) {
    this.#endpoint = { ...endpoint, baseUrl: endpoint.baseUrl.trim() };
    this.#deps = { ...defaultDeps(), ...deps };
  }

  /** Host name shown in messages (never the key). */
  get host(): string {
    try {
      return new URL(this.#endpoint.baseUrl).host;
    } catch {
      return 'the API';
    }
  }

  /** Full URL for an API path; a query in the base URL (Azure's `api-version`) is kept. */
  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const u = new URL(this.#endpoint.baseUrl);
    u.pathname = u.pathname.replace(/\/+$/, '') + path;
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') u.searchParams.set(k, String(v));
    return u.toString();
  }

  #headers(json: boolean): Record<string, string> {
    const e = this.#endpoint;
    const h: Record<string, string> = e.authStyle === 'api-key' ? { 'api-key': e.apiKey } : { Authorization: `Bearer ${e.apiKey}` };
    if (e.organization?.trim()) h['OpenAI-Organization'] = e.organization.trim();
    if (e.project?.trim()) h['OpenAI-Project'] = e.project.trim();
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  /** Turns a raw response into parsed data or an ApiError. */
  #parse<S extends z.ZodMiniType>(raw: RawResponse, schema: S): z.infer<S> {
    if (raw.status < 200 || raw.status >= 300) {
      const body = readErrorBody(raw.text);
      const ra = raw.retryAfter ? Number(raw.retryAfter) : NaN;
      throw new ApiError({
        status: raw.status,
        kind: 'http',
        code: body.code,
        detail: this.scrub(body.message ?? ''),
        host: this.host,
        retryAfterSeconds: Number.isFinite(ra) ? ra : null,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch {
      throw new ApiError({ status: raw.status, kind: 'invalid_response', host: this.host });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      throw new ApiError({ status: raw.status, kind: 'invalid_response', host: this.host, field: path.length ? path.map(String).join('.') : undefined });
    }
    return parsed.data;
  }

  /** Removes the key from any text. */
  scrub(text: string): string {
    return scrubSecrets(text, [this.#endpoint.apiKey]);
  }

  #networkError(err: unknown): ApiError {
    if (err instanceof DOMException && err.name === 'AbortError') return new ApiError({ status: 0, kind: 'aborted' });
    return new ApiError({ status: 0, kind: 'network', host: this.host });
  }

  /** After a network failure that retries did not fix: if the server answers an opaque probe, CORS is the cause. */
  async #classify(err: unknown, url: string): Promise<unknown> {
    if (!(err instanceof ApiError) || err.kind !== 'network') return err;
    try {
      await this.#deps.fetch(url, { mode: 'no-cors', method: 'GET', cache: 'no-store' });
      return new ApiError({ status: 0, kind: 'cors', host: this.host });
    } catch {
      return err;
    }
  }

  async #once<S extends z.ZodMiniType>(method: string, url: string, schema: S, body?: unknown, signal?: AbortSignal): Promise<z.infer<S>> {
    let res: Response;
    try {
      res = await this.#deps.fetch(url, {
        method,
        headers: this.#headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      throw this.#networkError(err);
    }
    const text = await res.text().catch(() => '');
    return this.#parse({ status: res.status, text, retryAfter: res.headers.get('retry-after') }, schema);
  }

  /** Retry settings; `label` names what is retried in the note: the request ("GET /v1/models"), or a step as a message. */
  #retryOpts(label: string | Message) {
    return {
      attempts: this.#deps.attempts,
      sleep: this.#deps.sleep,
      random: this.#deps.random,
      baseMs: this.#deps.backoffBaseMs,
      onRetry: (e: ApiError, n: number, ms: number) =>
        this.#deps.onRetry?.(appMessage('api.retrying', { label, error: e.text, attempt: n, seconds: Math.round(ms / 1000) })),
    };
  }

  /** A JSON call with retries (GETs, and POSTs that are safe to repeat). */
  async call<S extends z.ZodMiniType>(
    method: string,
    path: string,
    schema: S,
    opts: { body?: unknown; query?: Record<string, string | number | undefined>; signal?: AbortSignal } = {},
  ): Promise<z.infer<S>> {
    const url = this.url(path, opts.query);
    try {
      return await withRetry(() => this.#once(method, url, schema, opts.body, opts.signal), this.#retryOpts(`${method} ${path}`));
    } catch (err) {
      throw await this.#classify(err, url);
    }
  }

  /** `GET /fine_tuning/jobs`: one page, newest first. */
  listJobs(opts: { after?: string; limit?: number } = {}): Promise<JobList> {
    return this.call('GET', '/fine_tuning/jobs', jobListSchema, { query: { after: opts.after, limit: opts.limit ?? 20 } });
  }

  /** `GET /fine_tuning/jobs/{id}`. */
  getJob(id: string): Promise<Job> {
    return this.call('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}`, jobSchema);
  }

  /** `POST /fine_tuning/jobs/{id}/cancel|pause|resume`. */
  jobAction(id: string, action: 'cancel' | 'pause' | 'resume'): Promise<Job> {
    return this.call('POST', `/fine_tuning/jobs/${encodeURIComponent(id)}/${action}`, jobSchema);
  }

  /** `GET …/events` (newest first). */
  async listEvents(id: string, opts: { after?: string; limit?: number } = {}): Promise<JobEvent[]> {
    const r = await this.call('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}/events`, jobEventListSchema, {
      query: { after: opts.after, limit: opts.limit ?? 100 },
    });
    return r.data;
  }

  /** `GET …/checkpoints`. */
  async listCheckpoints(id: string): Promise<Checkpoint[]> {
    const r = await this.call('GET', `/fine_tuning/jobs/${encodeURIComponent(id)}/checkpoints`, checkpointListSchema, { query: { limit: 10 } });
    return r.data;
  }

  /** `GET /models`. */
  async listModels(): Promise<ModelObject[]> {
    return (await this.call('GET', '/models', modelListSchema)).data;
  }

  /** `POST /chat/completions` (not retried on ambiguous failures beyond the usual rate-limit/server retries). */
  chat(model: string, messages: unknown[], signal?: AbortSignal): Promise<ChatCompletion> {
    return this.call('POST', '/chat/completions', chatCompletionSchema, { body: { model, messages }, signal });
  }

  /**
   * `POST /fine_tuning/jobs`, idempotently: the job carries `metadata.tuneset_nonce = nonce`. Before retrying a
   * creation that failed ambiguously (dropped connection, 5xx), the recent jobs are listed and a job with our
   * nonce (or, when the endpoint drops metadata, the same training file created since we started) is returned
   * instead of creating a second one.
   */
  async createJob(body: JobCreateBody, nonce: string, nowSeconds: number): Promise<Job> {
    const full: JobCreateBody = { ...body, metadata: { ...body.metadata, [NONCE_KEY]: nonce } };
    const url = this.url('/fine_tuning/jobs');
    const step = appMessage('api.step.create_job');
    let ambiguousBefore = false;
    try {
      return await withRetry(async () => {
        if (ambiguousBefore) {
          const existing = await this.findCreatedJob(nonce, body.training_file, nowSeconds).catch(() => null);
          if (existing) return existing;
        }
        try {
          const created = await this.#once('POST', url, jobSchema, full);
          return await this.#dedupe(created, nonce);
        } catch (err) {
          if (err instanceof ApiError && err.ambiguous) ambiguousBefore = true;
          throw err;
        }
      }, this.#retryOpts(step));
    } catch (err) {
      if (ambiguousBefore) {
        const existing = await this.findCreatedJob(nonce, body.training_file, nowSeconds).catch(() => null);
        if (existing) return existing;
      }
      throw await this.#classify(err, url);
    }
  }

  /**
   * After a creation succeeded: browsers resend a POST by themselves when a reused connection drops before
   * the answer (Chromium does), so the API may hold two jobs with our nonce although we saw one answer. Keeps
   * the oldest, cancels the others at once (best effort, before they train), and returns the one kept.
   */
  async #dedupe(created: Job, nonce: string): Promise<Job> {
    let list: Job[];
    try {
      list = (await this.#once('GET', this.url('/fine_tuning/jobs', { limit: 50 }), jobListSchema)).data;
    } catch {
      return created; // the check is best effort
    }
    const ours = list.filter((j) => j.metadata?.[NONCE_KEY] === nonce && j.status !== 'cancelled');
    if (ours.length <= 1) return created;
    const keep = ours.reduce((a, b) => ((b.created_at ?? 0) < (a.created_at ?? 0) || ((b.created_at ?? 0) === (a.created_at ?? 0) && b.id < a.id) ? b : a));
    for (const extra of ours) if (extra.id !== keep.id) await this.jobAction(extra.id, 'cancel').catch(() => null);
    return keep;
  }

  /** Looks through the newest jobs (up to 3 pages) for one created by our attempt. */
  async findCreatedJob(nonce: string, trainingFile: string, sinceSeconds: number): Promise<Job | null> {
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const list = await this.#once('GET', this.url('/fine_tuning/jobs', { limit: 50, after }), jobListSchema);
      const byNonce = list.data.find((j) => j.metadata?.[NONCE_KEY] === nonce);
      if (byNonce) return byNonce;
      const byFile = list.data.find((j) => !j.metadata?.[NONCE_KEY] && j.training_file === trainingFile && (j.created_at ?? 0) >= sinceSeconds - 60);
      if (byFile) return byFile;
      if (!list.has_more || list.data.length === 0) return null;
      after = list.data[list.data.length - 1].id;
    }
    return null;
  }

  /** Multipart POST with progress, retried on rate limits, server errors and drops. */
  async postMultipart<S extends z.ZodMiniType>(
    path: string,
    makeBody: () => FormData,
    schema: S,
    onProgress?: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const url = this.url(path);
    const step = appMessage('api.step.upload');
    try {
      return await withRetry(async () => {
        let raw: RawResponse;
        try {
          raw = await this.#deps.sendWithProgress({ url, headers: this.#headers(false), body: makeBody(), onProgress, signal });
        } catch (err) {
          throw this.#networkError(err);
        }
        return this.#parse(raw, schema);
      }, this.#retryOpts(step));
    } catch (err) {
      throw await this.#classify(err, url);
    }
  }

  /** `POST /files` (purpose fine-tune) with upload progress. For files up to 512 MB. */
  uploadFile(file: Blob, filename: string, onProgress?: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<FileObject> {
    return this.postMultipart(
      '/files',
      () => {
        const fd = new FormData();
        fd.append('purpose', 'fine-tune');
        fd.append('file', file, filename);
        return fd;
      },
      fileObjectSchema,
      onProgress,
      signal,
    );
  }

  /** `POST /uploads`: starts a multipart upload of `bytes` bytes. */
  createUpload(filename: string, bytes: number): Promise<UploadObject> {
    return this.call('POST', '/uploads', uploadObjectSchema, { body: { purpose: 'fine-tune', filename, bytes, mime_type: 'application/jsonl' } });
  }

  /** `POST /uploads/{id}/parts`: sends one part (≤ 64 MB); returns the part id. */
  async addUploadPart(uploadId: string, part: Blob, onProgress?: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<string> {
    const r = await this.postMultipart(
      `/uploads/${encodeURIComponent(uploadId)}/parts`,
      () => {
        const fd = new FormData();
        fd.append('data', part, 'part');
        return fd;
      },
      uploadPartSchema,
      onProgress,
      signal,
    );
    return r.id;
  }

  /** `POST /uploads/{id}/complete` with the part ids in order; returns the finished file. */
  async completeUpload(uploadId: string, partIds: string[]): Promise<FileObject> {
    const r = await this.call('POST', `/uploads/${encodeURIComponent(uploadId)}/complete`, uploadObjectSchema, { body: { part_ids: partIds } });
    if (!r.file) throw new ApiError({ status: 200, kind: 'invalid_response', host: this.host, field: 'file' });
    return r.file;
  }
}
