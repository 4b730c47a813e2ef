// Turns metrics events and checkpoints into chart series (loss and token accuracy per step), and lays a
// series out as SVG polyline points. Pure.
import { metricsSchema, type Checkpoint, type JobEvent } from './schemas';

/** One point per training step; missing values are null. */
export interface MetricPoint {
  step: number;
  trainLoss: number | null;
  validLoss: number | null;
  trainAccuracy: number | null;
  validAccuracy: number | null;
}

/** Metric points by step (ascending), merged from `metrics` events and checkpoints (full validation wins). */
export function metricSeries(events: readonly JobEvent[], checkpoints: readonly Checkpoint[] = []): MetricPoint[] {
  const byStep = new Map<number, MetricPoint>();
  const put = (step: number, m: ReturnType<typeof metricsSchema.parse>) => {
    const prev = byStep.get(step) ?? { step, trainLoss: null, validLoss: null, trainAccuracy: null, validAccuracy: null };
    byStep.set(step, {
      step,
      trainLoss: m.train_loss ?? prev.trainLoss,
      validLoss: m.full_valid_loss ?? m.valid_loss ?? prev.validLoss,
      trainAccuracy: m.train_mean_token_accuracy ?? prev.trainAccuracy,
      validAccuracy: m.full_valid_mean_token_accuracy ?? m.valid_mean_token_accuracy ?? prev.validAccuracy,
    });
  };
  for (const e of events) {
    if (e.type !== 'metrics') continue;
    const m = metricsSchema.safeParse(e.data);
    if (m.success && typeof m.data.step === 'number') put(m.data.step, m.data);
  }
  for (const c of checkpoints) {
    const step = c.metrics?.step ?? c.step_number;
    if (c.metrics && typeof step === 'number') put(step, c.metrics);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** Plot box in SVG units. */
export interface PlotBox {
  width: number;
  height: number;
  /** Inner margin on every side. Defaults to 0. */
  pad?: number;
}

/**
 * SVG `points` for one series: x spans the steps, y spans [yMin, yMax] (top = yMax). Points whose value is
 * null are skipped. Returns '' when there is nothing to draw.
 */
export function polylinePoints(points: readonly MetricPoint[], key: keyof Omit<MetricPoint, 'step'>, yMin: number, yMax: number, box: PlotBox): string {
  const pad = box.pad ?? 0;
  const steps = points.map((p) => p.step);
  const x0 = Math.min(...steps);
  const x1 = Math.max(...steps);
  const spanX = x1 - x0 || 1;
  const spanY = yMax - yMin || 1;
  return points
    .filter((p) => p[key] !== null)
    .map((p) => {
      const x = pad + ((p.step - x0) / spanX) * (box.width - 2 * pad);
      const y = pad + (1 - ((p[key] as number) - yMin) / spanY) * (box.height - 2 * pad);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** Smallest and largest non-null value of the given series (for a shared y axis); [0, 1] when empty. */
export function valueRange(points: readonly MetricPoint[], keys: (keyof Omit<MetricPoint, 'step'>)[]): [number, number] {
  const vals = points.flatMap((p) => keys.map((k) => p[k])).filter((v): v is number => v !== null && Number.isFinite(v));
  if (vals.length === 0) return [0, 1];
  return [Math.min(0, ...vals), Math.max(...vals)];
}
