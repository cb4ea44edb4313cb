// An MLmodel file summarised (domain/mlmodel-summary.ts): what was logged, when, with which MLflow,
// the flavors and their settings, the signature, the input example; the raw YAML below it.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { summariseMlmodel, type MlmodelSummary, type SchemaSummary } from '../../../domain/mlmodel-summary';
import { formatBytes } from '../../../ui/format';

function SchemaTable(props: { title: string; schema: SchemaSummary | undefined }): JSX.Element {
  return (
    <div class="signature-part" data-part={props.title.toLowerCase()}>
      <h5>
        {props.title} <Show when={props.schema}>{(s) => <span class="muted">({s().kind === 'tensors' ? 'tensor-based' : 'column-based'})</span>}</Show>
      </h5>
      <Show when={props.schema} fallback={<p class="muted">Not recorded.</p>}>
        {(s) => (
          <table class="kv signature-table">
            <thead><tr><th>Name</th><th>Type</th><th>Required</th></tr></thead>
            <tbody>
              <For each={s().fields}>
                {(f) => (
                  <tr>
                    <td>{f.name ?? <span class="muted">(unnamed)</span>}</td>
                    <td><code>{f.type}</code></td>
                    <td>{f.required ? 'yes' : 'no'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
    </div>
  );
}

function SummaryView(props: { summary: MlmodelSummary }): JSX.Element {
  const s = () => props.summary;
  const facts = (): Array<[string, string | undefined]> => [
    ['Artifact path', s().artifactPath],
    ['Run ID', s().runId],
    ['Model ID', s().modelId],
    ['Model UUID', s().modelUuid === s().modelId ? undefined : s().modelUuid],
    ['Created (UTC)', s().utcTimeCreated],
    ['MLflow version', s().mlflowVersion],
    ['Model size', s().modelSizeBytes === undefined ? undefined : formatBytes(s().modelSizeBytes)],
  ];
  return (
    <div class="mlmodel-summary">
      <For each={s().warnings}>{(w) => <p class="preview-note mlmodel-warning">{w}</p>}</For>
      <dl class="overview mlmodel-facts">
        <For each={facts().filter(([, v]) => v !== undefined)}>
          {([label, value]) => (<><dt>{label}</dt><dd><code>{value}</code></dd></>)}
        </For>
      </dl>
      <h5>Flavors</h5>
      <div class="flavor-list">
        <For each={s().flavors}>
          {(flavor) => (
            <section class="flavor" data-flavor={flavor.name}>
              <h6>{flavor.name}</h6>
              <table class="kv">
                <tbody>
                  <For each={flavor.settings}>{([k, v]) => <tr><th scope="row">{k}</th><td class="kv-value">{v}</td></tr>}</For>
                </tbody>
              </table>
            </section>
          )}
        </For>
      </div>
      <Show when={s().signature} fallback={<p class="muted">No signature was logged with this model.</p>}>
        {(sig) => (
          <div class="signature">
            <SchemaTable title="Inputs" schema={sig().inputs} />
            <SchemaTable title="Outputs" schema={sig().outputs} />
            <Show when={sig().params}>
              {(params) => (
                <div class="signature-part" data-part="params">
                  <h5>Params</h5>
                  <table class="kv signature-table">
                    <thead><tr><th>Name</th><th>Type</th><th>Default</th><th>Shape</th></tr></thead>
                    <tbody>
                      <For each={params()}>
                        {(p) => <tr><td>{p.name}</td><td><code>{p.type}</code></td><td><code>{p.default}</code></td><td>{p.shape ?? ''}</td></tr>}
                      </For>
                    </tbody>
                  </table>
                </div>
              )}
            </Show>
          </div>
        )}
      </Show>
      <Show when={s().inputExample}>
        {(ex) => (
          <p class="input-example">
            Input example: <code>{ex().artifactPath ?? '?'}</code>
            <Show when={ex().type}>{(t) => <span class="muted"> ({t()})</span>}</Show>
            <For each={ex().details}>{([k, v]) => <span class="muted">, {k}: {v}</span>}</For>
          </p>
        )}
      </Show>
      <Show when={s().otherKeys.length > 0}>
        <p class="muted">Also in the file: {s().otherKeys.join(', ')}.</p>
      </Show>
    </div>
  );
}

export function MlmodelPreview(props: { text: string }): JSX.Element {
  const result = createMemo(() => summariseMlmodel(props.text));
  const summary = (): MlmodelSummary | undefined => {
    const r = result();
    return r.ok ? r.summary : undefined;
  };
  const error = (): string => {
    const r = result();
    return r.ok ? '' : r.error;
  };
  return (
    <div class="mlmodel-preview">
      <Show
        when={summary()}
        fallback={
          <p class="error-notice mlmodel-error" role="alert">
            Could not summarise this MLmodel file. {error()}
          </p>
        }
      >
        {(s) => <SummaryView summary={s()} />}
      </Show>
      <details class="raw-file">
        <summary>Raw file</summary>
        <pre class="text-preview">{props.text}</pre>
      </details>
    </div>
  );
}
