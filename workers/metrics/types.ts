// The metrics worker's contract: what the main thread sends (typed-array columns as the SDK read
// them) and what it gets back (chart-ready series). Plain data only, so it crosses postMessage;
// every Float64Array in a result is transferred, never copied.
import type { MetricColumns } from '../../src/domain/metric-history';

/** What the x-axis measures: the logged step, wall-clock time (ms since epoch), or seconds since the run started. */
export type XAxis = 'step' | 'wall' | 'relative';

export interface SeriesInput {
  /** run id (or any key the caller uses to match results to its runs) */
  id: string;
  /** runs with the same group are aggregated together when `aggregate` is on */
  group?: string;
  /** the run's start time (ms), the origin of the relative-time axis */
  runStart: number;
  columns: MetricColumns;
}

export interface OverlayRequest {
  series: SeriesInput[];
  xAxis: XAxis;
  /** EMA weight in [0, 1); 0 = no smoothing */
  smoothing: number;
  /** points kept per drawn line (min/max per bucket survive) */
  maxPoints: number;
  /** y-domain from the 5th-95th percentile instead of the full range */
  ignoreOutliers: boolean;
  /** drop non-positive values (they have no place on a log axis) */
  logY: boolean;
  /** draw one mean line + min/max band per group instead of one line per series */
  aggregate: boolean;
  /** x positions of the shared grid used for aggregation; default 400 */
  gridPoints?: number;
}

/** One drawable line: parallel x and y arrays, NaN where the line breaks. */
export interface XY {
  x: Float64Array;
  y: Float64Array;
}

export interface SeriesResult {
  id: string;
  raw: XY;
  /** present when smoothing > 0 */
  smoothed?: XY;
  /** points the series had before downsampling */
  sourcePoints: number;
}

export interface GroupResult {
  group: string;
  /** ids of the series in this group */
  ids: string[];
  x: Float64Array;
  mean: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export interface OverlayResult {
  series: SeriesResult[];
  groups: GroupResult[];
  /** [lo, hi] of the values to show, or null when nothing is finite */
  yDomain: [number, number] | null;
  xDomain: [number, number] | null;
}

/** The API the worker exposes through Comlink. */
export interface MetricsWorkerApi {
  prepareOverlay(request: OverlayRequest): OverlayResult;
}
