import { describe, expect, it } from 'vitest';
import { msToNextUtcDay } from './dates';

describe('msToNextUtcDay', () => {
  it('counts to the next UTC midnight, across a month and a year end', () => {
    expect(msToNextUtcDay(new Date('2027-01-06T23:59:30Z'))).toBe(30_000);
    expect(msToNextUtcDay(new Date('2027-01-31T00:00:00Z'))).toBe(86_400_000);
    expect(msToNextUtcDay(new Date('2026-12-31T12:00:00.500Z'))).toBe(43_199_500);
  });
  it('an unreadable clock gives NaN (the header then arms no timer)', () => {
    expect(msToNextUtcDay(new Date('garbage'))).toBeNaN();
  });
});
