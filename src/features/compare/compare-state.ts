// Everything the Compare view shows is decided by its URL query, so a view can be shared, bookmarked
// and reloaded: ?runs=<id>,<id>&metric=loss&x=step&smooth=0.6&log=1&outliers=1&group=params.lr
//   &pc=params.lr,metrics.acc&sx=params.lr&sy=metrics.acc
// Parsing is forgiving (unknown or malformed values fall back to defaults); writing drops
// defaults so URLs stay short.
import type { XAxis } from '../../sdk/metrics-worker';

/** The most runs one view compares (the 2-100). */
export const MAX_COMPARED_RUNS = 100;

export interface CompareState {
  runs: string[];
  /** metric key for the overlay chart; undefined = the first available */
  metric?: string;
  x: XAxis;
  /** EMA weight 0..0.99 */
  smooth: number;
  log: boolean;
  /** ignore outliers: y-domain from the 5th-95th percentile */
  outliers: boolean;
  /** '' = no aggregation, 'all' = every run in one group, 'params.<key>' / 'tags.<key>' = one group per value */
  group: string;
  /** parallel-coordinates axes: value refs like params.lr, metrics.acc */
  pc: string[];
  sx?: string;
  sy?: string;
}

type Query = Partial<Record<string, string | string[] | undefined>>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function list(v: string | string[] | undefined): string[] {
  const s = one(v);
  return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

export function parseCompareState(query: Query): CompareState {
  const x = one(query.x);
  const smooth = Number(one(query.smooth));
  return {
    runs: [...new Set(list(query.runs))],
    metric: one(query.metric) || undefined,
    x: x === 'wall' || x === 'relative' ? x : 'step',
    smooth: Number.isFinite(smooth) ? Math.min(0.99, Math.max(0, smooth)) : 0,
    log: one(query.log) === '1',
    outliers: one(query.outliers) === '1',
    group: one(query.group) ?? '',
    pc: list(query.pc),
    sx: one(query.sx) || undefined,
    sy: one(query.sy) || undefined,
  };
}

/** The query-string patch for a partial state change; defaults become null (removed). */
export function toQuery(patch: Partial<CompareState>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const orNull = (s: string | undefined): string | null => (s ? s : null);
  if ('runs' in patch) out.runs = orNull(patch.runs?.join(','));
  if ('metric' in patch) out.metric = orNull(patch.metric);
  if ('x' in patch) out.x = patch.x === 'step' ? null : orNull(patch.x);
  if ('smooth' in patch) out.smooth = patch.smooth ? String(patch.smooth) : null;
  if ('log' in patch) out.log = patch.log ? '1' : null;
  if ('outliers' in patch) out.outliers = patch.outliers ? '1' : null;
  if ('group' in patch) out.group = orNull(patch.group);
  if ('pc' in patch) out.pc = orNull(patch.pc?.join(','));
  if ('sx' in patch) out.sx = orNull(patch.sx);
  if ('sy' in patch) out.sy = orNull(patch.sy);
  return out;
}
