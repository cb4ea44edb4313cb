// One metric of one run as a chart, live. Same pipeline as the compare view: the stored min/max
// overview is read, the metrics worker downsamples it to at most 1,000 points (spikes kept), and
// the UI thread only draws the result.
import { Show, type JSX } from 'solid-js';
import { createWorkspaceQuery } from '../primitives/workspace-query';
import { useSharedMetricsWorker } from '../primitives/shared-metrics-worker';
import { useWorkspace } from '../workspace-context';
import { ChartHost } from './ChartHost';
import { overlayLinesChart } from './overlay-lines';

const MAX_POINTS = 1000;

export function MetricChart(props: { runId: string; metricKey: string; runStart?: number }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const worker = useSharedMetricsWorker();
  const series = createWorkspaceQuery(workspace, () => [props.runId, props.metricKey] as const, async ([runId, key]) => {
    const columns = await client.getMetricOverview(runId, key, { minPoints: MAX_POINTS });
    const result = await worker.prepareOverlay({
      series: [{ id: runId, runStart: props.runStart ?? 0, columns }],
      xAxis: 'step',
      smoothing: 0,
      maxPoints: MAX_POINTS,
      ignoreOutliers: false,
      logY: false,
      aggregate: false,
    });
    return result;
  });
  const render = (width: number): Element | undefined => {
    const result = series.value();
    const line = result?.series[0];
    if (!result || !line) return undefined;
    return overlayLinesChart({
      lines: [{ id: props.runId, label: props.metricKey, color: 'var(--accent)', raw: line.raw }],
      xAxis: 'step',
      yLabel: props.metricKey,
      yDomain: result.yDomain,
      // A figure that has not been laid out yet can measure a few pixels wide; Plot needs room
      // for its margins or it draws negative-width rects.
      width: Math.max(280, Math.min(width, 520)),
      height: 200,
    });
  };
  return (
    <figure class="metric-chart" data-metric={props.metricKey}>
      <figcaption>{props.metricKey}</figcaption>
      <ChartHost render={render} defaultWidth={420} />
      <Show when={series.error()}>
        <p class="muted">Could not read this metric's history.</p>
      </Show>
    </figure>
  );
}
