import { describe, expect, it } from 'vitest';
import { MODELS, datePhase, jobsOpen, statusOn } from './catalog';

const at = (iso: string) => new Date(iso);

describe('datePhase: the wording of a dated event (UTC calendar days)', () => {
  it('two days before is "ahead" with 2 days to go', () => {
    expect(datePhase('2027-01-06', at('2027-01-04T12:00:00Z'))).toEqual({ phase: 'ahead', days: 2 });
  });
  it('the day before is "tomorrow", from its first to its last UTC minute', () => {
    expect(datePhase('2027-01-06', at('2027-01-05T00:00:00Z'))).toEqual({ phase: 'tomorrow', days: 1 });
    expect(datePhase('2027-01-06', at('2027-01-05T23:59:59Z'))).toEqual({ phase: 'tomorrow', days: 1 });
  });
  it('the day itself is "today", never "0 days left" nor past', () => {
    expect(datePhase('2027-01-06', at('2027-01-06T00:00:00Z'))).toEqual({ phase: 'today', days: 0 });
    expect(datePhase('2027-01-06', at('2027-01-06T23:59:59.999Z'))).toEqual({ phase: 'today', days: 0 });
  });
  it('the day after is "past", one day since; a month later still past', () => {
    expect(datePhase('2027-01-06', at('2027-01-07T00:00:00Z'))).toEqual({ phase: 'past', days: 1 });
    expect(datePhase('2027-01-14', at('2027-02-01T09:00:00Z'))).toEqual({ phase: 'past', days: 18 });
  });
  it('a local evening that is already the next UTC day counts as the next day (one rule everywhere)', () => {
    // 2027-01-06 20:00 in Los Angeles is 2027-01-07 04:00 UTC.
    expect(datePhase('2027-01-06', at('2027-01-06T20:00:00-08:00')).phase).toBe('past');
    // 2027-01-06 07:00 in Shanghai is still 2027-01-05 23:00 UTC.
    expect(datePhase('2027-01-06', at('2027-01-06T07:00:00+08:00')).phase).toBe('tomorrow');
  });
  it('a bad date or clock is "unknown" rather than a wrong count', () => {
    expect(datePhase('soon', at('2027-01-01T00:00:00Z')).phase).toBe('unknown');
    expect(datePhase('2027-02-30', at('2027-01-01T00:00:00Z')).phase).toBe('unknown');
    expect(datePhase('2027-01-06', new Date(Number.NaN)).phase).toBe('unknown');
  });
});

describe('jobsOpen and statusOn', () => {
  it('OpenAI takes jobs through 2027-01-06 and not after', () => {
    expect(jobsOpen(at('2027-01-06T23:00:00Z'))).toBe(true);
    expect(jobsOpen(at('2027-01-07T00:00:00Z'))).toBe(false);
  });
  it('a base model is retired once its shutdown day is over', () => {
    const mini = MODELS.find((m) => m.id === 'gpt-4o-mini-2024-07-18')!;
    expect(statusOn(mini, at('2027-01-14T12:00:00Z'))).toBe('available');
    expect(statusOn(mini, at('2027-01-15T00:00:00Z'))).toBe('retired');
    const legacy = MODELS.find((m) => m.id === 'davinci-002')!;
    expect(statusOn(legacy, at('2030-01-01T00:00:00Z'))).toBe('legacy');
  });
});
