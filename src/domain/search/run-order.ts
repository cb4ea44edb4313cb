// search_runs order_by: SearchUtils.parse_order_by_for_search_runs and SearchUtils.sort
// (mlflow/utils/search_utils.py) and the SQL store's _get_orderby_clauses
// (mlflow/store/tracking/sqlalchemy_store.py). Rows come in MLflow's default order
// (start_time DESC, run_id ASC) and are then ordered by the entries, first entry first.

import type { Run } from '../entities';
import { invalidParameter } from '../errors';
import { pyList } from './identifier';
import { compareCodePoints, compareSortValues, parseOrderClause, type SortValue } from './order-by';
import { resolveRunIdentifier, type RunEntityType } from './run-grammar';
import { syntaxError } from './tokenizer';

export interface RunOrderKey {
  type: Exclude<RunEntityType, 'dataset'>;
  /** Canonical key: `created` is already `start_time`. */
  key: string;
  ascending: boolean;
  /** Orchard extension for metrics: order by the history's min or max instead of the latest. */
  aggregate?: 'min' | 'max';
}

/** A run that may carry per-metric min/max (storage keeps them), for `min(...)`/`max(...)` keys. */
export interface RunWithMetricRanges extends Run {
  metricSummaries?: Record<string, { min: number; max: number }>;
}

// Beyond MLflow: `min(metrics.loss) ASC`, `max(metrics.acc) DESC`, `last(metrics.acc)`. Early
// stopping makes the latest value misleading, so the runs table sorts by a run's best value.
// MLflow rejects these clauses, so accepting them keeps the grammar a strict superset.
const AGGREGATE = /^(min|max|last)\((.*)\)((?:\s+\S+)?)$/i;

export function parseRunOrderBy(orderBy: string[] | undefined): RunOrderKey[] {
  const keys: RunOrderKey[] = [];
  const seen = new Set<string>();
  for (const raw of orderBy ?? []) {
    const aggregateMatch = AGGREGATE.exec(raw);
    const fn = aggregateMatch?.[1]?.toLowerCase();
    const clause = aggregateMatch ? `${aggregateMatch[2]}${aggregateMatch[3]}` : raw;
    const { identifier, ascending } = parseOrderClause(clause);
    const resolved = resolveRunIdentifier(identifier.text, identifier, true);
    if (fn && resolved.type !== 'metric') {
      throw syntaxError(`${fn}(...) in order_by applies to metrics only, got '${identifier.text}'`, identifier);
    }
    if (resolved.type === 'dataset') {
      throw syntaxError("Invalid order_by entity type 'dataset'", identifier);
    }
    const aggregate = fn === 'min' || fn === 'max' ? fn : undefined;
    const id = `${aggregate ?? ''}${resolved.type}.${resolved.key}`;
    // The SQL store refuses the same field twice; the file store would silently accept it.
    if (seen.has(id)) {
      throw invalidParameter(`\`order_by\` contains duplicate fields: ${pyList(orderBy ?? [])}`, {
        token: raw,
        start: 0,
        end: raw.length,
      });
    }
    seen.add(id);
    keys.push(aggregate ? { type: resolved.type, key: resolved.key, ascending, aggregate } : { type: resolved.type, key: resolved.key, ascending });
  }
  return keys;
}

function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function sortValue(run: RunWithMetricRanges, type: RunOrderKey['type'], key: string, aggregate?: 'min' | 'max'): SortValue {
  switch (type) {
    case 'metric':
      if (aggregate) return run.metricSummaries && own(run.metricSummaries, key)?.[aggregate];
      return own(run.data.metrics, key);
    case 'parameter':
      return own(run.data.params, key);
    case 'tag':
      return own(run.data.tags, key);
    case 'attribute':
      switch (key) {
        case 'run_id': return run.info.runId;
        case 'run_name': return run.info.runName;
        case 'user_id': return run.info.userId;
        case 'status': return run.info.status;
        case 'artifact_uri': return run.info.artifactUri;
        case 'start_time': return run.info.startTime;
        case 'end_time': return run.info.endTime;
        default: return undefined;
      }
  }
}

type Compare = (a: RunWithMetricRanges, b: RunWithMetricRanges) => number;

/**
 * A comparator for Array.prototype.sort: the order_by keys, then MLflow's default order
 * start_time DESC, run_id ASC as tie-breakers. Missing values (and a null end_time) sort last in
 * both directions; a NaN metric sorts after every number but before missing.
 */
export function compareRunsBy(keys: RunOrderKey[]): Compare {
  const parts: Compare[] = keys.map(({ type, key, ascending, aggregate }) => (a, b) =>
    compareSortValues(sortValue(a, type, key, aggregate), sortValue(b, type, key, aggregate), ascending),
  );
  parts.push((a, b) => b.info.startTime - a.info.startTime);
  parts.push((a, b) => compareCodePoints(a.info.runId, b.info.runId));
  return (a, b) => {
    for (const part of parts) {
      const d = part(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}
