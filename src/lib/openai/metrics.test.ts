import { describe, expect, it } from 'vitest';
import { metricSeries, polylinePoints, valueRange } from './metrics';

const ev = (step: number, data: Record<string, number>) => ({ id: `e${step}`, message: '', type: 'metrics', data: { step, ...data } });

describe('loss chart data', () => {
  it('metrics events become one point per step, in step order, whatever order events came in', () => {
    const s = metricSeries([ev(3, { train_loss: 0.5 }), ev(1, { train_loss: 1.5 }), { id: 'x', message: 'hi', type: 'message' }, ev(2, { train_loss: 1 })]);
    expect(s.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(s.map((p) => p.trainLoss)).toEqual([1.5, 1, 0.5]);
  });
  it('a checkpoint’s full validation loss fills in the step it belongs to', () => {
    const s = metricSeries(
      [ev(2, { train_loss: 1, valid_loss: 1.4 })],
      [{ id: 'c', fine_tuned_model_checkpoint: 'ft:x', step_number: 2, metrics: { step: 2, full_valid_loss: 1.2 } }],
    );
    expect(s[0]).toMatchObject({ step: 2, trainLoss: 1, validLoss: 1.2 });
  });
  it('a higher loss is drawn nearer the top of the chart', () => {
    const s = metricSeries([ev(1, { train_loss: 2 }), ev(2, { train_loss: 0 })]);
    const pts = polylinePoints(s, 'trainLoss', 0, 2, { width: 100, height: 50 })
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pts).toEqual([
      [0, 0],
      [100, 50],
    ]);
  });
  it('missing values are skipped and the range covers what is there', () => {
    const s = metricSeries([ev(1, { train_loss: 2 }), ev(2, { valid_loss: 3 })]);
    expect(polylinePoints(s, 'trainLoss', 0, 3, { width: 10, height: 10 }).split(' ').length).toBe(1);
    expect(valueRange(s, ['trainLoss', 'validLoss'])).toEqual([0, 3]);
  });
});
