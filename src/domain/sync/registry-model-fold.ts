// Registered models from the `models` and `gates` slot maps: one entity per model uid, the delete
// register applied (writes at or below it no longer count; writes above it bring the model back),
// and live entities grouped by name (concurrent creations of one name are one model).
import type { ApprovalGate, RegisteredModelAlias, Stage } from '../registry/entities';
import { type Hlc } from './hlc';
import { type EntityFields, type Stamped, foldSlotMap, mergeField, prefixed } from './registry-entities';
import { type AliasValue, type DeletedValue, parseAliasValue, parseDeleted, parseStage, validAlias, validTag } from './registry-wire';

export interface ModelEntity {
  uid: string;
  name: string;
  created: number;
  /** stamp of the creation: orders concurrent creations of one name */
  createdHlc: Hlc;
  user: string;
  deleted?: DeletedValue & { hlc: Hlc };
  /** the fields still in force: every field, or after a delete only those written later */
  fields: EntityFields;
  /** highest stamp of any write but the delete itself (a write above the delete revives) */
  lastWrite: Hlc;
}

/** Fields that identify a model rather than edit it: kept through a delete. */
const IDENTITY = new Set(['name', 'created', 'user']);

/** Valid model entities by uid; an entity without a name or creation stamp is garbage. */
export function readModels(slots: ReadonlyMap<string, unknown>): Map<string, ModelEntity> {
  const out = new Map<string, ModelEntity>();
  for (const [uid, fields] of foldSlotMap(slots, 'models')) {
    const name = fields.get('name');
    const created = fields.get('created');
    if (!name || typeof name.value !== 'string' || name.value === '' || !created || typeof created.value !== 'number' || !Number.isFinite(created.value)) continue;
    const user = fields.get('user');
    const del = fields.get('deleted');
    const deleted = del && parseDeleted(del.value);
    let lastWrite = created.hlc;
    const kept: EntityFields = new Map();
    for (const [field, w] of fields) {
      if (field === 'deleted') continue;
      if (w.hlc > lastWrite) lastWrite = w.hlc;
      if (!deleted || IDENTITY.has(field) || w.hlc > (del as Stamped).hlc) kept.set(field, w);
    }
    const entity: ModelEntity = { uid, name: name.value, created: created.value, createdHlc: created.hlc, user: typeof user?.value === 'string' ? user.value : '', fields: kept, lastWrite };
    if (deleted) entity.deleted = { ...deleted, hlc: (del as Stamped).hlc };
    out.set(uid, entity);
  }
  return out;
}

/** Creation order: (creation stamp, uid). */
export const byCreation = (a: { createdHlc: Hlc; uid: string }, b: { createdHlc: Hlc; uid: string }): number =>
  a.createdHlc !== b.createdHlc ? (a.createdHlc < b.createdHlc ? -1 : 1) : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;

/**
 * Live model entities grouped by name, each group in creation order (its first uid is canonical).
 * `revived` holds deleted uids that a later write (or version, see the caller) brings back.
 */
export function groupByName(models: ReadonlyMap<string, ModelEntity>, revived: ReadonlySet<string>): Map<string, ModelEntity[]> {
  const groups = new Map<string, ModelEntity[]>();
  for (const m of models.values()) {
    if (m.deleted && !(m.lastWrite > m.deleted.hlc) && !revived.has(m.uid)) continue;
    const list = groups.get(m.name);
    if (list) list.push(m);
    else groups.set(m.name, [m]);
  }
  for (const list of groups.values()) list.sort(byCreation);
  return groups;
}

/** The winning write of every field across a group's entities. */
export function groupFields(members: readonly { fields: EntityFields }[]): EntityFields {
  const out: EntityFields = new Map();
  for (const m of members) for (const [field, w] of m.fields) mergeField(out, field, w);
  return out;
}

export function stringField(fields: EntityFields, field: string): Stamped & { value: string } | undefined {
  const w = fields.get(field);
  return w && typeof w.value === 'string' ? (w as Stamped & { value: string }) : undefined;
}

export function timeField(fields: EntityFields, field: string): Stamped & { value: number } | undefined {
  const w = fields.get(field);
  return w && typeof w.value === 'number' && Number.isFinite(w.value) && w.value >= 0 ? (w as Stamped & { value: number }) : undefined;
}

/** `tag:<k>` fields: set (valid) tags; null means deleted. */
export function tagsOf(fields: EntityFields): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, w] of prefixed(fields, 'tag:')) {
    if (validTag(key, w.value)) Object.defineProperty(tags, key, { value: w.value, enumerable: true, writable: true, configurable: true });
  }
  return tags;
}

/** Aliases pointing at a live version, ordered by when each was first set (then by name). */
export function aliasesOf(fields: EntityFields, liveNumber: (versionUid: string) => number | undefined): { aliases: RegisteredModelAlias[]; since: Map<string, Hlc> } {
  const held: Array<{ alias: string; value: AliasValue; n: number }> = [];
  for (const [alias, w] of prefixed(fields, 'alias:')) {
    const value = parseAliasValue(w.value);
    const valid = validAlias(alias);
    const n = value && liveNumber(value.v);
    if (valid === undefined || !value || n === undefined) continue;
    held.push({ alias, value, n });
  }
  held.sort((a, b) => (a.value.since !== b.value.since ? (a.value.since < b.value.since ? -1 : 1) : a.alias < b.alias ? -1 : 1));
  return { aliases: held.map((h) => ({ alias: h.alias, version: String(h.n) })), since: new Map(held.map((h) => [h.alias, h.value.since])) };
}

/** Gate entities (slots keyed by model uid) that are still in force for their model. */
export function readGates(slots: ReadonlyMap<string, unknown>, models: ReadonlyMap<string, ModelEntity>): Map<string, EntityFields> {
  const out = new Map<string, EntityFields>();
  for (const [uid, fields] of foldSlotMap(slots, 'gates')) {
    const model = models.get(uid);
    if (!model) continue;
    const cut = model.deleted?.hlc;
    out.set(uid, new Map([...fields].filter(([, w]) => cut === undefined || w.hlc > cut)));
  }
  return out;
}

/** A group's gate: its `stages` and `aliases` fields (latest write each); none when both empty. */
export function gateOf(name: string, fields: EntityFields): ApprovalGate | null {
  const list = (field: string): unknown[] => {
    const v = fields.get(field)?.value;
    return Array.isArray(v) ? v : [];
  };
  const stages = [...new Set(list('stages').map(parseStage).filter((s): s is Stage => s !== undefined))];
  const aliases = [...new Set(list('aliases').map(validAlias).filter((a): a is string => a !== undefined))];
  return stages.length === 0 && aliases.length === 0 ? null : { name, stages, aliases };
}
