// Special-token detection: the tiktoken lists match js-tiktoken's own tables (the independent oracle), and the
// scan finds them anywhere in text without flagging look-alikes.
import { describe, expect, it } from 'vitest';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describeSpecialTokens, findSpecialTokens, TIKTOKEN_SPECIAL_TOKENS } from './special-tokens.ts';

describe('special tokens', () => {
  it("every special token of cl100k_base and o200k_base (js-tiktoken's tables) is detected", () => {
    const all = new Set([...Object.keys(cl100k.special_tokens), ...Object.keys(o200k.special_tokens)]);
    expect(new Set(TIKTOKEN_SPECIAL_TOKENS)).toEqual(all);
    for (const token of all) expect(findSpecialTokens(`before ${token} after`).map((t) => t.text)).toEqual([token]);
  });
  it('finds ChatML markers glued to text, each once, in order of appearance', () => {
    const found = findSpecialTokens('<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant');
    expect(found).toEqual([
      { text: '<|im_start|>', family: 'chatml' },
      { text: '<|im_end|>', family: 'chatml' },
    ]);
  });
  it('ignores look-alikes and unknown markers', () => {
    expect(findSpecialTokens('a < | b | > c, <|pad|>, <endoftext>, |endoftext|, <|ENDOFTEXT|>')).toEqual([]);
    expect(findSpecialTokens('')).toEqual([]);
  });
  it('the explanation names every token, hedges on how OpenAI treats them, and says what to do', () => {
    const text = describeSpecialTokens('Example 1, message 2 (user)', findSpecialTokens('x<|endoftext|><|eot_id|>'));
    expect(text).toContain("'<|endoftext|>'");
    expect(text).toContain("'<|eot_id|>'");
    expect(text).toMatch(/does not document/);
    expect(text).toMatch(/Remove them/);
  });
});
