// The overlay chart's controls: which metric, which x-axis, smoothing, log scale, ignore
// outliers and aggregation. Every change goes straight to the URL (compare-state.ts).
import { For, type JSX } from 'solid-js';
import type { XAxis } from '../../sdk/metrics-worker';
import type { CompareState } from './compare-state';

export interface OverlayControlsProps {
  state: CompareState;
  setState: (patch: Partial<CompareState>) => void;
  metricKeys: readonly string[];
  metric: string | undefined;
  /** refs a run can be grouped by: params.<key>, tags.<key> */
  groupRefs: readonly string[];
}

const X_AXES: ReadonlyArray<[XAxis, string]> = [
  ['step', 'Step'],
  ['wall', 'Wall time'],
  ['relative', 'Relative time'],
];

export function OverlayControls(props: OverlayControlsProps): JSX.Element {
  return (
    <div class="overlay-controls">
      <label>
        Metric{' '}
        <select class="metric-select" value={props.metric ?? ''} onChange={(e) => props.setState({ metric: e.currentTarget.value })}>
          <For each={props.metricKeys}>{(k) => <option value={k}>{k}</option>}</For>
        </select>
      </label>
      <fieldset class="x-axis-choice">
        <legend>X-axis</legend>
        <For each={X_AXES}>
          {([value, label]) => (
            <label>
              <input type="radio" name="x-axis" value={value} checked={props.state.x === value} onChange={() => props.setState({ x: value })} /> {label}
            </label>
          )}
        </For>
      </fieldset>
      <label class="smoothing">
        Smoothing{' '}
        <input
          type="range"
          class="smoothing-slider"
          min="0"
          max="0.99"
          step="0.01"
          value={props.state.smooth}
          onInput={(e) => props.setState({ smooth: Number(e.currentTarget.value) })}
        />{' '}
        <output class="smoothing-value">{props.state.smooth.toFixed(2)}</output>
      </label>
      <label>
        <input type="checkbox" class="log-toggle" checked={props.state.log} onChange={(e) => props.setState({ log: e.currentTarget.checked })} /> Log scale
      </label>
      <label>
        <input type="checkbox" class="outliers-toggle" checked={props.state.outliers} onChange={(e) => props.setState({ outliers: e.currentTarget.checked })} /> Ignore outliers
      </label>
      <label>
        Aggregate{' '}
        <select class="group-select" value={props.state.group} onChange={(e) => props.setState({ group: e.currentTarget.value })}>
          <option value="">none (one line per run)</option>
          <option value="all">all runs: mean and min-max</option>
          <For each={props.groupRefs}>{(ref) => <option value={ref}>by {ref}: mean and min-max</option>}</For>
        </select>
      </label>
    </div>
  );
}
