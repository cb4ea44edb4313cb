// Experiment operations behind MlflowClient (MLflow's tracking client semantics).
import { doesNotExist, invalidParameter } from '../domain/errors';
import type { Experiment, ViewType } from '../domain/entities';
import { newExperimentId } from '../domain/ids';
import {
  compareExperimentsBy,
  compileExperimentFilter,
  decodePageToken,
  encodePageToken,
  parseExperimentFilter,
  parseExperimentOrderBy,
} from '../domain/search';
import { LIMITS, validateArtifactLocation, validateExperimentName, validateExperimentTag } from '../domain/validation';
import { WorkspaceStore } from '../storage/workspace-store';
import { matchesViewType, validateMaxResults, validateViewType } from './view-type';
import type { Workspace } from './workspace';

export interface CreateExperimentOptions {
  artifactLocation?: string;
  tags?: Record<string, string>;
}

export async function createExperiment(ws: Workspace, name: string, options: CreateExperimentOptions = {}): Promise<string> {
  const validName = validateExperimentName(name);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.tags ?? {})) {
    const t = validateExperimentTag(k, v);
    tags[t.key] = t.value;
  }
  const experimentId = newExperimentId();
  const now = Date.now();
  await ws.store.mutations.apply({
    type: 'experiment/create',
    experiment: {
      experimentId,
      name: validName,
      artifactLocation: options.artifactLocation
        ? validateArtifactLocation(options.artifactLocation)
        : WorkspaceStore.experimentArtifactLocation(experimentId),
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags,
    },
  });
  return experimentId;
}

function requireId(experimentId: unknown): string {
  if (typeof experimentId !== 'string' || experimentId === '') {
    throw invalidParameter("Missing value for required parameter 'experiment_id'.");
  }
  return experimentId;
}

export async function getExperiment(ws: Workspace, experimentId: string): Promise<Experiment> {
  const e = await ws.store.db.experiments.get(requireId(experimentId));
  if (!e) throw doesNotExist(`No Experiment with id=${experimentId} exists`);
  return e;
}

/** Returns deleted experiments too, like MLflow. */
export async function getExperimentByName(ws: Workspace, name: string): Promise<Experiment | undefined> {
  return ws.store.db.experiments.where('name').equals(name).first();
}

export interface SearchExperimentsOptions {
  viewType?: ViewType;
  filterString?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface ExperimentPage {
  experiments: Experiment[];
  nextPageToken?: string;
}

export async function searchExperiments(ws: Workspace, options: SearchExperimentsOptions = {}): Promise<ExperimentPage> {
  const viewType = validateViewType(options.viewType);
  const maxResults = validateMaxResults(options.maxResults, LIMITS.searchMaxResults);
  const matches = compileExperimentFilter(parseExperimentFilter(options.filterString));
  const compare = compareExperimentsBy(parseExperimentOrderBy(options.orderBy));
  const offset = decodePageToken(options.pageToken);
  const all = (await ws.store.db.experiments.toArray())
    .filter((e) => matchesViewType(e.lifecycleStage, viewType) && matches(e))
    .sort(compare);
  const experiments = all.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < all.length ? { experiments, nextPageToken: encodePageToken(next) } : { experiments };
}

export async function renameExperiment(ws: Workspace, experimentId: string, newName: string): Promise<void> {
  const name = validateExperimentName(newName);
  await ws.store.mutations.apply({ type: 'experiment/rename', experimentId: requireId(experimentId), name, at: Date.now() });
}

export async function deleteExperiment(ws: Workspace, experimentId: string): Promise<void> {
  await ws.flush().catch(() => undefined);
  await ws.store.mutations.apply({ type: 'experiment/setLifecycle', experimentId: requireId(experimentId), stage: 'deleted', at: Date.now() });
}

export async function restoreExperiment(ws: Workspace, experimentId: string): Promise<void> {
  await ws.store.mutations.apply({ type: 'experiment/setLifecycle', experimentId: requireId(experimentId), stage: 'active', at: Date.now() });
}

export async function setExperimentTag(ws: Workspace, experimentId: string, key: string, value: string): Promise<void> {
  const t = validateExperimentTag(key, value);
  await ws.store.mutations.apply({ type: 'experiment/setTag', experimentId: requireId(experimentId), key: t.key, value: t.value });
}

export async function deleteExperimentTag(ws: Workspace, experimentId: string, key: string): Promise<void> {
  await ws.store.mutations.apply({ type: 'experiment/deleteTag', experimentId: requireId(experimentId), key });
}
