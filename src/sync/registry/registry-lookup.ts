// Which document entities a local mutation means. Local mutations name models and versions the way
// the local tables do (name, number); the document keys them by uid. A model's uid is the id of its
// creation event, found by walking the local audit trail back through renames — exact even when
// the document already holds a remote rename or merge this peer has not projected yet. A version's
// uid is likewise the id of its version/create event, numbered as the local tables number it: by
// that event, or by the derived renumbering event once a merge was projected here. (The folded
// numbering can be ahead of the local one: a remote registration or delete already in the
// document but not yet projected must not make a local "version 3" mean another version.)
import { DERIVED_ID_MARK, type RegistryFold } from '../../domain/sync/registry-fold';
import type { WorkspaceDb } from '../../storage/schema';

/** The uid of the local model called `name`: its model/create event, following renames back. */
export async function localModelUid(db: WorkspaceDb, name: string): Promise<string | undefined> {
  let current = name;
  let before: string | undefined;
  for (let hops = 0; hops < 10_000; hops += 1) {
    const events = (await db.registryEvents.where('name').equals(current).toArray())
      .filter((e) => before === undefined || e.id < before)
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    const next = events.find((e) => e.kind === 'model/create' || (e.kind === 'model/rename' && e.from !== undefined));
    if (!next) return undefined;
    if (next.kind === 'model/create') return next.id;
    current = next.from as string;
    before = next.id;
  }
  return undefined;
}

/** The names a local model has had: `name` and, following rename events back, the earlier ones. */
async function namesOf(db: WorkspaceDb, name: string): Promise<Set<string>> {
  const names = new Set([name]);
  const queue = [name];
  while (queue.length > 0 && names.size < 1000) {
    const renames = await db.registryEvents.where('name').equals(queue.shift() as string).filter((e) => e.kind === 'model/rename').toArray();
    for (const e of renames) {
      if (e.from === undefined || names.has(e.from)) continue;
      names.add(e.from);
      queue.push(e.from);
    }
  }
  return names;
}

/**
 * Version uids the local version `number` of model `name` may be (version/create events under any
 * of the model's names, numbered as the local tables number them). The caller keeps those the
 * document places in the same model.
 */
export async function localVersionUids(db: WorkspaceDb, name: string, number: number): Promise<string[]> {
  const events = await db.registryEvents.where('name').anyOf([...(await namesOf(db, name))]).filter((e) => e.kind === 'version/create').toArray();
  const numbers = new Map<string, string | undefined>();
  for (const e of events) if (!e.id.includes(DERIVED_ID_MARK) && !numbers.has(e.id)) numbers.set(e.id, e.version);
  for (const e of events) {
    const at = e.id.indexOf(DERIVED_ID_MARK);
    if (at > 0 && e.id.endsWith(`${DERIVED_ID_MARK}n`)) numbers.set(e.id.slice(0, at), e.version);
  }
  return [...numbers].filter(([, v]) => v === String(number)).map(([uid]) => uid);
}

export interface ModelTarget {
  /** every uid of the model (renames and deletes go to all of them) */
  uids: string[];
  /** where edits go: the first creation */
  canonical: string;
  /** the folded model's name when it is live in the document */
  name?: string;
}

/**
 * The document model a local name means: the model holding the local uid if the document has it
 * (live, possibly under another name, or deleted), else the live model of that name, else the
 * latest deleted one of that name (a write after its delete brings it back). Undefined when the
 * document has never seen this model.
 */
export function resolveModel(fold: RegistryFold, localUid: string | undefined, name: string): ModelTarget | undefined {
  const live = (n: string): ModelTarget => {
    const uids = fold.models.get(n)?.uids ?? [];
    return { uids, canonical: uids[0] as string, name: n };
  };
  if (localUid !== undefined) {
    const group = fold.groupOf.get(localUid);
    if (group !== undefined) return live(group);
    if (fold.dead.has(localUid)) return { uids: [localUid], canonical: localUid };
  }
  if (fold.models.has(name)) return live(name);
  let best: { uid: string; createdHlc: string } | undefined;
  for (const [uid, d] of fold.dead) if (d.name === name && (!best || d.createdHlc > best.createdHlc)) best = { uid, createdHlc: d.createdHlc };
  return best ? { uids: [best.uid], canonical: best.uid } : undefined;
}

/**
 * The document's uid for local version `number` of `target`: the local candidate the document puts
 * in that model, else (a version the local trail cannot place) the folded model's live version of
 * that number.
 */
export function versionUidOf(fold: RegistryFold, target: ModelTarget | undefined, number: number, local: readonly string[] = []): string | undefined {
  if (!target) return undefined;
  const mine = new Set(target.uids);
  const placed = local.filter((uid) => mine.has(fold.versionModel.get(uid) ?? '')).sort();
  if (placed.length > 0) return placed[placed.length - 1];
  return target.name === undefined ? undefined : fold.models.get(target.name)?.live.get(number);
}
