// Experiments, runs, metric points and artifact refs folded from the peers' shared documents, into
// the local tables (applied with origin 'remote'). No "exists?/active?" checks: the fold already
// decided, identically on every peer, and the replicator only sends rows that differ. Also the two
// non-mutation writes of sync: sealed metric chunks (blob + upload queue + applied mark) and the
// first share's consistent read of what is stored.
import Dexie from 'dexie';
import type { Experiment } from '../../domain/entities';
import { appendToChunks, type MetricChunk } from '../../domain/metric-history';
import { overviewOf } from '../../domain/metric-overview';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import type { SyncedRun } from '../../domain/sync/run-entity';
import type { ArtifactRow, ExperimentRow, RunRow, WorkspaceDb } from '../schema';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

/** A run row as sync stores it: param conflicts ride along on the row (absent when none). */
export type SyncedRunRow = RunRow & Pick<SyncedRun, 'paramConflicts'>;

/** Param conflicts of a stored run (a param logged with different values on different peers). */
export const paramConflictsOf = (row: RunRow): SyncedRun['paramConflicts'] => (row as SyncedRunRow).paramConflicts;

export async function putExperiment(db: WorkspaceDb, m: M<'sync/putExperiment'>): Promise<MutationEffect> {
  const e = m.experiment;
  // Names are unique (index &name). The fold gives unique names, but the row holding this name
  // may not have been rewritten yet in this batch: move it aside; its own put follows (or, for a
  // row the documents do not know, this is its new name).
  const clash = await db.experiments.where('name').equals(e.name).first();
  if (clash && clash.experimentId !== e.experimentId) await db.experiments.update(clash.experimentId, { name: await freeName(db, clash) });
  await db.experiments.put(structuredClone(e) as ExperimentRow);
  return { experimentIds: [e.experimentId], runIds: [] };
}

async function freeName(db: WorkspaceDb, e: Experiment): Promise<string> {
  let name = `${e.name} (${e.experimentId})`;
  for (let n = 2; await db.experiments.where('name').equals(name).first(); n++) name = `${e.name} (${e.experimentId}) ${n}`;
  return name;
}

export async function putRun(db: WorkspaceDb, m: M<'sync/putRun'>): Promise<MutationEffect> {
  const runId = m.run.info.runId;
  const before = await db.runs.get(runId);
  const row: SyncedRunRow = { ...structuredClone(m.run), runId };
  await db.runs.put(row);
  const from = before?.info.experimentId;
  const to = row.info.experimentId;
  return { experimentIds: from !== undefined && from !== to ? [from, to] : [], runIds: [runId] };
}

/** Appends a chunk's points to the run's history, once per chunk hash (checked in this transaction). */
export async function appendMetrics(db: WorkspaceDb, m: M<'sync/appendMetrics'>): Promise<MutationEffect> {
  if (await db.syncApplied.get(m.hash)) return { experimentIds: [], runIds: [] };
  for (const series of m.metrics) {
    const range = db.metricChunks.where('[runId+key+seq]').between([m.runId, series.key, Dexie.minKey], [m.runId, series.key, Dexie.maxKey]);
    const tail: MetricChunk | undefined = await range.last();
    const chunks = appendToChunks(m.runId, series.key, tail, series);
    await db.metricChunks.bulkPut(chunks);
    await db.metricOverviews.bulkPut(chunks.map(overviewOf));
  }
  await db.syncApplied.put({ hash: m.hash, at: Date.now() });
  return { experimentIds: [], runIds: [m.runId] };
}

export async function putArtifactRef(db: WorkspaceDb, m: M<'sync/putArtifactRef'>): Promise<MutationEffect> {
  const row: ArtifactRow = { runId: m.runId, path: m.path, size: m.size, sha256: m.sha256, createdAt: m.at };
  await db.artifacts.put(row);
  return { experimentIds: [], runIds: [m.runId] };
}

/**
 * What a sealed run's journal entries become, in the same transaction as the chunks: the first
 * entry is replaced by a marker naming the chunks (its points are in them), the others are deleted.
 * A crash before the refs reach the documents replays the marker (the refs are written again from
 * the stored chunks) instead of sealing the points a second time into different chunks.
 */
export interface SealedEntries {
  runId: string;
  seqs: readonly number[];
  hashes: readonly string[];
}

/** A sealed run's marker in the journal (a logBatch without points, naming its chunks). */
export type SealMarker = Extract<Mutation, { type: 'run/logBatch' }> & { sealedAs: string[] };

export const isSealMarker = (m: Mutation): m is SealMarker => m.type === 'run/logBatch' && Array.isArray((m as Partial<SealMarker>).sealedAs);

/**
 * Stores metric chunks this peer sealed: the bytes (content-addressed, like artifacts), a row in
 * the upload queue for the transport, the applied mark so the chunk is never appended here again
 * when its ref is read back from the documents, and the journal markers. One transaction.
 */
export async function storeSealedChunks(db: WorkspaceDb, chunks: ReadonlyArray<{ hash: string; bytes: Uint8Array }>, sealed: readonly SealedEntries[] = []): Promise<void> {
  if (chunks.length === 0 && sealed.length === 0) return;
  const now = Date.now();
  await db.transaction('rw', [db.blobs, db.syncUploads, db.syncApplied, db.journal], async () => {
    for (const { hash, bytes } of chunks) {
      if (!(await db.blobs.get(hash))) await db.blobs.put({ sha256: hash, size: bytes.byteLength, data: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
      await db.syncUploads.put({ sha256: hash, size: bytes.byteLength, queuedAt: now });
      await db.syncApplied.put({ hash, at: now });
    }
    for (const { runId, seqs, hashes } of sealed) {
      const [first, ...rest] = seqs;
      if (first === undefined) continue;
      const marker: SealMarker = { type: 'run/logBatch', runId, params: [], tags: [], metrics: [], sealedAs: [...hashes] };
      await db.journal.update(first, { mutation: marker });
      await db.journal.bulkDelete(rest);
    }
  });
}

/** How much of each metric history the first share covers: chunks up to `lastSeq`, and only the
 * first `tailCount` points of that last chunk (points logged later are in the journal). */
export interface HistoryMark {
  runId: string;
  key: string;
  lastSeq: number;
  tailCount: number;
}

export interface SnapshotBase {
  experiments: ExperimentRow[];
  runs: RunRow[];
  artifacts: ArtifactRow[];
  history: HistoryMark[];
}

/**
 * What is stored right now, read inside the transaction that turns the journal on (see
 * MutationLayer.beginSnapshot): rows whole, metric history as marks (its bytes are read later,
 * chunk by chunk, up to the marks, so the whole history never sits in memory at once).
 */
export async function readSnapshotBase(db: WorkspaceDb): Promise<SnapshotBase> {
  const [experiments, runs, artifacts, keys] = await Promise.all([
    db.experiments.toArray(),
    db.runs.toArray(),
    db.artifacts.toArray(),
    db.metricChunks.toCollection().primaryKeys(),
  ]);
  const last = new Map<string, [string, string, number]>();
  for (const k of keys) {
    const id = `${k[0]}\u0000${k[1]}`;
    const seen = last.get(id);
    if (!seen || seen[2] < k[2]) last.set(id, k);
  }
  const tails = await db.metricChunks.bulkGet([...last.values()]);
  const history: HistoryMark[] = [];
  for (const tail of tails) if (tail) history.push({ runId: tail.runId, key: tail.key, lastSeq: tail.seq, tailCount: tail.count });
  return { experiments, runs, artifacts, history };
}

/** The points of one history up to its mark, in the order logged. */
export async function readHistoryUpTo(db: WorkspaceDb, mark: HistoryMark): Promise<MetricChunk[]> {
  const chunks = await db.metricChunks
    .where('[runId+key+seq]')
    .between([mark.runId, mark.key, Dexie.minKey], [mark.runId, mark.key, mark.lastSeq], true, true)
    .toArray();
  return chunks.map((c) => (c.seq === mark.lastSeq ? { ...c, count: Math.min(c.count, mark.tailCount) } : c));
}
