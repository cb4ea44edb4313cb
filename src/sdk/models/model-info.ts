// MLflow's ModelInfo (mlflow/models/model.py), camelCased: what logModel returns.
import type { MlModel, ModelSignature } from '../../domain/models';

export interface ModelInfo {
  artifactPath: string;
  flavors: Record<string, Record<string, unknown>>;
  /** `runs:/<runId>/<artifactPath>` */
  modelUri: string;
  modelUuid: string;
  runId: string;
  savedInputExampleInfo?: Record<string, unknown>;
  signature?: ModelSignature;
  utcTimeCreated: string;
  mlflowVersion: string;
  metadata?: Record<string, unknown>;
  modelSizeBytes?: number;
  /** set when the model was also registered */
  registeredModelVersion?: string;
}

export function modelInfoOf(model: MlModel, runId: string, artifactPath: string): ModelInfo {
  const info: ModelInfo = {
    artifactPath,
    flavors: model.flavors,
    modelUri: `runs:/${runId}/${artifactPath}`,
    modelUuid: model.modelUuid ?? '',
    runId,
    utcTimeCreated: model.utcTimeCreated ?? '',
    mlflowVersion: model.mlflowVersion ?? '',
  };
  if (model.savedInputExampleInfo) info.savedInputExampleInfo = model.savedInputExampleInfo;
  if (model.signature) info.signature = model.signature;
  if (model.metadata) info.metadata = model.metadata;
  if (model.modelSizeBytes !== undefined) info.modelSizeBytes = model.modelSizeBytes;
  return info;
}
