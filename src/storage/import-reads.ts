// What an import reads of the workspace before it plans its writes: a metric history with the
// position of its last chunk (the import's write is refused if that moved meanwhile), the metric
// keys and artifact hashes of runs that are already stored.
import { joinChunks, type MetricChunk, type MetricColumns } from '../domain/metric-history';
import type { WorkspaceDb } from './schema';

export interface StoredHistory {
  columns: MetricColumns;
  tail: { seq: number; count: number };
}

/** Every stored history of a run, by key (one request instead of one per key). */
export async function readRunHistories(db: WorkspaceDb, runId: string): Promise<Map<string, StoredHistory>> {
  const chunks = await db.metricChunks.where('runId').equals(runId).toArray();
  const byKey = new Map<string, MetricChunk[]>();
  for (const c of chunks) {
    let list = byKey.get(c.key);
    if (!list) byKey.set(c.key, (list = []));
    list.push(c);
  }
  const out = new Map<string, StoredHistory>();
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.seq - b.seq);
    const last = list[list.length - 1] as MetricChunk;
    out.set(key, { columns: joinChunks(list), tail: { seq: last.seq, count: last.count } });
  }
  return out;
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
