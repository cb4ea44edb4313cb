// Which version a stage, `latest` or a models:/ URI means, after MLflow's SQL store
// (SqlRegisteredModel.to_mlflow_entity builds latest_versions: the highest version per stage,
// stages in the order they first appear among the versions; get_latest_versions filters those by
// stage) and mlflow/store/artifact/utils/models.py `_get_latest_model_version` (the highest
// version among them) for models:/<name>/<stage> and models:/<name>/latest.
import type { ModelUri } from '../models/model-uri';
import { aliasNotFound, noVersionsFound, versionNotFound } from './registry-errors';
import { STAGES, type RegisteredModelAlias, type Stage } from './entities';

export interface VersionInStage {
  /** "1", "2", ... */
  version: string;
  currentStage: Stage;
}

/**
 * RegisteredModel.latest_versions: one version per stage present, the highest.
 * @example latestVersions([{ version: '1', currentStage: 'None' }, { version: '2', currentStage: 'None' }]) // [v2]
 */
export function latestVersions<V extends VersionInStage>(versions: readonly V[]): V[] {
  const byStage = new Map<Stage, V>();
  const ascending = [...versions].sort((a, b) => Number(a.version) - Number(b.version));
  for (const v of ascending) {
    const held = byStage.get(v.currentStage);
    if (held === undefined || Number(held.version) < Number(v.version)) byStage.set(v.currentStage, v);
  }
  return [...byStage.values()];
}

/** get_latest_versions(name, stages): no stages (or []) means every stage. */
export function latestInStages<V extends VersionInStage>(versions: readonly V[], stages?: readonly Stage[]): V[] {
  const wanted = new Set<Stage>(stages && stages.length > 0 ? stages : STAGES);
  return latestVersions(versions).filter((v) => wanted.has(v.currentStage));
}

/** The version a models:/ URI names, given the model's live versions and aliases. */
export function versionForUri(
  uri: Extract<ModelUri, { kind: 'models' }>,
  versions: readonly VersionInStage[],
  aliases: readonly RegisteredModelAlias[],
): string {
  if (uri.version !== undefined) {
    const n = Number(uri.version);
    if (!versions.some((v) => Number(v.version) === n)) throw versionNotFound(uri.name, uri.version);
    return String(n);
  }
  if (uri.alias !== undefined) {
    const hit = aliases.find((a) => a.alias === uri.alias);
    if (!hit) throw aliasNotFound(uri.alias);
    return hit.version;
  }
  const stage = uri.stage as Stage | undefined;
  const candidates = latestInStages(versions, stage === undefined ? undefined : [stage]);
  if (candidates.length === 0) throw noVersionsFound(uri.name, stage);
  return String(Math.max(...candidates.map((v) => Number(v.version))));
}
