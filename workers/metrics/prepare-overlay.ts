// The overlay pipeline, run in the worker for every chart: per series x-transform -> order by x
// -> clean -> EMA -> min/max downsample; then the y-domain over all series and, when asked, the
// mean + min/max band per group. The main thread only draws what comes back.
//
// Order matters: smoothing runs on all the points the caller read (the stored overview or the
// full history), not on the few hundred that get drawn, and the domain and aggregates also see
// every point; downsampling is the last step and keeps each bucket's extremes, so a spike that
// is in the data is in the picture.
import { downsampleMinMax } from '../../src/domain/downsample';
import { aggregateLines, sharedGrid } from './aggregate';
import { emaSmooth } from './ema';
import { sortByX, xValuesOf } from './x-axis';
import { yDomainOf } from './y-domain';
import type { GroupResult, OverlayRequest, OverlayResult, SeriesInput, SeriesResult, XY } from './types';

const DEFAULT_GRID_POINTS = 400;

interface Prepared {
  input: SeriesInput;
  /** every point, x ascending, cleaned */
  full: XY;
  smoothedFull?: Float64Array;
}

export function prepareOverlay(request: OverlayRequest): OverlayResult {
  const prepared = request.series.map((s) => prepareSeries(s, request));
  const series = prepared.map((p): SeriesResult => ({
    id: p.input.id,
    raw: downsampleXY(p.full.x, p.full.y, request.maxPoints),
    smoothed: p.smoothedFull && downsampleXY(p.full.x, p.smoothedFull, request.maxPoints),
    sourcePoints: p.input.columns.values.length,
  }));
  return {
    series,
    groups: request.aggregate ? aggregateGroups(prepared, request.gridPoints ?? DEFAULT_GRID_POINTS) : [],
    yDomain: yDomainOf(prepared.map((p) => p.full.y), { ignoreOutliers: request.ignoreOutliers, positiveOnly: request.logY }),
    xDomain: xDomainOf(prepared.map((p) => p.full.x)),
  };
}

function prepareSeries(input: SeriesInput, request: OverlayRequest): Prepared {
  const x = xValuesOf(input.columns, request.xAxis, input.runStart);
  const y = Float64Array.from(input.columns.values);
  const full = sortByX(x, y);
  // ±Infinity cannot be drawn (the path would get an infinite coordinate): treat it like NaN,
  // a break in the line. A log axis has no place for zero or negatives either.
  const drawable = (v: number): boolean => Number.isFinite(v) && (!request.logY || v > 0);
  for (let i = 0; i < full.y.length; i++) if (!drawable(full.y[i] as number)) full.y[i] = NaN;
  const smoothedFull = request.smoothing > 0 ? emaSmooth(full.y, request.smoothing) : undefined;
  return { input, full, smoothedFull };
}

function downsampleXY(x: Float64Array, y: Float64Array, maxPoints: number): XY {
  // downsampleMinMax moves three columns; the third (timestamps) just rides along here.
  const d = downsampleMinMax({ steps: x, timestamps: x, values: y }, Math.max(4, maxPoints));
  return { x: d.steps, y: d.values };
}

function aggregateGroups(prepared: readonly Prepared[], gridPoints: number): GroupResult[] {
  const byGroup = new Map<string, Prepared[]>();
  for (const p of prepared) {
    const key = p.input.group ?? '';
    const members = byGroup.get(key) ?? [];
    members.push(p);
    byGroup.set(key, members);
  }
  return [...byGroup].map(([group, members]) => {
    // The aggregate follows what the user sees: the smoothed lines when smoothing is on.
    const lines = members.map((m) => ({ x: m.full.x, y: m.smoothedFull ?? m.full.y }));
    const agg = aggregateLines(lines, sharedGrid(lines, gridPoints));
    return { group, ids: members.map((m) => m.input.id), x: agg.x, mean: agg.mean, min: agg.min, max: agg.max };
  });
}

function xDomainOf(columns: readonly Float64Array[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of columns) {
    // Sorted ascending, so the ends are the extremes.
    if (col.length === 0) continue;
    lo = Math.min(lo, col[0] as number);
    hi = Math.max(hi, col[col.length - 1] as number);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Every distinct buffer in a result, for Comlink.transfer (a buffer listed twice throws). */
export function transferablesOf(result: OverlayResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBufferLike>();
  for (const s of result.series) {
    for (const xy of [s.raw, s.smoothed]) if (xy) buffers.add(xy.x.buffer).add(xy.y.buffer);
  }
  for (const g of result.groups) for (const a of [g.x, g.mean, g.min, g.max]) buffers.add(a.buffer);
  return [...buffers].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
