// Where a dataset is going to be trained: each target's name, the formats it takes, its tokenizer and its limits.
// Every figure is from the target's own documentation or validator, cited next to it.
import type { EncodingName } from '../../tokens/count';
import type { DatasetFormat, RecordFormat } from '../types';

/** The trainers Tuneset checks a dataset against. */
export type TargetId = 'openai' | 'openai-dpo' | 'azure' | 'together' | 'fireworks' | 'trl' | 'trl-dpo' | 'sharegpt' | 'alpaca';

/** Every target, in the order menus and the CLI's help list them. */
export const TARGET_IDS: readonly TargetId[] = ['openai', 'openai-dpo', 'azure', 'together', 'fireworks', 'trl', 'trl-dpo', 'sharegpt', 'alpaca'];

/** What a target is and what it takes. */
export interface TargetInfo {
  id: TargetId;
  /** Proper name (not translated). */
  name: string;
  /**
   * Record formats a dataset may hold for this target: the OpenAI formats Tuneset authors in (the export converts
   * them), plus the target's own foreign format when a file already is in it (e.g. ShareGPT for `sharegpt`).
   */
  formats: readonly RecordFormat[];
  /** Tokenizer when known (OpenAI/Azure: the one of today's fine-tunable models), else null: counts are an OpenAI estimate. */
  encoding: EncodingName | null;
  minExamples: number;
  maxExamples: number | null;
  /** URL of the main documentation page. */
  docs: string;
}

const INFO: Readonly<Record<TargetId, TargetInfo>> = {
  // https://platform.openai.com/docs/guides/supervised-fine-tuning — chat (and legacy prompt-completion), at least
  // 10 examples (the server's "invalid_n_examples"); gpt-4o/4.1 families use o200k_base.
  openai: {
    id: 'openai',
    name: 'OpenAI (SFT)',
    formats: ['chat', 'prompt_completion'],
    encoding: 'o200k_base',
    minExamples: 10,
    maxExamples: null,
    docs: 'https://platform.openai.com/docs/guides/supervised-fine-tuning',
  },
  // https://platform.openai.com/docs/guides/direct-preference-optimization — {input, preferred_output, non_preferred_output}.
  'openai-dpo': {
    id: 'openai-dpo',
    name: 'OpenAI (DPO)',
    formats: ['preference'],
    encoding: 'o200k_base',
    minExamples: 10,
    maxExamples: null,
    docs: 'https://platform.openai.com/docs/guides/direct-preference-optimization',
  },
  // https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/fine-tuning — the same JSONL as OpenAI (chat,
  // and the DPO preference format), at least 10 examples.
  azure: {
    id: 'azure',
    name: 'Azure OpenAI',
    formats: ['chat', 'prompt_completion', 'preference'],
    encoding: 'o200k_base',
    minExamples: 10,
    maxExamples: null,
    docs: 'https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/fine-tuning',
  },
  // https://docs.together.ai/docs/fine-tuning-data-preparation and together-python src/together/utils/files.py
  // (check_file): conversational, instruction (prompt/completion) and OpenAI preference formats; MIN_SAMPLES = 1.
  together: {
    id: 'together',
    name: 'Together AI',
    formats: ['chat', 'prompt_completion', 'preference'],
    encoding: null,
    minExamples: 1,
    maxExamples: null,
    docs: 'https://docs.together.ai/docs/fine-tuning-data-preparation',
  },
  // https://docs.fireworks.ai/fine-tuning/fine-tuning-models — "Minimum examples: 3", "Maximum examples: 3 million
  // per dataset", each sample a `messages` array.
  fireworks: {
    id: 'fireworks',
    name: 'Fireworks AI',
    formats: ['chat'],
    encoding: null,
    minExamples: 3,
    maxExamples: 3_000_000,
    docs: 'https://docs.fireworks.ai/fine-tuning/fine-tuning-models',
  },
  // https://huggingface.co/docs/trl/dataset_formats — SFTTrainer takes conversational language modeling
  // ({"messages": […]}) and prompt-completion.
  trl: {
    id: 'trl',
    name: 'Hugging Face TRL (SFT)',
    formats: ['chat', 'prompt_completion'],
    encoding: null,
    minExamples: 1,
    maxExamples: null,
    docs: 'https://huggingface.co/docs/trl/sft_trainer',
  },
  // https://huggingface.co/docs/trl/dpo_trainer — preference data: prompt, chosen, rejected.
  'trl-dpo': {
    id: 'trl-dpo',
    name: 'Hugging Face TRL (DPO)',
    formats: ['preference', 'trl_preference'],
    encoding: null,
    minExamples: 1,
    maxExamples: null,
    docs: 'https://huggingface.co/docs/trl/dpo_trainer',
  },
  // https://github.com/hiyouga/LLaMA-Factory/blob/main/data/README.md (sharegpt) and
  // https://docs.axolotl.ai/docs/dataset-formats/conversation.html
  sharegpt: {
    id: 'sharegpt',
    name: 'ShareGPT (LLaMA-Factory / Axolotl)',
    formats: ['chat', 'sharegpt'],
    encoding: null,
    minExamples: 1,
    maxExamples: null,
    docs: 'https://github.com/hiyouga/LLaMA-Factory/blob/main/data/README.md',
  },
  // https://github.com/hiyouga/LLaMA-Factory/blob/main/data/README.md (alpaca): instruction, input, output, system.
  alpaca: {
    id: 'alpaca',
    name: 'Alpaca (LLaMA-Factory / Axolotl)',
    formats: ['chat', 'alpaca'],
    encoding: null,
    minExamples: 1,
    maxExamples: null,
    docs: 'https://github.com/hiyouga/LLaMA-Factory/blob/main/data/README.md',
  },
};

/** What target `id` is and takes. */
export function targetInfo(id: TargetId): TargetInfo {
  return INFO[id];
}

/** True when `s` is a target id (e.g. from a command line or saved state). */
export function isTargetId(s: string): s is TargetId {
  return (TARGET_IDS as readonly string[]).includes(s);
}

/** Default target for a dataset of this format: openai for chat/prompt-completion, openai-dpo for preference. */
export function defaultTarget(format: DatasetFormat): TargetId {
  return format === 'preference' ? 'openai-dpo' : 'openai';
}

/** The targets whose rules are OpenAI's own validator (validateExample / validateDatasetRules). */
export function isOpenAiTarget(id: TargetId): boolean {
  return id === 'openai' || id === 'openai-dpo' || id === 'azure';
}
