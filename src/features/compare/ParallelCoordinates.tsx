// Parallel coordinates of the chosen params and metrics (latest values), one line per run.
// Axes come from the URL (pc=params.lr,metrics.acc); without a choice, the params on which the
// runs differ (up to 4) and the overlay's metric.
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { ChartHost } from '../../ui/charts/ChartHost';
import { parallelCoordinatesChart } from '../../ui/charts/parallel-coordinates';
import type { CompareState } from './compare-state';
import { defaultAxes, numericRefsOf, valueOf } from './run-values';

export interface ParallelCoordinatesProps {
  runs: readonly Run[];
  colors: ReadonlyMap<string, string>;
  state: CompareState;
  setState: (patch: Partial<CompareState>) => void;
}

export function ParallelCoordinates(props: ParallelCoordinatesProps): JSX.Element {
  const available = createMemo(() => numericRefsOf(props.runs));
  const axes = createMemo(() => {
    const chosen = props.state.pc.filter((ref) => available().includes(ref));
    return chosen.length ? chosen : defaultAxes(props.runs, props.state.metric).filter((ref) => available().includes(ref));
  });
  const toggle = (ref: string, on: boolean): void => {
    const current = axes();
    props.setState({ pc: on ? [...current.filter((r) => r !== ref), ref] : current.filter((r) => r !== ref) });
  };
  const render = (width: number): Element | undefined =>
    axes().length < 2
      ? undefined
      : parallelCoordinatesChart({
          dimensions: axes(),
          rows: props.runs.map((r) => ({
            id: r.info.runId,
            label: r.info.runName || r.info.runId,
            color: props.colors.get(r.info.runId) ?? 'currentColor',
            values: axes().map((ref) => valueOf(r, ref)),
          })),
          width: Math.min(width, Math.max(360, 170 * axes().length)),
        });

  return (
    <section class="compare-section parallel-coordinates">
      <h3>Parallel coordinates</h3>
      <details class="axis-chooser">
        <summary>Axes: {axes().join(', ') || 'none'}</summary>
        <div class="axis-options">
          <For each={available()}>
            {(ref) => (
              <label>
                <input type="checkbox" value={ref} checked={axes().includes(ref)} onChange={(e) => toggle(ref, e.currentTarget.checked)} /> {ref}
              </label>
            )}
          </For>
        </div>
      </details>
      <Show when={axes().length >= 2} fallback={<p class="muted">Choose at least two params or metrics.</p>}>
        <ChartHost class="pc-chart" render={render} />
      </Show>
    </section>
  );
}
