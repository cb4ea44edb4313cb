// The y-range a chart shows. "Ignore outliers" follows MLflow's runs charts
// (RunsCharts.common.tsx, removeOutliersFromMetricHistory): keep the 5th to 95th percentile of
// the values (d3.quantile's linear interpolation, type 7). MLflow drops the points outside;
// we keep the points and narrow the domain instead, so lines run off the frame (clipped)
// rather than jumping across the gap a dropped spike would leave.

/** Values to pool before taking quantiles; above this, every k-th value is used. */
const QUANTILE_SAMPLE = 200_000;

/** The p-quantile (0..1) of ascending `sorted`, interpolated between neighbours like d3.quantile. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const i = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(i);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (b - a) * (i - lo);
}

export interface DomainOptions {
  ignoreOutliers: boolean;
  /** only positive values count (a log axis cannot show the rest) */
  positiveOnly: boolean;
}

/**
 * The [lo, hi] of the finite values in `columns` (pooled), or of their 5th-95th percentile when
 * ignoring outliers; null when nothing qualifies. A zero-width range is widened so a flat line
 * still gets an axis.
 */
export function yDomainOf(columns: readonly Float64Array[], options: DomainOptions): [number, number] | null {
  const keep = (v: number): boolean => Number.isFinite(v) && (!options.positiveOnly || v > 0);
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  for (const col of columns) {
    for (const v of col) {
      if (!keep(v)) continue;
      count++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (count === 0) return null;
  if (options.ignoreOutliers && count > 2) {
    const pooled = pool(columns, keep, count);
    pooled.sort();
    lo = quantileSorted(pooled, 0.05);
    hi = quantileSorted(pooled, 0.95);
  }
  return widen(lo, hi, options.positiveOnly);
}

function pool(columns: readonly Float64Array[], keep: (v: number) => boolean, count: number): Float64Array {
  const stride = Math.max(1, Math.ceil(count / QUANTILE_SAMPLE));
  const out = new Float64Array(Math.ceil(count / stride));
  let seen = 0;
  let n = 0;
  for (const col of columns) {
    for (const v of col) {
      if (!keep(v)) continue;
      if (seen++ % stride === 0 && n < out.length) out[n++] = v;
    }
  }
  return out.subarray(0, n);
}

function widen(lo: number, hi: number, positiveOnly: boolean): [number, number] {
  if (hi > lo) return [lo, hi];
  if (positiveOnly) return [lo / 2, hi * 2];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}
