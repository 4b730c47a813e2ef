import { describe, expect, it } from 'vitest';
import { buildPreflight, overlapCount } from './preflight';

const ds = (over = {}) => ({
  model: 'gpt-4o-mini-2024-07-18',
  format: 'chat' as const,
  exampleCount: 12,
  issues: [],
  estimatedTokens: 1000,
  epochs: 9,
  estimatedCostUsd: 0.027,
  ...over,
});
const today = new Date('2026-11-26T12:00:00Z');
const base = { trainingJsonl: '{"a":1}\n{"b":2}\n', validationJsonl: null, today, isOpenAI: true };

describe('pre-flight', () => {
  it('on 2026-11-26 there are 41 days left to create jobs (deadline 2027-01-06)', () => {
    const p = buildPreflight({ ...base, dataset: ds() });
    expect(p.deadlineDays).toBe(41);
    expect(p.canStart).toBe(true);
  });
  it('fewer than 10 examples blocks the start', () => {
    const p = buildPreflight({ ...base, dataset: ds({ exampleCount: 9 }) });
    expect(p.canStart).toBe(false);
    expect(p.errors[0].code).toBe('invalid_n_examples');
  });
  it('dataset errors block and keep their example number for the link', () => {
    const p = buildPreflight({
      ...base,
      dataset: ds({
        issues: [
          { severity: 'error', code: 'x', message: 'bad', example: 4 },
          { severity: 'warning', code: 'w', message: 'meh' },
        ],
      }),
    });
    expect(p.errors.map((e) => e.example)).toEqual([4]);
    expect(p.warnings.map((w) => w.code)).toContain('w');
  });
  it('after the deadline OpenAI jobs are blocked but other endpoints are not', () => {
    const late = new Date('2027-01-07T00:00:00Z');
    expect(buildPreflight({ ...base, today: late, dataset: ds() }).errors.some((e) => e.code === 'deadline_passed')).toBe(true);
    expect(buildPreflight({ ...base, today: late, isOpenAI: false, dataset: ds() }).errors.some((e) => e.code === 'deadline_passed')).toBe(false);
  });
  it('a retired base model blocks; the model’s shutdown date is shown', () => {
    expect(buildPreflight({ ...base, dataset: ds({ model: 'gpt-4.1-nano-2025-04-14' }) }).errors.some((e) => e.code === 'model_retired')).toBe(true);
    expect(buildPreflight({ ...base, dataset: ds() }).modelShutdown).toBe('2027-01-14');
  });
  it('a preference file on a model without DPO is blocked', () => {
    expect(buildPreflight({ ...base, dataset: ds({ format: 'preference' }) }).errors.some((e) => e.code === 'method_not_supported')).toBe(true);
  });
  it('validation examples identical to training ones are counted, even with keys reordered', () => {
    expect(overlapCount('{"a":1,"b":2}\n{"c":3}\n', '{"b":2,"a":1}\n{"d":4}\n')).toEqual({ count: 1, validationCount: 2 });
    const p = buildPreflight({ ...base, validationJsonl: '{"a":1}\n', dataset: ds() });
    expect(p.overlap).toEqual({ count: 1, validationCount: 1 });
    expect(p.warnings.some((w) => w.code === 'validation_overlap')).toBe(true);
  });
});

describe('cost follows the job form', () => {
  it('another model and a set number of epochs give that model’s price times those epochs', () => {
    const p = buildPreflight({ ...base, dataset: ds(), model: 'gpt-4.1-2025-04-14', epochs: 2 });
    expect(p.epochs).toBe(2);
    expect(p.estimatedCostUsd).toBeCloseTo((1000 * 2 * 25) / 1e6, 10);
  });

  it('with the dataset’s own model and "auto" epochs the dataset’s estimate is shown as is', () => {
    const p = buildPreflight({ ...base, dataset: ds() });
    expect(p.epochs).toBe(9);
    expect(p.estimatedCostUsd).toBe(0.027);
  });
});
