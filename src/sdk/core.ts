// The SDK without model inference: what the service worker bundles (it cannot run ONNX Runtime).
// Everyone else imports src/sdk/index.ts, which adds models and serving.
import './registry/install';

export { openWorkspace, Workspace, type OpenWorkspaceOptions } from './workspace';
export { MlflowClient, type LogMetricOptions } from './client';
export type { RunWithSummaries, SearchRunsOptions } from './search-runs';
export type { MetricSummary } from '../domain/metric-history';
export type { ParamConflict } from '../domain/sync/run-entity';
export { createRestHandler } from './rest/handler';
export { getPreference, setPreference } from './preferences';
export { importMlruns, prepareMlrunsImport, type ImportOptions, type PreparedImport } from './import/import-mlruns';
export type { ImportProgress } from '../domain/mlruns/import-progress';
export type { MlrunsParser, ParsedImport } from '../domain/mlruns/parse-import';
export type { MlrunsFileData, MlrunsSource } from '../domain/mlruns/tree-source';
export type { ImportCounts, ImportReport, ImportWarning } from '../domain/mlruns/import-report';
export { estimateStorage, isStoragePersisted, requestPersistentStorage, STORAGE_WARNING_RATIO, type StorageEstimate } from './storage-estimate';
export type { ExperimentSize, RunSize, StorageReport, StorageTotals } from './storage-report';
export type { PlannedExperiment, PlannedFile, PlannedRun, RetentionPlan, RetentionReason, RetentionResult, RetentionRules } from './retention';
export * as mlflow from './fluent';
export { MlflowError, type ErrorCode } from '../domain/errors';
export type { CreateRegisteredModelOptions, RegisteredModelPage, RegistrySearchOptions } from './registry/registered-models';
export type { CreateModelVersionOptions, ModelVersionPage } from './registry/model-versions';
export type { TransitionRequestFilter, TransitionTarget } from './registry/approvals';
export type { RegistryEventFilter } from './registry/audit';
export type {
  Actor,
  ApprovalGate,
  ApprovalRequest,
  ApprovalTarget,
  ModelVersion,
  RegisteredModel,
  RegisteredModelAlias,
  RegistryEvent,
  RegistryEventKind,
  Stage,
} from '../domain/registry/entities';
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
