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
  it('epochs outside 1–50 and batch size outside 1–256 are refused', () => {
    expect(validateJobForm(form({ nEpochs: '0' })).nEpochs).toBeTruthy();
    expect(validateJobForm(form({ nEpochs: '51' })).nEpochs).toBeTruthy();
    expect(validateJobForm(form({ nEpochs: '50' })).nEpochs).toBeUndefined();
    expect(validateJobForm(form({ batchSize: '257' })).batchSize).toBeTruthy();
    expect(validateJobForm(form({ batchSize: '2.5' })).batchSize).toBeTruthy();
  });
  it('the learning-rate multiplier must be above 0 and beta in (0, 2]', () => {
    expect(validateJobForm(form({ learningRateMultiplier: '0' })).learningRateMultiplier).toBeTruthy();
    expect(validateJobForm(form({ learningRateMultiplier: '0.1' })).learningRateMultiplier).toBeUndefined();
    expect(validateJobForm(form({ method: 'dpo', beta: '2' })).beta).toBeUndefined();
    expect(validateJobForm(form({ method: 'dpo', beta: '2.01' })).beta).toBeTruthy();
    expect(validateJobForm(form({ method: 'dpo', beta: '0' })).beta).toBeTruthy();
  });
  it('a 65-character suffix is refused, 64 is fine', () => {
    expect(validateJobForm(form({ suffix: 'a'.repeat(65) })).suffix).toMatch(/65/);
    expect(validateJobForm(form({ suffix: 'a'.repeat(64) })).suffix).toBeUndefined();
  });
  it('a DPO job sends beta under method.dpo, with numbers as numbers', () => {
    const b = buildJobBody(form({ method: 'dpo', beta: '0.5', nEpochs: '3', suffix: 'x', seed: '7', metadata: 'team=nlp' }), 'file-1', 'file-2');
    expect(b.method).toEqual({ type: 'dpo', dpo: { hyperparameters: { n_epochs: 3, batch_size: 'auto', learning_rate_multiplier: 'auto', beta: 0.5 } } });
    expect(b).toMatchObject({ validation_file: 'file-2', suffix: 'x', seed: 7, metadata: { team: 'nlp' } });
  });
  it('metadata without "=" is explained', () => {
    expect(validateJobForm(form({ metadata: 'oops' })).metadata).toMatch(/key=value/);
  });
});
