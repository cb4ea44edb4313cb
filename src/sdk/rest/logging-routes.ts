// Logging to a run: log-parameter, log-metric, log-batch, set-tag, delete-tag, log-inputs
// (mlflow/server/handlers.py `_log_param`, `_log_metric`, `_log_batch`, `_set_tag` ...).
import { LIMITS } from '../../domain/validation';
import { datasetInputsFromJson, logBatchFromJson } from './json';
import { asDouble, asInt } from './request';
import type { Route } from './route';

export const LOGGING_ROUTES: Route[] = [
  {
    path: 'runs/log-parameter',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      const key = params.requiredString('key');
      // value is optional on the wire; an absent string is protobuf's "".
      await client.logParam(runId, key, params.string('value') ?? '');
      return {};
    },
  },
  {
    path: 'runs/log-metric',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      const key = params.requiredString('key');
      const value = params.require('value', asDouble);
      const timestamp = params.require('timestamp', asInt);
      const step = params.int('step') ?? 0;
      // model_id, dataset_name and dataset_digest are accepted and not stored: Orchard's metrics
      // have no such fields yet.
      await client.logMetric(runId, key, value, { timestamp, step });
      return {};
    },
  },
  {
    path: 'runs/log-batch',
    method: 'POST',
    bodyLimit: {
      bytes: LIMITS.batchRequestBytes,
      message: (size) =>
        `Batched logging API requests must be at most ${LIMITS.batchRequestBytes} bytes, got a request of size ${size}.`,
    },
    async handle({ client, params }) {
      const runId = params.runId();
      const batch = logBatchFromJson(params.objectList('metrics'), params.objectList('params'), params.objectList('tags'));
      await client.logBatch(runId, batch);
      return {};
    },
  },
  {
    path: 'runs/set-tag',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      const key = params.requiredString('key');
      await client.setTag(runId, key, params.string('value') ?? '');
      return {};
    },
  },
  {
    path: 'runs/delete-tag',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      await client.deleteTag(runId, params.requiredString('key'));
      return {};
    },
  },
  {
    path: 'runs/log-inputs',
    method: 'POST',
    async handle({ client, params }) {
      const runId = params.runId();
      const datasets = datasetInputsFromJson(params.objectList('datasets'));
      // `models` (logged-model inputs) is accepted and ignored: Orchard has no logged models yet.
      params.objectList('models');
      await client.logInputs(runId, datasets);
      return {};
    },
  },
];
