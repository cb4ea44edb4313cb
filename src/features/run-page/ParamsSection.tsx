// The run's parameters (write-once in MLflow, so there is nothing to edit here). In a shared
// workspace two peers can log one param with different values while offline: the first logged
// wins everywhere, and the others are shown as a warning under the value.
import { For, Show, type JSX } from 'solid-js';
import type { ParamConflict } from '../../sdk/index';
import { KeyValueTable } from './KeyValueTable';
import { conflictLines, conflictSummary, type PeerNames } from './param-conflicts';

export function ParamsSection(props: { params: Record<string, string>; conflicts: Record<string, ParamConflict[]>; names: PeerNames }): JSX.Element {
  const note = (key: string): JSX.Element => (
    <Show when={props.conflicts[key]}>
      {(list) => (
        <ul class="param-conflict" role="note">
          <For each={conflictLines(list(), props.names)}>{(line) => <li>⚠ {line}</li>}</For>
        </ul>
      )}
    </Show>
  );
  return (
    <div class="params-section">
      <Show when={conflictSummary(props.conflicts)}>{(text) => <p class="preview-note param-conflict-summary" role="status">{text()}</p>}</Show>
      <KeyValueTable entries={props.params} empty="No parameters logged." note={note} />
    </div>
  );
}
