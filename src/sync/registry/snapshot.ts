// The local registry into the root document when a workspace is first shared (or when a local
// model the document has never seen is edited). Uids are the creation events' ids, as publish
// gives them, so a later publish of the same model finds it; a model whose uid the document
// already has is left alone (idempotent, and never rolls back a remote rename or edit). Each
// version gets its own, increasing stamp, so the fold numbers them as they are numbered here (a
// deleted version is written as a deleted entity, keeping its number taken); stages are written as
// transitions without archiving, which replay to the same stages.
import type { RegistryEvent } from '../../domain/registry';
import { modelHistory } from '../../domain/registry';
import { newSortableId } from '../../domain/ids';
import { DERIVED_ID_MARK } from '../../domain/sync/registry-fold';
import type { FieldValue } from '../../domain/sync/slots';
import { LOCAL_ORIGIN, type SyncContext } from '../adapter';
import { foldDoc, registryMaps } from './registry-doc';
import { localModelUid, resolveModel, versionUidOf } from './registry-lookup';
import { RegistryWriter, tagFields } from './registry-writer';

/** Writes the local model `name` (row, versions, stages, aliases, gate) unless the document has it. */
export async function snapshotModel(ctx: SyncContext, name: string, allEvents?: RegistryEvent[]): Promise<void> {
  const { db } = ctx.store;
  const row = await db.registeredModels.get(name);
  if (!row) return;
  const versions = (await db.modelVersions.where('name').equals(name).toArray()).sort((a, b) => a.version - b.version);
  const gate = await db.approvalGates.get(name);
  const uid = (await localModelUid(db, name)) ?? newSortableId(row.creationTimestamp);
  const history = modelHistory(allEvents ?? (await db.registryEvents.toArray()), name);
  const vuidOf = (n: number): string => history.find((e) => e.kind === 'version/create' && e.version === String(n) && !e.id.includes(DERIVED_ID_MARK))?.id ?? `${uid}.v${n}`;
  const doc = ctx.root();
  doc.transact(() => {
    const fold = foldDoc(doc);
    if (fold.groupOf.has(uid) || fold.dead.has(uid)) return;
    const next = (): RegistryWriter => new RegistryWriter(doc, ctx.clock.now(), ctx.by);
    next().model(uid, {
      name,
      created: row.creationTimestamp,
      user: row.userId,
      updated: row.lastUpdatedTimestamp,
      description: row.description,
      ...tagFields(row.tags),
    });
    const vuids = new Map<number, string>();
    for (const v of versions) {
      const vuid = vuidOf(v.version);
      vuids.set(v.version, vuid);
      next().version(vuid, {
        model: uid,
        number: v.version,
        source: v.source,
        storageLocation: v.storageLocation,
        runId: v.runId,
        runLink: v.runLink,
        description: v.description,
        user: v.userId,
        created: v.creationTimestamp,
        ...tagFields(v.tags),
      });
      // A later stamp than the creation, so the fold's lastUpdatedTimestamp is this one.
      const later = next();
      later.version(vuid, { updated: v.lastUpdatedTimestamp });
      if (v.currentStage !== 'None') {
        later.transition(`${vuid}${DERIVED_ID_MARK}s`, { model: uid, version: vuid, stage: v.currentStage, archiveExisting: false, actor: { name: v.userId, email: '' }, at: v.lastUpdatedTimestamp });
      }
    }
    // Numbers of deleted versions stay taken: each becomes a deleted entity holding its number.
    const live = new Set(versions.map((v) => v.version));
    for (let n = 1; n < row.nextVersion; n++) {
      if (live.has(n)) continue;
      const created = history.find((e) => e.kind === 'version/create' && e.version === String(n) && !e.id.includes(DERIVED_ID_MARK));
      const deleted = history.find((e) => e.kind === 'version/delete' && e.version === String(n));
      const actor = deleted?.actor ?? created?.actor ?? { name: row.userId, email: '' };
      next().version(vuidOf(n), {
        model: uid,
        number: n,
        source: created?.to ?? '',
        created: created?.at ?? row.creationTimestamp,
        deleted: { at: deleted?.at ?? created?.at ?? row.creationTimestamp, by: { ...actor } },
      });
    }
    for (const a of row.aliases) {
      const vuid = vuids.get(Number(a.version));
      const w = next();
      if (vuid !== undefined) w.model(uid, { [`alias:${a.alias}`]: { v: vuid, since: w.hlc } });
    }
    if (gate) next().gate(uid, { stages: [...gate.stages], aliases: [...gate.aliases] });
  }, LOCAL_ORIGIN);
}

/** Everything stored locally: models, requests, the audit trail. Idempotent. */
export async function snapshotRegistry(ctx: SyncContext): Promise<void> {
  const { db } = ctx.store;
  const events = await db.registryEvents.toArray();
  const names = (await db.registeredModels.toArray()).sort((a, b) => a.creationTimestamp - b.creationTimestamp).map((m) => m.name);
  for (const name of names) await snapshotModel(ctx, name, events);
  const requests = await db.approvalRequests.toArray();
  const uids = new Map<string, string | undefined>();
  for (const r of requests) if (!uids.has(r.name)) uids.set(r.name, await localModelUid(db, r.name));
  const doc = ctx.root();
  doc.transact(() => {
    const fold = foldDoc(doc);
    const w = new RegistryWriter(doc, ctx.clock.now(), ctx.by);
    for (const r of requests) {
      const target = resolveModel(fold, uids.get(r.name), r.name);
      const version = versionUidOf(fold, target, Number(r.version));
      // Requests of deleted versions stay local history (their events still go into the trail).
      if (!target || version === undefined || w.has('requests', r.id)) continue;
      const fields: Record<string, FieldValue> = {
        model: target.canonical,
        version,
        target: r.target.kind === 'stage' ? { kind: 'stage', stage: r.target.stage } : { kind: 'alias', alias: r.target.alias },
        archive: r.archiveExistingVersions,
        requestedBy: { ...r.requestedBy },
        requestedAt: r.requestedAt,
        comment: r.comment,
      };
      if (r.status !== 'PENDING') {
        fields[`decision:${r.id}${DERIVED_ID_MARK}d`] = { status: r.status, by: { ...(r.decidedBy ?? { name: '', email: '' }) }, at: r.decidedAt ?? r.requestedAt, comment: r.decisionComment ?? '' };
      }
      w.request(r.id, fields);
    }
    const audit = registryMaps(doc).audit;
    for (const e of events) if (!e.id.includes(DERIVED_ID_MARK) && !audit.has(e.id)) w.event(e);
  }, LOCAL_ORIGIN);
}
