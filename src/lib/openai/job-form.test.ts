import { describe, expect, it } from 'vitest';
import { buildJobBody, defaultJobForm, validateJobForm } from './job-form';

const form = (over = {}) => ({ ...defaultJobForm('gpt-4o-mini-2024-07-18', 'chat'), ...over });

describe('job form', () => {
  it('the default form is valid and sends "auto" hyperparameters for supervised training', () => {
    expect(validateJobForm(form())).toEqual({});
    expect(buildJobBody(form(), 'file-1', null).method).toEqual({
      type: 'supervised',
      supervised: { hyperparameters: { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' } },
    });
  });
  it('a form without a base model is refused', () => {
    expect(validateJobForm(form({ model: ' ' }))).toEqual({ model: { code: 'model' } });
  });
  it('epochs outside 1–50 and batch size outside 1–256 are refused, with the range they must be in', () => {
    expect(validateJobForm(form({ nEpochs: '0' })).nEpochs).toEqual({ code: 'epochs', min: 1, max: 50 });
    expect(validateJobForm(form({ nEpochs: '51' })).nEpochs).toEqual({ code: 'epochs', min: 1, max: 50 });
    expect(validateJobForm(form({ nEpochs: 'abc' })).nEpochs).toEqual({ code: 'epochs', min: 1, max: 50 });
    expect(validateJobForm(form({ nEpochs: '50' })).nEpochs).toBeUndefined();
    expect(validateJobForm(form({ nEpochs: ' AUTO ' })).nEpochs).toBeUndefined();
    // The Chinese placeholder's word is taken as typed.
    expect(validateJobForm(form({ nEpochs: '自动', learningRateMultiplier: ' 自动' }))).toEqual({});
    expect(buildJobBody(form({ nEpochs: '自动' }), 'file-1', null).method).toMatchObject({ supervised: { hyperparameters: { n_epochs: 'auto' } } });
    expect(validateJobForm(form({ batchSize: '257' })).batchSize).toEqual({ code: 'batchSize', min: 1, max: 256 });
    expect(validateJobForm(form({ batchSize: '2.5' })).batchSize).toEqual({ code: 'batchSize', min: 1, max: 256 });
  });
  it('the learning-rate multiplier must be above 0 and beta in (0, 2]', () => {
    expect(validateJobForm(form({ learningRateMultiplier: '0' })).learningRateMultiplier).toEqual({ code: 'lrMultiplier' });
    expect(validateJobForm(form({ learningRateMultiplier: '0.1' })).learningRateMultiplier).toBeUndefined();
    expect(validateJobForm(form({ method: 'dpo', beta: '2' })).beta).toBeUndefined();
    expect(validateJobForm(form({ method: 'dpo', beta: '2.01' })).beta).toEqual({ code: 'beta', max: 2 });
    expect(validateJobForm(form({ method: 'dpo', beta: '0' })).beta).toEqual({ code: 'beta', max: 2 });
    expect(validateJobForm(form({ method: 'supervised', beta: '0' })).beta).toBeUndefined();
  });
  it('a 65-character suffix is refused with its length, 64 is fine; characters the API drops are refused', () => {
    expect(validateJobForm(form({ suffix: 'a'.repeat(65) })).suffix).toEqual({ code: 'suffixLength', length: 65, max: 64 });
    expect(validateJobForm(form({ suffix: 'a'.repeat(64) })).suffix).toBeUndefined();
    expect(validateJobForm(form({ suffix: 'my model' })).suffix).toEqual({ code: 'suffixChars' });
  });
  it('a seed must be a whole number from 0 to 2147483647', () => {
    expect(validateJobForm(form({ seed: '2147483647' })).seed).toBeUndefined();
    expect(validateJobForm(form({ seed: '2147483648' })).seed).toEqual({ code: 'seed', max: 2147483647 });
    expect(validateJobForm(form({ seed: '-1' })).seed).toEqual({ code: 'seed', max: 2147483647 });
  });
  it('a DPO job sends beta under method.dpo, with numbers as numbers', () => {
    const b = buildJobBody(form({ method: 'dpo', beta: '0.5', nEpochs: '3', suffix: 'x', seed: '7', metadata: 'team=nlp' }), 'file-1', 'file-2');
    expect(b.method).toEqual({ type: 'dpo', dpo: { hyperparameters: { n_epochs: 3, batch_size: 'auto', learning_rate_multiplier: 'auto', beta: 0.5 } } });
    expect(b).toMatchObject({ validation_file: 'file-2', suffix: 'x', seed: 7, metadata: { team: 'nlp' } });
  });
  it('metadata without "=" names the line (its first 30 characters); too long or too many entries are refused', () => {
    expect(validateJobForm(form({ metadata: 'team=nlp\noops' })).metadata).toEqual({ code: 'metadataLine', line: 'oops' });
    expect(validateJobForm(form({ metadata: `=x` })).metadata).toEqual({ code: 'metadataLine', line: '=x' });
    expect(validateJobForm(form({ metadata: 'y'.repeat(40) })).metadata).toEqual({ code: 'metadataLine', line: 'y'.repeat(30) });
    expect(validateJobForm(form({ metadata: `${'k'.repeat(65)}=v` })).metadata).toEqual({ code: 'metadataLength', key: 64, value: 512 });
    expect(validateJobForm(form({ metadata: `k=${'v'.repeat(513)}` })).metadata).toEqual({ code: 'metadataLength', key: 64, value: 512 });
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `k${i}=v`).join('\n');
    expect(validateJobForm(form({ metadata: entries(15) })).metadata).toBeUndefined();
    expect(validateJobForm(form({ metadata: entries(16) })).metadata).toEqual({ code: 'metadataCount', max: 15 });
  });
});
