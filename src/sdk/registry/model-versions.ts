// Model version operations behind MlflowClient, after MLflow's client and SQL store
// (SqlAlchemyStore.create_model_version ... search_model_versions): numbers 1, 2, 3 ... from the
// model's counter, any source URI stored as given (a models:/ source is resolved when registered,
// as MLflow resolves its storage_location), stage transitions with archive_existing_versions, and
// search (1000 per page by default, at most 200,000).
import { MlflowError, invalidParameter } from '../../domain/errors';
import { parseModelUri } from '../../domain/models';
import {
  REGISTRY_LIMITS,
  canonicalStage,
  checkArchiveExisting,
  compareModelVersionsBy,
  compileModelVersionFilter,
  parseModelVersionFilter,
  parseModelVersionOrderBy,
  validateModelName,
  validateModelVersionTag,
  validateRegistryMaxResults,
  validateTagRecord,
  versionNumber,
  type ModelVersion,
} from '../../domain/registry';
import { decodePageToken, encodePageToken } from '../../domain/search';
import type { Workspace } from '../workspace';
import type { RegistrySearchOptions } from './registered-models';
import { registryVersionFor } from './model-uris';
import { auditStamp, modelVersion, toModelVersion } from './registry-rows';

export interface CreateModelVersionOptions {
  runId?: string;
  tags?: Record<string, string>;
  description?: string;
  runLink?: string;
}

export interface ModelVersionPage {
  modelVersions: ModelVersion[];
  nextPageToken?: string;
}

/** Where a models:/ source's files are, fixed at registration (MLflow's storage_location). */
async function storageLocationOf(ws: Workspace, source: string): Promise<string> {
  if (!/^models:/i.test(source)) return source;
  try {
    const uri = parseModelUri(source);
    if (uri.kind !== 'models') throw new MlflowError(`Logged model '${uri.kind === 'logged-model' ? uri.modelId : source}' not found`, 'RESOURCE_DOES_NOT_EXIST');
    const { row } = await registryVersionFor(ws, uri);
    return row.storageLocation;
  } catch (e) {
    // MLflow's wording, without a space after the period.
    throw new MlflowError(`Unable to fetch model from model URI source artifact location '${source}'.Error: ${(e as Error).message}`, 'INTERNAL_ERROR');
  }
}

export async function createModelVersion(ws: Workspace, name: string, source: string, options: CreateModelVersionOptions = {}): Promise<ModelVersion> {
  const valid = validateModelName(name);
  if (typeof source !== 'string' || source === '') throw invalidParameter("Missing value for required parameter 'source'.");
  const tags = validateTagRecord(options.tags, validateModelVersionTag);
  const storageLocation = await storageLocationOf(ws, source);
  const audit = await auditStamp(ws);
  await ws.store.mutations.apply({
    type: 'registry/createVersion',
    name: valid,
    source,
    storageLocation,
    runId: options.runId ?? '',
    runLink: options.runLink ?? '',
    description: options.description ?? '',
    tags,
    audit,
  });
  // The handler numbered the version; its audit event says which number.
  const created = await ws.store.db.registryEvents.get(audit.id);
  return (await modelVersion(ws, valid, created?.version ?? '')).version;
}

export async function getModelVersion(ws: Workspace, name: string, version: string | number): Promise<ModelVersion> {
  return (await modelVersion(ws, name, version)).version;
}

/** Where a version's files are: its source, or for a models:/ source the location it resolved to. */
export async function getModelVersionDownloadUri(ws: Workspace, name: string, version: string | number): Promise<string> {
  const { row } = await modelVersion(ws, name, version);
  return row.storageLocation || row.source;
}

export async function updateModelVersion(ws: Workspace, name: string, version: string | number, options: { description?: string }): Promise<ModelVersion> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const description = options?.description ?? '';
  await ws.store.mutations.apply({ type: 'registry/updateVersion', name: valid, version: n, description, audit: await auditStamp(ws) });
  return getModelVersion(ws, valid, n);
}

export async function deleteModelVersion(ws: Workspace, name: string, version: string | number): Promise<void> {
  const valid = validateModelName(name);
  await ws.store.mutations.apply({ type: 'registry/deleteVersion', name: valid, version: versionNumber(version), audit: await auditStamp(ws) });
}

export async function setModelVersionTag(ws: Workspace, name: string, version: string | number, key: string, value: string): Promise<void> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const tag = validateModelVersionTag(key, value);
  await ws.store.mutations.apply({ type: 'registry/setVersionTag', name: valid, version: n, key: tag.key, value: tag.value, audit: await auditStamp(ws) });
}

export async function deleteModelVersionTag(ws: Workspace, name: string, version: string | number, key: string): Promise<void> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const tag = validateModelVersionTag(key, '');
  await ws.store.mutations.apply({ type: 'registry/deleteVersionTag', name: valid, version: n, key: tag.key, audit: await auditStamp(ws) });
}

export async function transitionModelVersionStage(
  ws: Workspace,
  name: string,
  version: string | number,
  stage: string,
  archiveExistingVersions = false,
): Promise<ModelVersion> {
  const valid = validateModelName(name);
  const n = versionNumber(version);
  const canonical = canonicalStage(stage);
  checkArchiveExisting(stage, canonical, archiveExistingVersions);
  const audit = await auditStamp(ws);
  await ws.store.mutations.apply({ type: 'registry/transitionStage', name: valid, version: n, stage: canonical, archiveExistingVersions, audit });
  return getModelVersion(ws, valid, n);
}

export async function searchModelVersions(ws: Workspace, options: RegistrySearchOptions = {}): Promise<ModelVersionPage> {
  const maxResults = validateRegistryMaxResults(options.maxResults, REGISTRY_LIMITS.searchVersionsDefault, REGISTRY_LIMITS.searchVersionsMax);
  const matches = compileModelVersionFilter(parseModelVersionFilter(options.filterString));
  const compare = compareModelVersionsBy(parseModelVersionOrderBy(options.orderBy));
  const offset = decodePageToken(options.pageToken);
  const hits = (await ws.store.db.modelVersions.toArray()).filter(matches).sort(compare);
  const page = hits.slice(offset, offset + maxResults);
  const names = [...new Set(page.map((v) => v.name))];
  const models = await ws.store.db.registeredModels.bulkGet(names);
  const aliases = new Map(names.map((n, i) => [n, models[i]?.aliases ?? []]));
  const modelVersions = page.map((v) => toModelVersion(v, aliases.get(v.name) ?? []));
  const next = offset + maxResults;
  return next < hits.length ? { modelVersions, nextPageToken: encodePageToken(next) } : { modelVersions };
}
