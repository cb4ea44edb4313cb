// Compare runs (issue #3): 2 to 100 runs from ?runs=<id>,<id>,... as an overlaid metric chart,
// parallel coordinates, a scatter plot and a table of differing params and metrics. All view
// state lives in the URL (compare-state.ts); all data is read live through the SDK; metric
// series are prepared in the metrics worker, which this page owns and ends when it closes.
import { createMemo, Match, onCleanup, Show, Switch, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { makeMetricsWorker } from '../../sdk/metrics-worker';
import { runColors } from '../../ui/charts/run-colors';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { MAX_COMPARED_RUNS } from './compare-state';
import { useCompareState } from './use-compare-state';
import { DiffTable } from './DiffTable';
import { MetricOverlay } from './MetricOverlay';
import { ParallelCoordinates } from './ParallelCoordinates';
import { RunChips } from './RunChips';
import { ScatterPlot } from './ScatterPlot';
import './compare.css';

export function ComparePage(): JSX.Element {
  const { workspace, client } = useWorkspace();
  const [state, setState] = useCompareState();
  const worker = makeMetricsWorker();
  onCleanup(() => worker.dispose());

  const ids = createMemo(() => state().runs.slice(0, MAX_COMPARED_RUNS), undefined, { equals: (a, b) => a.join() === b.join() });
  const loaded = createWorkspaceQuery(workspace, ids, async (list) => {
    // A run deleted for good (or a mistyped id) is reported, not fatal for the rest.
    const found = await Promise.all(list.map((id) => client.getRun(id).catch(() => undefined)));
    return { runs: found.filter((r): r is Run => r !== undefined), missing: list.filter((_, i) => !found[i]) };
  });
  const runs = () => loaded.value()?.runs ?? [];
  const colors = createMemo(() => runColors(ids()));
  const remove = (runId: string): void => setState({ runs: state().runs.filter((id) => id !== runId) });

  return (
    <section class="compare-page">
      <h2>Compare runs</h2>
      <Show when={state().runs.length > MAX_COMPARED_RUNS}>
        <p class="muted">Showing the first {MAX_COMPARED_RUNS} of {state().runs.length} runs.</p>
      </Show>
      <Show when={loaded.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={(loaded.value()?.missing.length ?? 0) > 0}>
        <p class="muted missing-runs">Not found: {loaded.value()?.missing.join(', ')}</p>
      </Show>
      <Switch>
        <Match when={ids().length < 2}>
          <p class="muted">Choose 2 to {MAX_COMPARED_RUNS} runs to compare (select them in an experiment's runs table).</p>
        </Match>
        <Match when={loaded.value()}>
          <RunChips runs={runs()} colors={colors()} onRemove={remove} />
          <MetricOverlay runs={runs()} colors={colors()} state={state()} setState={setState} worker={worker} />
          <div class="compare-row">
            <ParallelCoordinates runs={runs()} colors={colors()} state={state()} setState={setState} />
            <ScatterPlot runs={runs()} colors={colors()} state={state()} setState={setState} />
          </div>
          <DiffTable runs={runs()} colors={colors()} />
        </Match>
      </Switch>
    </section>
  );
}
