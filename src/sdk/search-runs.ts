// searchRuns: view type, MLflow's filter grammar (plus OR / NOT / parentheses), order_by, and
// offset page tokens, evaluated over the run cache.
import { invalidParameter } from '../domain/errors';
import type { Run, ViewType } from '../domain/entities';
import { compareRunsBy, compileRunFilter, decodePageToken, encodePageToken, parseRunFilter, parseRunOrderBy } from '../domain/search';
import { LIMITS } from '../domain/validation';
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

export async function searchRuns(ws: Workspace, options: SearchRunsOptions): Promise<RunPage> {
  if (!Array.isArray(options?.experimentIds)) {
    throw invalidParameter("Missing value for required parameter 'experiment_ids'.");
  }
  const view = validateViewType(options.runViewType);
  const maxResults = validateMaxResults(options.maxResults, LIMITS.searchMaxResults);
  const matches = compileRunFilter(parseRunFilter(options.filterString));
  const compare = compareRunsBy(parseRunOrderBy(options.orderBy));
  const offset = decodePageToken(options.pageToken);
  const rows = await ws.store.runCache.runsOf(options.experimentIds.map(String));
  const hits = rows.filter((r) => matchesViewType(r.info.lifecycleStage, view) && matches(r)).sort(compare);
  const page = hits.slice(offset, offset + maxResults).map(toRun);
  const next = offset + maxResults;
  return next < hits.length ? { runs: page, nextPageToken: encodePageToken(next) } : { runs: page };
}
