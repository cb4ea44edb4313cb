/*
 * The Model Registry as every peer computes it from the root document (docs/sync-design.md).
 * A pure function of the document's contents: the same maps give the same registry, whatever
 * order the entries arrived in and however often they were merged. The rules:
 *
 * Identity
 * - A model is its uid (the audit id of its creation) in `models`; a version its uid in `versions`
 *   with a `model` field naming the model uid. Fields are per-writer slots, highest HLC wins.
 * - Concurrent creations of one NAME (two offline peers both register "churn") are ONE model: live
 *   model entities are grouped by name. MLflow's register_model creates the model when missing, so
 *   two peers running the same script mean the same model; merging keeps every version of both.
 *   Per field the highest HLC across the group wins (description, tags, aliases, gate); creation
 *   time and user come from the first creation (lowest (created HLC, uid)), the "canonical" uid.
 *   A peer writing to a model writes into the canonical uid (renames and deletes: into every uid of
 *   the group, so the group moves together).
 *
 * Deletes
 * - Model delete is a `deleted` register (who, when). Writes at or below its HLC no longer count
 *   (tags, description, aliases, gate are gone; the name is kept as identity), versions created
 *   below it are gone. A write ABOVE it (a peer that had not seen the delete, with a later clock)
 *   brings the model back with just those writes and versions: higher HLC wins, as everywhere.
 *   Creating the name again after the delete is a new uid, so a new model.
 * - Version delete is final (a version is fixed content; a tag edit does not resurrect it). Its
 *   number stays taken and its aliases drop.
 *
 * Version numbers
 * - Per model (group), all versions, deleted ones included, in (created HLC, uid) order: the
 *   number the creator proposed (its local nextVersion) if free, else max+1. nextVersion = max+1.
 *   Without concurrency this is exactly the local numbering. Two peers registering offline get
 *   distinct numbers after the merge, and the later one (by HLC) is renumbered on the peer that
 *   made it: a derived audit event `<version uid>.~n` ("version/create", from = proposed number,
 *   version = new number) says so, computed identically by every peer.
 *
 * Stages
 * - `transitions` is an append-only log; replayed per model in (hlc, id) order: the version takes
 *   the stage; with archiveExisting and Staging/Production, the model's other live versions in that
 *   stage become Archived (MLflow's archive_existing_versions). Transitions of deleted versions are
 *   skipped. Two offline peers moving different versions to Production with archive: the later HLC
 *   ends in Production, the other Archived, on every peer; both events are in the audit trail.
 * - Approval gates are checked by the LOCAL handler only. A transition in the log already passed
 *   its origin's gate (or is an approved request); replaying it is a fact, not a new request, so the
 *   fold never re-checks gates (a gate set concurrently on another peer does not undo it).
 * - An approved request's transition carries the request and decision ids; it applies only if that
 *   decision is the request's first (lowest HLC) decision, so a request concurrently approved on one
 *   peer and rejected on another is decided one way everywhere, with or without its change.
 *
 * Aliases, tags, gates: `alias:<a>` (version uid + the stamp of its first set, which orders aliases
 * as the local handler appends them), `tag:<k>` (null = deleted), gate `stages`/`aliases`: latest
 * HLC wins. An alias pointing at a deleted version is dropped.
 *
 * Audit trail: `audit` holds every RegistryEvent by id; every peer shows the union. Garbage (bad
 * shapes, unknown kinds, ids that are not their key) is skipped here and never stored.
 */
import type { ApprovalGate, ApprovalRequest, RegistryEvent, Stage } from '../registry/entities';
import type { StoredModelVersion, StoredRegisteredModel } from '../stored-rows';
import type { Hlc } from './hlc';
import { type EntityFields, mergeField } from './registry-entities';
import { aliasesOf, gateOf, groupByName, groupFields, readGates, readModels, stringField, tagsOf, timeField, type ModelEntity } from './registry-model-fold';
import { renumberEvents } from './registry-derived';
import { readRequests, requestRow } from './registry-request-fold';
import { type VersionEntity, type VersionInfo, foldStages, numberUnit, readVersions } from './registry-version-fold';
import { type TransitionEntry, parseEvent, parseTransition } from './registry-wire';

export { DERIVED_ID_MARK } from './registry-derived';

/** The root document's registry maps, as plain key -> value maps. */
export interface RegistryDocState {
  models: ReadonlyMap<string, unknown>;
  versions: ReadonlyMap<string, unknown>;
  gates: ReadonlyMap<string, unknown>;
  requests: ReadonlyMap<string, unknown>;
  transitions: ReadonlyMap<string, unknown>;
  audit: ReadonlyMap<string, unknown>;
}

/** The rows a fold produces: exactly what storage keeps (domain/stored-rows.ts). */
export type FoldedModelRow = StoredRegisteredModel;
export type FoldedVersionRow = StoredModelVersion;

export interface FoldedModel {
  name: string;
  /** model uids merged under this name, canonical first */
  uids: string[];
  model: FoldedModelRow;
  /** live versions, ascending */
  versions: FoldedVersionRow[];
  gate: ApprovalGate | null;
  /** live version number -> version uid */
  live: Map<number, string>;
  /** alias -> stamp of its first set (a move keeps it) */
  aliasSince: Map<string, Hlc>;
}

export interface RegistryFold {
  /** live models by name */
  models: Map<string, FoldedModel>;
  /** live model uid -> the name of its model */
  groupOf: Map<string, string>;
  /** every version uid (deleted ones too) -> its model uid */
  versionModel: Map<string, string>;
  /** deleted model uids nothing brought back -> their last name and creation stamp */
  dead: Map<string, { name: string; createdHlc: Hlc }>;
  requests: ApprovalRequest[];
  /** the audit log (valid events) */
  events: RegistryEvent[];
  /** derived audit events (renumbered versions), ids `<version uid>.~n` */
  derived: RegistryEvent[];
  /** for each model name ever given: ids of the events that gave it (model/create, model/rename) */
  introducedBy: Map<string, string[]>;
}


export function foldRegistry(state: RegistryDocState): RegistryFold {
  const models = readModels(state.models);
  const versions = readVersions(state.versions);
  const requests = readRequests(state.requests);
  const gates = readGates(state.gates, models);
  const transitions: Array<[string, TransitionEntry]> = [];
  for (const [id, raw] of state.transitions) {
    const t = parseTransition(id, raw);
    if (t) transitions.push([id, t]);
  }
  const events = new Map<string, RegistryEvent>();
  for (const [id, raw] of state.audit) {
    const e = parseEvent(id, raw);
    if (e) events.set(id, e);
  }

  const out: RegistryFold = { models: new Map(), groupOf: new Map(), versionModel: new Map(), dead: new Map(), requests: [], events: [...events.values()], derived: [], introducedBy: new Map() };
  const versionsOf = new Map<string, VersionEntity[]>();
  for (const v of versions.values()) {
    if (!models.has(v.model)) continue;
    out.versionModel.set(v.uid, v.model);
    const list = versionsOf.get(v.model);
    if (list) list.push(v);
    else versionsOf.set(v.model, [v]);
  }
  // A deleted model with a version created after the delete is back (the version is a later write).
  const revived = new Set<string>();
  for (const m of models.values()) {
    const cut = m.deleted?.hlc;
    if (cut !== undefined && (versionsOf.get(m.uid) ?? []).some((v) => v.createdHlc > cut)) revived.add(m.uid);
  }
  const groups = groupByName(models, revived);

  const info = new Map<string, VersionInfo>();
  const approvedBy = (t: TransitionEntry): boolean => {
    if (t.request === undefined) return true;
    const d = requests.get(t.request)?.decision;
    return d !== undefined && d.status === 'APPROVED' && d.id === t.approval;
  };
  const byVersion = transitions.filter(([, t]) => approvedBy(t));

  for (const [name, members] of groups) {
    const folded = foldModel(name, members, versionsOf, byVersion, gates, info);
    out.models.set(name, folded);
    for (const uid of folded.uids) out.groupOf.set(uid, name);
  }
  // Deleted models' versions still get numbers: their requests and derived events name them.
  for (const m of models.values()) {
    if (groups.get(m.name)?.includes(m)) continue;
    out.dead.set(m.uid, { name: m.name, createdHlc: m.createdHlc });
    numberUnit(m.name, [m], versionsOf, info);
  }
  for (const r of requests.values()) {
    const v = info.get(r.version);
    if (v) out.requests.push(requestRow(r, v.name, v.number, v.live ? undefined : v.gone));
  }
  out.requests.sort((a, b) => (a.id < b.id ? -1 : 1));
  out.derived = renumberEvents(models, versionsOf, info, events);
  for (const e of events.values()) {
    const given = e.kind === 'model/create' || e.kind === 'model/rename' ? e.name : undefined;
    if (given === undefined) continue;
    const ids = out.introducedBy.get(given);
    if (ids) ids.push(e.id);
    else out.introducedBy.set(given, [e.id]);
  }
  return out;
}

function foldModel(
  name: string,
  members: readonly ModelEntity[],
  versionsOf: ReadonlyMap<string, VersionEntity[]>,
  transitions: ReadonlyArray<[string, TransitionEntry]>,
  gates: ReadonlyMap<string, EntityFields>,
  info: Map<string, VersionInfo>,
): FoldedModel {
  const canonical = members[0] as ModelEntity;
  const all = numberUnit(name, members, versionsOf, info);
  const liveVersions = all.filter((v) => info.get(v.uid)?.live);
  const liveUids = new Set(liveVersions.map((v) => v.uid));
  const stages = foldStages(liveUids, transitions);
  const fields = groupFields(members);
  const renamed = timeField(fields, 'renamed');

  const rows = liveVersions.map((v): FoldedVersionRow => {
    const f = v.fields;
    const stage = stages.get(v.uid);
    // lastUpdatedTimestamp: the wall time of the latest (by HLC) change the local handlers bump it for.
    let last: [Hlc, number] = [v.createdHlc, v.created];
    for (const c of [timeField(f, 'updated'), renamed]) if (c && c.hlc > last[0]) last = [c.hlc, c.value];
    if (stage?.touched && stage.touched[0] > last[0]) last = stage.touched;
    return {
      name,
      version: (info.get(v.uid) as VersionInfo).number,
      creationTimestamp: v.created,
      lastUpdatedTimestamp: last[1],
      userId: stringField(f, 'user')?.value ?? '',
      currentStage: (stage?.stage ?? 'None') as Stage,
      description: stringField(f, 'description')?.value ?? '',
      source: stringField(f, 'source')?.value ?? '',
      storageLocation: stringField(f, 'storageLocation')?.value ?? '',
      runId: stringField(f, 'runId')?.value ?? '',
      runLink: stringField(f, 'runLink')?.value ?? '',
      status: 'READY',
      statusMessage: '',
      tags: tagsOf(f),
    };
  });
  rows.sort((a, b) => a.version - b.version);
  const liveByNumber = new Map<number, string>();
  for (const v of liveVersions) liveByNumber.set((info.get(v.uid) as VersionInfo).number, v.uid);
  const { aliases, since } = aliasesOf(fields, (uid) => (liveUids.has(uid) ? info.get(uid)?.number : undefined));
  const max = all.reduce((m, v) => Math.max(m, (info.get(v.uid) as VersionInfo).number), 0);
  const gateFields: EntityFields = new Map();
  for (const m of members) for (const [field, w] of gates.get(m.uid) ?? []) mergeField(gateFields, field, w);
  return {
    name,
    uids: members.map((m) => m.uid),
    model: {
      name,
      creationTimestamp: canonical.created,
      lastUpdatedTimestamp: timeField(fields, 'updated')?.value ?? canonical.created,
      userId: canonical.user,
      description: stringField(fields, 'description')?.value ?? '',
      tags: tagsOf(fields),
      aliases,
      nextVersion: max + 1,
    },
    versions: rows,
    gate: gateOf(name, gateFields),
    live: liveByNumber,
    aliasSince: since,
  };
}
