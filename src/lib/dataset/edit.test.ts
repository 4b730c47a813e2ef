// The template a new example starts from.
import { describe, expect, it } from 'vitest';
import { templateExample, usualSystemPrompt } from './edit';

describe('templateExample', () => {
  it('a new dataset’s first chat example has an empty system box above the question and the answer', () => {
    expect(templateExample('chat', '', { systemBox: true })).toEqual({
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: '' },
        { role: 'assistant', content: '' },
      ],
    });
    expect(templateExample('preference', '', { systemBox: true })).toMatchObject({ input: { messages: [{ role: 'system' }, { role: 'user' }] } });
    expect(templateExample('prompt_completion', '', { systemBox: true })).toEqual({ prompt: '', completion: '' });
  });

  it('later examples start from the dataset’s usual system prompt, and have no system box when it has none', () => {
    const values = [templateExample('chat', 'Be brief.'), templateExample('chat', 'Be brief.'), templateExample('chat', 'Be kind.')];
    expect(templateExample('chat', usualSystemPrompt(values))).toEqual({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: '' },
        { role: 'assistant', content: '' },
      ],
    });
    expect(templateExample('chat', usualSystemPrompt([templateExample('chat')]))).toEqual({
      messages: [
        { role: 'user', content: '' },
        { role: 'assistant', content: '' },
      ],
    });
  });
});
