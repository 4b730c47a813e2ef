import { describe, expect, it } from 'vitest';
import { baseModelOf, exampleFromExchange, promptFromExample } from './playground';

describe('playground', () => {
  it('starts from the example up to its last user message, dropping the answer it already has', () => {
    const p = promptFromExample([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: [{ type: 'text', text: 'Capital of France?' }] },
      { role: 'assistant', content: 'Paris' },
    ]);
    expect(p?.map((t) => t.content)).toEqual(['Be terse.', 'Hi', 'Hello', 'Capital of France?']);
  });
  it('an example without a user message gives no prompt', () => {
    expect(promptFromExample([{ role: 'system', content: 'x' }])).toBeNull();
    expect(promptFromExample(null)).toBeNull();
  });
  it('"Add to dataset" makes a valid chat example ending in the chosen reply', () => {
    const ex = exampleFromExchange([{ role: 'user', content: 'Q' }], 'A');
    expect(ex).toEqual({
      messages: [
        { role: 'user', content: 'Q' },
        { role: 'assistant', content: 'A' },
      ],
    });
  });
  it('a fine-tuned model is compared with the base it was trained from', () => {
    expect(baseModelOf('ft:gpt-4.1-mini-2025-04-14:org:s:abc', 'x')).toBe('gpt-4.1-mini-2025-04-14');
    expect(baseModelOf('gpt-4o', 'x')).toBe('x');
  });
});
