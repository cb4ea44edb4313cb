// What to do with the selected runs: compare them, export them, delete them, or move them to
// another experiment (a long-standing MLflow ask).
import { useNavigate } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import type { Experiment } from '../../sdk/index';
import { useRunsViewState } from './url-state';

export interface SelectionActionsProps {
  count: number;
  experiments: Experiment[];
  currentExperimentIds: string[];
  onCompare: () => void;
  onDelete: () => void;
  onMove: (experimentId: string) => void;
  onClear: () => void;
}

export function SelectionActions(props: SelectionActionsProps): JSX.Element {
  const navigate = useNavigate();
  // The selection is URL state (url-state.ts), so Export reads it here and needs no callback:
  // it only opens the export page with those runs.
  const [view] = useRunsViewState();
  return (
    <Show when={props.count > 0}>
      <div class="selection-actions" role="toolbar" aria-label="Selected runs">
        <strong>{props.count} selected</strong>
        <button type="button" class="compare-button" disabled={props.count < 2 || props.count > 100} title="Compare 2 to 100 runs (c)" onClick={() => props.onCompare()}>
          Compare
        </button>
        <button type="button" class="export-button" title="Export the selected runs as an MLflow folder (zip) or JSON" onClick={() => navigate(`/export?runs=${encodeURIComponent(view().selected.join(','))}`)}>
          Export
        </button>
        <button type="button" class="delete-button" onClick={() => props.onDelete()}>Delete</button>
        <select
          aria-label="Move selected runs to experiment"
          class="move-select"
          value=""
          onChange={(e) => {
            const id = e.currentTarget.value;
            e.currentTarget.value = '';
            if (id) props.onMove(id);
          }}
        >
          <option value="">Move to…</option>
          <For each={props.experiments.filter((e) => !props.currentExperimentIds.includes(e.experimentId))}>
            {(e) => <option value={e.experimentId}>{e.name}</option>}
          </For>
        </select>
        <button type="button" onClick={() => props.onClear()}>Clear selection</button>
      </div>
    </Show>
  );
}
