import { describe, expect, it } from 'vitest';
import { MODELS, daysUntil, fineTunedBase, modelInfoSchema, resolveModel, type ModelInfo } from './catalog';

// The oracle is FORMATS.md §6 (the table the lead collected from OpenAI's docs), restated here by hand.
const TABLE: Array<[string, 'o200k_base' | 'cl100k_base', number | null, number | null, string | null]> = [
  ['gpt-4.1-2025-04-14', 'o200k_base', 65536, 25, '2027-01-14'],
  ['gpt-4.1-mini-2025-04-14', 'o200k_base', 65536, 5, '2027-01-14'],
  ['gpt-4.1-nano-2025-04-14', 'o200k_base', 32768, 1.5, '2026-10-23'],
  ['gpt-4o-2024-08-06', 'o200k_base', 65536, 25, '2027-01-14'],
  ['gpt-4o-mini-2024-07-18', 'o200k_base', 65536, 3, '2027-01-14'],
  ['gpt-3.5-turbo-0125', 'cl100k_base', 16385, 8, '2026-10-23'],
  ['gpt-3.5-turbo-0613', 'cl100k_base', 4096, 8, null],
  ['davinci-002', 'cl100k_base', null, 6, null],
  ['babbage-002', 'cl100k_base', null, 0.4, null],
  ['o4-mini-2025-04-16', 'o200k_base', 65536, null, '2026-10-23'],
];

describe('model catalog', () => {
  it.each(TABLE)('%s has the encoding, limit, price and shutdown of the spec table', (id, enc, limit, price, shut) => {
    const m = resolveModel(id);
    expect(m).toMatchObject({ id, encoding: enc, limit, trainingPricePerMTokens: price, baseShutdown: shut });
  });

  it('every catalog entry passes the same schema user-added models must pass', () => {
    for (const m of MODELS) expect(modelInfoSchema.safeParse(m).success).toBe(true);
  });

  it('a fine-tuned gpt-4.1 name counts with o200k_base, not the cl100k_base a prefix table would give', () => {
    const m = resolveModel('ft:gpt-4.1-2025-04-14:acme:support-bot:9xYz12');
    expect(m?.id).toBe('gpt-4.1-2025-04-14');
    expect(m?.encoding).toBe('o200k_base');
  });

  it('a checkpoint name maps to its base model', () => {
    expect(resolveModel('ft:gpt-4o-mini-2024-07-18:acme::AbC123:ckpt-step-88')?.id).toBe('gpt-4o-mini-2024-07-18');
    expect(fineTunedBase('ft:gpt-4o-mini-2024-07-18:acme::AbC123:ckpt-step-88')).toBe('gpt-4o-mini-2024-07-18');
  });

  it('legacy davinci-002 and babbage-002 use cl100k_base and train on prompt/completion', () => {
    for (const id of ['davinci-002', 'babbage-002', 'ft:davinci-002:acme::x1']) {
      expect(resolveModel(id)?.encoding).toBe('cl100k_base');
      expect(resolveModel(id)?.methods).toEqual(['prompt_completion']);
    }
  });

  it('undated family names and other dated snapshots resolve to the family entry', () => {
    expect(resolveModel('gpt-4o-mini')?.id).toBe('gpt-4o-mini-2024-07-18');
    expect(resolveModel('gpt-4o-2024-11-20')?.encoding).toBe('o200k_base');
    expect(resolveModel('gpt-3.5-turbo-1106')?.encoding).toBe('cl100k_base');
  });

  it('unknown models resolve to nothing rather than a guess', () => {
    expect(resolveModel('llama-3-8b')).toBeUndefined();
    expect(resolveModel('ft:')).toBeUndefined();
  });

  it('a user-added model is found, and overrides a catalog entry with the same id', () => {
    const mine: ModelInfo = {
      id: 'gpt-4o-mini-2024-07-18',
      encoding: 'o200k_base',
      limit: 1000,
      trainingPricePerMTokens: 1,
      methods: ['supervised'],
      baseShutdown: null,
      status: 'available',
    };
    const other: ModelInfo = { ...mine, id: 'my-azure-deployment', limit: 8000 };
    expect(resolveModel('gpt-4o-mini-2024-07-18', [mine])?.limit).toBe(1000);
    expect(resolveModel('ft:my-azure-deployment:org::x', [other])?.limit).toBe(8000);
    expect(resolveModel('gpt-4o-mini-2024-07-18')?.limit).toBe(65536);
  });

  it('daysUntil counts calendar days in UTC, zero on the day, negative after', () => {
    // 2026-11-15 → 2027-01-06: 15 days left in November + 31 in December + 6 = 52.
    expect(daysUntil('2027-01-06', new Date('2026-11-15T23:59:00Z'))).toBe(52);
    expect(daysUntil('2027-01-06', new Date('2027-01-06T00:00:00Z'))).toBe(0);
    expect(daysUntil('2026-10-23', new Date('2026-11-01T12:00:00Z'))).toBe(-9);
    expect(daysUntil('not a date', new Date())).toBeNaN();
    expect(daysUntil('2027-02-30', new Date())).toBeNaN();
  });
});
