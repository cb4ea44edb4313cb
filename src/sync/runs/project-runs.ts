// A run shard document's runs, metric refs and artifact refs into rows. Touched runs are folded
// again whole (slots filtered, refs folded into summaries plus this peer's unsealed points) and
// written when they differ from the stored row; refs not applied here yet are handed back so the
// adapter can append their points (bytes here) or ask for the blob. Entries of a run that belongs
// to another shard (only a buggy or hostile peer writes them) are ignored, the same way on every
// peer: a run is read from its own shard only.
import type * as Y from 'yjs';
import type { Activity } from '../adapter';
import type { Mutation } from '../../domain/mutations';
import { artifactFromFields, checkArtifactField } from '../../domain/sync/artifact-entity';
import { parseHlc } from '../../domain/sync/hlc';
import type { ChunkSeries } from '../../domain/sync/metric-chunk';
import { type MetricRef, foldRefSummaries, parseMetricRef } from '../../domain/sync/metric-ref';
import { isRunId } from '../../domain/sync/remote-values';
import { checkRunField, runFromFields } from '../../domain/sync/run-entity';
import { sameValue } from '../../domain/sync/same-value';
import { filterSlots } from '../../domain/sync/slot-filter';
import { foldEntity } from '../../domain/sync/slots';
import type { ArtifactRow, WorkspaceDb } from '../../storage/schema';
import { entityOfKey, slotIndex } from '../entity-map';
import { latestWrite } from './latest-write';
import { ARTIFACTS, METRIC_REFS, RUNS } from './maps';

/** What changed in the document; `all` for a whole-document fold. */
export interface Touched {
  all: boolean;
  runs: Set<string>;
  artifacts: Set<string>;
  refKeys: Set<string>;
}

export function touchedBy(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>, doc: Y.Doc): Touched {
  const t: Touched = { all: events.length === 0, runs: new Set(), artifacts: new Set(), refKeys: new Set() };
  const runs = doc.getMap(RUNS);
  const refs = doc.getMap(METRIC_REFS);
  const artifacts = doc.getMap(ARTIFACTS);
  for (const e of events) {
    const keys = (e as Y.YMapEvent<unknown>).keysChanged ?? new Set<string>();
    if (e.target === runs) {
      for (const k of keys) {
        const id = entityOfKey(k);
        if (id !== undefined) t.runs.add(id);
      }
    } else if (e.target === refs) {
      for (const k of keys) {
        t.refKeys.add(k);
        const bar = k.indexOf('|');
        if (bar > 0) t.runs.add(k.slice(0, bar));
      }
    } else if (e.target === artifacts) {
      for (const k of keys) {
        const id = entityOfKey(k);
        if (id !== undefined) t.artifacts.add(id);
      }
    }
  }
  return t;
}

export interface RunsProjection {
  mutations: Mutation[];
  activity: Activity[];
  /** refs of this document not applied here yet (the adapter appends or wants them) */
  unapplied: MetricRef[];
  maxHlc: string | undefined;
  problems: string[];
}

export interface ProjectRunsEnv {
  db: WorkspaceDb;
  me: string;
  /** this peer's points of a run that are not sealed into a chunk yet */
  unsealed(runId: string): ChunkSeries[];
  /** true for the runs this document holds (its shard) */
  inShard(runId: string): boolean;
}

export async function projectRunsDoc(env: ProjectRunsEnv, doc: Y.Doc, touched: Touched): Promise<RunsProjection> {
  const out: RunsProjection = { mutations: [], activity: [], unapplied: [], maxHlc: undefined, problems: [] };
  const seen = (hlc: string): void => {
    if (out.maxHlc === undefined || hlc > out.maxHlc) out.maxHlc = hlc;
  };
  await projectRuns(env, doc, touched, out, seen);
  await projectArtifacts(env, doc, touched, out);
  await collectUnapplied(env, doc, touched, out);
  return out;
}

/** Refs of the given runs, read in one pass over the keys (only matching refs are parsed). */
function refsOfRuns(refs: Y.Map<unknown>, runIds: Set<string> | 'all'): Map<string, MetricRef[]> {
  const byRun = new Map<string, MetricRef[]>();
  for (const [key, value] of refs.entries()) {
    const bar = key.indexOf('|');
    const runId = key.slice(0, bar);
    if (bar <= 0 || (runIds !== 'all' && !runIds.has(runId))) continue;
    const ref = parseMetricRef(key, value);
    if (!ref) continue;
    const list = byRun.get(runId);
    if (list) list.push(ref);
    else byRun.set(runId, [ref]);
  }
  return byRun;
}

async function projectRuns(env: ProjectRunsEnv, doc: Y.Doc, touched: Touched, out: RunsProjection, seen: (hlc: string) => void): Promise<void> {
  const map = doc.getMap(RUNS);
  const candidates = touched.all ? [...slotIndex(map).keys()] : [...touched.runs];
  if (candidates.length === 0) return;
  const stored = await env.db.runs.bulkGet(candidates);
  // From here on nothing awaits, so the document cannot change under the fold.
  const index = slotIndex(map);
  const refs = refsOfRuns(doc.getMap(METRIC_REFS), touched.all ? 'all' : new Set(candidates));
  candidates.forEach((runId, i) => {
    if (!index.has(runId)) return;
    if (!isRunId(runId)) {
      out.problems.push('ignored a run with an invalid id from another peer');
      return;
    }
    if (!env.inShard(runId)) {
      out.problems.push(`ignored run ${runId} written into another run's shard document`);
      return;
    }
    const { slots, refused } = filterSlots((index.get(runId) ?? []).map((k) => map.get(k)), checkRunField);
    if (refused > 0) out.problems.push(`ignored ${refused} malformed field(s) of run ${runId}`);
    const fields = foldEntity(slots);
    const run = runFromFields(runId, fields, foldRefSummaries(refs.get(runId) ?? [], env.unsealed(runId)));
    // Not all of it here yet (its creation is still on the way): stored once it is complete.
    if (!run) return;
    const w = latestWrite(fields, slots);
    if (w) seen(w.hlc);
    const row = stored[i];
    if (row && sameValue(row, { ...run, runId })) return;
    out.mutations.push({ type: 'sync/putRun', run });
    if (w && w.peer !== env.me) {
      const verb = !row ? 'created' : row.info.lifecycleStage !== run.info.lifecycleStage ? (run.info.lifecycleStage === 'deleted' ? 'deleted' : 'restored') : 'updated';
      out.activity.push({ at: parseHlc(w.hlc)?.wall ?? 0, peer: w.peer, user: w.user, text: `${w.user || w.peer} ${verb} run "${run.info.runName}"`, href: `/runs/${runId}` });
    }
  });
}

async function projectArtifacts(env: ProjectRunsEnv, doc: Y.Doc, touched: Touched, out: RunsProjection): Promise<void> {
  const map = doc.getMap(ARTIFACTS);
  const index = touched.all || touched.artifacts.size > 0 ? slotIndex(map) : new Map<string, string[]>();
  const ids = touched.all ? [...index.keys()] : [...touched.artifacts].filter((id) => index.has(id));
  const refs = [];
  for (const id of ids) {
    const { slots, refused } = filterSlots((index.get(id) ?? []).map((k) => map.get(k)), checkArtifactField);
    const ref = artifactFromFields(id, foldEntity(slots));
    if (refused > 0 || !ref) out.problems.push(`ignored a malformed artifact reference from another peer`);
    else if (!env.inShard(ref.runId)) out.problems.push(`ignored an artifact reference of run ${ref.runId} written into another run's shard document`);
    if (ref && env.inShard(ref.runId)) refs.push(ref);
  }
  if (refs.length === 0) return;
  const rows = await env.db.artifacts.bulkGet(refs.map((r) => [r.runId, r.path] as [string, string]));
  refs.forEach((r, i) => {
    const want: ArtifactRow = { runId: r.runId, path: r.path, size: r.size, sha256: r.sha256, createdAt: r.at };
    const row = rows[i];
    if (!row || !sameValue(row, want)) out.mutations.push({ type: 'sync/putArtifactRef', runId: r.runId, path: r.path, sha256: r.sha256, size: r.size, at: r.at });
  });
}

async function collectUnapplied(env: ProjectRunsEnv, doc: Y.Doc, touched: Touched, out: RunsProjection): Promise<void> {
  const map = doc.getMap(METRIC_REFS);
  const keys = touched.all ? [...map.keys()] : [...touched.refKeys];
  const refs: MetricRef[] = [];
  for (const key of keys) {
    const value = map.get(key);
    if (value === undefined) continue;
    const ref = parseMetricRef(key, value);
    if (!ref) out.problems.push('ignored a malformed metric chunk reference from another peer');
    else if (!env.inShard(ref.run)) out.problems.push(`ignored a metric chunk reference of run ${ref.run} written into another run's shard document`);
    else refs.push(ref);
  }
  if (refs.length === 0) return;
  const applied = await env.db.syncApplied.bulkGet(refs.map((r) => r.hash));
  refs.forEach((r, i) => {
    if (!applied[i]) out.unapplied.push(r);
  });
}
