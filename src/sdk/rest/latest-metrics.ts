// The latest point of each metric of some runs. MLflow's Run JSON carries full Metric messages
// (value, timestamp, step) in data.metrics, but the SDK's Run keeps only the latest value, so the
// timestamp and step come from the run row's metric summaries (RunRow.metricSummaries).
import type { Metric, Run } from '../../domain/entities';
import type { MetricSummary } from '../../domain/metric-history';
import type { Workspace } from '../workspace';

/** A run's latest points from its stored summaries, for a caller that holds the run row already. */
export function latestOf(run: Run, summaries: Readonly<Record<string, MetricSummary>>): Metric[] {
  return Object.entries(run.data.metrics).map(([key, value]) => {
    const s = summaries[key];
    // A summary can only be missing if the row changed between two reads.
    return { key, value, timestamp: s?.latestTimestamp ?? 0, step: s?.latestStep ?? 0 };
  });
}

/** One list per run, in the order of `runs`, each in the order of run.data.metrics. */
export async function latestMetrics(workspace: Workspace, runs: readonly Run[]): Promise<Metric[][]> {
  // One bulk read for a whole search page rather than one read per run.
  const rows = await workspace.store.db.runs.bulkGet(runs.map((r) => r.info.runId));
  return runs.map((run, i) => latestOf(run, rows[i]?.metricSummaries ?? {}));
}
