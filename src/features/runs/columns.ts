// The runs table's columns: what a column is, how it is written in the URL
// (`metrics.loss:min`, `params.lr`, `tags.team`, `attributes.user_id`), its cell value and the
// order_by clause that sorts by it (MLflow's grammar; `min(...)`/`max(...)` are Orchard's).
import { printKey } from '../../domain/search';
import type { RunWithSummaries } from '../../sdk/index';

export type ColumnKind = 'attributes' | 'metrics' | 'params' | 'tags';
export type MetricAggregate = 'last' | 'min' | 'max';

export interface Column {
  kind: ColumnKind;
  key: string;
  /** metrics only: which value of the history the cell shows */
  aggregate?: MetricAggregate;
}

/** Attribute columns the table knows, by their MLflow order_by key. */
export const ATTRIBUTE_COLUMNS: Record<string, string> = {
  run_name: 'Run',
  status: 'Status',
  start_time: 'Created',
  duration: 'Duration',
  user_id: 'User',
  run_id: 'Run ID',
  experiment_id: 'Experiment',
  'tags.mlflow.source.name': 'Source',
};

export const DEFAULT_ATTRIBUTE_KEYS = ['status', 'start_time', 'duration', 'user_id'];

export function columnId(c: Column): string {
  const base = `${c.kind}.${c.key}`;
  return c.kind === 'metrics' && c.aggregate && c.aggregate !== 'last' ? `${base}:${c.aggregate}` : base;
}

export function parseColumnId(id: string): Column | undefined {
  const dot = id.indexOf('.');
  if (dot < 0) return undefined;
  const kind = id.slice(0, dot);
  let key = id.slice(dot + 1);
  if (kind !== 'attributes' && kind !== 'metrics' && kind !== 'params' && kind !== 'tags') return undefined;
  if (key === '') return undefined;
  let aggregate: MetricAggregate | undefined;
  const m = /:(min|max|last)$/.exec(key);
  if (kind === 'metrics' && m) {
    aggregate = m[1] as MetricAggregate;
    key = key.slice(0, -m[0].length);
  }
  return aggregate && aggregate !== 'last' ? { kind, key, aggregate } : { kind, key };
}

export function columnLabel(c: Column): string {
  if (c.kind === 'attributes') return ATTRIBUTE_COLUMNS[c.key] ?? c.key;
  return c.aggregate && c.aggregate !== 'last' ? `${c.key} (${c.aggregate})` : c.key;
}

/** A key as MLflow's identifier rules read it (bare, backticked or double-quoted). */
export function quoteKey(key: string): string {
  try {
    return printKey(key);
  } catch {
    return key; // unprintable keys (both quote kinds) cannot be sorted on; parse reports it
  }
}

/** The order_by clause (without direction) sorting by this column; undefined if unsortable. */
export function orderKeyOf(c: Column): string | undefined {
  switch (c.kind) {
    case 'attributes':
      // MLflow cannot order by these: duration is derived, experiment_id is not orderable.
      if (c.key === 'duration' || c.key === 'experiment_id') return undefined;
      return c.key.startsWith('tags.') ? `tags.${quoteKey(c.key.slice(5))}` : `attributes.${c.key}`;
    case 'metrics':
      return c.aggregate && c.aggregate !== 'last' ? `${c.aggregate}(metrics.${quoteKey(c.key)})` : `metrics.${quoteKey(c.key)}`;
    case 'params':
      return `params.${quoteKey(c.key)}`;
    case 'tags':
      return `tags.${quoteKey(c.key)}`;
  }
}

export type CellValue = string | number | undefined;

export function cellValue(run: RunWithSummaries, c: Column): CellValue {
  switch (c.kind) {
    case 'metrics': {
      if (!c.aggregate || c.aggregate === 'last') return run.data.metrics[c.key];
      return run.metricSummaries[c.key]?.[c.aggregate];
    }
    case 'params':
      return run.data.params[c.key];
    case 'tags':
      return run.data.tags[c.key];
    case 'attributes':
      switch (c.key) {
        case 'run_name': return run.info.runName;
        case 'status': return run.info.status;
        case 'start_time': return run.info.startTime;
        case 'user_id': return run.info.userId;
        case 'run_id': return run.info.runId;
        case 'experiment_id': return run.info.experimentId;
        case 'duration': return run.info.endTime === null ? undefined : run.info.endTime - run.info.startTime;
        default: return c.key.startsWith('tags.') ? run.data.tags[c.key.slice(5)] : undefined;
      }
  }
}

/** Every column the given runs could show, for the column picker. */
export function availableColumns(runs: readonly RunWithSummaries[]): Column[] {
  const metrics = new Set<string>();
  const params = new Set<string>();
  const tags = new Set<string>();
  for (const r of runs) {
    for (const k in r.data.metrics) metrics.add(k);
    for (const k in r.data.params) params.add(k);
    for (const k in r.data.tags) tags.add(k);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return [
    ...Object.keys(ATTRIBUTE_COLUMNS).filter((k) => k !== 'run_name').map((key): Column => ({ kind: 'attributes', key })),
    ...sorted(metrics).map((key): Column => ({ kind: 'metrics', key })),
    ...sorted(params).map((key): Column => ({ kind: 'params', key })),
    ...sorted(tags).map((key): Column => ({ kind: 'tags', key })),
  ];
}

/** First visit: the default attributes plus the most common metrics and params. */
export function defaultColumns(runs: readonly RunWithSummaries[]): Column[] {
  const count = (pick: (r: RunWithSummaries) => Record<string, unknown>): string[] => {
    const n = new Map<string, number>();
    for (const r of runs) for (const k in pick(r)) n.set(k, (n.get(k) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  };
  return [
    ...DEFAULT_ATTRIBUTE_KEYS.map((key): Column => ({ kind: 'attributes', key })),
    ...count((r) => r.data.metrics).slice(0, 6).map((key): Column => ({ kind: 'metrics', key })),
    ...count((r) => r.data.params).slice(0, 4).map((key): Column => ({ kind: 'params', key })),
  ];
}
