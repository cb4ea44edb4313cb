// metrics/get-history and artifacts/list
// (mlflow/server/handlers.py `_get_metric_history`, `_list_artifacts`).
import { invalidParameter } from '../../domain/errors';
// MLflow's offset tokens (base64 of {"offset": N}); the searches use the same ones.
import { decodePageToken, encodePageToken } from '../../domain/search';
import { compact, fileInfoToJson, metricToJson } from './json';
import type { Route } from './route';

export const HISTORY_ARTIFACT_ROUTES: Route[] = [
  {
    path: 'metrics/get-history',
    method: 'GET',
    async handle({ client, params }) {
      const runId = params.runId();
      const key = params.requiredString('metric_key');
      const offset = decodePageToken(params.string('page_token'));
      // Absent (or protobuf's unset 0): the whole history in one response, as MLflow documents.
      const maxResults = params.int('max_results') || undefined;
      if (maxResults !== undefined && maxResults < 0) {
        throw invalidParameter(`Invalid value for max_results. It must be a positive integer, but got ${maxResults}`);
      }
      const history = await client.getMetricHistory(runId, key);
      const end = maxResults === undefined ? history.length : offset + maxResults;
      return compact({
        metrics: history.slice(offset, end).map(metricToJson),
        next_page_token: end < history.length ? encodePageToken(end) : undefined,
      });
    },
  },
  {
    path: 'artifacts/list',
    method: 'GET',
    async handle({ client, params }) {
      const runId = params.runId();
      const path = params.string('path');
      // The run first: an unknown run is RESOURCE_DOES_NOT_EXIST whatever the path.
      const run = await client.getRun(runId);
      const files = await client.listArtifacts(runId, path);
      // page_token is accepted and ignored: a listing is one directory level, sent whole.
      return compact({ root_uri: run.info.artifactUri, files: files.map(fileInfoToJson) });
    },
  },
];
