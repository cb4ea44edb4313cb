// The metric chart of the Compare view: one line per chosen run (or a mean line and min-max band
// per group), live while runs log. The pipeline is SDK overview reads -> metrics worker
// (x-axis, EMA, downsampling, domain, aggregation) -> Plot; this component only wires it up and
// never touches a point itself.
import { createMemo, Show, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import type { MetricsWorker, OverlayResult } from '../../sdk/metrics-worker';
import { ChartHost } from '../../ui/charts/ChartHost';
import { overlayLinesChart } from '../../ui/charts/overlay-lines';
import { runColors } from '../../ui/charts/run-colors';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import type { CompareState } from './compare-state';
import { OverlayControls } from './OverlayControls';
import { groupNamesOf, pointsPerSeries } from './overlay-groups';
import { keysOf } from './run-values';

export interface MetricOverlayProps {
  runs: readonly Run[];
  colors: ReadonlyMap<string, string>;
  state: CompareState;
  setState: (patch: Partial<CompareState>) => void;
  worker: MetricsWorker;
}

/** Everything the chart's data depends on, compared by value so an unchanged re-read of the runs
 * (every workspace change re-reads them) does not start a second identical pipeline. */
interface OverlaySource {
  ids: string[];
  starts: number[];
  groups: string[] | undefined;
  key: string | undefined;
  x: CompareState['x'];
  smooth: number;
  log: boolean;
  outliers: boolean;
}

export function MetricOverlay(props: MetricOverlayProps): JSX.Element {
  const { workspace, client } = useWorkspace();
  const metricKeys = createMemo(() => keysOf(props.runs, 'metrics'));
  const metric = () => (props.state.metric && metricKeys().includes(props.state.metric) ? props.state.metric : metricKeys()[0]);
  const source = createMemo(
    (): OverlaySource => ({
      ids: props.runs.map((r) => r.info.runId),
      starts: props.runs.map((r) => r.info.startTime),
      groups: groupNamesOf(props.runs, props.state.group),
      key: metric(),
      x: props.state.x,
      smooth: props.state.smooth,
      log: props.state.log,
      outliers: props.state.outliers,
    }),
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  // The result carries the options it was prepared with: until a new result arrives the chart
  // keeps drawing the old one on its own axes (old data on a just-toggled log axis would not fit).
  const prepared = createWorkspaceQuery(workspace, source, async (s): Promise<{ source: OverlaySource; key: string; result: OverlayResult; read: number } | undefined> => {
    if (!s.key) return undefined;
    const key = s.key;
    const maxPoints = pointsPerSeries(s.ids.length);
    const columns = await Promise.all(s.ids.map((id) => client.getMetricOverview(id, key, { minPoints: maxPoints })));
    const read = columns.reduce((n, c) => n + c.values.length, 0);
    const result = await props.worker.prepareOverlay({
      series: s.ids.map((id, i) => ({ id, runStart: s.starts[i] as number, group: s.groups?.[i], columns: columns[i]! })),
      xAxis: s.x,
      smoothing: s.smooth,
      maxPoints,
      ignoreOutliers: s.outliers,
      logY: s.log,
      aggregate: s.groups !== undefined,
    });
    return { source: s, key, result, read };
  });

  const names = createMemo(() => new Map(props.runs.map((r) => [r.info.runId, r.info.runName || r.info.runId])));
  const render = (width: number): Element | undefined => {
    const p = prepared.value();
    if (!p) return undefined;
    const { result } = p;
    const groupColors = runColors(result.groups.map((g) => g.group));
    return overlayLinesChart({
      lines: result.series.map((s) => ({ id: s.id, label: names().get(s.id) ?? s.id, color: props.colors.get(s.id) ?? 'currentColor', raw: s.raw, smoothed: s.smoothed })),
      bands: result.groups.length
        ? result.groups.map((g) => ({ id: g.group, label: `${g.group} (${g.ids.length})`, color: groupColors.get(g.group) ?? 'currentColor', ...g }))
        : undefined,
      xAxis: p.source.x,
      yLabel: p.key,
      logY: p.source.log,
      yDomain: result.yDomain,
      width: Math.min(width, 1100),
      height: 340,
    });
  };
  const drawn = () => prepared.value()?.result.series.reduce((n, s) => n + s.raw.x.length, 0) ?? 0;

  return (
    <section class="compare-section metric-overlay" data-metric={metric()}>
      <h3>Metrics</h3>
      <Show when={metricKeys().length > 0} fallback={<p class="muted">None of these runs has logged a metric.</p>}>
        <OverlayControls state={props.state} setState={props.setState} metricKeys={metricKeys()} metric={metric()} groupRefs={[...keysOf(props.runs, 'params').map((k) => `params.${k}`), ...keysOf(props.runs, 'tags').map((k) => `tags.${k}`)]} />
        <Show when={prepared.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <ChartHost class="overlay-chart" render={render} />
        <p class="muted chart-caption">
          <Show when={prepared.value()} fallback="Preparing chart…">
            {`${(prepared.value()?.read ?? 0).toLocaleString()} points read, ${drawn().toLocaleString()} drawn (each bucket's min and max kept)`}
          </Show>
        </p>
      </Show>
    </section>
  );
}
