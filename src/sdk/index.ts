// Orchard's public SDK: MLflow's tracking API and MLflow Models for the browser and Node >= 20
// (any global indexedDB). `mlflow` is the fluent module, MlflowClient the explicit client.
import './models/install';

export * from './core';
export { createScoringHandler } from './serving/scoring-handler';
export { setInferenceEngineFactory } from './models/engine';
export type { LoadedModel } from './models/load-model';
export type { LogModelOptions, ModelDirectory } from './models/log-model';
export type { ModelInfo } from './models/model-info';
export type { ModelSource } from './models/model-archive';
export { inferSignature, parseModelUri, type ModelSignature, type MlModel } from '../domain/models';
export { exportMlruns, writeMlrunsZip, exportWorkspaceJson, type ExportProgress, type ExportSelection, type JsonExportOptions, type MlrunsExportOptions, type OrchardJsonExport, type ZipSink } from './export';
