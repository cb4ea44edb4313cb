// Reading the registry tables as MLflow's entities (SqlRegisteredModel.to_mlflow_entity,
// SqlModelVersion.to_mlflow_entity plus _populate_model_version_aliases), and the audit stamp
// (who, when, event id) every registry mutation carries.
import { newSortableId } from '../../domain/ids';
import {
  latestVersions,
  modelNotFound,
  validateModelName,
  versionNotFound,
  versionNumber,
  type AuditStamp,
  type ModelVersion,
  type RegisteredModel,
  type RegisteredModelAlias,
} from '../../domain/registry';
import type { ModelVersionRow, RegisteredModelRow } from '../../storage/schema';
import type { Workspace } from '../workspace';

/** The local user profile and the time, fixed before the mutation is applied. */
export async function auditStamp(ws: Workspace): Promise<AuditStamp> {
  const actor = await ws.store.userProfile();
  const at = Date.now();
  return { id: newSortableId(at), actor, at };
}

export function toModelVersion(row: ModelVersionRow, aliases: readonly RegisteredModelAlias[]): ModelVersion {
  const version = String(row.version);
  return {
    name: row.name,
    version,
    creationTimestamp: row.creationTimestamp,
    lastUpdatedTimestamp: row.lastUpdatedTimestamp,
    userId: row.userId,
    currentStage: row.currentStage,
    description: row.description,
    source: row.source,
    runId: row.runId,
    runLink: row.runLink,
    status: row.status,
    statusMessage: row.statusMessage,
    tags: { ...row.tags },
    aliases: aliases.filter((a) => a.version === version).map((a) => a.alias),
  };
}

export function toRegisteredModel(row: RegisteredModelRow, versions: readonly ModelVersionRow[]): RegisteredModel {
  return {
    name: row.name,
    creationTimestamp: row.creationTimestamp,
    lastUpdatedTimestamp: row.lastUpdatedTimestamp,
    userId: row.userId,
    description: row.description,
    latestVersions: latestVersions(versions.map((v) => toModelVersion(v, row.aliases))),
    tags: { ...row.tags },
    aliases: row.aliases.map((a) => ({ ...a })),
  };
}

export async function modelRow(ws: Workspace, name: unknown): Promise<RegisteredModelRow> {
  const valid = validateModelName(name);
  const row = await ws.store.db.registeredModels.get(valid);
  if (!row) throw modelNotFound(valid);
  return row;
}

export const versionRowsOf = (ws: Workspace, name: string): Promise<ModelVersionRow[]> =>
  ws.store.db.modelVersions.where('name').equals(name).toArray();

export async function registeredModel(ws: Workspace, name: unknown): Promise<RegisteredModel> {
  const row = await modelRow(ws, name);
  return toRegisteredModel(row, await versionRowsOf(ws, row.name));
}

/** A live version with its aliases; MLflow's "Model Version (name=.., version=..) not found" otherwise. */
export async function modelVersion(ws: Workspace, name: unknown, version: unknown): Promise<{ row: ModelVersionRow; version: ModelVersion }> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const row = await ws.store.db.modelVersions.get([valid, n]);
  if (!row) throw versionNotFound(valid, String(version).trim());
  const model = await ws.store.db.registeredModels.get(valid);
  return { row, version: toModelVersion(row, model?.aliases ?? []) };
}
