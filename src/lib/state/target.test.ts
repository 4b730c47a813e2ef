import { describe, expect, it } from 'vitest';
import { datasetTarget, formatFor } from './target';
import { describeChange, tallyIssues } from './target-change';
import { analyseExample, adaptAnalysis } from '../dataset/example-analysis';
import type { Example, Issue } from '../dataset/types';

describe('a dataset’s target', () => {
  it('is the format’s default until one is chosen: OpenAI SFT for chat, OpenAI DPO for preference', () => {
    expect(datasetTarget({ format: 'chat' })).toBe('openai');
    expect(datasetTarget({ format: 'preference' })).toBe('openai-dpo');
  });
  it('is the chosen one when it takes the format, else the format’s default', () => {
    expect(datasetTarget({ format: 'chat', target: 'together' })).toBe('together');
    // Fireworks takes only chat: a preference dataset is checked for OpenAI DPO, not silently for Fireworks.
    expect(datasetTarget({ format: 'preference', target: 'fireworks' })).toBe('openai-dpo');
    // Saved by a newer version with a target this one does not know.
    expect(datasetTarget({ format: 'chat', target: 'mystery' })).toBe('openai');
  });
  it('brings the format along when the chosen target does not take it', () => {
    expect(formatFor('openai-dpo', 'chat')).toBe('preference');
    expect(formatFor('trl-dpo', 'chat')).toBe('preference');
    expect(formatFor('fireworks', 'preference')).toBe('chat');
    expect(formatFor('together', 'preference')).toBe('preference');
  });
});

const chat = (...roles: string[]) => ({ messages: roles.map((role, i) => ({ role, content: `text ${i}` })) });
const examples: Example[] = [
  { id: 'a', value: chat('user', 'assistant') },
  { id: 'b', value: chat('user') }, // no assistant reply: an error for OpenAI
  { id: 'c', value: chat('user', 'assistant') },
];

describe('what a target switch changed', () => {
  it('counts the examples with errors and names the problems that appeared and went away', async () => {
    const openai = (ex: Example) => analyseExample(ex, 'chat');
    // A pretend target that accepts a missing reply but refuses the second example's text.
    const other = (ex: Example) => {
      const a = openai(ex);
      const issues: Issue[] = a.issues.filter((i) => i.code !== 'missing_assistant_message');
      if (ex.id === 'c') issues.push({ severity: 'error', code: 'target_pretend', params: {}, example: 1 });
      return adaptAnalysis(a, issues);
    };
    const before = await tallyIssues(examples, openai, []);
    const after = await tallyIssues(examples, other, [{ severity: 'warning', code: 'target_few', params: {} }]);
    expect(before && after).toBeTruthy();
    const change = describeChange(before!, after!);
    expect(change.errorsBefore).toBe(1);
    expect(change.errorsAfter).toBe(1);
    // Errors first, then warnings; each with its first issue, numbered as in the dataset.
    expect(change.added.map((c) => [c.code, c.count, c.first.example])).toEqual([
      ['target_pretend', 1, 3],
      ['target_few', 1, undefined],
    ]);
    expect(change.gone.map((c) => [c.code, c.first.example])).toContainEqual(['missing_assistant_message', 2]);
  });
  it('gives up quietly when superseded', async () => {
    let analysed = 0;
    const analyse = (ex: Example) => (analysed++, analyseExample(ex, 'chat'));
    expect(await tallyIssues(examples, analyse, [], () => false)).toBeUndefined();
    expect(analysed).toBe(0);
  });
});
