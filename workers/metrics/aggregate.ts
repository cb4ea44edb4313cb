// Aggregation of several runs' lines into one mean line with a min-max band (MLflow's run
// grouping, "average" with its min/max band). Runs rarely share x values (different steps, and
// never the same timestamps), so each line is linearly interpolated onto one shared grid over the
// group's x-range; a run counts only inside its own x-range (no extrapolation) and where it is
// finite, so a run that stopped early does not drag the mean after its end.
import type { XY } from './types';

export interface Aggregate {
  x: Float64Array;
  mean: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** how many lines contributed at each grid x */
  count: Uint32Array;
}

/** Evenly spaced x from the smallest to the largest finite x of `lines` (empty when none). */
export function sharedGrid(lines: readonly XY[], points: number): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { x } of lines) {
    for (const v of x) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return new Float64Array(0);
  if (lo === hi || points < 2) return Float64Array.of(lo);
  const grid = new Float64Array(points);
  for (let i = 0; i < points; i++) grid[i] = lo + ((hi - lo) * i) / (points - 1);
  grid[points - 1] = hi; // exact end, whatever the rounding
  return grid;
}

/**
 * `line` (x ascending) sampled at each grid x: linear between the neighbours around it, NaN
 * outside the line's range or next to a non-finite value.
 */
export function interpolateAt(line: XY, grid: Float64Array): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  const { x, y } = line;
  const n = x.length;
  let j = 0;
  for (let g = 0; g < grid.length; g++) {
    const gx = grid[g] as number;
    while (j < n - 1 && (x[j + 1] as number) <= gx) j++;
    const x0 = x[j] as number;
    if (n === 0 || gx < x0) continue;
    // j is now the last point at or before gx, so of several points at one x (a re-logged
    // step) the last one logged wins.
    if (gx === x0) {
      out[g] = y[j] as number;
      continue;
    }
    if (j === n - 1) continue; // beyond the line's last x
    const x1 = x[j + 1] as number;
    const y0 = y[j] as number;
    out[g] = y0 + (((y[j + 1] as number) - y0) * (gx - x0)) / (x1 - x0);
  }
  for (let g = 0; g < out.length; g++) if (!Number.isFinite(out[g] as number)) out[g] = NaN;
  return out;
}

/** Mean, min and max across `lines` at each x of `grid`; NaN where no line is defined. */
export function aggregateLines(lines: readonly XY[], grid: Float64Array): Aggregate {
  const m = grid.length;
  const sum = new Float64Array(m);
  const min = new Float64Array(m).fill(Infinity);
  const max = new Float64Array(m).fill(-Infinity);
  const count = new Uint32Array(m);
  for (const line of lines) {
    const ys = interpolateAt(line, grid);
    for (let g = 0; g < m; g++) {
      const v = ys[g] as number;
      if (Number.isNaN(v)) continue;
      sum[g] = (sum[g] as number) + v;
      if (v < (min[g] as number)) min[g] = v;
      if (v > (max[g] as number)) max[g] = v;
      count[g] = (count[g] as number) + 1;
    }
  }
  const mean = new Float64Array(m);
  for (let g = 0; g < m; g++) {
    const c = count[g] as number;
    mean[g] = c ? (sum[g] as number) / c : NaN;
    if (!c) min[g] = max[g] = NaN;
  }
  return { x: grid, mean, min, max, count };
}
