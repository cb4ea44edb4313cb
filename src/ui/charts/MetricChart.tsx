// One metric of one run as a chart, downsampled to 1,000 points (min/max kept) and live.
import { createEffect, onCleanup, Show, type JSX } from 'solid-js';
import { createWorkspaceQuery } from '../primitives/workspace-query';
import { useWorkspace } from '../workspace-context';
import { metricLineChart } from './metric-line';

export function MetricChart(props: { runId: string; metricKey: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const history = createWorkspaceQuery(workspace, () => [props.runId, props.metricKey] as const, ([runId, key]) =>
    client.getMetricColumns(runId, key, { maxPoints: 1000 }),
  );
  let host!: HTMLDivElement;
  createEffect(() => {
    const cols = history.value();
    if (!cols) return;
    const chart = metricLineChart(cols, { title: props.metricKey });
    host.replaceChildren(chart);
    onCleanup(() => chart.remove());
  });
  return (
    <figure class="metric-chart" data-metric={props.metricKey}>
      <figcaption>{props.metricKey}</figcaption>
      <div ref={host} />
      <Show when={history.error()}>
        <p class="muted">Could not read this metric's history.</p>
      </Show>
    </figure>
  );
}
