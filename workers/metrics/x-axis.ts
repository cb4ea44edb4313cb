// The x values of a metric series for each x-axis choice, and the point order a line needs.
// Relative time counts seconds from the run's start. MLflow's "Relative Time" axis
// (RunsMetricsLinePlot.tsx, prepareMetricHistoryByAxisType) counts from the series' earliest
// timestamp instead; we use the run start, which lines runs up by when they began, but fall back
// to the earliest point when a history predates its run (imported or back-dated), so the axis
// never goes negative. Wall time stays in ms since the epoch so a time scale reads it directly.
import type { MetricColumns } from '../../src/domain/metric-history';
import type { XAxis } from './types';

export function xValuesOf(cols: MetricColumns, axis: XAxis, runStart: number): Float64Array {
  if (axis === 'step') return Float64Array.from(cols.steps);
  if (axis === 'wall') return Float64Array.from(cols.timestamps);
  let origin = runStart;
  for (const t of cols.timestamps) if (t < origin) origin = t;
  const out = new Float64Array(cols.timestamps.length);
  for (let i = 0; i < out.length; i++) out[i] = ((cols.timestamps[i] as number) - origin) / 1000;
  return out;
}

/**
 * Reorders `x` and `y` together so x ascends; ties keep logging order. Histories are logged in
 * step order almost always, so the common case is a single check and no copy.
 */
export function sortByX(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array } {
  let sorted = true;
  for (let i = 1; i < x.length; i++) {
    if ((x[i] as number) < (x[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return { x, y };
  const order = Array.from({ length: x.length }, (_, i) => i);
  // Array.prototype.sort is stable, which is what keeps ties in logging order.
  order.sort((a, b) => (x[a] as number) - (x[b] as number));
  const xs = new Float64Array(x.length);
  const ys = new Float64Array(x.length);
  order.forEach((from, to) => {
    xs[to] = x[from] as number;
    ys[to] = y[from] as number;
  });
  return { x: xs, y: ys };
}
