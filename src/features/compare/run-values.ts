// The values a compared run contributes to the parallel-coordinates chart, the scatter plot and
// the diff table, named the way MLflow's search names them: params.<key>, metrics.<key> (the
// latest value), tags.<key>.
import type { Run } from '../../sdk/index';
import type { RunValue } from '../../ui/charts/axis-values';

export type ValueKind = 'params' | 'metrics' | 'tags';

export interface ValueRef {
  kind: ValueKind;
  key: string;
}

/** 'params.a.b' -> { kind: 'params', key: 'a.b' }; undefined for anything else. */
export function parseRef(ref: string): ValueRef | undefined {
  const dot = ref.indexOf('.');
  const kind = ref.slice(0, dot);
  const key = ref.slice(dot + 1);
  if (dot < 0 || !key || (kind !== 'params' && kind !== 'metrics' && kind !== 'tags')) return undefined;
  return { kind, key };
}

export function valueOf(run: Run, ref: string): RunValue {
  const r = parseRef(ref);
  if (!r) return undefined;
  // Own-property lookups only: a key like "constructor" must not find Object.prototype's.
  const bag: Record<string, string | number> = run.data[r.kind];
  return Object.hasOwn(bag, r.key) ? bag[r.key] : undefined;
}

/** Sorted keys of one kind across runs (system tags mlflow.* left out). */
export function keysOf(runs: readonly Run[], kind: ValueKind): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const k of Object.keys(run.data[kind])) if (kind !== 'tags' || !k.startsWith('mlflow.')) keys.add(k);
  return [...keys].sort();
}

/** Every params.* and metrics.* ref the runs have, params first. */
export function numericRefsOf(runs: readonly Run[]): string[] {
  return [...keysOf(runs, 'params').map((k) => `params.${k}`), ...keysOf(runs, 'metrics').map((k) => `metrics.${k}`)];
}

/** Whether the runs disagree on `ref` (a run without it disagrees with one that has it). */
export function differs(runs: readonly Run[], ref: string): boolean {
  const seen = new Set(runs.map((r) => {
    const v = valueOf(r, ref);
    return v === undefined ? '\u0000missing' : typeof v === 'number' ? `n:${Object.is(v, -0) ? 0 : v}` : `s:${v}`;
  }));
  return seen.size > 1;
}

/** Axes to show before the user picks: the params on which the runs differ (up to 4), then the metric. */
export function defaultAxes(runs: readonly Run[], metric: string | undefined): string[] {
  const params = keysOf(runs, 'params').map((k) => `params.${k}`).filter((ref) => differs(runs, ref)).slice(0, 4);
  const m = metric ?? keysOf(runs, 'metrics')[0];
  return m ? [...params, `metrics.${m}`] : params;
}
