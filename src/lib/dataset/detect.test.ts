// Format detection by top-level keys (FORMATS.md §3–4): each documented shape is recognised, and a file's
// format follows OpenAI's one-format-per-file rule.
import { describe, expect, it } from 'vitest';
import { detectFileFormat, detectRecordFormat } from './detect.ts';

describe('detectRecordFormat', () => {
  it("recognises each documented shape, including FORMATS.md's own chat example", () => {
    const marv = JSON.parse(
      '{"messages": [{"role": "system", "content": "Marv is a factual chatbot that is also sarcastic."}, {"role": "user", "content": "What\'s the capital of France?"}, {"role": "assistant", "content": "Paris", "weight": 0}]}',
    );
    expect(detectRecordFormat(marv)).toBe('chat');
    expect(detectRecordFormat({ input: { messages: [] }, preferred_output: [], non_preferred_output: [] })).toBe('preference');
    expect(detectRecordFormat({ prompt: 'p', completion: 'c' })).toBe('prompt_completion');
    expect(detectRecordFormat({ conversations: [{ from: 'human', value: 'hi' }] })).toBe('sharegpt');
    expect(detectRecordFormat({ instruction: 'i', input: '', output: 'o' })).toBe('alpaca');
    expect(detectRecordFormat({ prompt: 'p', chosen: 'c', rejected: 'r' })).toBe('trl_preference');
  });
  it('a half-written record still counts as the format it is heading for', () => {
    expect(detectRecordFormat({ messages: 'oops', foo: 1 })).toBe('chat');
    expect(detectRecordFormat({ preferred_output: [] })).toBe('preference');
    expect(detectRecordFormat({ prompt: 'only a prompt' })).toBe('prompt_completion');
  });
  it('non-objects and unrelated objects are unknown', () => {
    for (const v of [null, undefined, 1, 'x', [], [{ messages: [] }], {}, { text: 'hi' }]) expect(detectRecordFormat(v)).toBe('unknown');
  });
});

describe('detectFileFormat', () => {
  it('is empty for no records and the single OpenAI format otherwise, whatever stray records hold', () => {
    expect(detectFileFormat([])).toBe('empty');
    expect(detectFileFormat(['chat', 'chat', 'unknown', 'sharegpt'])).toBe('chat');
    expect(detectFileFormat(['unknown', 'preference'])).toBe('preference');
  });
  it('is mixed as soon as two of OpenAI formats appear', () => {
    expect(detectFileFormat(['chat', 'chat', 'preference'])).toBe('mixed');
    expect(detectFileFormat(['prompt_completion', 'chat'])).toBe('mixed');
  });
  it('names the most frequent foreign format of an import-only file, or unknown', () => {
    expect(detectFileFormat(['alpaca', 'sharegpt', 'sharegpt', 'unknown'])).toBe('sharegpt');
    expect(detectFileFormat(['unknown', 'unknown'])).toBe('unknown');
  });
});
