// A fake OpenAI fine-tuning API for tests: node:http, no dependencies. Implements the endpoints the Train tab
// uses (files, uploads, jobs, events, checkpoints, models, chat), validates like the real API, moves jobs
// through their statuses one step per GET, and can inject faults (401/429/500/503, dropped connection, no CORS).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fault to inject on matching requests, `times` times (Infinity for always). */
export interface Fault {
  /** Substring or pattern of "METHOD /path" (e.g. "POST /v1/fine_tuning/jobs"). */
  match: string | RegExp;
  kind: 401 | 403 | 404 | 413 | 429 | 500 | 503 | 'drop' | 'drop-after' | 'nocors';
  times: number;
}

/** One fake job, as stored. */
export interface FakeJob {
  id: string;
  model: string;
  status: string;
  created_at: number;
  finished_at: number | null;
  fine_tuned_model: string | null;
  training_file: string;
  validation_file: string | null;
  suffix: string | null;
  seed: number;
  metadata: Record<string, string> | null;
  method: unknown;
  error: unknown;
  step: number;
  events: { id: string; created_at: number; level: string; message: string; type: string; data: unknown }[];
  checkpoints: {
    id: string;
    object: string;
    fine_tuned_model_checkpoint: string;
    step_number: number;
    created_at: number;
    metrics: unknown;
    fine_tuning_job_id: string;
  }[];
  willFail: boolean;
}

/** Everything the fake holds; tests read and change it directly. */
export interface FakeState {
  /** The only key accepted (Bearer or api-key header). */
  apiKey: string;
  files: Map<string, { id: string; filename: string; bytes: number; content: string }>;
  uploads: Map<string, { id: string; filename: string; bytes: number; status: string; parts: string[] }>;
  parts: Map<string, Buffer>;
  jobs: FakeJob[];
  faults: Fault[];
  /** Every request received: method, path and whether it carried the right key. */
  requests: { method: string; path: string; authorized: boolean }[];
}

/** Marker that makes a training file fail validation with a data error mentioning Example 3, message 2. */
export const FAIL_MARKER = 'TUNESET_FAKE_FAIL';
/** Base models the fake can fine-tune. */
export const FAKE_BASE_MODELS = ['gpt-4o-mini-2024-07-18', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-2025-04-14', 'gpt-4o-2024-08-06', 'gpt-4.1-nano-2025-04-14'];
/** The key the fake accepts unless a test changes it. */
export const FAKE_KEY = 'sk-test-FAKE0123456789abcdef';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type, OpenAI-Organization, OpenAI-Project, api-key',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-expose-headers': 'retry-after, x-request-id',
};

let counter = 0;
const nextId = (p: string) => `${p}-${(++counter).toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const now = () => Math.floor(Date.now() / 1000);

function apiError(status: number, message: string, param: string | null = null, code: string | null = null, type = 'invalid_request_error') {
  return { status, body: { error: { message, type, param, code } } };
}

function validJsonl(text: string): boolean {
  const lines = text.split('\n').filter((l, i, a) => !(l === '' && i === a.length - 1));
  if (lines.length === 0) return false;
  return lines.every((l) => {
    try {
      const v = JSON.parse(l);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    } catch {
      return false;
    }
  });
}

function checkHyper(hp: Record<string, unknown>, method: string): string | null {
  const ok = (v: unknown, test: (n: number) => boolean) => v === undefined || v === 'auto' || (typeof v === 'number' && test(v));
  if (!ok(hp.n_epochs, (n) => Number.isInteger(n) && n >= 1 && n <= 50)) return 'n_epochs';
  if (!ok(hp.batch_size, (n) => Number.isInteger(n) && n >= 1 && n <= 256)) return 'batch_size';
  if (!ok(hp.learning_rate_multiplier, (n) => n > 0)) return 'learning_rate_multiplier';
  if (method === 'dpo' && !ok(hp.beta, (n) => n > 0 && n <= 2)) return 'beta';
  return null;
}

function jobView(j: FakeJob) {
  const { step: _s, events: _e, checkpoints: _c, willFail: _w, ...rest } = j;
  return {
    object: 'fine_tuning.job',
    organization_id: 'org-fake',
    result_files: [],
    trained_tokens: j.status === 'succeeded' ? 12345 : null,
    hyperparameters: null,
    ...rest,
  };
}

function addEvent(j: FakeJob, message: string, type = 'message', data: unknown = {}, level = 'info') {
  j.events.unshift({ id: nextId('ftevent'), created_at: now(), level, message, type, data });
}

/** Moves a job one step along validating_files → queued → running (3 metric steps) → succeeded/failed. */
function advance(j: FakeJob): void {
  if (['succeeded', 'failed', 'cancelled', 'paused'].includes(j.status)) return;
  if (j.status === 'validating_files') {
    if (j.willFail) {
      j.status = 'failed';
      j.finished_at = now();
      j.error = {
        code: 'invalid_training_file',
        param: 'training_file',
        message: 'The job failed due to an invalid training file. Invalid file format. Example 3, message 2 is missing content. Flagged lines: 3, 7',
      };
      addEvent(j, 'The job failed due to an invalid training file.', 'message', {}, 'error');
      return;
    }
    j.status = 'queued';
    addEvent(j, 'Files validated, moving job to queued state');
    return;
  }
  if (j.status === 'queued') {
    j.status = 'running';
    addEvent(j, 'Fine-tuning job started');
    return;
  }
  j.step += 1;
  const s = j.step;
  addEvent(j, `Step ${s}/3: training loss=${(2 / s).toFixed(2)}`, 'metrics', {
    step: s,
    train_loss: 2 / s,
    valid_loss: 2.2 / s,
    train_mean_token_accuracy: 0.5 + s * 0.1,
    valid_mean_token_accuracy: 0.45 + s * 0.1,
    total_steps: 3,
  });
  if (s >= 3) {
    j.status = 'succeeded';
    j.finished_at = now();
    j.fine_tuned_model = `ft:${j.model}:fake-org:${j.suffix ?? ''}:${j.id.slice(-8)}`;
    for (const st of [1, 2, 3]) {
      j.checkpoints.unshift({
        id: nextId('ftckpt'),
        object: 'fine_tuning.job.checkpoint',
        fine_tuning_job_id: j.id,
        created_at: now(),
        step_number: st,
        fine_tuned_model_checkpoint: st === 3 ? j.fine_tuned_model : `${j.fine_tuned_model}:ckpt-step-${st}`,
        metrics: { step: st, train_loss: 2 / st, valid_loss: 2.2 / st, full_valid_loss: 2.1 / st, train_mean_token_accuracy: 0.5 + st * 0.1 },
      });
    }
    addEvent(j, `New fine-tuned model created: ${j.fine_tuned_model}`);
    addEvent(j, 'The job has successfully completed');
  }
}

type Reply = { status: number; body: unknown };

async function route(state: FakeState, method: string, url: URL, req: http.IncomingMessage, raw: Buffer): Promise<Reply> {
  const p = url.pathname.replace(/\/+$/, '');
  const json = (): Record<string, unknown> => {
    try {
      const v = JSON.parse(raw.toString('utf8'));
      return v && typeof v === 'object' ? v : {};
    } catch {
      return {};
    }
  };
  const form = async () =>
    new Request('http://x', { method: 'POST', headers: { 'content-type': String(req.headers['content-type'] ?? '') }, body: new Uint8Array(raw) }).formData();

  if (method === 'POST' && p === '/v1/files') {
    const fd = await form().catch(() => null);
    const file = fd?.get('file');
    if (!fd || !(file instanceof Blob)) return apiError(400, "Missing required parameter: 'file'.", 'file');
    if (fd.get('purpose') !== 'fine-tune') return apiError(400, "Invalid value for 'purpose'.", 'purpose');
    const content = await file.text();
    const filename = (file as File).name ?? 'file.jsonl';
    if (!validJsonl(content)) return apiError(400, 'Expected file to have JSONL format, where every line is a valid JSON dictionary.', 'file');
    const f = { id: nextId('file'), filename, bytes: file.size, content };
    state.files.set(f.id, f);
    return { status: 200, body: { object: 'file', id: f.id, bytes: f.bytes, filename, purpose: 'fine-tune', created_at: now(), status: 'processed' } };
  }
  if (method === 'POST' && p === '/v1/uploads') {
    const b = json();
    if (b.purpose !== 'fine-tune' || typeof b.filename !== 'string' || typeof b.bytes !== 'number') return apiError(400, 'Invalid upload request.', null);
    const u = { id: nextId('upload'), filename: b.filename, bytes: b.bytes, status: 'pending', parts: [] as string[] };
    state.uploads.set(u.id, u);
    return { status: 200, body: { object: 'upload', id: u.id, status: 'pending', filename: u.filename, bytes: u.bytes, purpose: 'fine-tune', file: null } };
  }
  let m = /^\/v1\/uploads\/([^/]+)\/(parts|complete)$/.exec(p);
  if (method === 'POST' && m) {
    const u = state.uploads.get(m[1]);
    if (!u) return apiError(404, `No upload found with id '${m[1]}'.`, null, null);
    if (m[2] === 'parts') {
      const data = (await form().catch(() => null))?.get('data');
      if (!(data instanceof Blob)) return apiError(400, "Missing required parameter: 'data'.", 'data');
      if (data.size > 64 * 1024 * 1024) return apiError(413, 'Part too large.', 'data');
      const id = nextId('part');
      state.parts.set(id, Buffer.from(await data.arrayBuffer()));
      u.parts.push(id);
      return { status: 200, body: { object: 'upload.part', id, upload_id: u.id, created_at: now() } };
    }
    const ids = json().part_ids;
    if (!Array.isArray(ids) || ids.some((i) => !state.parts.has(String(i)))) return apiError(400, 'Invalid part_ids.', 'part_ids');
    const buf = Buffer.concat(ids.map((i) => state.parts.get(String(i))!));
    if (buf.length !== u.bytes) return apiError(400, `The upload has ${buf.length} bytes but ${u.bytes} were declared.`, 'bytes');
    const content = buf.toString('utf8');
    if (!validJsonl(content)) return apiError(400, 'Expected file to have JSONL format, where every line is a valid JSON dictionary.', 'file');
    const f = { id: nextId('file'), filename: u.filename, bytes: buf.length, content };
    state.files.set(f.id, f);
    u.status = 'completed';
    return {
      status: 200,
      body: {
        object: 'upload',
        id: u.id,
        status: 'completed',
        file: { object: 'file', id: f.id, bytes: f.bytes, filename: f.filename, purpose: 'fine-tune', created_at: now() },
      },
    };
  }
  if (p === '/v1/fine_tuning/jobs' && method === 'POST') {
    const b = json();
    const models = [...FAKE_BASE_MODELS, ...state.jobs.flatMap((j) => (j.fine_tuned_model ? [j.fine_tuned_model] : []))];
    if (typeof b.model !== 'string' || !models.includes(b.model))
      return apiError(400, `Model ${String(b.model)} is not available for fine-tuning or does not exist.`, 'model', 'model_not_available');
    if (typeof b.training_file !== 'string' || !state.files.has(b.training_file))
      return apiError(400, `invalid training_file: ${String(b.training_file)}`, 'training_file');
    if (b.validation_file != null && (typeof b.validation_file !== 'string' || !state.files.has(b.validation_file)))
      return apiError(400, `invalid validation_file: ${String(b.validation_file)}`, 'validation_file');
    if (b.suffix != null && (typeof b.suffix !== 'string' || b.suffix.length > 64 || !/^[A-Za-z0-9_-]*$/.test(b.suffix)))
      return apiError(400, 'suffix must be at most 64 characters of letters, digits, - and _.', 'suffix');
    const method_ = (b.method ?? { type: 'supervised' }) as {
      type?: string;
      supervised?: { hyperparameters?: Record<string, unknown> };
      dpo?: { hyperparameters?: Record<string, unknown> };
    };
    if (method_.type !== 'supervised' && method_.type !== 'dpo') return apiError(400, `Invalid method type: ${String(method_.type)}`, 'method.type');
    const hp = (method_.type === 'dpo' ? method_.dpo?.hyperparameters : method_.supervised?.hyperparameters) ?? {};
    const bad = checkHyper(hp, method_.type);
    if (bad) return apiError(400, `Invalid value for hyperparameter '${bad}'.`, `method.${method_.type}.hyperparameters.${bad}`);
    const content = state.files.get(b.training_file)!.content;
    const job: FakeJob = {
      id: nextId('ftjob'),
      model: b.model,
      status: 'validating_files',
      created_at: now(),
      finished_at: null,
      fine_tuned_model: null,
      training_file: b.training_file,
      validation_file: (b.validation_file as string) ?? null,
      suffix: (b.suffix as string) ?? null,
      seed: typeof b.seed === 'number' ? b.seed : 42,
      metadata: (b.metadata as Record<string, string>) ?? null,
      method: method_,
      error: {},
      step: 0,
      events: [],
      checkpoints: [],
      willFail: content.includes(FAIL_MARKER),
    };
    addEvent(job, `Validating training file: ${job.training_file}`);
    addEvent(job, 'Created fine-tuning job');
    state.jobs.unshift(job);
    return { status: 200, body: jobView(job) };
  }
  if (p === '/v1/fine_tuning/jobs' && method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const after = url.searchParams.get('after');
    const start = after ? state.jobs.findIndex((j) => j.id === after) + 1 : 0;
    const page = state.jobs.slice(start, start + limit);
    return { status: 200, body: { object: 'list', data: page.map(jobView), has_more: start + limit < state.jobs.length } };
  }
  m = /^\/v1\/fine_tuning\/jobs\/([^/]+)(?:\/(events|checkpoints|cancel|pause|resume))?$/.exec(p);
  if (m) {
    const j = state.jobs.find((x) => x.id === m![1]);
    if (!j) return apiError(404, `Could not find fine-tune: ${m[1]}`, 'fine_tune_id', 'fine_tune_not_found');
    const action = m[2];
    if (!action && method === 'GET') {
      advance(j);
      return { status: 200, body: jobView(j) };
    }
    if (action === 'events' && method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const after = url.searchParams.get('after');
      const start = after ? j.events.findIndex((e) => e.id === after) + 1 : 0;
      return {
        status: 200,
        body: {
          object: 'list',
          data: j.events.slice(start, start + limit).map((e) => ({ object: 'fine_tuning.job.event', ...e })),
          has_more: start + limit < j.events.length,
        },
      };
    }
    if (action === 'checkpoints' && method === 'GET') return { status: 200, body: { object: 'list', data: j.checkpoints, has_more: false } };
    if (method === 'POST' && action === 'cancel') {
      if (['succeeded', 'failed', 'cancelled'].includes(j.status)) return apiError(400, `Job ${j.id} has already completed.`, null);
      j.status = 'cancelled';
      j.finished_at = now();
      addEvent(j, 'Job cancelled');
      return { status: 200, body: jobView(j) };
    }
    if (method === 'POST' && action === 'pause') {
      if (j.status !== 'running') return apiError(400, `Job ${j.id} can only be paused while running.`, null);
      j.status = 'paused';
      addEvent(j, 'Job paused');
      return { status: 200, body: jobView(j) };
    }
    if (method === 'POST' && action === 'resume') {
      if (j.status !== 'paused') return apiError(400, `Job ${j.id} is not paused.`, null);
      j.status = 'running';
      addEvent(j, 'Job resumed');
      return { status: 200, body: jobView(j) };
    }
  }
  if (method === 'GET' && p === '/v1/models') {
    const ft = state.jobs.flatMap((j) =>
      j.fine_tuned_model ? [{ id: j.fine_tuned_model, object: 'model', created: j.finished_at, owned_by: 'fake-org' }] : [],
    );
    return {
      status: 200,
      body: {
        object: 'list',
        data: [
          ...FAKE_BASE_MODELS.map((id) => ({
            id,
            object: 'model',
            created: 1,
            owned_by: 'system',
            ...(id.includes('nano') ? { shutdown_date: '2026-10-23' } : {}),
          })),
          ...ft,
        ],
      },
    };
  }
  if (method === 'POST' && p === '/v1/chat/completions') {
    const b = json();
    const msgs = Array.isArray(b.messages) ? (b.messages as { role?: string; content?: unknown }[]) : [];
    const lastUser = [...msgs].reverse().find((x) => x.role === 'user');
    const known = [...FAKE_BASE_MODELS, ...state.jobs.flatMap((j) => (j.fine_tuned_model ? [j.fine_tuned_model] : []))];
    if (typeof b.model !== 'string' || !known.includes(b.model))
      return apiError(404, `The model \`${String(b.model)}\` does not exist or you do not have access to it.`, null, 'model_not_found');
    const tuned = b.model.startsWith('ft:');
    return {
      status: 200,
      body: {
        id: nextId('chatcmpl'),
        object: 'chat.completion',
        model: b.model,
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: { role: 'assistant', content: `${tuned ? 'Tuned' : 'Base'} reply to: ${typeof lastUser?.content === 'string' ? lastUser.content : '…'}` },
          },
        ],
      },
    };
  }
  return apiError(404, `Invalid URL (${method} ${p})`, null, null);
}

/** Starts the fake on 127.0.0.1:`port` (0 = any free port). `url` is the API base URL (ending in /v1). */
export async function startFakeOpenAI(opts: { port?: number; apiKey?: string } = {}): Promise<{ url: string; close(): Promise<void>; state: FakeState }> {
  const state: FakeState = { apiKey: opts.apiKey ?? FAKE_KEY, files: new Map(), uploads: new Map(), parts: new Map(), jobs: [], faults: [], requests: [] };
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const method = req.method ?? 'GET';
        const url = new URL(req.url ?? '/', 'http://localhost');
        const sig = `${method} ${url.pathname}`;
        const fault =
          method === 'OPTIONS' ? undefined : state.faults.find((f) => f.times > 0 && (typeof f.match === 'string' ? sig.includes(f.match) : f.match.test(sig)));
        if (fault) fault.times -= 1;
        const cors = fault?.kind === 'nocors' ? {} : CORS;
        if (method === 'OPTIONS') {
          const nocors = state.faults.some((f) => f.kind === 'nocors' && f.times > 0);
          res.writeHead(204, nocors ? {} : CORS).end();
          return;
        }
        const auth = req.headers.authorization === `Bearer ${state.apiKey}` || req.headers['api-key'] === state.apiKey;
        state.requests.push({ method, path: url.pathname + url.search, authorized: auth });
        if (fault?.kind === 'drop') {
          req.socket.destroy();
          return;
        }
        const send = (r: Reply, extra: Record<string, string> = {}) =>
          res.writeHead(r.status, { 'content-type': 'application/json', ...cors, ...extra }).end(JSON.stringify(r.body));
        if (fault && typeof fault.kind === 'number') {
          const codes: Record<number, Reply> = {
            401: apiError(
              401,
              'Incorrect API key provided: sk-te***cdef. You can find your API key at https://platform.openai.com/account/api-keys.',
              null,
              'invalid_api_key',
            ),
            403: apiError(403, 'You are not allowed to create fine-tuning jobs.', null, 'permission_denied'),
            404: apiError(404, 'Not found.', null, null),
            413: apiError(413, 'Request entity too large.', null, null),
            429: apiError(429, 'Rate limit reached for requests.', null, 'rate_limit_exceeded', 'requests'),
            500: apiError(500, 'The server had an error while processing your request.', null, null, 'server_error'),
            503: apiError(503, 'The engine is currently overloaded.', null, null, 'server_error'),
          };
          send(codes[fault.kind], fault.kind === 429 ? { 'retry-after': '1' } : {});
          return;
        }
        if (!auth) {
          const shown = String(req.headers.authorization ?? req.headers['api-key'] ?? '').replace(/^Bearer /, '');
          send(
            apiError(
              401,
              `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
              null,
              'invalid_api_key',
            ),
          );
          return;
        }
        const reply = await route(state, method, url, req, Buffer.concat(chunks)).catch((e: unknown) => apiError(500, String(e), null, null, 'server_error'));
        if (fault?.kind === 'drop-after') {
          req.socket.destroy();
          return;
        }
        send(reply);
      })();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
