// An imported registered model into the root document. A model the document has never seen is
// written whole from the tables (snapshotModel: versions, stages, aliases), as a first share
// would. A model it has already (imported again from a newer copy of the tree) gets what the import
// changed: new versions (uid = their import event's id, like a version created here), stage
// changes as transitions that archive nothing (they replay to the file's stages), edited
// descriptions and tags, and new or moved aliases. The import's audit events always go in.
import type { ImportMutation } from '../../domain/mutations';
import type { RegistryEvent } from '../../domain/registry';
import { DERIVED_ID_MARK } from '../../domain/sync/registry-fold';
import type { FieldValue } from '../../domain/sync/slots';
import { LOCAL_ORIGIN, type SyncContext } from '../adapter';
import { foldDoc } from './registry-doc';
import { localModelUid, localVersionUids, resolveModel, versionUidOf } from './registry-lookup';
import { RegistryWriter, tagFields } from './registry-writer';
import { snapshotModel } from './snapshot';

type ImportedModel = Extract<ImportMutation, { type: 'import/registeredModel' }>;

/** Tags added or changed (an import never deletes one). */
function changedTags(next: Record<string, string>, previous: Record<string, string>): Record<string, FieldValue> {
  return tagFields(Object.fromEntries(Object.entries(next).filter(([k, v]) => previous[k] !== v)));
}

const eventOf = (events: readonly RegistryEvent[], kind: RegistryEvent['kind'], version: number): RegistryEvent | undefined =>
  events.find((e) => e.kind === kind && e.version === String(version) && !e.id.includes(DERIVED_ID_MARK));

export async function publishImportedModel(ctx: SyncContext, m: ImportedModel, ageMs: number): Promise<void> {
  const { db } = ctx.store;
  const name = m.model.name;
  const doc = ctx.root();
  const localUid = await localModelUid(db, name);
  const before = foldDoc(doc);
  const known = localUid !== undefined ? before.groupOf.has(localUid) || before.dead.has(localUid) : resolveModel(before, undefined, name) !== undefined;
  if (!known) await snapshotModel(ctx, name);
  const existing = new Map<number, string[]>();
  for (const { previous } of m.versions) if (previous) existing.set(previous.version, await localVersionUids(db, name, previous.version));

  doc.transact(() => {
    const w = new RegistryWriter(doc, ctx.clock.now(ageMs), ctx.by);
    for (const e of m.events) w.event(e);
    if (!known) return; // written whole above
    const fold = foldDoc(doc);
    const target = resolveModel(fold, localUid, name);
    if (!target) return;
    const uidOf = new Map<number, string>();
    const previous = m.previous;
    const modelChanges: Record<string, FieldValue> = { ...changedTags(m.model.tags, previous?.tags ?? {}) };
    if (!previous || previous.description !== m.model.description) modelChanges.description = m.model.description;
    for (const { row, previous: was } of m.versions) {
      const created = eventOf(m.events, 'version/create', row.version);
      const uid = was ? versionUidOf(fold, target, row.version, existing.get(row.version)) : created?.id;
      if (uid === undefined) continue;
      uidOf.set(row.version, uid);
      if (!was) {
        w.version(uid, {
          model: target.canonical,
          number: row.version,
          source: row.source,
          storageLocation: row.storageLocation,
          runId: row.runId,
          runLink: row.runLink,
          description: row.description,
          user: row.userId,
          created: row.creationTimestamp,
          ...tagFields(row.tags),
        });
      } else {
        const changes = changedTags(row.tags, was.tags);
        if (was.description !== row.description) changes.description = row.description;
        if (Object.keys(changes).length > 0) w.version(uid, changes);
      }
      if (row.currentStage !== (was?.currentStage ?? 'None')) {
        const id = eventOf(m.events, 'version/stage', row.version)?.id ?? `${uid}${DERIVED_ID_MARK}i${w.hlc}`;
        w.transition(id, { model: target.canonical, version: uid, stage: row.currentStage, archiveExisting: false, actor: { name: row.userId, email: '' }, at: row.lastUpdatedTimestamp });
      }
    }
    const had = new Map((previous?.aliases ?? []).map((a) => [a.alias, a.version]));
    for (const a of m.model.aliases) {
      if (had.get(a.alias) === a.version) continue;
      const uid = uidOf.get(Number(a.version)) ?? versionUidOf(fold, target, Number(a.version));
      const since = fold.models.get(target.name ?? name)?.aliasSince.get(a.alias) ?? w.hlc;
      if (uid !== undefined) modelChanges[`alias:${a.alias}`] = { v: uid, since };
    }
    if (Object.keys(modelChanges).length > 0 || m.versions.length > 0) w.model(target.canonical, { ...modelChanges, updated: m.model.lastUpdatedTimestamp });
  }, LOCAL_ORIGIN);
}
