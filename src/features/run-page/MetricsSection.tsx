// The run's metrics: latest (with its step), min, max and point count per key from the run's
// metric summaries (no history read), then one chart per key. Keys are the rows' identity, so a
// live refresh updates numbers in place and charts are not re-created while a run logs.
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { MetricSummary } from '../../domain/metric-history';
import { MetricChart } from '../../ui/charts/MetricChart';
import { formatMetric } from '../../ui/format';

export function MetricsSection(props: { runId: string; summaries: Record<string, MetricSummary> }): JSX.Element {
  const keys = createMemo(() => Object.keys(props.summaries).sort(), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  return (
    <Show when={keys().length > 0} fallback={<p class="muted">No metrics logged.</p>}>
      <table class="kv metrics-table">
        <thead>
          <tr><th>Metric</th><th class="num">Latest</th><th class="num">Step</th><th class="num">Min</th><th class="num">Max</th><th class="num">Points</th></tr>
        </thead>
        <tbody>
          <For each={keys()}>
            {(k) => {
              const s = () => props.summaries[k];
              return (
                <tr data-metric={k}>
                  <th scope="row">{k}</th>
                  <td class="num">{formatMetric(s()?.latest)}</td>
                  <td class="num">{s()?.latestStep}</td>
                  <td class="num">{formatMetric(s()?.min)}</td>
                  <td class="num">{formatMetric(s()?.max)}</td>
                  <td class="num">{s()?.count}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <div class="chart-grid">
        <For each={keys()}>{(k) => <MetricChart runId={props.runId} metricKey={k} />}</For>
      </div>
    </Show>
  );
}
