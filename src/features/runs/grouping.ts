// "Group by" a param or tag: runs sharing a value form a group with aggregate metric values
// (mean, min, max over the runs that have the metric). Runs lacking the key form their own group.
import type { Run } from '../../sdk/index';

export interface RunGroup<R extends Run> {
  /** the grouped value; undefined for runs without the key */
  value: string | undefined;
  runs: R[];
  metrics: Record<string, { mean: number; min: number; max: number; count: number }>;
}

export type GroupKey = { kind: 'params' | 'tags'; key: string };

export function parseGroupKey(text: string | undefined): GroupKey | undefined {
  const m = /^(params|tags)\.(.+)$/.exec(text ?? '');
  return m ? { kind: m[1] as 'params' | 'tags', key: m[2] as string } : undefined;
}

export function groupRuns<R extends Run>(runs: readonly R[], by: GroupKey, metricKeys: readonly string[]): RunGroup<R>[] {
  const groups = new Map<string | undefined, R[]>();
  for (const r of runs) {
    const v = (by.kind === 'params' ? r.data.params : r.data.tags)[by.key];
    const list = groups.get(v);
    if (list) list.push(r);
    else groups.set(v, [r]);
  }
  const out: RunGroup<R>[] = [];
  for (const [value, members] of groups) {
    const metrics: RunGroup<R>['metrics'] = {};
    for (const key of metricKeys) {
      const values = members.map((r) => r.data.metrics[key]).filter((v): v is number => v !== undefined && !Number.isNaN(v));
      if (values.length === 0) continue;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const v of values) {
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      metrics[key] = { mean: sum / values.length, min, max, count: values.length };
    }
    out.push({ value, runs: members, metrics });
  }
  // Groups in value order (numbers numerically when every value is a number), missing last.
  const numeric = out.every((g) => g.value === undefined || g.value.trim() !== '' && !Number.isNaN(Number(g.value)));
  return out.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) return a.value === undefined ? (b.value === undefined ? 0 : 1) : -1;
    return numeric ? Number(a.value) - Number(b.value) : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  });
}
