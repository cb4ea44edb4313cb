// Orchard's public SDK: MLflow's tracking API for the browser and Node >= 20 (any global
// indexedDB). `mlflow` is the fluent module, MlflowClient the explicit client.
export { openWorkspace, Workspace, type OpenWorkspaceOptions } from './workspace';
export { MlflowClient, type LogMetricOptions } from './client';
export type { RunWithSummaries, SearchRunsOptions } from './search-runs';
export type { MetricSummary } from '../domain/metric-history';
export { createRestHandler } from './rest/handler';
export { getPreference, setPreference } from './preferences';
export * as mlflow from './fluent';
export { MlflowError, type ErrorCode } from '../domain/errors';
export type {
  Dataset,
  DatasetInput,
  Experiment,
  FileInfo,
  InputTag,
  Metric,
  Param,
  Run,
  RunData,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from '../domain/entities';
