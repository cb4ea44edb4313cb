// Model version mutations with MLflow's SQL-store rules (SqlAlchemyStore.create_model_version,
// update_model_version, transition_model_version_stage, delete_model_version,
// set/delete_model_version_tag): numbers come from the model's counter (1 + the highest ever,
// never reused), archive_existing_versions archives every OTHER version in the target stage,
// deleting a version drops its aliases, and stage changes, creations and deletions bump the model's
// last_updated_timestamp. A gated stage is refused here; approved requests go through applyStage.
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { entry, type AuditStamp, type Stage } from '../../domain/registry';
import type { WorkspaceDb } from '../schema';
import { cancelPendingRequests, checkGate, record, requireModel, requireVersion, touchedModels } from './registry-guards';
import { userIdOf } from './registry-models';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

export async function createVersion(db: WorkspaceDb, m: M<'registry/createVersion'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  const { at } = m.audit;
  const version = model.nextVersion;
  await db.modelVersions.add({
    name: m.name,
    version,
    creationTimestamp: at,
    lastUpdatedTimestamp: at,
    userId: userIdOf(m),
    currentStage: 'None',
    description: m.description,
    source: m.source,
    storageLocation: m.storageLocation,
    runId: m.runId,
    runLink: m.runLink,
    status: 'READY',
    statusMessage: '',
    tags: { ...m.tags },
  });
  await db.registeredModels.put({ ...model, nextVersion: version + 1, lastUpdatedTimestamp: at });
  await record(db, m.audit, 'version/create', m.name, { version: String(version), to: m.source });
  return touchedModels(m.name);
}

export async function updateVersion(db: WorkspaceDb, m: M<'registry/updateVersion'>): Promise<MutationEffect> {
  const v = await requireVersion(db, m.name, m.version);
  await db.modelVersions.put({ ...v, description: m.description, lastUpdatedTimestamp: m.audit.at });
  await record(db, m.audit, 'version/description', m.name, { version: String(m.version), from: v.description, to: m.description });
  return touchedModels(m.name);
}

/** Moves a version to `stage` (archiving the others there when asked), with audit events. */
export async function applyStage(db: WorkspaceDb, name: string, version: number, stage: Stage, archive: boolean, stamp: AuditStamp, comment?: string): Promise<void> {
  const v = await requireVersion(db, name, version);
  const model = await requireModel(db, name);
  await db.modelVersions.put({ ...v, currentStage: stage, lastUpdatedTimestamp: stamp.at });
  await record(db, stamp, 'version/stage', name, { version: String(version), from: v.currentStage, to: stage, comment });
  if (archive) {
    const others = await db.modelVersions.where('name').equals(name).filter((o) => o.version !== version && o.currentStage === stage).toArray();
    for (const o of others) {
      await db.modelVersions.put({ ...o, currentStage: 'Archived', lastUpdatedTimestamp: stamp.at });
      const why = `archive_existing_versions: version ${version} moved to ${stage}`;
      await record(db, stamp, 'version/stage', name, { version: String(o.version), from: stage, to: 'Archived', comment: why }, `a${o.version}`);
    }
  }
  await db.registeredModels.put({ ...model, lastUpdatedTimestamp: stamp.at });
}

export async function transitionStage(db: WorkspaceDb, m: M<'registry/transitionStage'>): Promise<MutationEffect> {
  await requireVersion(db, m.name, m.version);
  await checkGate(db, m.name, m.version, { kind: 'stage', stage: m.stage });
  await applyStage(db, m.name, m.version, m.stage, m.archiveExistingVersions, m.audit);
  return touchedModels(m.name);
}

export async function deleteVersion(db: WorkspaceDb, m: M<'registry/deleteVersion'>): Promise<MutationEffect> {
  const v = await requireVersion(db, m.name, m.version);
  const model = await requireModel(db, m.name);
  const version = String(m.version);
  const dropped = model.aliases.filter((a) => a.version === version);
  await db.registeredModels.put({ ...model, aliases: model.aliases.filter((a) => a.version !== version), lastUpdatedTimestamp: m.audit.at });
  await db.modelVersions.delete([m.name, m.version]);
  await record(db, m.audit, 'version/delete', m.name, { version, from: v.currentStage });
  for (const a of dropped) {
    await record(db, m.audit, 'alias/delete', m.name, { version, from: entry(a.alias, version), comment: 'its version was deleted' }, `d${a.alias}`);
  }
  await cancelPendingRequests(db, m.name, m.audit, `version ${version} was deleted`, m.version);
  return touchedModels(m.name);
}

export async function setVersionTag(db: WorkspaceDb, m: M<'registry/setVersionTag'>): Promise<MutationEffect> {
  const v = await requireVersion(db, m.name, m.version);
  const before = Object.hasOwn(v.tags, m.key) ? v.tags[m.key] : undefined;
  await db.modelVersions.put({ ...v, tags: { ...v.tags, [m.key]: m.value } });
  const from = before === undefined ? undefined : entry(m.key, before);
  await record(db, m.audit, 'version/tag', m.name, { version: String(m.version), from, to: entry(m.key, m.value) });
  return touchedModels(m.name);
}

export async function deleteVersionTag(db: WorkspaceDb, m: M<'registry/deleteVersionTag'>): Promise<MutationEffect> {
  const v = await requireVersion(db, m.name, m.version);
  if (!Object.hasOwn(v.tags, m.key)) return touchedModels();
  const before = v.tags[m.key] ?? '';
  await db.modelVersions.put({ ...v, tags: Object.fromEntries(Object.entries(v.tags).filter(([k]) => k !== m.key)) });
  await record(db, m.audit, 'version/deleteTag', m.name, { version: String(m.version), from: entry(m.key, before) });
  return touchedModels(m.name);
}
