// A dataset's target as the app uses it: which trainer its examples are checked for, and that target's rules for the
// analysis. The rules (dataset/targets) are loaded on first use, so a page that only ever checks for OpenAI never
// downloads them.
import { defaultTarget, isOpenAiTarget, isTargetId, targetInfo, type TargetId } from '../dataset/targets/info';
import type { DatasetFormat } from '../dataset/types';
import type { TargetRules } from './analysis.svelte';

/**
 * The target a dataset is checked for: the one chosen for it when that target takes the dataset's format, else the
 * default for the format (a dataset switched from chat to preference goes from OpenAI SFT to OpenAI DPO).
 */
export function datasetTarget(meta: { target?: string; format: DatasetFormat }): TargetId {
  const chosen = meta.target;
  if (chosen !== undefined && isTargetId(chosen) && targetInfo(chosen).formats.includes(meta.format)) return chosen;
  return defaultTarget(meta.format);
}

/** The dataset format to switch to when `target` is chosen: the current one if the target takes it. */
export function formatFor(target: TargetId, format: DatasetFormat): DatasetFormat {
  const takes = targetInfo(target).formats;
  if (takes.includes(format)) return format;
  const own = takes.find((f): f is DatasetFormat => f === 'chat' || f === 'preference' || f === 'prompt_completion');
  return own ?? format;
}

type TargetsModule = typeof import('../dataset/targets/index');
type TargetExampleFacts = ReturnType<TargetsModule['targetExampleFacts']>;
let loading: Promise<TargetsModule> | null = null;
const loaded = new Map<TargetId, TargetRules>();

function rulesOf(mod: TargetsModule, id: TargetId): TargetRules {
  return {
    id,
    // Numbered as example 1, as the analysis keeps every example's issues (the view writes the real number).
    exampleIssues: (value, openaiIssues, line) => mod.targetExampleIssues(id, value, openaiIssues, line === undefined ? { example: 1 } : { example: 1, line }),
    facts: (value) => mod.targetExampleFacts(value),
    datasetIssues: (facts, openaiIssues) => mod.targetDatasetIssues(id, mod.summarizeFacts(facts as TargetExampleFacts[]), openaiIssues),
  };
}

/**
 * The analysis rules of `id` if they are ready (null for OpenAI's own targets, whose rules are the validator's);
 * undefined while they load: `onReady` is called once they are.
 */
export function targetRules(id: TargetId, onReady: () => void): TargetRules | null | undefined {
  if (isOpenAiTarget(id)) return null;
  const ready = loaded.get(id);
  if (ready) return ready;
  loading ??= import('../dataset/targets/index');
  loading.then(
    (mod) => {
      loaded.set(id, rulesOf(mod, id));
      onReady();
    },
    () => {
      loading = null; // a later call retries (e.g. back online after a failed chunk load)
    },
  );
  return undefined;
}
