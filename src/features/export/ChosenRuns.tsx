// The runs picked in the runs table (`/export?runs=…`): how many, and which, so the user sees
// exactly what will be written. Long selections are cut to a first page with a count of the rest.
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import type { ChosenRun } from './export-scope';
import { formatCount, formatCountOf } from '../../ui/format';

const SHOWN = 50;

export function ChosenRuns(props: { runs: readonly ChosenRun[] }): JSX.Element {
  const count = () => props.runs.length;
  return (
    <fieldset class="export-fieldset export-chosen-runs">
      <legend>
        {formatCountOf(count(), 'run')} chosen in the runs table
      </legend>
      <ul class="export-run-list">
        <For each={props.runs.slice(0, SHOWN)}>
          {(r) => (
            <li data-run-id={r.run.info.runId}>
              <span class="export-run-name">{r.run.info.runName || r.run.info.runId}</span>
              <span class="muted"> in {r.experimentName}</span>
              <Show when={r.run.info.lifecycleStage === 'deleted'}> <span class="badge badge-deleted">deleted</span></Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={count() > SHOWN}>
        <p class="muted">and {formatCount(count() - SHOWN)} more</p>
      </Show>
      <p class="muted">
        Their experiments come along (without their other runs), so MLflow can open them. <A href="/export">Choose experiments instead</A>
      </p>
    </fieldset>
  );
}
