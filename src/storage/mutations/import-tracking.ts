// Experiments, runs, metric points and artifacts imported from an MLflow FileStore tree (origin
// 'import'). The rows arrive merged (domain/mlruns/import-rules.ts); these handlers only check
// that what the import read is still what is stored, then write. No "active?" or param-immutability
// checks: a deleted run in a deleted experiment is imported as such, faithfully.
import Dexie from 'dexie';
import { MlflowError } from '../../domain/errors';
import { appendToChunks, CHUNK_SIZE, type MetricChunk, type MetricOverview } from '../../domain/metric-history';
import { overviewOf } from '../../domain/metric-overview';
import type { ImportedSeries, Mutation, MutationEffect } from '../../domain/mutations';
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

/** The stored tail of a history the import read as non-empty; refuses the batch if it moved. */
async function storedTail(db: WorkspaceDb, runId: string, series: ImportedSeries, after: { seq: number; count: number }): Promise<MetricChunk> {
  const range = db.metricChunks.where('[runId+key+seq]').between([runId, series.key, Dexie.minKey], [runId, series.key, Dexie.maxKey]);
  const tail = await range.last();
  if (!tail || tail.seq !== after.seq || tail.count !== after.count) throw changedMeanwhile(`The history of metric '${series.key}' of run ${runId}`);
  return tail;
}

/**
 * Run rows and their new points. A history that fits in one chunk that is not full gets no
 * overview row from an import (unless it had one): both readers (storage/metric-reads.ts, sdk
 * getMetricOverview) read a history whole when it has none, and any later append that fills or
 * passes that chunk rewrites it together with its overview, so no history ever has some chunks
 * with overviews and some without. MLflow trees are mostly many short histories, for which this
 * halves the rows an import writes.
 */
export async function importRuns(db: WorkspaceDb, m: M<'import/runs'>): Promise<MutationEffect> {
  const ids = m.runs.map((r) => r.run.runId);
  const stored = await db.runs.bulkGet(ids);
  m.runs.forEach((r, i) => {
    if (!sameValue(stored[i] ?? null, r.previous)) throw changedMeanwhile(`Run ${r.run.runId}`);
  });
  const experimentIds = [...new Set(m.runs.map((r) => r.run.info.experimentId))];
  (await db.experiments.bulkGet(experimentIds)).forEach((e, i) => {
    if (!e) throw changedMeanwhile(`Experiment ${experimentIds[i]}`);
  });
  // One look for every run with a history the import read as empty (sync can store chunks of a
  // run before its row), instead of one per key.
  const fresh = m.runs.filter((r) => r.metrics.some((s) => s.after === null)).map((r) => r.run.runId);
  const keys = fresh.length > 0 ? await db.metricChunks.where('runId').anyOf(fresh).primaryKeys() : [];
  const storedKeys = new Set(keys.map((k) => `${k[0]}\u0000${k[1]}`));
  const chunks: MetricChunk[] = [];
  const overviews: MetricOverview[] = [];
  const moved: string[] = [];
  for (const [i, r] of m.runs.entries()) {
    const { runId } = r.run;
    for (const series of r.metrics) {
      // Only awaits that are IndexedDB requests inside the transaction (Dexie's rule): a history
      // read as empty is checked against the keys read above, without awaiting.
      if (series.after === null && storedKeys.has(`${runId}\u0000${series.key}`)) throw changedMeanwhile(`The history of metric '${series.key}' of run ${runId}`);
      const tail = series.after === null ? undefined : await storedTail(db, runId, series, series.after);
      const written = appendToChunks(runId, series.key, tail, series);
      chunks.push(...written);
      const short = written.length === 1 && (written[0] as MetricChunk).count < CHUNK_SIZE;
      if (!short || (tail && (await db.metricOverviews.get([runId, series.key, tail.seq])))) overviews.push(...written.map(overviewOf));
    }
    const from = stored[i]?.info.experimentId;
    if (from !== undefined && from !== r.run.info.experimentId) moved.push(from, r.run.info.experimentId);
  }
  await db.runs.bulkPut(m.runs.map((r) => r.run));
  if (chunks.length > 0) {
    await db.metricChunks.bulkPut(chunks);
    if (overviews.length > 0) await db.metricOverviews.bulkPut(overviews);
  }
  return { experimentIds: [...new Set(moved)], runIds: ids };
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
