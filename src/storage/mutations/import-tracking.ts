// Experiments, runs, metric points and artifacts imported from an MLflow FileStore tree (origin
// 'import'). The rows arrive merged (domain/mlruns/import-rules.ts); these handlers only check
// that what the import read is still what is stored, then write. No "active?" or param-immutability
// checks: a deleted run in a deleted experiment is imported as such, faithfully.
import Dexie from 'dexie';
import { MlflowError } from '../../domain/errors';
import { appendToChunks, type MetricChunk } from '../../domain/metric-history';
import { overviewOf } from '../../domain/metric-overview';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { sameValue } from '../../domain/sync/same-value';
import type { WorkspaceDb } from '../schema';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

/** The workspace changed between the import's read and its write: nothing is written. */
export const changedMeanwhile = (what: string): MlflowError =>
  new MlflowError(`${what} changed in this workspace while the import was running; nothing was imported. Import again.`, 'ABORTED');

export async function importExperiment(db: WorkspaceDb, m: M<'import/experiment'>): Promise<MutationEffect> {
  const e = m.experiment;
  const stored = (await db.experiments.get(e.experimentId)) ?? null;
  if (!sameValue(stored, m.previous)) throw changedMeanwhile(`Experiment ${e.experimentId}`);
  const clash = await db.experiments.where('name').equals(e.name).first();
  if (clash && clash.experimentId !== e.experimentId) throw changedMeanwhile(`The experiment name '${e.name}'`);
  await db.experiments.put(structuredClone(e));
  return { experimentIds: [e.experimentId], runIds: [] };
}

export async function importRun(db: WorkspaceDb, m: M<'import/run'>): Promise<MutationEffect> {
  const { runId } = m.run;
  const stored = (await db.runs.get(runId)) ?? null;
  if (!sameValue(stored, m.previous)) throw changedMeanwhile(`Run ${runId}`);
  if (!(await db.experiments.get(m.run.info.experimentId))) throw changedMeanwhile(`Experiment ${m.run.info.experimentId}`);
  const chunks: MetricChunk[] = [];
  const fresh = m.metrics.filter((s) => s.after === null);
  // One look for the whole run instead of one per key: no history may exist for a key the import
  // read as empty (sync can store chunks of a run before its row).
  const storedKeys = fresh.length > 0 ? new Set((await db.metricChunks.where('runId').equals(runId).primaryKeys()).map((k) => k[1])) : new Set<string>();
  for (const series of m.metrics) {
    let tail: MetricChunk | undefined;
    if (series.after === null) {
      if (storedKeys.has(series.key)) throw changedMeanwhile(`The history of metric '${series.key}' of run ${runId}`);
    } else {
      const range = db.metricChunks.where('[runId+key+seq]').between([runId, series.key, Dexie.minKey], [runId, series.key, Dexie.maxKey]);
      tail = await range.last();
      if (!tail || tail.seq !== series.after.seq || tail.count !== series.after.count) throw changedMeanwhile(`The history of metric '${series.key}' of run ${runId}`);
    }
    chunks.push(...appendToChunks(runId, series.key, tail, series));
  }
  await db.runs.put(structuredClone(m.run));
  if (chunks.length > 0) {
    await db.metricChunks.bulkPut(chunks);
    await db.metricOverviews.bulkPut(chunks.map(overviewOf));
  }
  const from = stored?.info.experimentId;
  const to = m.run.info.experimentId;
  return { experimentIds: from !== undefined && from !== to ? [from, to] : [], runIds: [runId] };
}

export async function importArtifacts(db: WorkspaceDb, m: M<'import/artifacts'>): Promise<MutationEffect> {
  const stored = await db.artifacts.bulkGet(m.files.map((f) => [m.runId, f.path] as [string, string]));
  m.files.forEach((f, i) => {
    if ((stored[i]?.sha256 ?? null) !== f.previous) throw changedMeanwhile(`Artifact '${f.path}' of run ${m.runId}`);
  });
  const hashes = [...new Set(m.files.map((f) => f.sha256))];
  const have = new Set((await db.blobs.bulkGet(hashes)).flatMap((b) => (b ? [b.sha256] : [])));
  const blobs = new Map(m.files.filter((f) => !have.has(f.sha256)).map((f) => [f.sha256, { sha256: f.sha256, size: f.size, data: f.data }]));
  if (blobs.size > 0) await db.blobs.bulkPut([...blobs.values()]);
  await db.artifacts.bulkPut(m.files.map((f) => ({ runId: m.runId, path: f.path, size: f.size, sha256: f.sha256, createdAt: m.at })));
  return { experimentIds: [], runIds: [m.runId] };
}
