// State of the Train tab: the endpoint and key (memory by default, remembered only on opt-in), sending a
// dataset (upload + idempotent job creation), the jobs list, the followed job (polling), and playground calls.
// All network goes through OpenAIClient; every message shown is scrubbed of the key.
import { OpenAIClient, type ClientDeps } from '../openai/client';
import { baseUrlIssue, browserStorage, emptyEndpoint, forget, isOpenAIUrl, loadRemembered, remember, type KeyStorage } from '../openai/credentials';
import { errorMessage, scrubMessage } from '../openai/errors';
import { appMessage, type Message } from '../i18n/messages/index';
import { buildJobBody, type JobFormInput } from '../openai/job-form';
import { isTerminal, Poller, type PollerOptions } from '../openai/jobs';
import type { Checkpoint, Job, JobEvent, ModelObject } from '../openai/schemas';
import { jsonlFileName, uploadJsonl, type UploadOptions } from '../openai/upload';
import { DEFAULT_BASE_URL, type Endpoint, type TrainDataset } from '../openai/types';
import { MODELS, statusOn } from '../models/catalog';

/** Injected side effects (tests and the e2e harness pass their own). */
export interface TrainStateDeps {
  storage?: KeyStorage | null;
  client?: Partial<ClientDeps>;
  poll?: PollerOptions;
  upload?: Pick<UploadOptions, 'maxSimpleBytes' | 'partBytes'>;
  now?: () => Date;
}

/**
 * Where the Train tab trains: an endpoint speaking OpenAI's fine-tuning API (`/v1/files`, `/v1/fine_tuning/jobs`)
 * — OpenAI itself, Azure OpenAI, or any compatible service — or a trainer without it, for which the tab gives the
 * exported file and the trainer's own commands (`together`, `fireworks`).
 */
export type TrainPlace = EndpointPlace | 'together' | 'fireworks';
/** The places reached through the OpenAI-compatible API, each a preset of base URL and key header. */
export type EndpointPlace = 'openai' | 'azure' | 'compatible';
export const TRAIN_PLACES: readonly TrainPlace[] = ['openai', 'azure', 'compatible', 'together', 'fireworks'];

/**
 * Azure OpenAI's v1 API: `https://YOUR-RESOURCE-NAME.openai.azure.com/openai/v1/`, key in the `api-key` header
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/api-version-lifecycle). The user puts in the resource.
 */
export const AZURE_BASE_URL = 'https://YOUR-RESOURCE-NAME.openai.azure.com/openai/v1';

/** Which endpoint preset a (remembered) endpoint belongs to. */
export function placeOf(e: Pick<Endpoint, 'baseUrl' | 'authStyle'>): EndpointPlace {
  let host = '';
  try {
    host = new URL(e.baseUrl).host;
  } catch {
    // not a URL: judged by the key header alone
  }
  if (host === 'api.openai.com') return 'openai';
  return host.endsWith('.openai.azure.com') || e.authStyle === 'api-key' ? 'azure' : 'compatible';
}

/** Models a text field lists, one per line (commas also separate), trimmed and without repeats. */
export function parseModelList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Where sending a dataset stands. */
export type SendPhase = 'idle' | 'uploading' | 'creating' | 'created' | 'error';

/** Upload progress of one file: which one (the tab names it in the user's language), bytes sent of all. */
export interface Progress {
  file: 'training' | 'validation';
  sent: number;
  total: number;
}

const nonce = (): string =>
  globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** A base URL the key must not be sent to (its message says why). */
class UrlProblem extends Error {
  constructor(readonly text: Message) {
    super(text.code);
  }
}

/** The ids of the catalog's models that `keep` accepts, one per line (a "models to offer" text). */
const catalogIds = (keep: (m: (typeof MODELS)[number]) => boolean): string =>
  MODELS.filter(keep)
    .map((m) => m.id)
    .join('\n');

/** OpenAI's "models to offer" on `today`: the catalog's models still running then. */
const openAIModelList = (today: Date): string => catalogIds((m) => statusOn(m, today) === 'available');

/** One Train tab's state. Call `dispose()` when the tab goes away (stops polling). */
export class TrainState {
  endpoint = $state<Endpoint>(emptyEndpoint());
  /** True when the key is stored on this device (the user opted in). */
  remembered = $state(false);
  phase = $state<SendPhase>('idle');
  progress = $state<Progress | null>(null);
  /** Last error, already scrubbed of the key: a message, written in the user's language when shown. */
  error = $state.raw<Message | null>(null);
  /** Transient note (e.g. "retrying in 2 s"), as a message. */
  note = $state.raw<Message | null>(null);
  models = $state.raw<ModelObject[]>([]);
  jobs = $state.raw<Job[]>([]);
  hasMore = $state(false);
  selected = $state.raw<Job | null>(null);
  events = $state.raw<JobEvent[]>([]);
  checkpoints = $state.raw<Checkpoint[]>([]);
  /** True while polling is suspended because the tab is hidden. */
  pollPaused = $state(false);
  /** Where to train (see {@link TrainPlace}). */
  place = $state<TrainPlace>('openai');
  /** The "models to offer" field of each endpoint preset (one id per line): what the job form lists. */
  modelLists = $state<Record<EndpointPlace, string>>({ openai: '', azure: '', compatible: '' });
  readonly #deps: TrainStateDeps;
  #poller: Poller | null = null;
  /** OpenAI's list as the catalog gave it for the last day seen (setToday), to tell it from a list the user wrote. */
  #catalogOpenAI: string;

  constructor(deps: TrainStateDeps = {}) {
    this.#deps = deps;
    // OpenAI's list: the catalog's models still running today. Azure fine-tunes the same snapshots on its own
    // retirement schedule, so its list starts from the catalog's table; another service's models are the user's.
    const today = (deps.now ?? (() => new Date()))();
    this.#catalogOpenAI = openAIModelList(today);
    this.modelLists = { openai: this.#catalogOpenAI, azure: catalogIds((m) => m.status === 'available'), compatible: '' };
    const stored = loadRemembered(this.#storage);
    if (stored) {
      this.endpoint = stored;
      this.remembered = true;
      this.place = placeOf(stored);
    }
  }

  /** The endpoint preset in use, or null while the place is a trainer without the OpenAI API. */
  get endpointPlace(): EndpointPlace | null {
    return this.place === 'together' || this.place === 'fireworks' ? null : this.place;
  }

  /** The models the job form offers for the current endpoint. */
  get offeredModels(): string[] {
    const p = this.endpointPlace;
    return p ? parseModelList(this.modelLists[p]) : [];
  }

  /**
   * A new UTC day in a tab left open: OpenAI's list drops the models retired since (unless the user wrote a list of
   * their own). A job form set to one keeps it, and the pre-flight check says it has shut down.
   */
  setToday(today: Date): void {
    const fresh = openAIModelList(today);
    if (fresh === this.#catalogOpenAI) return;
    if (this.modelLists.openai === this.#catalogOpenAI) this.modelLists = { ...this.modelLists, openai: fresh };
    this.#catalogOpenAI = fresh;
  }

  /** Changes the current endpoint preset's "models to offer" text. */
  setModelList(text: string): void {
    const p = this.endpointPlace;
    if (p) this.modelLists = { ...this.modelLists, [p]: text };
  }

  /**
   * Switches where to train. Choosing an endpoint preset sets its base URL and key header (a compatible endpoint
   * keeps a URL the user typed, unless it is OpenAI's or Azure's template); the key field is left as it is.
   */
  setPlace(place: TrainPlace): void {
    this.place = place;
    if (place === 'together' || place === 'fireworks' || placeOf(this.endpoint) === place) return;
    if (place === 'openai') this.setEndpoint({ baseUrl: DEFAULT_BASE_URL, authStyle: 'bearer' });
    else if (place === 'azure') this.setEndpoint({ baseUrl: AZURE_BASE_URL, authStyle: 'api-key' });
    else {
      const keep = this.endpoint.baseUrl !== DEFAULT_BASE_URL && this.endpoint.baseUrl !== AZURE_BASE_URL;
      this.setEndpoint({ baseUrl: keep ? this.endpoint.baseUrl : '', authStyle: 'bearer' });
    }
  }

  get #storage(): KeyStorage | null {
    return this.#deps.storage === undefined ? browserStorage() : this.#deps.storage;
  }

  /** True when there is a key to send. */
  get hasKey(): boolean {
    return this.endpoint.apiKey.trim() !== '';
  }

  /** True when requests go to OpenAI itself (the job-creation deadline applies). */
  get isOpenAI(): boolean {
    return isOpenAIUrl(this.endpoint.baseUrl);
  }

  /** Fine-tuned models (`ft:…`) owned by the user, from GET /models. */
  get fineTunedModels(): string[] {
    return this.models.map((m) => m.id).filter((id) => id.startsWith('ft:'));
  }

  /** A client for the current endpoint; refuses one the key must not be sent to (e.g. plain http off localhost). */
  #client(): OpenAIClient {
    const problem = baseUrlIssue(this.endpoint.baseUrl);
    if (problem) throw new UrlProblem(problem);
    return new OpenAIClient(
      { ...this.endpoint, apiKey: this.endpoint.apiKey.trim() },
      { onRetry: (m) => (this.note = scrubMessage(m, [this.endpoint.apiKey.trim()])), ...this.#deps.client },
    );
  }

  /** What to show for `err`, scrubbed of the key. */
  #message(err: unknown): Message {
    return err instanceof UrlProblem ? err.text : errorMessage(err, [this.endpoint.apiKey.trim()]);
  }

  #fail(err: unknown): void {
    this.error = this.#message(err);
    this.note = null;
  }

  /** Changes endpoint fields; a remembered key is updated in storage too. */
  setEndpoint(patch: Partial<Endpoint>): void {
    // A followed job keeps polling with the old key and URL otherwise.
    if ((patch.apiKey !== undefined && patch.apiKey !== this.endpoint.apiKey) || (patch.baseUrl !== undefined && patch.baseUrl !== this.endpoint.baseUrl))
      this.stopFollowing();
    this.endpoint = { ...this.endpoint, ...patch };
    if (this.remembered) remember(this.#storage, this.endpoint);
  }

  /** Turns "Remember on this device" on (stores the key) or off (removes it). */
  setRemember(on: boolean): void {
    if (on) {
      this.remembered = remember(this.#storage, this.endpoint);
      if (!this.remembered) this.error = appMessage('train.remember_refused');
    } else {
      forget(this.#storage);
      this.remembered = false;
    }
  }

  /** Removes the key from memory and from this device. */
  forgetKey(): void {
    forget(this.#storage);
    this.remembered = false;
    this.endpoint = { ...this.endpoint, apiKey: '' };
    this.stopFollowing();
    this.jobs = [];
    this.models = [];
    this.selected = null;
  }

  /** Checks the key by loading models and the first page of jobs. */
  async connect(): Promise<void> {
    this.error = null;
    try {
      const client = this.#client();
      const [models, list] = await Promise.all([client.listModels(), client.listJobs()]);
      this.models = models;
      this.jobs = list.data;
      this.hasMore = Boolean(list.has_more);
      this.note = null;
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Loads the next page of jobs (after the last one shown). */
  async loadMoreJobs(): Promise<void> {
    try {
      const list = await this.#client().listJobs({ after: this.jobs.at(-1)?.id });
      this.jobs = [...this.jobs, ...list.data.filter((j) => !this.jobs.some((k) => k.id === j.id))];
      this.hasMore = Boolean(list.has_more);
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Uploads the dataset's files, creates the job (at most once) and follows it. */
  async start(dataset: TrainDataset, form: JobFormInput): Promise<void> {
    if (this.phase === 'uploading' || this.phase === 'creating') return;
    this.error = null;
    const client = this.#client();
    try {
      this.phase = 'uploading';
      const up = async (text: string, file: Progress['file'], suffix: string) => {
        this.progress = { file, sent: 0, total: 1 };
        return uploadJsonl(client, text, jsonlFileName(dataset.name, suffix), {
          ...this.#deps.upload,
          onProgress: (sent, total) => (this.progress = { file, sent, total }),
        });
      };
      const training = await up(dataset.trainingJsonl(), 'training', '');
      const validationText = dataset.validationJsonl();
      const validation = validationText ? await up(validationText, 'validation', '-validation') : null;
      this.phase = 'creating';
      const nowMs = this.#deps.now ? this.#deps.now().getTime() : Date.now();
      const job = await client.createJob(buildJobBody(form, training.id, validation?.id ?? null), nonce(), Math.floor(nowMs / 1000));
      this.phase = 'created';
      this.note = null;
      this.jobs = [job, ...this.jobs.filter((j) => j.id !== job.id)];
      this.follow(job);
    } catch (err) {
      this.phase = 'error';
      this.#fail(err);
    }
  }

  #replaceJob(job: Job): void {
    this.jobs = this.jobs.some((j) => j.id === job.id) ? this.jobs.map((j) => (j.id === job.id ? job : j)) : [job, ...this.jobs];
    if (this.selected?.id === job.id) this.selected = job;
  }

  /** Shows `job` and polls it (with backoff, paused while the tab is hidden) until it finishes. */
  follow(job: Job): void {
    this.stopFollowing();
    this.selected = job;
    this.events = [];
    this.checkpoints = [];
    const client = this.#client();
    const poller = new Poller(
      async () => {
        const before = this.selected;
        const j = await client.getJob(job.id);
        const events = await client.listEvents(job.id, { limit: 100 });
        if (this.selected?.id !== job.id) return { changed: false, done: true }; // superseded
        const changed = before?.status !== j.status || events.length !== this.events.length;
        this.events = events;
        if (j.status === 'succeeded' || j.status === 'running' || j.status === 'paused')
          this.checkpoints = await client.listCheckpoints(job.id).catch(() => this.checkpoints);
        this.#replaceJob(j);
        this.pollPaused = false;
        if (isTerminal(j.status) && j.status === 'succeeded' && j.fine_tuned_model)
          this.models = [...this.models.filter((m) => m.id !== j.fine_tuned_model), { id: j.fine_tuned_model }];
        return { changed, done: isTerminal(j.status) };
      },
      { onError: (e) => this.#fail(e), ...this.#deps.poll },
    );
    this.#poller = poller;
    poller.start();
  }

  /** Stops polling the followed job. */
  stopFollowing(): void {
    this.#poller?.stop();
    this.#poller = null;
  }

  /** Cancels, pauses or resumes the followed job. */
  async act(action: 'cancel' | 'pause' | 'resume'): Promise<void> {
    const job = this.selected;
    if (!job) return;
    try {
      const j = await this.#client().jobAction(job.id, action);
      this.#replaceJob(j);
      if (!isTerminal(j.status)) this.follow(j);
    } catch (err) {
      this.#fail(err);
    }
  }

  /** Sends the same messages to each model; returns each reply text (or its scrubbed error, as a message). */
  async compare(models: string[], messages: unknown[]): Promise<({ model: string; text: string; ok: true } | { model: string; error: Message; ok: false })[]> {
    const client = this.#client();
    return Promise.all(
      models.map(async (model) => {
        try {
          const r = await client.chat(model, messages);
          return { model, text: r.choices[0].message.content ?? r.choices[0].message.refusal ?? '', ok: true as const };
        } catch (err) {
          return { model, error: this.#message(err), ok: false as const };
        }
      }),
    );
  }

  /** Stops everything; the key stays only if remembered. */
  dispose(): void {
    this.stopFollowing();
  }
}
