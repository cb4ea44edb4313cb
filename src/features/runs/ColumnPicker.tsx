// Choose the runs table's columns: a searchable list of every attribute, metric, param and tag
// the runs have. Metrics can show their last, min or max value.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { columnId, columnLabel, type Column, type MetricAggregate } from './columns';

export interface ColumnPickerProps {
  available: Column[];
  chosen: Column[];
  onChange: (columns: Column[]) => void;
}

const KIND_LABEL = { attributes: 'Attributes', metrics: 'Metrics', params: 'Parameters', tags: 'Tags' } as const;

export function ColumnPicker(props: ColumnPickerProps): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const chosenIds = createMemo(() => new Map<string, Column>(props.chosen.map((c) => [`${c.kind}.${c.key}`, c])));
  const visible = createMemo(() => {
    const q = query().toLowerCase();
    return props.available.filter((c) => `${c.kind}.${c.key}`.toLowerCase().includes(q));
  });

  const toggle = (c: Column): void => {
    const id = `${c.kind}.${c.key}`;
    props.onChange(chosenIds().has(id) ? props.chosen.filter((x) => `${x.kind}.${x.key}` !== id) : [...props.chosen, c]);
  };
  const setAggregate = (c: Column, aggregate: MetricAggregate): void => {
    props.onChange(props.chosen.map((x) => (x.kind === c.kind && x.key === c.key ? { ...x, aggregate } : x)));
  };

  return (
    <div class="column-picker">
      <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>Columns ({props.chosen.length})</button>
      <Show when={open()}>
        <div class="column-picker-panel" role="dialog" aria-label="Choose columns">
          <input class="column-search" placeholder="Search columns" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
          <ul>
            <For each={visible()}>
              {(c, i) => {
                const chosen = () => chosenIds().get(`${c.kind}.${c.key}`);
                return (
                  <>
                    <Show when={i() === 0 || visible()[i() - 1]?.kind !== c.kind}>
                      <li class="column-kind">{KIND_LABEL[c.kind]}</li>
                    </Show>
                    <li data-column={columnId(c)}>
                      <label>
                        <input type="checkbox" checked={!!chosen()} onChange={() => toggle(c)} /> {columnLabel(c)}
                      </label>
                      <Show when={c.kind === 'metrics' && chosen()}>
                        {(current) => (
                          <select aria-label={`${c.key} shows`} value={current().aggregate ?? 'last'} onChange={(e) => setAggregate(c, e.currentTarget.value as MetricAggregate)}>
                            <option value="last">last</option>
                            <option value="min">min</option>
                            <option value="max">max</option>
                          </select>
                        )}
                      </Show>
                    </li>
                  </>
                );
              }}
            </For>
          </ul>
          <button type="button" onClick={() => setOpen(false)}>Done</button>
        </div>
      </Show>
    </div>
  );
}
