// The model operations MlflowClient and the fluent API offer, installed at start-up by
// sdk/models/install.ts (which src/sdk/index.ts imports). The indirection keeps ONNX Runtime and
// worker code out of the service worker, which bundles only sdk/core.ts: a service worker can
// neither start workers nor import modules dynamically.
import { MlflowError } from '../../domain/errors';
import type { Workspace } from '../workspace';
import type { LoadedModel } from './load-model';
import type { LogModelOptions, ModelDirectory } from './log-model';
import type { ModelSource } from './model-archive';
import type { ModelInfo } from './model-info';

export interface ModelSupport {
  logModel(ws: Workspace, runId: string, onnx: ArrayBuffer | Blob, options: LogModelOptions): Promise<ModelInfo>;
  saveModel(onnx: ArrayBuffer | Blob, options: Omit<LogModelOptions, 'registeredModelName'>): Promise<ModelDirectory>;
  loadModel(ws: Workspace, modelUri: string): Promise<LoadedModel>;
  importModel(ws: Workspace, runId: string, source: ModelSource, options: { artifactPath: string }): Promise<ModelInfo>;
  exportModelZip(ws: Workspace, modelUri: string): Promise<Blob>;
}

let installed: ModelSupport | undefined;

export function installModelSupport(support: ModelSupport): void {
  installed = support;
}

export function modelSupport(): ModelSupport {
  if (!installed) {
    throw new MlflowError('Models are not available here: import the SDK from src/sdk/index.ts (the service worker forwards model requests to an open page).', 'NOT_IMPLEMENTED');
  }
  return installed;
}
