// The compared runs as a row of chips: colour, name (a link to the run), and a button that
// takes the run out of the comparison. Names are rendered as text.
import { A } from '@solidjs/router';
import { For, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';

export function RunChips(props: { runs: readonly Run[]; colors: ReadonlyMap<string, string>; onRemove: (runId: string) => void }): JSX.Element {
  return (
    <ul class="run-chips">
      <For each={props.runs}>
        {(run) => (
          <li class="run-chip" data-run-id={run.info.runId}>
            <span class="chart-swatch" style={{ background: props.colors.get(run.info.runId) }} />
            <A href={`/runs/${run.info.runId}`} class="run-name">{run.info.runName || run.info.runId}</A>
            <button type="button" class="link remove-run" aria-label="Remove from comparison" title="Remove from comparison" onClick={() => props.onRemove(run.info.runId)}>×</button>
          </li>
        )}
      </For>
    </ul>
  );
}
