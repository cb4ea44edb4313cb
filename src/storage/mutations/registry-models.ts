// Registered model mutations with MLflow's SQL-store rules (SqlAlchemyStore.create_registered_model,
// rename_registered_model, update_registered_model, delete_registered_model,
// set/delete_registered_model_tag): unique names, renames carry versions and aliases along, a
// delete removes versions, aliases and tags, deleting a missing tag is a no-op, tags do not bump
// last_updated_timestamp. Each writes its audit events in the same transaction.
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { entry, modelAlreadyExists } from '../../domain/registry';
import type { WorkspaceDb } from '../schema';
import { cancelPendingRequests, record, requireModel, touchedModels } from './registry-guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

/** MLflow's user_id for an entity: the profile's name, else its email. */
export const userIdOf = (m: { audit: { actor: { name: string; email: string } } }): string => m.audit.actor.name || m.audit.actor.email;

export async function createModel(db: WorkspaceDb, m: M<'registry/createModel'>): Promise<MutationEffect> {
  if (await db.registeredModels.get(m.name)) throw modelAlreadyExists(m.name);
  const { at } = m.audit;
  await db.registeredModels.add({
    name: m.name,
    creationTimestamp: at,
    lastUpdatedTimestamp: at,
    userId: userIdOf(m),
    description: m.description,
    tags: { ...m.tags },
    aliases: [],
    nextVersion: 1,
  });
  await record(db, m.audit, 'model/create', m.name, { to: m.name, comment: m.description });
  return touchedModels(m.name);
}

export async function renameModel(db: WorkspaceDb, m: M<'registry/renameModel'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  const { at } = m.audit;
  if (m.newName !== m.name) {
    if (await db.registeredModels.get(m.newName)) throw modelAlreadyExists(m.newName);
    await db.registeredModels.delete(m.name);
    const versions = await db.modelVersions.where('name').equals(m.name).toArray();
    await db.modelVersions.bulkDelete(versions.map((v) => [v.name, v.version] as [string, number]));
    await db.modelVersions.bulkAdd(versions.map((v) => ({ ...v, name: m.newName, lastUpdatedTimestamp: at })));
    const gate = await db.approvalGates.get(m.name);
    if (gate) {
      await db.approvalGates.delete(m.name);
      await db.approvalGates.add({ ...gate, name: m.newName });
    }
    await db.approvalRequests.where('name').equals(m.name).modify({ name: m.newName });
  } else {
    await db.modelVersions.where('name').equals(m.name).modify({ lastUpdatedTimestamp: at });
  }
  await db.registeredModels.put({ ...model, name: m.newName, lastUpdatedTimestamp: at });
  await record(db, m.audit, 'model/rename', m.newName, { from: m.name, to: m.newName });
  return touchedModels(m.name, m.newName);
}

export async function updateModel(db: WorkspaceDb, m: M<'registry/updateModel'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  await db.registeredModels.put({ ...model, description: m.description, lastUpdatedTimestamp: m.audit.at });
  await record(db, m.audit, 'model/description', m.name, { from: model.description, to: m.description });
  return touchedModels(m.name);
}

export async function deleteModel(db: WorkspaceDb, m: M<'registry/deleteModel'>): Promise<MutationEffect> {
  await requireModel(db, m.name);
  await cancelPendingRequests(db, m.name, m.audit, 'the registered model was deleted');
  await db.modelVersions.where('name').equals(m.name).delete();
  await db.approvalGates.delete(m.name);
  await db.registeredModels.delete(m.name);
  await record(db, m.audit, 'model/delete', m.name, { from: m.name });
  return touchedModels(m.name);
}

export async function setModelTag(db: WorkspaceDb, m: M<'registry/setModelTag'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  const before = Object.hasOwn(model.tags, m.key) ? model.tags[m.key] : undefined;
  await db.registeredModels.put({ ...model, tags: { ...model.tags, [m.key]: m.value } });
  await record(db, m.audit, 'model/tag', m.name, { from: before === undefined ? undefined : entry(m.key, before), to: entry(m.key, m.value) });
  return touchedModels(m.name);
}

export async function deleteModelTag(db: WorkspaceDb, m: M<'registry/deleteModelTag'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  if (!Object.hasOwn(model.tags, m.key)) return touchedModels();
  const before = model.tags[m.key] ?? '';
  const tags = Object.fromEntries(Object.entries(model.tags).filter(([k]) => k !== m.key));
  await db.registeredModels.put({ ...model, tags });
  await record(db, m.audit, 'model/deleteTag', m.name, { from: entry(m.key, before) });
  return touchedModels(m.name);
}
