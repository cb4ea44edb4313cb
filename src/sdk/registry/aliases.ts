// Registered model aliases behind MlflowClient (SqlAlchemyStore.set_registered_model_alias,
// delete_registered_model_alias, get_model_version_by_alias): MLflow's alias rules, one version
// per alias, an unknown alias is INVALID_PARAMETER_VALUE "Registered model alias x not found.".
import { aliasNotFound, validateAlias, validateModelName, versionNumber, type ModelVersion } from '../../domain/registry';
import type { Workspace } from '../workspace';
import { auditStamp, modelVersion } from './registry-rows';

export async function setRegisteredModelAlias(ws: Workspace, name: string, alias: string, version: string | number): Promise<void> {
  const valid = validateModelName(name);
  const a = validateAlias(alias);
  const n = versionNumber(version);
  await ws.store.mutations.apply({ type: 'registry/setAlias', name: valid, alias: a, version: n, audit: await auditStamp(ws) });
}

export async function deleteRegisteredModelAlias(ws: Workspace, name: string, alias: string): Promise<void> {
  const valid = validateModelName(name);
  const a = validateAlias(alias);
  await ws.store.mutations.apply({ type: 'registry/deleteAlias', name: valid, alias: a, audit: await auditStamp(ws) });
}

export async function getModelVersionByAlias(ws: Workspace, name: string, alias: string): Promise<ModelVersion> {
  const valid = validateModelName(name);
  const a = validateAlias(alias);
  const held = (await ws.store.db.registeredModels.get(valid))?.aliases.find((x) => x.alias === a);
  if (!held) throw aliasNotFound(a);
  return (await modelVersion(ws, valid, held.version)).version;
}
