// The runs of one experiment as a table: name, status, start, duration, user, and the latest
// value of each metric and each param. Rendering text through Solid never parses HTML, so a run
// named `<script>` is shown, not run.
import { A } from '@solidjs/router';
import { For, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { formatDuration, formatMetric, formatRelativeTime } from '../../ui/format';

/** Columns shown for metrics and params: the keys the runs have, most common first. */
function keysOf(runs: Run[], pick: (r: Run) => Record<string, unknown>, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) for (const k of Object.keys(pick(r))) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([k]) => k);
}

export function RunsTable(props: { runs: Run[] }): JSX.Element {
  const metricKeys = () => keysOf(props.runs, (r) => r.data.metrics, 8);
  const paramKeys = () => keysOf(props.runs, (r) => r.data.params, 6);
  return (
    <div class="table-scroll">
      <table class="runs-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Status</th>
            <th>Created</th>
            <th>Duration</th>
            <th>User</th>
            <For each={metricKeys()}>{(k) => <th class="metric-col" title={`metrics.${k}`}>{k}</th>}</For>
            <For each={paramKeys()}>{(k) => <th class="param-col" title={`params.${k}`}>{k}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.runs}>
            {(run) => (
              <tr data-run-id={run.info.runId}>
                <td><A href={`/runs/${run.info.runId}`} class="run-name">{run.info.runName}</A></td>
                <td><StatusBadge status={run.info.status} /></td>
                <td title={new Date(run.info.startTime).toLocaleString()}>{formatRelativeTime(run.info.startTime)}</td>
                <td>{formatDuration(run.info.startTime, run.info.endTime)}</td>
                <td>{run.info.userId}</td>
                <For each={metricKeys()}>{(k) => <td class="num">{formatMetric(run.data.metrics[k])}</td>}</For>
                <For each={paramKeys()}>{(k) => <td>{run.data.params[k] ?? ''}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
