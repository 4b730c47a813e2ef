import { describe, expect, it } from 'vitest';
import { numberIssues } from './number-issues';
import { validateExample } from './validate';

describe('numberIssues', () => {
  it('an issue cached for example 1 reads "Example 12" in field and words when shown at position 12', () => {
    const issues = validateExample({ messages: [{ role: 'user', content: 'hi' }], extra: 1 }, { example: 1, format: 'chat' });
    expect(issues.some((i) => i.message.startsWith('Example 1 '))).toBe(true);
    const shown = numberIssues(issues, 12);
    expect(shown.every((i) => i.example === 12)).toBe(true);
    expect(shown.some((i) => i.message.startsWith('Example 12 '))).toBe(true);
    expect(shown.some((i) => /^Example 1(?!\d)/.test(i.message))).toBe(false);
  });

  it('leaves dataset-level issues (no example) and "Example 10" texts alone', () => {
    const issues = [
      { severity: 'error' as const, code: 'x', message: 'Example 10 is a duplicate of example 1.', example: 1 },
      { severity: 'error' as const, code: 'y', message: 'Training file has 5 example(s)' },
    ];
    const shown = numberIssues(issues, 3);
    expect(shown[0].message).toBe('Example 10 is a duplicate of example 1.');
    expect(shown[1]).toBe(issues[1]);
  });
});
