// Registered model operations behind MlflowClient, after MLflow's client and SQL store
// (mlflow/tracking/client.py, mlflow/store/model_registry/sqlalchemy_store.py): create, get,
// rename, update, delete, tags, search (100 per page by default, at most 1000) and
// get_latest_versions.
import { decodePageToken, encodePageToken } from '../../domain/search';
import {
  REGISTRY_LIMITS,
  canonicalStage,
  compareRegisteredModelsBy,
  compileRegisteredModelFilter,
  latestInStages,
  parseRegisteredModelFilter,
  parseRegisteredModelOrderBy,
  validateModelName,
  validateNewModelName,
  validateRegisteredModelTag,
  validateRegistryMaxResults,
  validateTagRecord,
  type ModelVersion,
  type RegisteredModel,
} from '../../domain/registry';
import type { Workspace } from '../workspace';
import { auditStamp, modelRow, registeredModel, toModelVersion, toRegisteredModel, versionRowsOf } from './registry-rows';

export interface CreateRegisteredModelOptions {
  tags?: Record<string, string>;
  description?: string;
}

export interface RegistrySearchOptions {
  filterString?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface RegisteredModelPage {
  registeredModels: RegisteredModel[];
  nextPageToken?: string;
}

export async function createRegisteredModel(ws: Workspace, name: string, options: CreateRegisteredModelOptions = {}): Promise<RegisteredModel> {
  const valid = validateModelName(name);
  const tags = validateTagRecord(options.tags, validateRegisteredModelTag);
  const audit = await auditStamp(ws);
  await ws.store.mutations.apply({ type: 'registry/createModel', name: valid, description: options.description ?? '', tags, audit });
  return registeredModel(ws, valid);
}

export const getRegisteredModel = (ws: Workspace, name: string): Promise<RegisteredModel> => registeredModel(ws, name);

export async function renameRegisteredModel(ws: Workspace, name: string, newName: string): Promise<RegisteredModel> {
  const valid = validateNewModelName(newName);
  const row = await modelRow(ws, name);
  await ws.store.mutations.apply({ type: 'registry/renameModel', name: row.name, newName: valid, audit: await auditStamp(ws) });
  return registeredModel(ws, valid);
}

export async function updateRegisteredModel(ws: Workspace, name: string, options: { description?: string }): Promise<RegisteredModel> {
  const valid = validateModelName(name);
  const description = options?.description ?? '';
  await ws.store.mutations.apply({ type: 'registry/updateModel', name: valid, description, audit: await auditStamp(ws) });
  return registeredModel(ws, valid);
}

export async function deleteRegisteredModel(ws: Workspace, name: string): Promise<void> {
  const valid = validateModelName(name);
  await ws.store.mutations.apply({ type: 'registry/deleteModel', name: valid, audit: await auditStamp(ws) });
}

export async function setRegisteredModelTag(ws: Workspace, name: string, key: string, value: string): Promise<void> {
  const valid = validateModelName(name);
  const tag = validateRegisteredModelTag(key, value);
  await ws.store.mutations.apply({ type: 'registry/setModelTag', name: valid, key: tag.key, value: tag.value, audit: await auditStamp(ws) });
}

export async function deleteRegisteredModelTag(ws: Workspace, name: string, key: string): Promise<void> {
  const valid = validateModelName(name);
  const tag = validateRegisteredModelTag(key, '');
  await ws.store.mutations.apply({ type: 'registry/deleteModelTag', name: valid, key: tag.key, audit: await auditStamp(ws) });
}

export async function searchRegisteredModels(ws: Workspace, options: RegistrySearchOptions = {}): Promise<RegisteredModelPage> {
  const maxResults = validateRegistryMaxResults(options.maxResults, REGISTRY_LIMITS.searchModelsDefault, REGISTRY_LIMITS.searchModelsMax);
  const matches = compileRegisteredModelFilter(parseRegisteredModelFilter(options.filterString));
  const compare = compareRegisteredModelsBy(parseRegisteredModelOrderBy(options.orderBy));
  const offset = decodePageToken(options.pageToken);
  const hits = (await ws.store.db.registeredModels.toArray()).filter(matches).sort(compare);
  const page = hits.slice(offset, offset + maxResults);
  const registeredModels = await Promise.all(page.map(async (row) => toRegisteredModel(row, await versionRowsOf(ws, row.name))));
  const next = offset + maxResults;
  return next < hits.length ? { registeredModels, nextPageToken: encodePageToken(next) } : { registeredModels };
}

/** The highest version in each requested stage (all four when none are given). */
export async function getLatestVersions(ws: Workspace, name: string, stages?: string[]): Promise<ModelVersion[]> {
  const row = await modelRow(ws, name);
  const wanted = (stages ?? []).map(canonicalStage);
  const versions = (await versionRowsOf(ws, row.name)).map((v) => toModelVersion(v, row.aliases));
  return latestInStages(versions, wanted);
}
