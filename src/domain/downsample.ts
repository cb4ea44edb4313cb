// Min/max bucket downsampling (the "M4"-style reduction used by time-series plotters): split the
// points into equal index buckets and keep, per bucket, the first, min, max and last point, so
// spikes and dips survive any zoom level. A line through the result looks like the full series.
import type { MetricColumns } from './metric-history';

/**
 * Reduces `cols` to at most `maxPoints` points, keeping each bucket's min and max values.
 * Points stay in their original order.
 */
export function downsampleMinMax(cols: MetricColumns, maxPoints: number): MetricColumns {
  const n = cols.values.length;
  if (n <= maxPoints) return cols;
  // Each bucket contributes up to 4 points (first, min, max, last).
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const keep = new Int32Array(buckets * 4);
  let k = 0;
  const { values } = cols;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    let minI = -1;
    let maxI = -1;
    for (let i = from; i < to; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) continue;
      if (minI < 0 || v < (values[minI] as number)) minI = i;
      if (maxI < 0 || v > (values[maxI] as number)) maxI = i;
    }
    const picks = [from, minI, maxI, to - 1].filter((i) => i >= 0).sort((a, c) => a - c);
    let last = -1;
    for (const i of picks) {
      if (i !== last) keep[k++] = i;
      last = i;
    }
  }
  const out = { steps: new Float64Array(k), timestamps: new Float64Array(k), values: new Float64Array(k) };
  for (let j = 0; j < k; j++) {
    const i = keep[j] as number;
    out.steps[j] = cols.steps[i] as number;
    out.timestamps[j] = cols.timestamps[i] as number;
    out.values[j] = values[i] as number;
  }
  return out;
}
