// Remote registry state into the local tables (applied with origin 'remote'). The sync adapter
// folds the shared document (domain/sync/registry-fold.ts) and sends the result here; these
// handlers make the local rows equal to it, writing only what differs, so projecting the same
// document twice changes nothing and touches no model. No checks against gates or "exists?":
// the folded state is already decided, identically on every peer.
import type { Mutation, MutationEffect } from '../../domain/mutations';
import type { RegistryEvent } from '../../domain/registry';
import { DERIVED_ID_MARK } from '../../domain/sync/registry-fold';
import { stableJson } from '../../domain/sync/registry-wire';
import type { WorkspaceDb } from '../schema';
import { touchedModels } from './registry-guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/** Replaces one model's row, live versions and gate with the folded ones. */
export async function syncRegistryModel(db: WorkspaceDb, m: M<'sync/registryModel'>): Promise<MutationEffect> {
  const { name } = m.model;
  let changed = false;
  const row = await db.registeredModels.get(name);
  if (!same(row, m.model)) {
    await db.registeredModels.put(structuredClone(m.model));
    changed = true;
  }
  const have = new Map((await db.modelVersions.where('name').equals(name).toArray()).map((v) => [v.version, v]));
  const wanted = new Set(m.versions.map((v) => v.version));
  const stale = [...have.keys()].filter((n) => !wanted.has(n));
  if (stale.length > 0) await db.modelVersions.bulkDelete(stale.map((n) => [name, n] as [string, number]));
  const put = m.versions.filter((v) => v.name === name && !same(have.get(v.version), v));
  if (put.length > 0) await db.modelVersions.bulkPut(structuredClone(put));
  const gate = await db.approvalGates.get(name);
  if (m.gate === null && gate) await db.approvalGates.delete(name);
  else if (m.gate !== null && !same(gate, m.gate)) await db.approvalGates.put(structuredClone(m.gate));
  changed ||= stale.length > 0 || put.length > 0 || !same(gate ?? null, m.gate);
  return changed ? touchedModels(name) : touchedModels();
}

/**
 * Removes local models whose name the document no longer has (deleted, renamed or merged away on
 * another peer). A local model the document has not seen yet (its create or rename is still on its
 * way into the document) is kept: some local event that gave it the name is not among the
 * document's.
 */
export async function syncRegistryDrop(db: WorkspaceDb, m: M<'sync/registryDrop'>): Promise<MutationEffect> {
  const live = new Set(m.live);
  const given = new Map(m.introducedBy.map(([name, ids]) => [name, new Set(ids)]));
  const dropped: string[] = [];
  for (const name of await db.registeredModels.toCollection().primaryKeys()) {
    const known = given.get(name);
    if (live.has(name) || !known) continue;
    const local = await db.registryEvents.where('name').equals(name).filter((e) => e.kind === 'model/create' || e.kind === 'model/rename').toArray();
    if (local.some((e) => !known.has(e.id))) continue;
    await db.modelVersions.where('name').equals(name).delete();
    await db.approvalGates.delete(name);
    await db.registeredModels.delete(name);
    dropped.push(name);
  }
  return touchedModels(...dropped);
}

/** Puts requests whose folded row differs from the local one. */
export async function syncRegistryRequests(db: WorkspaceDb, m: M<'sync/registryRequests'>): Promise<MutationEffect> {
  const have = await db.approvalRequests.bulkGet(m.requests.map((r) => r.id));
  const put: typeof m.requests = [];
  const touched = new Set<string>();
  m.requests.forEach((r, i) => {
    const before = have[i];
    if (same(before, r)) return;
    put.push(r);
    touched.add(r.name);
    if (before) touched.add(before.name);
  });
  if (put.length > 0) await db.approvalRequests.bulkPut(structuredClone(put));
  return touchedModels(...touched);
}

/** Adds audit events not here yet. Events are immutable: an id already present is left alone. */
export async function syncRegistryEvents(db: WorkspaceDb, m: M<'sync/registryEvents'>): Promise<MutationEffect> {
  const have = await db.registryEvents.bulkGet(m.events.map((e) => e.id));
  const add = m.events.filter((e, i) => !have[i] && !e.id.includes(DERIVED_ID_MARK));
  if (add.length > 0) await db.registryEvents.bulkAdd(structuredClone(add));
  return touchedModels(...new Set(add.map((e) => e.name)));
}

/** Makes the derived events (ids with `.~`, computed from the document) exactly `m.events`. */
export async function syncRegistryDerived(db: WorkspaceDb, m: M<'sync/registryDerived'>): Promise<MutationEffect> {
  const wanted = new Map<string, RegistryEvent>(m.events.filter((e) => e.id.includes(DERIVED_ID_MARK)).map((e) => [e.id, e]));
  const local = (await db.registryEvents.toCollection().primaryKeys()).filter((id) => id.includes(DERIVED_ID_MARK));
  const stale = local.filter((id) => !wanted.has(id));
  const touched = new Set<string>();
  for (const e of await db.registryEvents.bulkGet(stale)) if (e) touched.add(e.name);
  if (stale.length > 0) await db.registryEvents.bulkDelete(stale);
  const have = await db.registryEvents.bulkGet([...wanted.keys()]);
  const put = [...wanted.values()].filter((e, i) => !same(have[i], e));
  if (put.length > 0) await db.registryEvents.bulkPut(structuredClone(put));
  for (const e of put) touched.add(e.name);
  return touchedModels(...touched);
}
