// Where a model URI's files live in this workspace. runs:/<id>/<path> points into a run's
// artifacts; models:/... forms are answered by the model registry when one is installed
// (the registry issue adds its resolver through setRegistryResolver).
import { MlflowError, doesNotExist } from '../../domain/errors';
import { parseModelUri, type ModelUri } from '../../domain/models';
import type { Workspace } from '../workspace';

export interface ModelLocation {
  runId: string;
  /** artifact directory of the model inside the run */
  path: string;
  /** set when resolved through the registry */
  name?: string;
  version?: string;
}

type RegistryResolver = (ws: Workspace, uri: Extract<ModelUri, { kind: 'models' }>) => Promise<ModelLocation>;
let registryResolver: RegistryResolver | undefined;

export function setRegistryResolver(resolver: RegistryResolver): void {
  registryResolver = resolver;
}

export async function resolveModelLocation(ws: Workspace, modelUri: string): Promise<ModelLocation> {
  const uri = parseModelUri(modelUri);
  if (uri.kind === 'runs') {
    if (uri.path === '') throw new MlflowError(`Not a model URI: '${modelUri}' names a run but no model path (runs:/<run_id>/<path>).`, 'INVALID_PARAMETER_VALUE');
    return { runId: uri.runId, path: uri.path };
  }
  if (uri.kind === 'logged-model') {
    throw doesNotExist(`Logged model '${uri.modelId}' not found: Orchard stores models under their run (runs:/<run_id>/<path>).`);
  }
  if (!registryResolver) throw doesNotExist(`Registered model '${uri.name}' not found: this workspace has no model registry yet.`);
  return registryResolver(ws, uri);
}
