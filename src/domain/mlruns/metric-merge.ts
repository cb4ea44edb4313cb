// Which points of an imported metric history are new, so that importing the same tree twice adds
// nothing and importing a newer copy adds only what was logged since. MLflow's file store only
// ever appends to a metric file, so the usual case is a prefix:
//   1. nothing stored for (run, key)                    -> every point of the file
//   2. the stored history is the file's first N points  -> the points after them
//      (same step, timestamp and value, in the same order; NaN equals NaN)
//   3. otherwise (the history was changed here, or the file was rewritten) -> each file point that
//      is not stored yet, counted with multiplicity: a point (step, timestamp, value) stored k
//      times covers its first k occurrences in the file. Appended in file order.
// Rule 2 costs one pass over the stored points; rule 3 a hash set, only when histories diverge.
import type { MetricColumns } from '../metric-history';

export type NewPointsRule = 'all' | 'after-prefix' | 'not-stored';

export interface NewPoints {
  points: MetricColumns;
  rule: NewPointsRule;
}

const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

function slice(c: MetricColumns, from: number, to: number): MetricColumns {
  return { steps: c.steps.subarray(from, to), timestamps: c.timestamps.subarray(from, to), values: c.values.subarray(from, to) };
}

function isPrefix(stored: MetricColumns, file: MetricColumns): boolean {
  const n = stored.values.length;
  if (file.values.length < n) return false;
  for (let i = 0; i < n; i++) {
    if (!same(stored.steps[i] as number, file.steps[i] as number)) return false;
    if (!same(stored.timestamps[i] as number, file.timestamps[i] as number)) return false;
    if (!same(stored.values[i] as number, file.values[i] as number)) return false;
  }
  return true;
}

const pointKey = (c: MetricColumns, i: number): string => `${c.steps[i]} ${c.timestamps[i]} ${c.values[i]}`;

/**
 * The points of `file` to append to `stored` (see the rules above).
 * @example newMetricPoints(null, file).rule // 'all'
 */
export function newMetricPoints(stored: MetricColumns | null, file: MetricColumns): NewPoints {
  const n = stored?.values.length ?? 0;
  if (!stored || n === 0) return { points: file, rule: 'all' };
  if (isPrefix(stored, file)) return { points: slice(file, n, file.values.length), rule: 'after-prefix' };
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = pointKey(stored, i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const keep: number[] = [];
  for (let i = 0; i < file.values.length; i++) {
    const k = pointKey(file, i);
    const left = counts.get(k) ?? 0;
    if (left > 0) counts.set(k, left - 1);
    else keep.push(i);
  }
  const out = { steps: new Float64Array(keep.length), timestamps: new Float64Array(keep.length), values: new Float64Array(keep.length) };
  keep.forEach((i, j) => {
    out.steps[j] = file.steps[i] as number;
    out.timestamps[j] = file.timestamps[i] as number;
    out.values[j] = file.values[i] as number;
  });
  return { points: out, rule: 'not-stored' };
}
