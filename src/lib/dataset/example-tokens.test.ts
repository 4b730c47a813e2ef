import { describe, expect, it } from 'vitest';
import { getCounter } from '../tokens/encodings';
import { exampleTokens, IMAGE_DEFAULT_TOKENS, IMAGE_LOW_DETAIL_TOKENS } from './example-tokens';

// A transparent stand-in tokenizer: one token per character, so every expected figure can be worked by hand.
const chars = (s: string): number => s.length;

describe('exampleTokens (guide formula, hand-worked with one token per character)', () => {
  it('follows the guide: 3 per message + role + content (+ name + 1) + 3 priming', () => {
    const ex = {
      messages: [
        { role: 'system', content: 'abc' }, // 3 + 6 + 3 = 12
        { role: 'user', content: 'hello', name: 'bo' }, // 3 + 4 + 5 + 2 + 1 = 15
        { role: 'assistant', content: 'hi!' }, // 3 + 9 + 3 = 15
      ],
    };
    const t = exampleTokens(ex, chars);
    expect(t.perMessage).toEqual([12, 15, 15]);
    expect(t.total).toBe(12 + 15 + 15 + 3);
    expect(t.assistant).toBe(3);
    expect(t.trainable).toBe(3);
    expect(t.tools).toBe(0);
  });

  it('counts each text once, though an assistant reply is in the total, the assistant and the trainable figures', () => {
    // The counter remembers short texts only: a long reply counted twice cost the CLI ≈ 10% on the bench corpus.
    const counted: string[] = [];
    const spy = (s: string): number => (counted.push(s), s.length);
    const reply = 'x'.repeat(70_000);
    const t = exampleTokens(
      {
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: reply, name: 'a' },
        ],
      },
      spy,
    );
    expect(counted.filter((s) => s === reply)).toHaveLength(1);
    expect([t.assistant, t.trainable]).toEqual([70_000, 70_000]);
    expect(t.perMessage).toEqual([3 + 4 + 1, 3 + 9 + 70_000 + 1 + 1]);
  });

  it('assistant turns with weight 0 are billed but not trained on', () => {
    const ex = {
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'Paris', weight: 0 },
        { role: 'user', content: 'q2' },
        { role: 'assistant', content: 'Paris!!', weight: 1 },
      ],
    };
    const t = exampleTokens(ex, chars);
    expect(t.assistant).toBe(5 + 7);
    expect(t.trainable).toBe(7);
    // weight itself adds nothing: 3+4+1, 3+9+5, 3+4+2, 3+9+7, + 3
    expect(t.total).toBe(8 + 17 + 9 + 19 + 3);
  });

  it('tool calls count their function name and arguments; null content counts nothing', () => {
    const ex = {
      messages: [
        { role: 'user', content: 'w?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '20C' },
        { role: 'assistant', content: 'It is 20C.' },
      ],
    };
    const t = exampleTokens(ex, chars);
    expect(t.perMessage).toEqual([3 + 4 + 2, 3 + 9 + 3 + 7, 3 + 4 + 3, 3 + 9 + 10]);
    expect(t.assistant).toBe(10 + 10);
  });

  it('array content counts text parts; images cost 85 at low detail, the documented estimate otherwise', () => {
    const ex = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'https://x/z.png' } },
          ],
        },
        { role: 'assistant', content: 'cat' },
      ],
    };
    const t = exampleTokens(ex, chars);
    expect(t.perMessage[0]).toBe(3 + 4 + 4 + IMAGE_LOW_DETAIL_TOKENS + IMAGE_DEFAULT_TOKENS);
    expect(IMAGE_LOW_DETAIL_TOKENS).toBe(85);
  });

  it('preference examples count input and both outputs; the preferred output is the assistant figure', () => {
    const ex = {
      input: { messages: [{ role: 'user', content: 'hi' }] },
      preferred_output: [{ role: 'assistant', content: 'hello' }],
      non_preferred_output: [{ role: 'assistant', content: 'go' }],
    };
    const t = exampleTokens(ex, chars);
    expect(t.perMessage).toEqual([3 + 4 + 2, 3 + 9 + 5, 3 + 9 + 2]);
    expect(t.total).toBe(9 + 17 + 14 + 3);
    expect(t.assistant).toBe(5);
    expect(t.trainable).toBe(7);
  });

  it('prompt/completion examples count prompt + completion, and train on the completion', () => {
    const t = exampleTokens({ prompt: 'abcd', completion: 'xy' }, chars);
    expect(t).toEqual({ total: 6, assistant: 2, trainable: 2, tools: 0, perMessage: [4, 2] });
  });

  it('malformed examples never throw and count what they can', () => {
    for (const bad of [null, 42, 'x', [], { messages: 'nope' }, { messages: [null, 7] }, { messages: [{ role: 5, content: { a: 1 } }] }]) {
      expect(() => exampleTokens(bad, chars)).not.toThrow();
    }
    expect(exampleTokens({ messages: [] }, chars).total).toBe(3); // the guide still adds the priming
    expect(exampleTokens({ messages: [{ role: 5, content: { a: 1 } }] }, chars).total).toBe(3 + 3);
  });
});

describe('tool definitions (the cookbook example, checked by OpenAI’s API)', () => {
  // From openai-cookbook How_to_count_tokens_with_tiktoken: the API reported 101 prompt tokens for gpt-4o and
  // gpt-4o-mini, and 105 for gpt-3.5-turbo and gpt-4, for exactly these messages and tools.
  const tools = [
    {
      type: 'function',
      function: {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
            unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
          },
          required: ['location'],
        },
      },
    },
  ];
  const messages = [
    { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
    { role: 'user', content: "What's the weather like in San Francisco?" },
  ];

  it('messages + tools come to the 101 prompt tokens OpenAI reported for gpt-4o', async () => {
    const counter = await getCounter('o200k_base');
    const t = exampleTokens({ messages, tools }, (s) => counter.count(s), { toolFamily: 'gpt-4o' });
    expect(t.total + t.tools).toBe(101);
  });

  it('messages + tools come to the 105 prompt tokens OpenAI reported for gpt-3.5-turbo', async () => {
    const counter = await getCounter('cl100k_base');
    const t = exampleTokens({ messages, tools }, (s) => counter.count(s), { toolFamily: 'gpt-3.5' });
    expect(t.total + t.tools).toBe(105);
  });
});
