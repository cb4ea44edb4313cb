// Any two values of the compared runs against each other (sx / sy in the URL); by default the
// first param that differs against the overlay's metric.
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { ChartHost } from '../../ui/charts/ChartHost';
import { scatterChart } from '../../ui/charts/scatter';
import type { CompareState } from './compare-state';
import { defaultAxes, numericRefsOf, valueOf } from './run-values';

export interface ScatterPlotProps {
  runs: readonly Run[];
  colors: ReadonlyMap<string, string>;
  state: CompareState;
  setState: (patch: Partial<CompareState>) => void;
}

function AxisSelect(props: { label: string; class: string; value: string | undefined; options: readonly string[]; onChange: (ref: string) => void }): JSX.Element {
  return (
    <label>
      {props.label}{' '}
      <select class={props.class} value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.options}>{(ref) => <option value={ref}>{ref}</option>}</For>
      </select>
    </label>
  );
}

export function ScatterPlot(props: ScatterPlotProps): JSX.Element {
  const options = createMemo(() => numericRefsOf(props.runs));
  const fallback = createMemo(() => defaultAxes(props.runs, props.state.metric).filter((ref) => options().includes(ref)));
  const pick = (chosen: string | undefined, guess: string | undefined): string | undefined =>
    chosen && options().includes(chosen) ? chosen : guess;
  const sx = () => pick(props.state.sx, fallback()[0] ?? options()[0]);
  const sy = () => pick(props.state.sy, fallback().at(-1) ?? options()[1]);
  const render = (width: number): Element | undefined => {
    const x = sx();
    const y = sy();
    if (!x || !y) return undefined;
    return scatterChart({
      xLabel: x,
      yLabel: y,
      width: Math.min(width, 640),
      points: props.runs.map((r) => ({
        id: r.info.runId,
        label: r.info.runName || r.info.runId,
        color: props.colors.get(r.info.runId) ?? 'currentColor',
        x: valueOf(r, x),
        y: valueOf(r, y),
      })),
    });
  };
  return (
    <section class="compare-section scatter-plot">
      <h3>Scatter</h3>
      <Show when={options().length > 0} fallback={<p class="muted">These runs have no params or metrics to plot.</p>}>
        <div class="scatter-controls">
          <AxisSelect label="X" class="scatter-x" value={sx()} options={options()} onChange={(ref) => props.setState({ sx: ref })} />
          <AxisSelect label="Y" class="scatter-y" value={sy()} options={options()} onChange={(ref) => props.setState({ sy: ref })} />
        </div>
        <ChartHost class="scatter-chart" render={render} defaultWidth={640} />
      </Show>
    </section>
  );
}
