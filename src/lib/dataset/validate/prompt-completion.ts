// Rules for a legacy prompt/completion example.
import { PROMPT_COMPLETION_KEYS } from './codes';
import { checkText, kind, type Collector } from './collector';
import { checkExtraKeys } from './chat';

/** Legacy prompt/completion example. */
export function validatePromptCompletion(c: Collector, v: Record<string, unknown>): void {
  checkExtraKeys(c, v, PROMPT_COMPLETION_KEYS, '');
  if (!('prompt' in v)) c.add('missing_prompt', {}, 'prompt');
  else if (typeof v.prompt !== 'string') c.add('prompt_invalid', { kind: kind(v.prompt) }, 'prompt');
  else checkText(c, v.prompt, { field: 'prompt' }, 'prompt');
  if (!('completion' in v)) c.add('missing_completion', {}, 'completion');
  else if (typeof v.completion !== 'string') c.add('completion_invalid', { kind: kind(v.completion) }, 'completion');
  else {
    if (v.completion.trim() === '') c.add('empty_content.completion', {}, 'completion');
    checkText(c, v.completion, { field: 'completion' }, 'completion');
  }
}
