// Reading metric history out of its chunks: the whole series, or a min/max-preserving
// downsample for charts that reads the per-chunk overviews when they are detailed enough.
import Dexie, { type Table } from 'dexie';
import { downsampleMinMax } from '../domain/downsample';
import { joinChunks, type MetricColumns } from '../domain/metric-history';
import type { WorkspaceDb } from './schema';

function rangeOf<T>(table: Table<T, [string, string, number]>, runId: string, key: string) {
  return table.where('[runId+key+seq]').between([runId, key, Dexie.minKey], [runId, key, Dexie.maxKey]);
}

/** Every point of one metric, in the order logged. */
export async function readMetricColumns(db: WorkspaceDb, runId: string, key: string): Promise<MetricColumns> {
  return joinChunks(await rangeOf(db.metricChunks, runId, key).toArray());
}

/** At most `maxPoints` points that keep each bucket's first, min, max and last. */
export async function readMetricDownsampled(db: WorkspaceDb, runId: string, key: string, maxPoints: number): Promise<MetricColumns> {
  const overviews = await rangeOf(db.metricOverviews, runId, key).toArray();
  const total = overviews.reduce((n, o) => n + o.sourceCount, 0);
  if (total <= maxPoints) return readMetricColumns(db, runId, key);
  const overview = joinChunks(overviews);
  // Too coarse for the requested detail (short series): downsample the full history instead.
  if (overview.values.length < maxPoints) return downsampleMinMax(await readMetricColumns(db, runId, key), maxPoints);
  return downsampleMinMax(overview, maxPoints);
}

/** Metric keys that have history for a run. */
export async function metricKeysOf(db: WorkspaceDb, runId: string): Promise<string[]> {
  const keys = await db.metricChunks.where('runId').equals(runId).primaryKeys();
  return [...new Set(keys.map((k) => k[1]))];
}
