// The Analysis class in Node (no workers: validation and counting on this thread), as the app drives it.
import { describe, expect, it } from 'vitest';
import { Analysis, type TargetRules } from './analysis.svelte';
import type { Example, Issue } from '../dataset/types';
import { getCounter } from '../tokens/encodings';
import { exampleTokens } from '../dataset/example-tokens';

const chat = (i: number, extra: object = {}): Example => ({
  id: `e${i}`,
  value: {
    messages: [
      { role: 'user', content: `Question ${i}?` },
      { role: 'assistant', content: `Answer number ${i}.` },
    ],
    ...extra,
  },
  line: i,
});

/** Resolves once the analysis published complete statistics. */
async function settled(a: Analysis): Promise<void> {
  for (let k = 0; k < 500; k++) {
    if (a.stats?.complete) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the analysis never completed');
}

describe('Analysis', () => {
  it('validates and counts a dataset: dataset rules, per-example issues and token figures', async () => {
    const examples = [...Array.from({ length: 4 }, (_, i) => chat(i + 1)), { id: 'bad', raw: '{"messages": [', line: 5 }];
    const a = new Analysis();
    a.reset(examples, { format: 'chat', encoding: 'o200k_base', limit: 65536 });
    await settled(a);
    expect(a.stats?.examples).toBe(5);
    // OpenAI needs at least 10 examples: a dataset-wide error.
    expect(a.datasetIssues.map((i) => i.code)).toContain('invalid_n_examples');
    expect(a.analyse(examples[4]).issues[0].code).toBe('invalid_json');
    expect(a.errorExampleCount()).toBe(1);
    // The same counts as counting the example directly with the tokenizer.
    const counter = await getCounter('o200k_base');
    expect(a.cachedTokens(examples[0])).toEqual(exampleTokens(examples[0].value, (s) => counter.count(s)));
  });

  it('follows a target’s rules: adapted example issues and dataset issues, reverting to OpenAI’s when reset without', async () => {
    const examples = Array.from({ length: 3 }, (_, i) => chat(i + 1, i === 0 ? { extra: true } : {}));
    const pretend: TargetRules<boolean> = {
      id: 'pretend',
      // keeps nothing of OpenAI's; refuses examples with the "extra" key
      exampleIssues: (value) => ((value as { extra?: boolean }).extra ? [{ severity: 'error', code: 'target_pretend', params: {}, example: 1 }] : []),
      facts: (value) => Boolean((value as { extra?: boolean }).extra),
      datasetIssues: (facts): Issue[] => [{ severity: 'warning', code: 'target_count', params: { flagged: facts.filter(Boolean).length } }],
    };
    const a = new Analysis();
    a.reset(examples, { format: 'chat', encoding: 'o200k_base', limit: null, target: pretend as TargetRules });
    await settled(a);
    expect(a.checkedFor).toBe('pretend');
    expect(a.analyse(examples[0]).issues.map((i) => i.code)).toEqual(['target_pretend']);
    expect(a.analyse(examples[1]).issues).toEqual([]);
    expect(a.datasetIssues).toEqual([{ severity: 'warning', code: 'target_count', params: { flagged: 1 } }]);

    a.reset(examples, { format: 'chat', encoding: 'o200k_base', limit: null });
    await settled(a);
    expect(a.checkedFor).toBeNull();
    expect(a.analyse(examples[0]).issues.map((i) => i.code)).toContain('extra_key');
    expect(a.datasetIssues.map((i) => i.code)).toContain('invalid_n_examples');
  });

  it('an edit is re-validated and the statistics follow', async () => {
    const examples = Array.from({ length: 10 }, (_, i) => chat(i + 1));
    const a = new Analysis();
    a.reset(examples, { format: 'chat', encoding: 'o200k_base', limit: null });
    await settled(a);
    expect(a.errorExampleCount()).toBe(0);
    const edited = [...examples.slice(0, 9), { ...examples[9], value: { messages: [{ role: 'user', content: 'No reply' }] } }];
    a.update(edited);
    expect(a.errorExampleCount()).toBe(1);
    expect(a.analyse(edited[9]).issues.map((i) => i.code)).toContain('missing_assistant_message');
  });
});
