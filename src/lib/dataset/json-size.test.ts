import { describe, expect, it } from 'vitest';
import { jsonLongerThan } from './json-size';

describe('jsonLongerThan', () => {
  it('is true only when the JSON is longer than the limit', () => {
    const small = { messages: [{ role: 'user', content: 'hi' }] };
    expect(jsonLongerThan(small, 1000)).toBe(false);
    const big = { messages: [{ role: 'assistant', content: 'x'.repeat(300_000) }] };
    expect(jsonLongerThan(big, 256_000)).toBe(true);
    expect(JSON.stringify(big).length).toBeGreaterThan(256_000);
    expect(jsonLongerThan(null, 0)).toBe(false);
  });
});
