// The SDK without model inference: what the service worker bundles (it cannot run ONNX Runtime).
// Everyone else imports src/sdk/index.ts, which adds models and serving.
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
