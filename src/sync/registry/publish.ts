// One committed local registry mutation into the root document. Reads first (the events the
// handler wrote, request rows), then writes everything in one Yjs transaction with one HLC:
// - the mutation's audit events (always, even when its entities cannot be found: the trail is
//   never lost, and the projection's "is this local model published?" check relies on it);
// - entity fields (models/versions/gates/requests) and log entries (transitions).
// Deletes that changed nothing locally (deleting an unset tag or alias) write nothing, so they
// cannot undo a concurrent remote set.
import type * as Y from 'yjs';
import type { RegistryMutation } from '../../domain/mutations';
import type { Actor, ApprovalRequest, RegistryEvent, Stage } from '../../domain/registry';
import { DERIVED_ID_MARK, type RegistryFold } from '../../domain/sync/registry-fold';
import type { FieldValue } from '../../domain/sync/slots';
import { userIdOf } from '../../storage/mutations/registry-models';
import type { WorkspaceDb } from '../../storage/schema';
import { LOCAL_ORIGIN, type SyncContext } from '../adapter';
import { foldDoc } from './registry-doc';
import { type ModelTarget, localModelUid, localVersionUids, resolveModel, versionUidOf } from './registry-lookup';
import { RegistryWriter, tagFields } from './registry-writer';
import { snapshotModel } from './snapshot';

type M<T extends RegistryMutation['type']> = Extract<RegistryMutation, { type: T }>;

/** What publishing a mutation needs from the local tables, read before the Yjs transaction. */
interface Prepared {
  events: RegistryEvent[];
  /** the model's uid from the local audit trail (see registry-lookup.ts) */
  localUid?: string;
  /** requests the mutation cancelled or decided, as stored after it */
  requests: Map<string, ApprovalRequest>;
  /** the version uids the mutation's version number may mean locally (registry-lookup.ts) */
  versions: string[];
}

/** The local version number a mutation names, if any. */
function versionNumber(m: RegistryMutation, requests: Map<string, ApprovalRequest>): number | undefined {
  switch (m.type) {
    case 'registry/updateVersion':
    case 'registry/transitionStage':
    case 'registry/deleteVersion':
    case 'registry/setVersionTag':
    case 'registry/deleteVersionTag':
    case 'registry/setAlias':
      return m.version;
    case 'registry/requestTransition': return Number(m.request.version);
    case 'registry/decideTransition': {
      const r = requests.get(m.requestId);
      return r ? Number(r.version) : undefined;
    }
    default: return undefined;
  }
}

/** The name the local tables know the model by after the mutation. */
function modelName(m: RegistryMutation, requests: Map<string, ApprovalRequest>): string | undefined {
  switch (m.type) {
    case 'registry/renameModel': return m.newName;
    case 'registry/setGate': return m.gate.name;
    case 'registry/requestTransition': return m.request.name;
    case 'registry/decideTransition': return requests.get(m.requestId)?.name;
    default: return m.name;
  }
}

async function prepare(db: WorkspaceDb, m: RegistryMutation): Promise<Prepared> {
  const id = m.audit.id;
  const events = (await db.registryEvents.where('id').between(id, `${id}.\uffff`, true, true).toArray()).filter(
    (e) => (e.id === id || e.id.startsWith(`${id}.`)) && !e.id.includes(DERIVED_ID_MARK),
  );
  const requestIds = events.filter((e) => e.id.startsWith(`${id}.c`)).map((e) => e.id.slice(id.length + 2));
  if (m.type === 'registry/decideTransition') requestIds.push(m.requestId);
  if (m.type === 'registry/requestTransition') requestIds.push(m.request.id);
  const rows = await db.approvalRequests.bulkGet(requestIds);
  const requests = new Map(rows.filter((r): r is ApprovalRequest => r !== undefined).map((r) => [r.id, r]));
  const name = modelName(m, requests);
  const prepared: Prepared = { events, requests, versions: [] };
  if (name !== undefined && m.type !== 'registry/createModel') {
    const uid = await localModelUid(db, name);
    if (uid !== undefined) prepared.localUid = uid;
    const n = versionNumber(m, requests);
    if (n !== undefined) prepared.versions = await localVersionUids(db, name, n);
  }
  return prepared;
}

export async function publishRegistry(ctx: SyncContext, m: RegistryMutation, ageMs = 0): Promise<void> {
  const prepared = await prepare(ctx.store.db, m);
  const doc = ctx.root();
  const name = modelName(m, prepared.requests);
  // A model this document has never seen (stored before sync was on): publish it whole first.
  if (name !== undefined && m.type !== 'registry/createModel' && m.type !== 'registry/deleteModel') {
    const before = foldDoc(doc);
    const uid = prepared.localUid;
    const unknown = uid !== undefined ? !before.groupOf.has(uid) && !before.dead.has(uid) : !resolveModel(before, undefined, name);
    if (unknown) await snapshotModel(ctx, name);
  }
  doc.transact(() => {
    const fold = foldDoc(doc);
    const w = new RegistryWriter(doc, ctx.clock.now(ageMs), ctx.by);
    for (const e of prepared.events) w.event(e);
    const target = name === undefined ? undefined : resolveModel(fold, prepared.localUid, name);
    write(m, { fold, w, target, prepared, doc });
  }, LOCAL_ORIGIN);
}

interface Env {
  fold: RegistryFold;
  w: RegistryWriter;
  target: ModelTarget | undefined;
  prepared: Prepared;
  doc: Y.Doc;
}

const deletedBy = (m: { audit: { at: number; actor: Actor } }): FieldValue => ({ at: m.audit.at, by: { ...m.audit.actor } });

function write(m: RegistryMutation, env: Env): void {
  const { w, target, fold, prepared } = env;
  const recorded = prepared.events.length > 0;
  const at = m.audit.at;
  const edit = (changes: Record<string, FieldValue>): void => {
    if (target) w.model(target.canonical, changes);
  };
  const version = (n: number): string | undefined => versionUidOf(fold, target, n, prepared.versions);
  switch (m.type) {
    case 'registry/createModel':
      w.model(m.audit.id, { name: m.name, description: m.description, created: at, user: userIdOf(m), updated: at, ...tagFields(m.tags) });
      return;
    case 'registry/renameModel':
      for (const uid of target?.uids ?? []) w.model(uid, { name: m.newName, renamed: at, updated: at });
      return;
    case 'registry/updateModel':
      edit({ description: m.description, updated: at });
      return;
    case 'registry/deleteModel':
      for (const uid of target?.uids ?? []) w.model(uid, { deleted: deletedBy(m) });
      cancelled(m, env);
      return;
    case 'registry/setModelTag':
      edit({ [`tag:${m.key}`]: m.value });
      return;
    case 'registry/deleteModelTag':
      if (recorded) edit({ [`tag:${m.key}`]: null });
      return;
    case 'registry/createVersion': {
      if (!target) return;
      const number = Number(prepared.events.find((e) => e.id === m.audit.id)?.version);
      w.version(m.audit.id, {
        model: target.canonical,
        number: Number.isSafeInteger(number) ? number : 0,
        source: m.source,
        storageLocation: m.storageLocation,
        runId: m.runId,
        runLink: m.runLink,
        description: m.description,
        user: userIdOf(m),
        created: at,
        ...tagFields(m.tags),
      });
      edit({ updated: at });
      return;
    }
    case 'registry/updateVersion':
      versionEdit(env, version(m.version), { description: m.description, updated: at });
      return;
    case 'registry/transitionStage':
      stage(env, m.audit.id, version(m.version), m.stage, m.archiveExistingVersions, m.audit);
      return;
    case 'registry/deleteVersion':
      versionEdit(env, version(m.version), { deleted: deletedBy(m) });
      edit({ updated: at });
      cancelled(m, env);
      return;
    case 'registry/setVersionTag':
      versionEdit(env, version(m.version), { [`tag:${m.key}`]: m.value });
      return;
    case 'registry/deleteVersionTag':
      if (recorded) versionEdit(env, version(m.version), { [`tag:${m.key}`]: null });
      return;
    case 'registry/setAlias':
      alias(env, m.alias, version(m.version));
      return;
    case 'registry/deleteAlias':
      if (recorded) edit({ [`alias:${m.alias}`]: null });
      return;
    case 'registry/setGate':
      if (target) w.gate(target.canonical, { stages: [...m.gate.stages], aliases: [...m.gate.aliases] });
      return;
    case 'registry/requestTransition':
      request(env, m.request);
      return;
    case 'registry/decideTransition':
      decided(m, env);
      return;
  }
}

function versionEdit(env: Env, uid: string | undefined, changes: Record<string, FieldValue>): void {
  if (uid !== undefined) env.w.version(uid, changes);
}

function stage(env: Env, id: string, versionUid: string | undefined, to: Stage, archive: boolean, stamp: { at: number; actor: Actor }, approval?: { request: string; decision: string }): void {
  const { w, target } = env;
  if (!target || versionUid === undefined) return;
  const entry = { model: target.canonical, version: versionUid, stage: to, archiveExisting: archive, actor: { ...stamp.actor }, at: stamp.at };
  w.transition(id, approval ? { ...entry, request: approval.request, approval: approval.decision } : entry);
  w.model(target.canonical, { updated: stamp.at });
}

function alias(env: Env, name: string, versionUid: string | undefined): void {
  const { w, target, fold } = env;
  if (!target || versionUid === undefined) return;
  // A move keeps the alias's place in the list (its first-set stamp); a new alias goes last.
  const since = (target.name !== undefined ? fold.models.get(target.name)?.aliasSince.get(name) : undefined) ?? w.hlc;
  w.model(target.canonical, { [`alias:${name}`]: { v: versionUid, since } });
}

function request(env: Env, r: ApprovalRequest): void {
  const { w, target } = env;
  const versionUid = versionUidOf(env.fold, target, Number(r.version), env.prepared.versions);
  if (!target || versionUid === undefined) return;
  w.request(r.id, {
    model: target.canonical,
    version: versionUid,
    target: r.target.kind === 'stage' ? { kind: 'stage', stage: r.target.stage } : { kind: 'alias', alias: r.target.alias },
    archive: r.archiveExistingVersions,
    requestedBy: { ...r.requestedBy },
    requestedAt: r.requestedAt,
    comment: r.comment,
  });
}

/** Decision fields for the requests a delete cancelled (their events are `<id>.c<request id>`). */
function cancelled(m: M<'registry/deleteModel'> | M<'registry/deleteVersion'>, env: Env): void {
  for (const e of env.prepared.events) {
    if (!e.id.startsWith(`${m.audit.id}.c`)) continue;
    const r = env.prepared.requests.get(e.id.slice(m.audit.id.length + 2));
    if (r) env.w.request(r.id, { [`decision:${e.id}`]: { status: 'CANCELLED', by: { ...m.audit.actor }, at: m.audit.at, comment: r.decisionComment ?? '' } });
  }
}

function decided(m: M<'registry/decideTransition'>, env: Env): void {
  const r = env.prepared.requests.get(m.requestId);
  if (!r) return;
  // A request made before sync was on is published with its decision.
  if (!env.w.has('requests', r.id)) request(env, r);
  env.w.request(r.id, { [`decision:${m.audit.id}`]: { status: m.decision, by: { ...m.audit.actor }, at: m.audit.at, comment: m.comment } });
  if (m.decision !== 'APPROVED') return;
  const versionUid = versionUidOf(env.fold, env.target, Number(r.version), env.prepared.versions);
  const approval = { request: r.id, decision: m.audit.id };
  if (r.target.kind === 'stage') stage(env, `${m.audit.id}.x`, versionUid, r.target.stage, r.archiveExistingVersions, m.audit, approval);
  else alias(env, r.target.alias, versionUid);
}
