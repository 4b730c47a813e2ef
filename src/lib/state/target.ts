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
/** The rules module once loaded, and the load in progress (one at a time). */
let mod: TargetsModule | null = null;
let loading: Promise<void> | null = null;
/** Called once the module is here: only the latest caller's (an older one asked for a target since left). */
let whenLoaded: (() => void) | null = null;
const rules = new Map<TargetId, TargetRules>();

function rulesOf(m: TargetsModule, id: TargetId): TargetRules {
  return {
    id,
    // Numbered as example 1, as the analysis keeps every example's issues (the view writes the real number).
    exampleIssues: (value, openaiIssues, line) => m.targetExampleIssues(id, value, openaiIssues, line === undefined ? { example: 1 } : { example: 1, line }),
    facts: (value) => m.targetExampleFacts(value),
    datasetIssues: (facts, openaiIssues) => m.targetDatasetIssues(id, m.summarizeFacts(facts as TargetExampleFacts[]), openaiIssues),
  };
}

/**
 * The analysis rules of `id` if they are ready (null for OpenAI's own targets, whose rules are the validator's);
 * undefined while they load: `onReady` is called once they are (if no later call asked meanwhile).
 */
export function targetRules(id: TargetId, onReady: () => void): TargetRules | null | undefined {
  if (isOpenAiTarget(id)) return null;
  if (mod) {
    let r = rules.get(id);
    if (!r) rules.set(id, (r = rulesOf(mod, id)));
    return r;
  }
  whenLoaded = onReady;
  loading ??= import('../dataset/targets/index').then(
    (m) => {
      mod = m;
      const ready = whenLoaded;
      whenLoaded = null;
      ready?.();
    },
    () => {
      loading = null; // a later call retries (e.g. back online after a failed chunk load)
    },
  );
  return undefined;
}
