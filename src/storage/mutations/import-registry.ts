// A registered model imported from MLflow's file registry (origin 'import'): the merged model row
// (domain/mlruns/registry-rules.ts), its new or changed versions with their numbers kept, and the
// audit events saying they were imported, in the importing transaction. Refused when a row the
// import read changed since.
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { sameValue } from '../../domain/sync/same-value';
import type { WorkspaceDb } from '../schema';
import { changedMeanwhile } from './import-tracking';
import { touchedModels } from './registry-guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

export async function importRegisteredModel(db: WorkspaceDb, m: M<'import/registeredModel'>): Promise<MutationEffect> {
  const { name } = m.model;
  const stored = (await db.registeredModels.get(name)) ?? null;
  if (!sameValue(stored, m.previous)) throw changedMeanwhile(`Registered model '${name}'`);
  const keys = m.versions.map((v) => [name, v.row.version] as [string, number]);
  const storedVersions = await db.modelVersions.bulkGet(keys);
  m.versions.forEach((v, i) => {
    if (!sameValue(storedVersions[i] ?? null, v.previous)) throw changedMeanwhile(`Version ${v.row.version} of registered model '${name}'`);
  });
  await db.registeredModels.put(structuredClone(m.model));
  if (m.versions.length > 0) await db.modelVersions.bulkPut(m.versions.map((v) => structuredClone(v.row)));
  if (m.events.length > 0) await db.registryEvents.bulkAdd(m.events);
  return touchedModels(name);
}
