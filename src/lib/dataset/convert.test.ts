import { describe, expect, it } from 'vitest';
import { convertRecord } from './convert.ts';
import { validateExample } from './validate.ts';
import { renderIssue } from './messages/index.ts';

/** An issue's (or a syntax error's) English sentence, as the app and report show it. */
const en = (issue: Parameters<typeof renderIssue>[0]): string => renderIssue(issue, 'en');
import type { DatasetFormat } from './types.ts';

const errors = (value: unknown, format: DatasetFormat) => validateExample(value, { example: 1, format }).filter((i) => i.severity === 'error');

describe('convertRecord', () => {
  it('ShareGPT with every speaker kind becomes a chat example the validator accepts', () => {
    const sharegpt = {
      system: 'Be brief.',
      conversations: [
        { from: 'human', value: 'Weather in Paris?' },
        { from: 'function_call', value: '{"name": "get_weather", "arguments": {"city": "Paris"}}' },
        { from: 'observation', value: '18C' },
        { from: 'gpt', value: '18 degrees.' },
      ],
      tools: '[{"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}]',
    };
    const { value, issues } = convertRecord(sharegpt, 'chat');
    expect(issues).toEqual([]);
    expect(errors(value, 'chat')).toEqual([]);
    const m = (value as { messages: Record<string, unknown>[] }).messages;
    expect(m.map((x) => x.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(JSON.parse((m[2].tool_calls as { function: { arguments: string } }[])[0].function.arguments)).toEqual({ city: 'Paris' });
  });

  it('Alpaca history turns come before the instruction, and the input follows it after a blank line', () => {
    const { value } = convertRecord({ instruction: 'Translate', input: 'Hi', output: 'Salut', history: [['Q1', 'A1']] }, 'chat');
    expect(value).toEqual({
      messages: [
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'A1' },
        { role: 'user', content: 'Translate\n\nHi' },
        { role: 'assistant', content: 'Salut' },
      ],
    });
  });

  it('TRL preference (strings, message lists, or implicit prompt) becomes valid OpenAI preference', () => {
    const cases = [
      { prompt: 'Best fruit?', chosen: 'Mango', rejected: 'Rocks' },
      {
        prompt: [{ role: 'user', content: 'Best fruit?' }],
        chosen: [{ role: 'assistant', content: 'Mango' }],
        rejected: [{ role: 'assistant', content: 'Rocks' }],
      },
      {
        chosen: [
          { role: 'user', content: 'Best fruit?' },
          { role: 'assistant', content: 'Mango' },
        ],
        rejected: [
          { role: 'user', content: 'Best fruit?' },
          { role: 'assistant', content: 'Rocks' },
        ],
      },
    ];
    const values = cases.map((c) => convertRecord(c, 'preference').value);
    for (const v of values) expect(errors(v, 'preference')).toEqual([]);
    expect(values[1]).toEqual(values[0]);
    expect(values[2]).toEqual(values[0]);
  });

  it('prompt/completion and single-turn chat convert both ways without losing text', () => {
    const pc = { prompt: 'Q?', completion: ' A.' };
    const chat = convertRecord(pc, 'chat').value;
    expect(errors(chat, 'chat')).toEqual([]);
    expect(convertRecord(chat, 'prompt_completion').value).toEqual(pc);
  });

  it('what cannot be converted is said in plain words, never thrown', () => {
    const multi = {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: 'd' },
      ],
    };
    for (const [v, to] of [
      [multi, 'prompt_completion'],
      [42, 'chat'],
      [{ conversations: [{ from: 'alien', value: 'x' }] }, 'chat'],
      [{ chosen: 'a', rejected: 'b' }, 'preference'],
      [{ prompt: 'p', completion: 'c' }, 'preference'],
    ] as const) {
      const r = convertRecord(v, to);
      expect(r.value).toBeUndefined();
      expect(r.issues[0].severity).toBe('error');
      expect(en(r.issues[0]).length).toBeGreaterThan(15);
    }
  });

  it('a record already in the target format is returned as the same object', () => {
    const chat = { messages: [{ role: 'user', content: 'a' }] };
    expect(convertRecord(chat, 'chat').value).toBe(chat);
  });
});
