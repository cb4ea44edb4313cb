// Which experiments go into the export: a checkbox each (deleted ones marked, they are exported
// too) and one for all of them, which is half-checked while only some are chosen.
import { createEffect, For, Show, type JSX } from 'solid-js';
import type { ExportableExperiment } from './export-scope';
import { formatCount, formatCountOf } from '../../ui/format';

export function ExperimentChooser(props: {
  experiments: readonly ExportableExperiment[];
  chosen: ReadonlySet<string>;
  disabled: boolean;
  onChange: (chosen: Set<string>) => void;
}): JSX.Element {
  let allBox: HTMLInputElement | undefined;
  const chosenCount = () => props.experiments.filter((e) => props.chosen.has(e.experiment.experimentId)).length;
  const allChosen = () => props.experiments.length > 0 && chosenCount() === props.experiments.length;
  // `indeterminate` is a property only, never an attribute, so it is set here rather than in JSX.
  createEffect(() => {
    if (allBox) allBox.indeterminate = chosenCount() > 0 && !allChosen();
  });
  const toggle = (experimentId: string, on: boolean): void => {
    const next = new Set(props.chosen);
    if (on) next.add(experimentId);
    else next.delete(experimentId);
    props.onChange(next);
  };
  const toggleAll = (on: boolean): void => props.onChange(new Set(on ? props.experiments.map((e) => e.experiment.experimentId) : []));

  return (
    <fieldset class="export-fieldset export-experiments" disabled={props.disabled}>
      <legend>Experiments</legend>
      <label class="export-choice export-all">
        <input ref={allBox} type="checkbox" name="all" checked={allChosen()} onChange={(e) => toggleAll(e.currentTarget.checked)} />
        <span>All experiments</span>
      </label>
      <ul class="export-experiment-list">
        <For each={props.experiments}>
          {(e) => (
            <li data-experiment-id={e.experiment.experimentId}>
              <label class="export-choice">
                <input
                  type="checkbox"
                  name="experiment"
                  value={e.experiment.experimentId}
                  checked={props.chosen.has(e.experiment.experimentId)}
                  onChange={(ev) => toggle(e.experiment.experimentId, ev.currentTarget.checked)}
                />
                <span class="export-experiment-name">{e.experiment.name}</span>
                <Show when={e.experiment.lifecycleStage === 'deleted'}>
                  <span class="badge badge-deleted">deleted</span>
                </Show>
                <span class="muted">
                  {formatCountOf(e.runs, 'run')}
                  <Show when={e.deletedRuns > 0 && e.experiment.lifecycleStage !== 'deleted'}> ({formatCount(e.deletedRuns)} deleted)</Show>
                </span>
              </label>
            </li>
          )}
        </For>
      </ul>
    </fieldset>
  );
}
