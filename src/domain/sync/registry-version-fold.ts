// Model versions from the `versions` slot map and stages from the `transitions` log, per model:
// numbers assigned in creation order (the proposed number if free, else max+1; numbers of deleted
// versions stay taken), then transitions replayed in (hlc, id) order with MLflow's
// archive_existing_versions.
import { ACTIVE_STAGES } from '../registry/registry-validation';
import type { Stage } from '../registry/entities';
import type { Hlc } from './hlc';
import { type EntityFields, foldSlotMap } from './registry-entities';
import type { ModelEntity } from './registry-model-fold';
import type { Gone } from './registry-request-fold';
import { type DeletedValue, type TransitionEntry, isId, parseDeleted } from './registry-wire';

export interface VersionEntity {
  uid: string;
  model: string;
  created: number;
  createdHlc: Hlc;
  /** the number its creator gave it (its local model's nextVersion) */
  proposed?: number;
  deleted?: DeletedValue & { hlc: Hlc };
  fields: EntityFields;
}

/** Highest number a peer may propose; anything else is renumbered (a hostile 1e300 stays out). */
const MAX_PROPOSED = 1_000_000_000;

/** Valid version entities by uid; one without a model uid or creation stamp is garbage. */
export function readVersions(slots: ReadonlyMap<string, unknown>): Map<string, VersionEntity> {
  const out = new Map<string, VersionEntity>();
  for (const [uid, fields] of foldSlotMap(slots, 'versions')) {
    const model = fields.get('model')?.value;
    const created = fields.get('created');
    if (!isId(model) || !created || typeof created.value !== 'number' || !Number.isFinite(created.value)) continue;
    const v: VersionEntity = { uid, model, created: created.value, createdHlc: created.hlc, fields };
    const n = fields.get('number')?.value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_PROPOSED) v.proposed = n;
    const del = fields.get('deleted');
    const deleted = del && parseDeleted(del.value);
    if (del && deleted) v.deleted = { ...deleted, hlc: del.hlc };
    out.set(uid, v);
  }
  return out;
}

/** Numbers for one model's versions (all of them, deleted included), in (created, uid) order. */
export function numberVersions(versions: readonly VersionEntity[]): Map<string, number> {
  const ordered = [...versions].sort((a, b) => (a.createdHlc !== b.createdHlc ? (a.createdHlc < b.createdHlc ? -1 : 1) : a.uid < b.uid ? -1 : 1));
  const numbers = new Map<string, number>();
  const taken = new Set<number>();
  let max = 0;
  for (const v of ordered) {
    const n = v.proposed !== undefined && !taken.has(v.proposed) ? v.proposed : max + 1;
    numbers.set(v.uid, n);
    taken.add(n);
    if (n > max) max = n;
  }
  return numbers;
}

/** A version's state after the transitions: its stage, and the latest stamped change to it. */
export interface StageState {
  stage: Stage;
  /** [stamp, wall ms] of the latest transition that moved or archived it */
  touched?: [Hlc, number];
}

/**
 * Replays a model's transitions (only those of its live versions, already filtered by the caller
 * for approvals that did not win) in (hlc, id) order. Staging/Production with archiveExisting
 * archives every other live version in that stage; other stages never archive.
 */
export function foldStages(live: ReadonlySet<string>, transitions: ReadonlyArray<[string, TransitionEntry]>): Map<string, StageState> {
  const state = new Map<string, StageState>([...live].map((uid) => [uid, { stage: 'None' as Stage }]));
  const ordered = transitions.filter(([, t]) => live.has(t.version)).sort(([ia, a], [ib, b]) => (a.hlc !== b.hlc ? (a.hlc < b.hlc ? -1 : 1) : ia < ib ? -1 : ia > ib ? 1 : 0));
  for (const [, t] of ordered) {
    state.set(t.version, { stage: t.stage, touched: [t.hlc, t.at] });
    if (!t.archiveExisting || !ACTIVE_STAGES.includes(t.stage)) continue;
    for (const [uid, s] of state) {
      if (uid !== t.version && s.stage === t.stage) state.set(uid, { stage: 'Archived', touched: [t.hlc, t.at] });
    }
  }
  return state;
}

/** What the fold knows of a version beyond its fields: its model's name, number, and liveness. */
export interface VersionInfo {
  name: string;
  number: number;
  live: boolean;
  /** why it is not live (the first delete by HLC: its own or its model's) */
  gone?: Gone;
}

/** Numbers (and liveness, and why gone) for the versions of one numbering unit. */
export function numberUnit(name: string, members: readonly ModelEntity[], versionsOf: ReadonlyMap<string, VersionEntity[]>, info: Map<string, VersionInfo>): VersionEntity[] {
  const all = members.flatMap((m) => versionsOf.get(m.uid) ?? []);
  const numbers = numberVersions(all);
  const deletedOf = new Map(members.map((m) => [m.uid, m.deleted]));
  for (const v of all) {
    const n = numbers.get(v.uid) as number;
    const modelDelete = deletedOf.get(v.model);
    const modelGone = modelDelete !== undefined && !(v.createdHlc > modelDelete.hlc);
    const entry: VersionInfo = { name, number: n, live: !v.deleted && !modelGone };
    // Whichever delete came first (by HLC) is why it is gone.
    const why: Array<[Hlc, Gone]> = [];
    if (v.deleted) why.push([v.deleted.hlc, { by: v.deleted.by, at: v.deleted.at, why: `version ${n} was deleted` }]);
    if (modelGone) why.push([modelDelete.hlc, { by: modelDelete.by, at: modelDelete.at, why: 'the registered model was deleted' }]);
    why.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    if (why[0]) entry.gone = why[0][1];
    info.set(v.uid, entry);
  }
  return all;
}
