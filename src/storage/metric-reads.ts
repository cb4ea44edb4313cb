// Reading metric history out of its chunks: the whole series, or a min/max-preserving
// downsample for charts.
import Dexie from 'dexie';
import { downsampleMinMax } from '../domain/downsample';
import { joinChunks, type MetricColumns } from '../domain/metric-history';
import type { WorkspaceDb } from './schema';

function chunksOf(db: WorkspaceDb, runId: string, key: string) {
  return db.metricChunks.where('[runId+key+seq]').between([runId, key, Dexie.minKey], [runId, key, Dexie.maxKey]);
}

/** Every point of one metric, in the order logged. */
export async function readMetricColumns(db: WorkspaceDb, runId: string, key: string): Promise<MetricColumns> {
  return joinChunks(await chunksOf(db, runId, key).toArray());
}

/** At most `maxPoints` points that keep each bucket's first, min, max and last. */
export async function readMetricDownsampled(db: WorkspaceDb, runId: string, key: string, maxPoints: number): Promise<MetricColumns> {
  return downsampleMinMax(await readMetricColumns(db, runId, key), maxPoints);
}

/** Metric keys that have history for a run. */
export async function metricKeysOf(db: WorkspaceDb, runId: string): Promise<string[]> {
  const keys = await db.metricChunks.where('runId').equals(runId).keys();
  return [...new Set(keys.map((k) => (k as unknown as [string, string, number])[1]))];
}
