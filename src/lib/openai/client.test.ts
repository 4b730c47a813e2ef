// The client against the fake OpenAI server over real HTTP (Node's fetch), plus fakes for what Node lacks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_KEY, startFakeOpenAI, type FakeState } from '../../../tests/fake-openai/server';
import { OpenAIClient, NONCE_KEY, type ClientDeps, type RawResponse } from './client';
import { ApiError } from './errors';
import { renderAppMessage, type Message } from '../i18n/messages/index';
import { loadChinese } from '../i18n/load';
import { uploadJsonl } from './upload';
import type { Endpoint } from './types';

let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
let state: FakeState;
const chat = (i: number) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `q${i}` },
      { role: 'assistant', content: `a${i}` },
    ],
  });
const TRAINING = Array.from({ length: 12 }, (_, i) => chat(i)).join('\n') + '\n';

/** Upload transport for Node (no XMLHttpRequest): fetch, reporting progress once at the end. */
const nodeSend: ClientDeps['sendWithProgress'] = async (req) => {
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
  const size = [...req.body.values()].reduce((n, v) => n + (v instanceof Blob ? v.size : 0), 0);
  req.onProgress?.(size, size);
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') } satisfies RawResponse;
};

function client(over: Partial<Endpoint> = {}, deps: Partial<ClientDeps> = {}) {
  return new OpenAIClient(
    { baseUrl: fake.url, apiKey: FAKE_KEY, authStyle: 'bearer', ...over },
    { sendWithProgress: nodeSend, sleep: async () => {}, backoffBaseMs: 1, ...deps },
  );
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  state = fake.state;
});
afterAll(() => fake.close());
beforeEach(() => {
  state.faults = [];
  state.jobs = [];
});

describe('uploading', () => {
  it('a JSONL file uploads and comes back as a file id, with progress reaching the full size', async () => {
    const seen: number[] = [];
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl', { onProgress: (s, t) => seen.push(s / t) });
    expect(f.id).toMatch(/^file-/);
    expect(state.files.get(f.id)?.content).toBe(TRAINING);
    expect(seen.at(-1)).toBe(1);
  });
  it('a file that is not JSONL is rejected with the API’s own explanation', async () => {
    await expect(uploadJsonl(client(), 'not json\n', 'd.jsonl')).rejects.toThrow(/Expected file to have JSONL format/);
  });
  it('a file over the size limit goes in parts that reassemble byte for byte, in order', async () => {
    const progress: number[] = [];
    const f = await uploadJsonl(client(), TRAINING, 'big.jsonl', { maxSimpleBytes: 100, partBytes: 97, onProgress: (s) => progress.push(s) });
    const upload = [...state.uploads.values()].at(-1)!;
    expect(upload.parts.length).toBe(Math.ceil(new Blob([TRAINING]).size / 97));
    expect(state.files.get(f.id)?.content).toBe(TRAINING);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(new Blob([TRAINING]).size);
  });
  it('Azure-style api-key header and a base URL with a query string work', async () => {
    const f = await uploadJsonl(client({ authStyle: 'api-key', baseUrl: `${fake.url}?api-version=2024-10-21` }), TRAINING, 'd.jsonl');
    expect(f.id).toMatch(/^file-/);
    expect(state.requests.at(-1)?.path).toContain('api-version=2024-10-21');
  });
});

describe('creating jobs', () => {
  const body = (training_file: string) => ({
    model: 'gpt-4o-mini-2024-07-18',
    training_file,
    method: { type: 'supervised' as const, supervised: { hyperparameters: { n_epochs: 'auto' } } },
  });

  it('a creation whose answer was lost is retried without creating a second job', async () => {
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl');
    state.faults.push({ match: 'POST /v1/fine_tuning/jobs', kind: 'drop-after', times: 1 });
    const job = await client().createJob(body(f.id), 'nonce-1', Math.floor(Date.now() / 1000));
    expect(state.jobs.length).toBe(1);
    expect(job.id).toBe(state.jobs[0].id);
    expect(job.metadata?.[NONCE_KEY]).toBe('nonce-1');
    const sig = state.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(sig.filter((s) => s === 'POST /v1/fine_tuning/jobs').length).toBe(1); // the drop happened, no second POST
    expect(sig).toContain('GET /v1/fine_tuning/jobs'); // found by listing
  });
  it('a second job made by a transparent browser resend of the POST is cancelled, and the first one kept', async () => {
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl');
    let resent = false;
    const resending = (async (u: RequestInfo | URL, init?: RequestInit) => {
      if (!resent && init?.method === 'POST' && String(u).endsWith('/fine_tuning/jobs')) {
        resent = true;
        await fetch(u, init); // the answer to the first send is lost; the browser sends again
      }
      return fetch(u, init);
    }) as typeof fetch;
    const job = await client({}, { fetch: resending }).createJob(body(f.id), 'nonce-r', 0);
    const live = state.jobs.filter((j) => j.status !== 'cancelled');
    expect(state.jobs.length).toBe(2);
    expect(live.map((j) => j.id)).toEqual([job.id]);
    expect(job.id).toBe(state.jobs[1].id); // the older one (the list is newest first)
  });
  it('a creation that got 503 twice is retried and creates exactly one job', async () => {
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl');
    state.faults.push({ match: 'POST /v1/fine_tuning/jobs', kind: 503, times: 2 });
    await client().createJob(body(f.id), 'nonce-2', Math.floor(Date.now() / 1000));
    expect(state.jobs.length).toBe(1);
  });
  it('an unknown model is refused by the API with a message naming it', async () => {
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl');
    await expect(client().createJob({ ...body(f.id), model: 'gpt-9' }, 'n', 0)).rejects.toThrow(/gpt-9/);
    expect(state.jobs.length).toBe(0);
  });
  it('a job moves to succeeded and names its ft: model', async () => {
    const f = await uploadJsonl(client(), TRAINING, 'd.jsonl');
    const c = client();
    const job = await c.createJob(body(f.id), 'n3', 0);
    let j = job;
    for (let i = 0; i < 10 && j.status !== 'succeeded'; i++) j = await c.getJob(job.id);
    expect(j.status).toBe('succeeded');
    expect(j.fine_tuned_model).toMatch(/^ft:gpt-4o-mini-2024-07-18:/);
    expect((await c.listModels()).some((m) => m.id === j.fine_tuned_model)).toBe(true);
  });
});

describe('failures', () => {
  it('a wrong key gives the 401 advice and never echoes the key', async () => {
    const bad = 'sk-wrong-key-1234567890';
    const err = await client({ apiKey: bad })
      .listJobs()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).message).toMatch(/API key was refused/);
    expect(JSON.stringify({ m: (err as ApiError).message, d: (err as ApiError).detail })).not.toContain(bad);
  });
  it('an answer that is not what the API documents names the field, in the reader’s language, and is not put in the server’s mouth', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ object: 'list', data: [{ object: 'fine_tuning.job' }], has_more: false }), { status: 200 })) as typeof globalThis.fetch;
    const err = (await client({}, { fetch })
      .listJobs()
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.text).toMatchObject({ code: 'api.invalid_response', params: { field: expect.stringMatching(/^data\.0\./) } });
    const en = renderAppMessage(err.text, 'en');
    expect(en).toMatch(/could not read \(its “data\.0\.[a-z_]+” is missing or not what the API documents\)/);
    expect(en).not.toContain('The server said');
    await loadChinese();
    expect(renderAppMessage(err.text, 'zh')).toMatch(/无法读取（其中的“data\.0\.[a-z_]+”缺失或与 API 文档不符）/);
  });
  it('a 429 is retried and the call then succeeds', async () => {
    state.faults.push({ match: 'GET /v1/fine_tuning/jobs', kind: 429, times: 2 });
    const notes: unknown[] = [];
    await expect(client({}, { onRetry: (m) => notes.push(m) }).listJobs()).resolves.toBeTruthy();
    expect(notes.length).toBe(2);
    expect(notes[0]).toMatchObject({ code: 'api.retrying', params: { label: 'GET /fine_tuning/jobs', attempt: 1, error: { code: 'api.rate_limited' } } });
  });
  it('a retried upload or job creation names its step as a message (written in the reader’s language when shown)', async () => {
    state.faults.push({ match: 'POST /v1/files', kind: 429, times: 1 }, { match: 'POST /v1/fine_tuning/jobs', kind: 503, times: 1 });
    const notes: Message[] = [];
    const c = client({}, { onRetry: (m) => notes.push(m) });
    const f = await uploadJsonl(c, TRAINING, 'd.jsonl');
    await c.createJob(
      { model: 'gpt-4o-mini-2024-07-18', training_file: f.id, method: { type: 'supervised', supervised: { hyperparameters: {} } } },
      'n-step',
      0,
    );
    expect(notes.map((n) => n.params.label)).toEqual([
      { code: 'api.step.upload', params: {} },
      { code: 'api.step.create_job', params: {} },
    ]);
    expect(renderAppMessage(notes[0], 'en')).toMatch(/^Uploading the file: Too many requests \(429\)/);
    expect(renderAppMessage(notes[1], 'en')).toMatch(/^Creating the job: The server had a problem \(503\).* Retrying \(1\) in \d+ s…$/);
  });
  it('a connection that keeps dropping ends in the dropped-connection message', async () => {
    const dropAll = async () => {
      throw new TypeError('fetch failed');
    };
    const err = await client({}, { fetch: dropAll })
      .listJobs()
      .catch((e: unknown) => e);
    expect((err as ApiError).kind).toBe('network');
  });
  it('a server that answers without CORS headers is told apart from a dropped connection', async () => {
    // A browser hides such a response (TypeError) but an opaque no-cors probe of the same URL succeeds.
    const corsless = (async (_u: RequestInfo | URL, init?: RequestInit) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const err = await client({}, { fetch: corsless })
      .listJobs()
      .catch((e: unknown) => e);
    expect((err as ApiError).kind).toBe('cors');
    expect((err as ApiError).message).toMatch(/CORS/);
  });
});
