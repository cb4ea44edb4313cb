// Exponential moving average with TensorBoard's debiasing, the smoothing MLflow's and
// TensorBoard's metric charts offer (a slider from 0 = raw to ~1 = flat).
//
// Source: tensorboard/components/vz_line_chart2/line-chart.ts, `resmoothDataset`; MLflow's
// `EMA` in mlflow/server/js/src/experiment-tracking/components/MetricsPlotView.js follows it.
//   last_0 = 0
//   last_k = w * last_{k-1} + (1 - w) * y_k          (k counts finite points only)
//   smoothed_k = last_k / (1 - w^k)                  (debias: undoes the pull towards 0)
// Non-finite points (NaN, ±Infinity) pass through unchanged and do not advance k, and a constant
// series is returned as is (TensorBoard #786: floating error would otherwise wobble it).
// With debiasing the first smoothed value equals the first finite value, and every smoothed
// value is a weighted mean of the finite values so far, so it stays inside their range.

/** Smooths `values` with weight `w` in [0, 1). w <= 0 returns a copy. */
export function emaSmooth(values: Float64Array, w: number): Float64Array {
  const out = Float64Array.from(values);
  if (!(w > 0) || values.length === 0) return out;
  const weight = Math.min(w, 0.999);
  let first: number | undefined;
  let constant = true;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    first ??= v;
    if (v !== first) {
      constant = false;
      break;
    }
  }
  if (constant) return out;
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    last = last * weight + (1 - weight) * v;
    count++;
    out[i] = last / (1 - Math.pow(weight, count));
  }
  return out;
}
