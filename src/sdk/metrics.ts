// Metric history reads behind MlflowClient.
import { columnsToMetrics, joinChunks, OVERVIEW_BUCKET, type MetricColumns, type MetricSummary } from '../domain/metric-history';
import type { Metric } from '../domain/entities';
import { validateKey, validateRunId } from '../domain/validation';
import { readMetricColumns, readMetricDownsampled } from '../storage/metric-reads';
import { getRunRow } from './runs';
import type { Workspace } from './workspace';

/** Every logged point of `key`, in logging order (the file store's order). */
export async function getMetricHistory(ws: Workspace, runId: string, key: string): Promise<Metric[]> {
  await getRunRow(ws, validateRunId(runId));
  return columnsToMetrics(key, await readMetricColumns(ws.store.db, runId, validateKey('metric', key)));
}

/** The same history as parallel typed arrays: the fast path for charts and large reads. */
export async function getMetricColumns(ws: Workspace, runId: string, key: string, options: { maxPoints?: number } = {}): Promise<MetricColumns> {
  await getRunRow(ws, validateRunId(runId));
  return options.maxPoints === undefined
    ? readMetricColumns(ws.store.db, runId, key)
    : readMetricDownsampled(ws.store.db, runId, key, options.maxPoints);
}

/**
 * The stored overview of a history (each chunk's first/min/max/last per 64 points, so spikes
 * survive), joined in order, for callers that downsample further themselves (the metrics worker).
 * `minPoints` is the detail wanted, as the size of a min/max downsample (4 points per bucket):
 * the overview is returned when it has at least minPoints / 4 buckets, so a minPoints downsample
 * of it still finds a real extreme for every bucket (spikes stay); otherwise (a short series) the
 * full history is returned. No per-point work here beyond joining the stored arrays.
 */
export async function getMetricOverview(ws: Workspace, runId: string, key: string, options: { minPoints?: number } = {}): Promise<MetricColumns> {
  await getRunRow(ws, validateRunId(runId));
  validateKey('metric', key);
  // seq is a finite number, so ±Infinity bound the key range without importing Dexie here.
  const overviews = await ws.store.db.metricOverviews.where('[runId+key+seq]').between([runId, key, -Infinity], [runId, key, Infinity]).toArray();
  const buckets = overviews.reduce((n, o) => n + Math.ceil(o.sourceCount / OVERVIEW_BUCKET), 0);
  if (buckets * 4 >= (options.minPoints ?? 1000)) return joinChunks(overviews);
  return readMetricColumns(ws.store.db, runId, key);
}

/** Per metric key: latest value (MLflow's rule) with its step and timestamp, min, max and count. */
export async function getMetricSummaries(ws: Workspace, runId: string): Promise<Record<string, MetricSummary>> {
  const row = await getRunRow(ws, validateRunId(runId));
  return structuredClone(row.metricSummaries);
}
