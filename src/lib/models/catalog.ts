// The dated catalog of fine-tunable OpenAI models (FORMATS.md §6): encoding, per-example limit, price, methods,
// base-model shutdown. Data, not logic: it goes stale, so it carries its date and users can add their own models.
// Pure: resolves fine-tuned names (`ft:<base>:…`) and dated snapshots to their base model's entry.
import { z } from 'zod/mini';
import type { EncodingName } from '../tokens/count';

export type { EncodingName };

/** Training methods a model accepts. */
export type TrainingMethod = 'supervised' | 'dpo' | 'vision' | 'reinforcement' | 'prompt_completion';

/** One fine-tunable model as the catalog knows it. */
export interface ModelInfo {
  /** API model id, e.g. `gpt-4o-mini-2024-07-18`. */
  id: string;
  /** Short human name, e.g. `GPT-4o mini`. */
  label?: string;
  /** Tokenizer used to estimate its token counts. */
  encoding: EncodingName;
  /** Maximum tokens per training example (longer ones are truncated); null when unknown/not applicable. */
  limit: number | null;
  /** Training price in US dollars per 1,000,000 trained tokens; null when not billed per token or unknown. */
  trainingPricePerMTokens: number | null;
  /** Pricing caveat shown next to the price (e.g. billed per training hour). */
  priceNote?: string;
  /** Training methods the model accepts. */
  methods: TrainingMethod[];
  /** ISO date (YYYY-MM-DD) when the base model shuts down, ending its fine-tunes; null when none announced. */
  baseShutdown: string | null;
  /** `available`: jobs can be created; `retired`: shut down; `legacy`: old prompt/completion models. */
  status: 'available' | 'retired' | 'legacy';
}

/** Parses a user-added model (from storage or a form) before it joins the catalog. */
export const modelInfoSchema = z.object({
  id: z.string().check(z.trim(), z.minLength(1, 'Give the model an id, e.g. ft:gpt-4o-mini-2024-07-18:my-org::abc123')),
  label: z.optional(z.string()),
  encoding: z.enum(['o200k_base', 'cl100k_base'], { error: 'Encoding must be o200k_base or cl100k_base' }),
  limit: z.nullable(z.number().check(z.int(), z.positive('The token limit must be a positive whole number'))),
  trainingPricePerMTokens: z.nullable(z.number().check(z.nonnegative('The price cannot be negative'))),
  priceNote: z.optional(z.string()),
  methods: z.array(z.enum(['supervised', 'dpo', 'vision', 'reinforcement', 'prompt_completion'])),
  baseShutdown: z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a YYYY-MM-DD date'))),
  status: z.enum(['available', 'retired', 'legacy']),
}) satisfies z.ZodMiniType<ModelInfo>;

/** Month the catalog's facts were last checked (YYYY-MM). */
export const CATALOG_AS_OF = '2026-11';

/** Last day (ISO date) existing organisations can create fine-tuning jobs on OpenAI's platform. */
export const JOB_CREATION_DEADLINE = '2027-01-06';

/** The models, newest family first (FORMATS.md §6, as of {@link CATALOG_AS_OF}). */
export const MODELS: readonly ModelInfo[] = Object.freeze([
  {
    id: 'gpt-4.1-2025-04-14',
    label: 'GPT-4.1',
    encoding: 'o200k_base',
    limit: 65_536,
    trainingPricePerMTokens: 25,
    methods: ['supervised', 'dpo'],
    baseShutdown: '2027-01-14',
    status: 'available',
  },
  {
    id: 'gpt-4.1-mini-2025-04-14',
    label: 'GPT-4.1 mini',
    encoding: 'o200k_base',
    limit: 65_536,
    trainingPricePerMTokens: 5,
    methods: ['supervised', 'dpo'],
    baseShutdown: '2027-01-14',
    status: 'available',
  },
  {
    id: 'gpt-4.1-nano-2025-04-14',
    label: 'GPT-4.1 nano',
    encoding: 'o200k_base',
    limit: 32_768,
    trainingPricePerMTokens: 1.5,
    methods: ['supervised', 'dpo'],
    baseShutdown: '2026-10-23',
    status: 'retired',
  },
  {
    id: 'gpt-4o-2024-08-06',
    label: 'GPT-4o',
    encoding: 'o200k_base',
    limit: 65_536,
    trainingPricePerMTokens: 25,
    methods: ['supervised', 'vision', 'dpo'],
    baseShutdown: '2027-01-14',
    status: 'available',
  },
  {
    id: 'gpt-4o-mini-2024-07-18',
    label: 'GPT-4o mini',
    encoding: 'o200k_base',
    limit: 65_536,
    trainingPricePerMTokens: 3,
    methods: ['supervised'],
    baseShutdown: '2027-01-14',
    status: 'available',
  },
  {
    id: 'gpt-3.5-turbo-0125',
    label: 'GPT-3.5 Turbo',
    encoding: 'cl100k_base',
    limit: 16_385,
    trainingPricePerMTokens: 8,
    methods: ['supervised'],
    baseShutdown: '2026-10-23',
    status: 'retired',
  },
  {
    id: 'gpt-3.5-turbo-0613',
    label: 'GPT-3.5 Turbo (0613, the guide’s model)',
    encoding: 'cl100k_base',
    limit: 4_096,
    trainingPricePerMTokens: 8,
    methods: ['supervised'],
    baseShutdown: null,
    status: 'retired',
  },
  {
    id: 'davinci-002',
    label: 'davinci-002',
    encoding: 'cl100k_base',
    limit: null,
    trainingPricePerMTokens: 6,
    methods: ['prompt_completion'],
    baseShutdown: null,
    status: 'legacy',
  },
  {
    id: 'babbage-002',
    label: 'babbage-002',
    encoding: 'cl100k_base',
    limit: null,
    trainingPricePerMTokens: 0.4,
    methods: ['prompt_completion'],
    baseShutdown: null,
    status: 'legacy',
  },
  {
    id: 'o4-mini-2025-04-16',
    label: 'o4-mini',
    encoding: 'o200k_base',
    limit: 65_536,
    trainingPricePerMTokens: null,
    priceNote: '$100 per training hour (not per token)',
    methods: ['reinforcement'],
    baseShutdown: '2026-10-23',
    status: 'retired',
  },
] satisfies ModelInfo[]);

/** Undated family aliases → the catalog snapshot they meant when fine-tuning was open to them. */
const FAMILY_ALIASES: Readonly<Record<string, string>> = {
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  'o4-mini': 'o4-mini-2025-04-16',
};

/** A dated snapshot suffix: `-2024-08-06` (ISO date) or `-0613` (MMDD). */
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{4})$/;

function findExact(id: string, list: readonly ModelInfo[]): ModelInfo | undefined {
  return list.find((m) => m.id === id);
}

/**
 * Base model id inside a fine-tuned model name: `ft:<base>:<org>:<suffix>:<id>[:ckpt-step-N]` → `<base>`.
 * Returns undefined when `id` is not a fine-tuned name. Model ids never contain `:`, so the base is the
 * second field (this avoids prefix tables that map `ft:gpt-4.1-…` to the wrong encoding).
 */
export function fineTunedBase(id: string): string | undefined {
  if (!id.startsWith('ft:')) return undefined;
  const base = id.split(':')[1];
  return base ? base : undefined;
}

/**
 * The catalog entry for a model id, or undefined when unknown. Tries, in order: the exact id (custom models
 * first, so users can override), the base of a fine-tuned name (`ft:gpt-4o-mini-2024-07-18:org::abc` → GPT-4o
 * mini), an undated family alias (`gpt-4o` → `gpt-4o-2024-08-06`), then another dated snapshot of a known
 * family (`gpt-4o-2024-11-20` → the `gpt-4o` entry, same encoding). The returned info keeps the catalog's id.
 */
export function resolveModel(id: string, custom: readonly ModelInfo[] = []): ModelInfo | undefined {
  const trimmed = id.trim();
  const all = [...custom, ...MODELS];
  const exact = findExact(trimmed, all);
  if (exact) return exact;
  const base = fineTunedBase(trimmed);
  if (base !== undefined) return resolveModel(base, custom);
  const alias = FAMILY_ALIASES[trimmed];
  if (alias) return findExact(alias, all);
  const family = trimmed.replace(SNAPSHOT_SUFFIX, '');
  if (family !== trimmed && FAMILY_ALIASES[family]) return findExact(FAMILY_ALIASES[family], all);
  return undefined;
}

/**
 * Whole days from `today` to the ISO date `isoDate` (UTC calendar days): 0 on the day itself, negative once
 * it has passed. Returns NaN when `isoDate` is not a valid YYYY-MM-DD date.
 */
export function daysUntil(isoDate: string, today: Date): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return Number.NaN;
  const target = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const check = new Date(target);
  if (check.getUTCMonth() !== Number(m[2]) - 1) return Number.NaN;
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((target - start) / 86_400_000);
}

/**
 * Where a dated event stands as of `today`, which decides its wording: `ahead` (2+ days to go), `tomorrow`,
 * `today`, `past` (the day is over), or `unknown` (not a valid date). Dates are UTC calendar days, as in
 * {@link daysUntil}: OpenAI announces bare dates, and one rule everywhere keeps the header, the Train tab and the
 * CLI from disagreeing near midnight. The job-creation deadline's date is the last day jobs are accepted and a
 * shutdown date the day the model goes, so "past" starts the day after.
 */
export type DatePhase = 'ahead' | 'tomorrow' | 'today' | 'past' | 'unknown';

/** The phase of `isoDate` as of `today`, with whole days to go (`ahead`, `tomorrow`: ≥ 1; `today`: 0) or since (`past`: ≥ 1). */
export function datePhase(isoDate: string, today: Date): { phase: DatePhase; days: number } {
  const d = daysUntil(isoDate, today);
  if (Number.isNaN(d) || Number.isNaN(today.getTime())) return { phase: 'unknown', days: 0 };
  if (d < 0) return { phase: 'past', days: -d };
  return { phase: d === 0 ? 'today' : d === 1 ? 'tomorrow' : 'ahead', days: d };
}

/** True while OpenAI still accepts new fine-tuning jobs (through the deadline day itself). */
export function jobsOpen(today: Date): boolean {
  return datePhase(JOB_CREATION_DEADLINE, today).phase !== 'past';
}

/** A model's status as of `today`: a base model whose shutdown date has passed is `retired` whatever the table says. */
export function statusOn(m: ModelInfo, today: Date): ModelInfo['status'] {
  return m.baseShutdown && datePhase(m.baseShutdown, today).phase === 'past' ? 'retired' : m.status;
}
