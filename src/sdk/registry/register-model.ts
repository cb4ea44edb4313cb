// mlflow.register_model (mlflow/tracking/_model_registry/fluent.py `_register_model`): creates the
// registered model when it does not exist yet (an existing one is fine), then a new version from
// the model URI. A runs:/ URI gives the version its run id.
import { MlflowError } from '../../domain/errors';
import { parseModelUri } from '../../domain/models';
import type { ModelVersion } from '../../domain/registry';
import type { Workspace } from '../workspace';
import { createModelVersion } from './model-versions';
import { createRegisteredModel } from './registered-models';

export async function registerModel(ws: Workspace, modelUri: string, name: string, options: { tags?: Record<string, string> } = {}): Promise<ModelVersion> {
  const uri = parseModelUri(modelUri);
  try {
    await createRegisteredModel(ws, name);
  } catch (e) {
    if (!(e instanceof MlflowError && e.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw e;
  }
  const runId = uri.kind === 'runs' ? uri.runId : undefined;
  return createModelVersion(ws, name, modelUri, { ...(runId ? { runId } : {}), ...(options.tags ? { tags: options.tags } : {}) });
}
