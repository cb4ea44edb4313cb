// How an imported registered model meets the one stored under its name (the same rules as
// import-rules.ts: the file is authoritative for its fields, import never deletes):
// - model: times, description and user from the file when it has them; tags and aliases merged
//   (the file's value wins for an alias or tag it has); the version counter is the highest of the
//   stored counter and every number the file ever used (deleted versions included), so numbers are
//   never reused;
// - versions keep their numbers; a live version in the file replaces the stored fields, its tags
//   merged. A number the stored model counted past but holds no row for was deleted here: it is
//   not brought back (reported by the caller).
import { sameValue } from '../sync/same-value';
import type { FileModelVersion, FileRegisteredModel } from './read-registry';
import type { StoredModelVersion, StoredRegisteredModel } from '../stored-rows';

/** storage's rows (domain/stored-rows.ts) */
export type ModelRowLike = StoredRegisteredModel;
export type VersionRowLike = StoredModelVersion;

export interface RegistryMerge {
  model: ModelRowLike;
  modelChanged: boolean;
  /** versions that are new or differ, with the stored row they replace */
  versions: Array<{ row: VersionRowLike; previous: VersionRowLike | null }>;
  unchangedVersions: number;
  /** numbers deleted here that the file still has */
  deletedHere: number[];
  /** aliases that are new or point elsewhere now */
  freshAliases: Array<{ alias: string; version: string; from?: string }>;
}

export function mergeVersion(stored: VersionRowLike | null, file: FileModelVersion, storageLocation: string): VersionRowLike {
  const created = file.creationTimestamp ?? stored?.creationTimestamp ?? 0;
  return {
    ...(stored ?? {}),
    name: file.name,
    version: file.version,
    creationTimestamp: created,
    lastUpdatedTimestamp: file.lastUpdatedTimestamp ?? stored?.lastUpdatedTimestamp ?? created,
    userId: file.userId || (stored?.userId ?? ''),
    currentStage: file.currentStage,
    description: file.description,
    source: file.source,
    runId: file.runId,
    runLink: file.runLink,
    status: file.status,
    statusMessage: file.statusMessage,
    tags: { ...(stored?.tags ?? {}), ...file.tags },
    storageLocation,
  };
}

/**
 * The model and versions after importing `file` over what is stored.
 * `storageLocationOf` says where a version's files are here (see the caller).
 */
export function mergeRegisteredModel(
  stored: ModelRowLike | null,
  storedVersions: ReadonlyMap<number, VersionRowLike>,
  file: FileRegisteredModel,
  storageLocationOf: (v: FileModelVersion) => string,
): RegistryMerge {
  const versions: RegistryMerge['versions'] = [];
  const deletedHere: number[] = [];
  let unchangedVersions = 0;
  for (const v of file.versions) {
    const previous = storedVersions.get(v.version) ?? null;
    if (!previous && stored && v.version < stored.nextVersion) {
      deletedHere.push(v.version);
      continue;
    }
    const row = mergeVersion(previous, v, storageLocationOf(v));
    if (previous && sameValue(previous, row)) unchangedVersions++;
    else versions.push({ row, previous });
  }
  const earliest = Math.min(...file.versions.map((v) => v.creationTimestamp ?? Infinity));
  const created = file.creationTimestamp ?? stored?.creationTimestamp ?? (Number.isFinite(earliest) ? earliest : 0);
  const aliases = (stored?.aliases ?? []).map((a) => ({ ...a }));
  const freshAliases: RegistryMerge['freshAliases'] = [];
  for (const a of file.aliases) {
    if (deletedHere.includes(a.version)) continue;
    const version = String(a.version);
    const have = aliases.find((x) => x.alias === a.alias);
    if (have?.version === version) continue;
    freshAliases.push(have ? { alias: a.alias, version, from: have.version } : { alias: a.alias, version });
    if (have) have.version = version;
    else aliases.push({ alias: a.alias, version });
  }
  const model: ModelRowLike = {
    ...(stored ?? {}),
    name: file.name,
    creationTimestamp: created,
    lastUpdatedTimestamp: file.lastUpdatedTimestamp ?? stored?.lastUpdatedTimestamp ?? created,
    userId: file.userId || (stored?.userId ?? ''),
    description: file.description,
    tags: { ...(stored?.tags ?? {}), ...file.tags },
    aliases,
    nextVersion: Math.max(stored?.nextVersion ?? 1, file.highestVersion + 1),
  };
  return { model, modelChanged: !stored || !sameValue(stored, model), versions, unchangedVersions, deletedHere, freshAliases };
}
