import { describe, expect, it } from 'vitest';
import { exampleRefs, linkifyExamples } from './failure';

describe('failure messages link to examples', () => {
  it('"Example 100, message 2" points at example 100, not 2', () => {
    expect(exampleRefs('The job failed due to an invalid training file. Invalid file format. Example 100, message 2 is missing content.')).toEqual([100]);
  });
  it('moderation "Flagged lines: 4, 13, 27" points at each line', () => {
    expect(exampleRefs('Training file was rejected by moderation. Flagged lines: 4, 13, 27')).toEqual([4, 13, 27]);
  });
  it('linkified parts put the text back together exactly', () => {
    const msg = 'Example 3, message 2 bad. Flagged lines: 4, 13 and 20.';
    const parts = linkifyExamples(msg);
    expect(parts.map((p) => p.text).join('')).toBe(msg);
    expect(parts.filter((p) => p.example).map((p) => p.example)).toEqual([3, 4, 13, 20]);
  });
  it('a message with no example numbers has no links', () => {
    expect(linkifyExamples('Fine-tuning is not available for this model.').every((p) => p.example === undefined)).toBe(true);
  });
});
