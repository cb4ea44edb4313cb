// What an import reads of the workspace before it plans its writes: a metric history with the
// position of its last chunk (the import's write is refused if that moved meanwhile), the metric
// keys and artifact hashes of runs that are already stored.
import Dexie from 'dexie';
import { joinChunks, type MetricColumns } from '../domain/metric-history';
import type { WorkspaceDb } from './schema';

export interface StoredHistory {
  columns: MetricColumns;
  tail: { seq: number; count: number };
}

export async function readHistoryWithTail(db: WorkspaceDb, runId: string, key: string): Promise<StoredHistory | null> {
  const chunks = await db.metricChunks.where('[runId+key+seq]').between([runId, key, Dexie.minKey], [runId, key, Dexie.maxKey]).toArray();
  const last = chunks[chunks.length - 1];
  if (!last) return null;
  return { columns: joinChunks(chunks), tail: { seq: last.seq, count: last.count } };
}

/** The metric keys with history, per run. */
export async function storedMetricKeys(db: WorkspaceDb, runIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (runIds.length === 0) return out;
  const keys = await db.metricChunks.where('runId').anyOf([...runIds]).primaryKeys();
  for (const [runId, key] of keys) {
    let set = out.get(runId);
    if (!set) out.set(runId, (set = new Set()));
    set.add(key);
  }
  return out;
}

/** path -> sha256 of a run's stored artifacts. */
export async function storedArtifactHashes(db: WorkspaceDb, runId: string): Promise<Map<string, string>> {
  const rows = await db.artifacts.where('runId').equals(runId).toArray();
  return new Map(rows.map((r) => [r.path, r.sha256]));
}
