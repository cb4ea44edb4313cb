// Predictions as a table when they are rows (MLflow's records for a DataFrame input, or a dict of
// equal-length outputs), as JSON otherwise; with the time the call took.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { cellText, predictionTable } from './prediction-table';

/** Rows shown on the page; the rest are counted, not rendered. */
const SHOWN_ROWS = 200;

export function PredictionsTable(props: { columns: string[]; rows: unknown[][]; class?: string }): JSX.Element {
  return (
    <div class="table-scroll prediction-scroll">
      <table class={`kv model-table ${props.class ?? ''}`}>
        <thead><tr><th class="num">#</th><For each={props.columns}>{(c) => <th>{c}</th>}</For></tr></thead>
        <tbody>
          <For each={props.rows.slice(0, SHOWN_ROWS)}>
            {(row, i) => (
              <tr>
                <td class="num muted">{i() + 1}</td>
                <For each={row}>{(v) => <td class={typeof v === 'number' ? 'num' : undefined}>{cellText(v)}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export interface Prediction {
  value: unknown;
  latencyMs: number;
  /** the page's first call may also start the inference worker and load the model into it */
  first: boolean;
}

export function PredictionView(props: { prediction: Prediction }): JSX.Element {
  const table = createMemo(() => predictionTable(props.prediction.value));
  return (
    <div class="prediction" aria-live="polite">
      <p class="prediction-meta">
        <strong>Prediction</strong>
        <Show when={table()}>{(t) => <span class="muted"> · {t().rows.length} row{t().rows.length === 1 ? '' : 's'}</span>}</Show>
        <span class="muted"> · </span>
        <span class="latency" data-ms={props.prediction.latencyMs.toFixed(1)}>{props.prediction.latencyMs.toFixed(1)} ms</span>
        <Show when={props.prediction.first}><span class="muted"> (first call: may include loading the model)</span></Show>
      </p>
      <Show when={table()} fallback={<pre class="model-example prediction-json">{JSON.stringify(props.prediction.value, null, 2)}</pre>}>
        {(t) => (
          <>
            <PredictionsTable columns={t().columns} rows={t().rows} class="prediction-table" />
            <Show when={t().rows.length > SHOWN_ROWS}><p class="muted">First {SHOWN_ROWS} of {t().rows.length} rows shown.</p></Show>
          </>
        )}
      </Show>
    </div>
  );
}
