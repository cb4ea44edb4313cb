// Metric history reads behind MlflowClient.
import { columnsToMetrics, type MetricColumns, type MetricSummary } from '../domain/metric-history';
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

/** Per metric key: latest value (MLflow's rule) with its step and timestamp, min, max and count. */
export async function getMetricSummaries(ws: Workspace, runId: string): Promise<Record<string, MetricSummary>> {
  const row = await getRunRow(ws, validateRunId(runId));
  return structuredClone(row.metricSummaries);
}
