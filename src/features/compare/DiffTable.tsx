// Params and latest metrics side by side, one column per run; rows where the runs disagree are
// highlighted, and "only differences" hides the rest. Values are user data: text nodes only.
import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { Run } from '../../sdk/index';
import { formatMetric } from '../../ui/format';
import { differs, keysOf, valueOf, type ValueKind } from './run-values';

export interface DiffTableProps {
  runs: readonly Run[];
  colors: ReadonlyMap<string, string>;
}

interface Row {
  ref: string;
  key: string;
  kind: ValueKind;
  differs: boolean;
}

function cellText(v: string | number | undefined): string {
  if (v === undefined) return '—';
  return typeof v === 'number' ? formatMetric(v) : v;
}

export function DiffTable(props: DiffTableProps): JSX.Element {
  const [onlyDiffs, setOnlyDiffs] = createSignal(false);
  const rows = createMemo((): Row[] =>
    (['params', 'metrics'] as const).flatMap((kind) =>
      keysOf(props.runs, kind).map((key) => {
        const ref = `${kind}.${key}`;
        return { ref, key, kind, differs: differs(props.runs, ref) };
      }),
    ),
  );
  const shown = () => rows().filter((r) => !onlyDiffs() || r.differs);
  return (
    <section class="compare-section diff-table">
      <h3>Params and metrics</h3>
      <label class="only-diffs">
        <input type="checkbox" checked={onlyDiffs()} onChange={(e) => setOnlyDiffs(e.currentTarget.checked)} /> Only show differences{' '}
        <span class="muted">({rows().filter((r) => r.differs).length} of {rows().length} differ)</span>
      </label>
      <div class="table-scroll">
        <table class="kv compare-table">
          <thead>
            <tr>
              <th />
              <For each={props.runs}>
                {(run) => (
                  <th data-run-id={run.info.runId}>
                    <span class="chart-swatch" style={{ background: props.colors.get(run.info.runId) }} />
                    <A href={`/runs/${run.info.runId}`} class="run-name">{run.info.runName || run.info.runId}</A>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(row) => (
                <tr data-ref={row.ref} classList={{ differs: row.differs }}>
                  <th scope="row"><span class="muted">{row.kind === 'params' ? 'param' : 'metric'}</span> {row.key}</th>
                  <For each={props.runs}>{(run) => <td classList={{ num: row.kind === 'metrics' }}>{cellText(valueOf(run, row.ref))}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={rows().length === 0}><p class="muted">No params or metrics logged.</p></Show>
    </section>
  );
}
