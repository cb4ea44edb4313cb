// Which experiments the runs table spans: one chip per experiment (removable when there are
// several) and a picker to add another, so runs of several experiments sit in one table.
import { useNavigate, useSearchParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import type { Experiment } from '../../sdk/index';

export function ExperimentScope(props: { shown: Experiment[]; all: Experiment[] }): JSX.Element {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const go = (ids: string[]): void => {
    // Keep the filter and sort; selection and expansion belong to the old set of runs.
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) {
      if (k === 'sel' || k === 'open' || v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
    }
    const qs = q.toString();
    navigate(`/experiments/${ids.join(',')}${qs ? `?${qs}` : ''}`);
  };
  const ids = () => props.shown.map((e) => e.experimentId);
  return (
    <div class="experiment-scope">
      <For each={props.shown}>
        {(e) => (
          <span class="experiment-chip" data-experiment-id={e.experimentId}>
            <span class="experiment-title">{e.name}</span>
            <Show when={props.shown.length > 1}>
              <button type="button" aria-label={`Remove ${e.name} from this table`} onClick={() => go(ids().filter((id) => id !== e.experimentId))}>×</button>
            </Show>
          </span>
        )}
      </For>
      <select
        aria-label="Add an experiment to this table"
        class="add-experiment"
        value=""
        onChange={(ev) => {
          const id = ev.currentTarget.value;
          ev.currentTarget.value = '';
          if (id) go([...ids(), id]);
        }}
      >
        <option value="">+ experiment</option>
        <For each={props.all.filter((e) => !ids().includes(e.experimentId))}>{(e) => <option value={e.experimentId}>{e.name}</option>}</For>
      </select>
    </div>
  );
}
