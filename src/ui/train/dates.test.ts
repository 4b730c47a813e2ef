import { afterEach, describe, expect, it, vi } from 'vitest';
import { atNextUtcDay, msToNextUtcDay } from './dates';

describe('msToNextUtcDay', () => {
  it('counts to the next UTC midnight, across a month and a year end', () => {
    expect(msToNextUtcDay(new Date('2027-01-06T23:59:30Z'))).toBe(30_000);
    expect(msToNextUtcDay(new Date('2027-01-31T00:00:00Z'))).toBe(86_400_000);
    expect(msToNextUtcDay(new Date('2026-12-31T12:00:00.500Z'))).toBe(43_199_500);
  });
  it('an unreadable clock gives NaN', () => {
    expect(msToNextUtcDay(new Date('garbage'))).toBeNaN();
  });
});

describe('atNextUtcDay', () => {
  afterEach(() => void vi.useRealTimers());
  it('calls back just past midnight, not before; cancelling stops it; an unreadable clock arms nothing', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    atNextUtcDay(new Date('2027-01-06T23:59:30Z'), () => calls.push('day'));
    vi.advanceTimersByTime(30_000);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual(['day']);
    const cancel = atNextUtcDay(new Date('2027-01-07T23:00:00Z'), () => calls.push('cancelled'));
    cancel();
    vi.advanceTimersByTime(2 * 3_600_000);
    expect(calls).toEqual(['day']);
    atNextUtcDay(new Date('garbage'), () => calls.push('garbage'));
    expect(vi.getTimerCount()).toBe(0);
  });
});
