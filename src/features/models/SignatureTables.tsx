// The model's signature as tables: inputs, outputs and params with types, shapes and required.
import { For, Show, type JSX } from 'solid-js';
import type { ModelSignature } from '../../sdk/index';
import { paramRows, specRows, type SpecRow } from './signature-rows';

function SpecTable(props: { title: string; part: string; rows: SpecRow[] }): JSX.Element {
  return (
    <div class="signature-part" data-part={props.part}>
      <h4>{props.title}</h4>
      <Show when={props.rows.length > 0} fallback={<p class="muted">Not recorded.</p>}>
        <table class="kv model-table">
          <thead><tr><th>Name</th><th>Type</th><th>Shape</th><th>Required</th></tr></thead>
          <tbody>
            <For each={props.rows}>
              {(r) => (
                <tr>
                  <td>{r.name ?? <span class="muted">(unnamed)</span>}</td>
                  <td><code>{r.type}</code></td>
                  <td>{r.shape ? <code>{r.shape}</code> : <span class="muted">—</span>}</td>
                  <td>{r.required ? 'yes' : 'no'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}

export function SignatureTables(props: { signature: ModelSignature | undefined }): JSX.Element {
  const params = () => paramRows(props.signature?.params as unknown[] | undefined);
  return (
    <Show when={props.signature} fallback={<p class="muted">No signature was logged with this model: predict() takes any input, and the Try it form is replaced by the paste box.</p>}>
      {(sig) => (
        <div class="signature">
          <SpecTable title="Inputs" part="inputs" rows={specRows(sig().inputs as unknown[] | undefined)} />
          <SpecTable title="Outputs" part="outputs" rows={specRows(sig().outputs as unknown[] | undefined)} />
          <Show when={params().length > 0}>
            <div class="signature-part" data-part="params">
              <h4>Params</h4>
              <table class="kv model-table">
                <thead><tr><th>Name</th><th>Type</th><th>Default</th><th>Shape</th></tr></thead>
                <tbody>
                  <For each={params()}>
                    {(p) => <tr><td>{p.name}</td><td><code>{p.type}</code></td><td><code>{p.default}</code></td><td>{p.shape}</td></tr>}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}
