// The first share of a workspace that already holds data: every experiment, run and artifact ref
// as entities, and the stored metric history as chunks (read run by run, up to the marks taken when
// the journal started, so points logged since are sealed from the journal and never twice).
import type * as Y from 'yjs';
import { joinChunks } from '../../domain/metric-history';
import { artifactEntityId, artifactFields } from '../../domain/sync/artifact-entity';
import { experimentFields } from '../../domain/sync/experiment-entity';
import { encodeHlc } from '../../domain/sync/hlc';
import type { ChunkSeries } from '../../domain/sync/metric-chunk';
import { refKey } from '../../domain/sync/metric-ref';
import { runFields } from '../../domain/sync/run-entity';
import { type HistoryMark, type SnapshotBase, readHistoryUpTo, storeSealedChunks } from '../../storage/mutations/sync-runs';
import { enqueueUploads } from '../../storage/sync-blob-rows';
import type { WorkspaceDb } from '../../storage/schema';
import { LOCAL_ORIGIN } from '../adapter';
import { EntityWriter } from './entity-writer';
import { ARTIFACTS, EXPERIMENTS, METRIC_REFS, RUNS } from './maps';
import { sealSeries } from './metric-chunks';

export interface SnapshotEnv {
  db: WorkspaceDb;
  by: { peer: string; user: string };
  hlc: string;
  root: Y.Doc;
  /** the run shard document holding a run */
  runDoc(runId: string): Y.Doc;
  /** awaits what the documents' update listeners did with the writes so far (persistence) */
  settle(): Promise<unknown>;
}

/** Runs written per Yjs transaction, so a large workspace is shared in bounded steps. */
const RUNS_PER_STEP = 500;

export async function writeSnapshot(env: SnapshotEnv, base: SnapshotBase): Promise<void> {
  const writer = new EntityWriter(env.by);
  for (const e of base.experiments) writer.set(env.root, EXPERIMENTS, e.experimentId, experimentFields(e), env.hlc);
  writer.flush();
  for (let i = 0; i < base.runs.length; i += RUNS_PER_STEP) {
    for (const run of base.runs.slice(i, i + RUNS_PER_STEP)) writer.set(env.runDoc(run.runId), RUNS, run.runId, runFields(run, env.hlc), env.hlc);
    writer.flush();
    await env.settle();
  }
  for (const a of base.artifacts) {
    writer.set(env.runDoc(a.runId), ARTIFACTS, artifactEntityId(a.runId, a.path), artifactFields({ sha256: a.sha256, size: a.size, at: a.createdAt }), env.hlc);
  }
  writer.flush();
  await enqueueUploads(env.db, [...new Set(base.artifacts.map((a) => a.sha256))]);
  await writeHistory(env, base.history);
}

/** A fixed seal stamp per peer: the same stored history always encodes to the same chunks. */
const snapshotStamp = (peer: string): string => encodeHlc({ wall: 0, counter: 0, peer });

async function writeHistory(env: SnapshotEnv, marks: readonly HistoryMark[]): Promise<void> {
  const byRun = new Map<string, HistoryMark[]>();
  for (const m of marks) {
    const list = byRun.get(m.runId);
    if (list) list.push(m);
    else byRun.set(m.runId, [m]);
  }
  const stamp = snapshotStamp(env.by.peer);
  for (const [runId, runMarks] of byRun) {
    const series: ChunkSeries[] = [];
    for (const mark of [...runMarks].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      series.push({ key: mark.key, ...joinChunks(await readHistoryUpTo(env.db, mark)) });
    }
    const sealed = await sealSeries(runId, series, () => stamp);
    await storeSealedChunks(env.db, sealed);
    const doc = env.runDoc(runId);
    const refs = doc.getMap(METRIC_REFS);
    doc.transact(() => {
      for (const c of sealed) if (!refs.has(refKey(runId, c.hash))) refs.set(refKey(runId, c.hash), c.ref);
    }, LOCAL_ORIGIN);
    await env.settle();
  }
}
