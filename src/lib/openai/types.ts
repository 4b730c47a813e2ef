// Types shared by the Train tab: what the app hands the TrainPanel, and how the user's endpoint is described.
// Pure types only; the network code lives in client.ts.
import type { Params } from '../dataset/messages/types';

/** One issue of the dataset, as the Train tab needs it (a subset of the core `Issue`; written with `renderAppIssue`). */
export interface TrainIssue {
  severity: 'error' | 'warning' | 'info';
  code: string;
  /** The values its sentence names (see the core `Issue`). */
  params: Params;
  /** 1-based example number, when the issue is about one example. */
  example?: number;
  /** 1-based source line, when known. */
  line?: number;
}

/** The dataset as the Train tab sees it. Built by the app shell; read-only here. */
export interface TrainDataset {
  /** Display name of the dataset (used as the uploaded file name). */
  name: string;
  /** The dataset's chosen base model id (e.g. `gpt-4o-mini-2024-07-18`). */
  model: string;
  format: 'chat' | 'preference' | 'prompt_completion';
  exampleCount: number;
  issues: TrainIssue[];
  /** Billing-token estimate, epochs and cost (USD); null while still counting. */
  estimatedTokens: number | null;
  epochs: number | null;
  estimatedCostUsd: number | null;
  /** The training file to upload (JSONL, one example per line). */
  trainingJsonl(): string;
  /** The validation file to upload, or null when there is none. */
  validationJsonl(): string | null;
  /** Messages of the first example, to start the playground from; null when there is none. */
  firstExampleMessages(): unknown[] | null;
}

/** Props of `src/ui/train/TrainPanel.svelte`. */
export interface TrainPanelProps {
  dataset: TrainDataset;
  /** Open example number `n` (1-based) in the editor. */
  onOpenExample: (n: number) => void;
  /** Append a new example (a parsed JSON value in the dataset's format). */
  onAddExample: (value: unknown) => void;
  /** The trainer the dataset is checked for (dataset/targets TargetId): where the tab starts when it is not OpenAI's. */
  target?: string;
}

/** How the key travels: OpenAI's `Authorization: Bearer` or Azure OpenAI's `api-key` header. */
export type AuthStyle = 'bearer' | 'api-key';

/** Where requests go and with what credentials. The key never leaves this object except as a header. */
export interface Endpoint {
  /** API base URL, e.g. `https://api.openai.com/v1` (a query such as `?api-version=…` is kept on every call). */
  baseUrl: string;
  apiKey: string;
  authStyle: AuthStyle;
  /** Optional `OpenAI-Organization` header. */
  organization?: string;
  /** Optional `OpenAI-Project` header. */
  project?: string;
}

/** OpenAI's own API base URL, the default endpoint. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The body of `POST /fine_tuning/jobs`. */
export interface JobCreateBody {
  model: string;
  training_file: string;
  validation_file?: string;
  suffix?: string;
  seed?: number;
  metadata?: Record<string, string>;
  method: { type: 'supervised' | 'dpo'; supervised?: { hyperparameters: Record<string, unknown> }; dpo?: { hyperparameters: Record<string, unknown> } };
}
