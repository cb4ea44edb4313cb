// Alias mutations with MLflow's SQL-store rules (SqlAlchemyStore.set_registered_model_alias,
// delete_registered_model_alias): the version must exist, an alias names one version (setting it
// again moves it), deleting an unset alias is a no-op, and neither bumps last_updated_timestamp.
// A gated alias is refused here; approved requests go through applyAlias.
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { entry, type AuditStamp } from '../../domain/registry';
import type { WorkspaceDb } from '../schema';
import { checkGate, record, requireModel, requireVersion, touchedModels } from './registry-guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

/** Points `alias` at `version` (moving it if it pointed elsewhere), with its audit event. */
export async function applyAlias(db: WorkspaceDb, name: string, alias: string, version: number, stamp: AuditStamp, comment?: string): Promise<void> {
  await requireVersion(db, name, version);
  const model = await requireModel(db, name);
  const to = String(version);
  const held = model.aliases.find((a) => a.alias === alias);
  const aliases = held
    ? model.aliases.map((a) => (a.alias === alias ? { alias, version: to } : a))
    : [...model.aliases, { alias, version: to }];
  await db.registeredModels.put({ ...model, aliases });
  await record(db, stamp, 'alias/set', name, { version: to, from: held ? entry(alias, held.version) : undefined, to: entry(alias, to), comment });
}

export async function setAlias(db: WorkspaceDb, m: M<'registry/setAlias'>): Promise<MutationEffect> {
  await requireVersion(db, m.name, m.version);
  await checkGate(db, m.name, m.version, { kind: 'alias', alias: m.alias });
  await applyAlias(db, m.name, m.alias, m.version, m.audit);
  return touchedModels(m.name);
}

export async function deleteAlias(db: WorkspaceDb, m: M<'registry/deleteAlias'>): Promise<MutationEffect> {
  const model = await requireModel(db, m.name);
  const held = model.aliases.find((a) => a.alias === m.alias);
  if (!held) return touchedModels();
  await db.registeredModels.put({ ...model, aliases: model.aliases.filter((a) => a.alias !== m.alias) });
  await record(db, m.audit, 'alias/delete', m.name, { version: held.version, from: entry(m.alias, held.version) });
  return touchedModels(m.name);
}
