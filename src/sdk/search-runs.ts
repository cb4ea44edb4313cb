// searchRuns: view type, MLflow's filter grammar (plus OR / NOT / parentheses), order_by, and
// offset page tokens, evaluated over the run cache. countRuns: the sidebar's run counts, from the
// same cache without copying or sorting a single run.
import { invalidParameter } from '../domain/errors';
import type { Run, ViewType } from '../domain/entities';
import { compareRunsBy, compileRunFilter, decodePageToken, encodePageToken, parseRunFilter, parseRunOrderBy } from '../domain/search';
import { LIMITS } from '../domain/validation';
import type { MetricSummary } from '../domain/metric-history';
import type { RunRow } from '../storage/schema';
import { toRun } from './runs';
import { matchesViewType, validateMaxResults, validateViewType } from './view-type';
import type { Workspace } from './workspace';

export interface SearchRunsOptions {
  experimentIds: string[];
  filterString?: string;
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

export interface RunPage {
  runs: Run[];
  nextPageToken?: string;
}

export interface RunWithSummaries extends Run {
  /** per metric key: latest (with step and timestamp), min, max and count */
  metricSummaries: Record<string, MetricSummary>;
}

export interface RunWithSummariesPage {
  runs: RunWithSummaries[];
  nextPageToken?: string;
}

export async function searchRuns(ws: Workspace, options: SearchRunsOptions): Promise<RunPage> {
  const { rows, nextPageToken } = await findRuns(ws, options);
  const runs = rows.map(toRun);
  return nextPageToken ? { runs, nextPageToken } : { runs };
}

/** searchRuns plus each run's metric min/max/count, for tables that show or sort by them. */
export async function searchRunsWithSummaries(ws: Workspace, options: SearchRunsOptions): Promise<RunWithSummariesPage> {
  const { rows, nextPageToken } = await findRuns(ws, options);
  const runs = rows.map((r) => ({ ...toRun(r), metricSummaries: structuredClone(r.metricSummaries) }));
  return nextPageToken ? { runs, nextPageToken } : { runs };
}

async function findRuns(ws: Workspace, options: SearchRunsOptions): Promise<{ rows: RunRow[]; nextPageToken?: string }> {
  if (!Array.isArray(options?.experimentIds)) {
    throw invalidParameter("Missing value for required parameter 'experiment_ids'.");
  }
  const view = validateViewType(options.runViewType);
  const maxResults = validateMaxResults(options.maxResults, LIMITS.searchMaxResults);
  const matches = compileRunFilter(parseRunFilter(options.filterString));
  const compare = compareRunsBy(parseRunOrderBy(options.orderBy));
  const offset = decodePageToken(options.pageToken);
  const candidates = await ws.store.runCache.runsOf(options.experimentIds.map(String));
  const hits = candidates.filter((r) => matchesViewType(r.info.lifecycleStage, view) && matches(r)).sort(compare);
  const rows = hits.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < hits.length ? { rows, nextPageToken: encodePageToken(next) } : { rows };
}

export interface CountRunsOptions {
  experimentIds: string[];
  runViewType?: ViewType;
}

/** Runs per experiment id in the view (every requested id is a key, 0 when it has none). */
export async function countRuns(ws: Workspace, options: CountRunsOptions): Promise<Record<string, number>> {
  if (!Array.isArray(options?.experimentIds)) {
    throw invalidParameter("Missing value for required parameter 'experiment_ids'.");
  }
  const view = validateViewType(options.runViewType);
  const ids = options.experimentIds.map(String);
  const counts: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const r of await ws.store.runCache.runsOf(ids)) {
    if (matchesViewType(r.info.lifecycleStage, view)) counts[r.info.experimentId] = (counts[r.info.experimentId] ?? 0) + 1;
  }
  return counts;
}
