// The charts' figures, gathered one example at a time by the statistics run.
import { describe, expect, it } from 'vitest';
import { ChartGatherer } from './chart-data';
import type { Example, Issue } from '../dataset/types';
import type { ExampleAnalysis } from '../dataset/example-analysis';
import type { ExampleTokens } from '../dataset/example-tokens';

const ex = (id: string, value: unknown): Example => ({ id, value }) as Example;
const shown = (...issues: Pick<Issue, 'code' | 'severity'>[]): ExampleAnalysis => ({ issues }) as unknown as ExampleAnalysis;
const tokens = (total: number, assistant: number, tools = 0): ExampleTokens => ({ total, assistant, tools, trainable: assistant, perMessage: [] });

describe('ChartGatherer', () => {
  it('tokens with tools, assistant tokens, messages, the role mix, problems by code and the top system prompts', () => {
    const g = new ChartGatherer();
    const chat = (system: string | null, ...roles: string[]) => ({
      messages: [...(system === null ? [] : [{ role: 'system', content: system }]), ...roles.map((role) => ({ role, content: 'x' }))],
    });
    g.add(ex('1', chat('Be brief.', 'user', 'assistant')), shown(), tokens(30, 5, 10));
    g.add(ex('2', chat('Be brief.', 'user', 'assistant', 'tool')), shown({ code: 'x_warn', severity: 'warning' }), tokens(40, 7));
    g.add(
      ex('3', chat(null, 'user')),
      shown({ code: 'no_assistant', severity: 'error' }, { code: 'no_assistant', severity: 'error' }, { code: 'x_warn', severity: 'warning' }),
      undefined,
    );
    g.add(ex('4', chat('Be kind.', 'user', 'assistant')), shown(), tokens(20, 4));
    // An unparsed line: its problems count, nothing else does.
    g.add({ id: '5', value: undefined, raw: '{"messages": [' } as Example, shown({ code: 'invalid_json', severity: 'error' }), undefined);
    const r = g.result();
    expect(r.tokens).toEqual([40, 40, 20]);
    expect(r.assistant).toEqual([5, 7, 4]);
    expect(r.messages).toEqual([3, 4, 1, 3]);
    expect(r.roles).toEqual({ system: 3, user: 4, assistant: 3, tool: 1 });
    // Examples having each code (a code twice in one example counts once), most frequent first.
    expect(r.byCode).toEqual([
      ['x_warn', { count: 2, severity: 'warning' }],
      ['no_assistant', { count: 1, severity: 'error' }],
      ['invalid_json', { count: 1, severity: 'error' }],
    ]);
    expect(r.prompts).toEqual([
      ['Be brief.', 2],
      ['Be kind.', 1],
    ]);
  });

  it('lists at most five system prompts, and messages of preference examples as the list filter counts them', () => {
    const g = new ChartGatherer();
    for (let i = 0; i < 7; i++) for (let k = 0; k <= i; k++) g.add(ex(`${i}.${k}`, { messages: [{ role: 'system', content: `p${i}` }] }), shown(), undefined);
    g.add(
      ex('pref', {
        input: { messages: [{ role: 'user', content: 'q' }] },
        preferred_output: [{ role: 'assistant', content: 'a' }],
        non_preferred_output: [{ role: 'assistant', content: 'b' }],
      }),
      shown(),
      undefined,
    );
    const r = g.result();
    expect(r.prompts.map(([p]) => p)).toEqual(['p6', 'p5', 'p4', 'p3', 'p2']);
    expect(r.messages.at(-1)).toBe(3);
  });
});
