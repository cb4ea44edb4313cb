// runs/create, get, update, delete, restore and search
// (mlflow/server/handlers.py `_create_run`, `_get_run`, `_update_run`, `_search_runs` ...).
import { RUN_STATUSES, type Run } from '../../domain/entities';
import { USER_TAG } from '../../domain/system-tags';
import type { Workspace } from '../workspace';
import { VIEW_TYPES, compact, runInfoToJson, runToJson, tagRecordFromJson } from './json';
import { latestMetrics } from './latest-metrics';
import { invalidValue, type JsonObject } from './request';
import type { Route } from './route';

/** SEARCH_MAX_RESULTS_THRESHOLD, which `_search_runs` checks before the store does. */
const SEARCH_RUNS_MAX_RESULTS = 50_000;

export async function runsToJson(workspace: Workspace, runs: readonly Run[]): Promise<JsonObject[]> {
  const latest = await latestMetrics(workspace, runs);
  return runs.map((run, i) => runToJson(run, latest[i] ?? []));
}

async function runToMessage(workspace: Workspace, run: Run): Promise<JsonObject> {
  const [json] = await runsToJson(workspace, [run]);
  return { run: json };
}

export const RUN_ROUTES: Route[] = [
  {
    path: 'runs/create',
    method: 'POST',
    async handle({ client, workspace, params }) {
      const experimentId = params.string('experiment_id');
      const startTime = params.int('start_time');
      const runName = params.string('run_name');
      const userId = params.string('user_id');
      const tags = tagRecordFromJson(params.objectList('tags'), 'tags');
      // user_id is deprecated in favour of the mlflow.user tag, which is what the SDK reads.
      if (userId && tags[USER_TAG] === undefined) tags[USER_TAG] = userId;
      const run = await client.createRun(experimentId || undefined, {
        tags,
        // "" is protobuf's unset string: no name given.
        runName: runName || undefined,
        startTime,
      });
      return runToMessage(workspace, run);
    },
  },
  {
    path: 'runs/get',
    method: 'GET',
    async handle({ client, workspace, params }) {
      return runToMessage(workspace, await client.getRun(params.runId()));
    },
  },
  {
    path: 'runs/update',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      const endTime = params.int('end_time');
      const status = params.enumValue('status', RUN_STATUSES);
      const runName = params.string('run_name');
      const run = await client.updateRun(runId, { status, endTime, runName });
      return { run_info: runInfoToJson(run.info) };
    },
  },
  {
    path: 'runs/delete',
    method: 'POST',
    async handle({ client, params }) {
      await client.deleteRun(params.runId());
      return {};
    },
  },
  {
    path: 'runs/restore',
    method: 'POST',
    async handle({ client, params }) {
      await client.restoreRun(params.runId());
      return {};
    },
  },
  {
    path: 'runs/search',
    method: 'POST',
    async handle({ client, workspace, params }) {
      const experimentIds = params.stringList('experiment_ids') ?? [];
      const filterString = params.string('filter') || undefined;
      const maxResults = params.int('max_results');
      if (maxResults !== undefined && maxResults > SEARCH_RUNS_MAX_RESULTS) throw invalidValue('max_results', maxResults);
      const orderBy = params.stringList('order_by');
      const page = await client.searchRuns({
        experimentIds,
        filterString,
        maxResults,
        orderBy,
        runViewType: params.enumValue('run_view_type', VIEW_TYPES),
        pageToken: params.string('page_token') || undefined,
      });
      return compact({ runs: await runsToJson(workspace, page.runs), next_page_token: page.nextPageToken || undefined });
    },
  },
];
