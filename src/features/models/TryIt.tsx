// Try a model on one input: a form generated from its signature (prefilled from the input
// example), or a request pasted as MLflow's scoring server takes it (JSON or CSV). Both end in
// model.predict(); the answer shows as a table with the call's latency, and a refused input shows
// MLflow's enforcement error, which names every bad column.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createStore } from 'solid-js/store';
import { SchemaEnforcementError, type SchemaProblem } from '../../domain/models';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { FieldControl } from './FieldControl';
import type { ModelPageData } from './model-data';
import { requestFromPayload, requestFromText, type ScoringRequest } from './pasted-payload';
import { PredictionView, type Prediction } from './PredictionView';
import { initialValues, readForm, signatureForm, type FormValues } from './signature-form';

/** Enforcement's findings one per line, so a long MLflow message still reads as a checklist. */
function SchemaProblems(props: { problems: SchemaProblem[] }): JSX.Element {
  return (
    <table class="kv model-table schema-problems">
      <thead><tr><th>Input</th><th>Signature says</th><th>Problem</th></tr></thead>
      <tbody>
        <For each={props.problems}>{(p) => <tr data-input={p.input}><td>{p.input}</td><td><code>{p.expected}</code></td><td class="kv-value">{p.message}</td></tr>}</For>
      </tbody>
    </table>
  );
}

export function TryIt(props: { data: ModelPageData }): JSX.Element {
  // The page re-creates this panel when the model changes, so reading props once is right here.
  const model = props.data.model;
  const signature = model.metadata.signature;
  const form = signatureForm(signature);
  const exampleText = props.data.example?.text ?? '';
  const [values, setValues] = createStore<FormValues>(form ? initialValues(form, signature, props.data.example?.payload) : {});
  const [pasted, setPasted] = createSignal(exampleText);
  const [prediction, setPrediction] = createSignal<Prediction>();
  const [error, setError] = createSignal<unknown>();
  const [running, setRunning] = createSignal(false);
  const [source, setSource] = createSignal<'form' | 'paste'>('form');
  const problems = createMemo((): SchemaProblem[] => {
    const e = error();
    return e instanceof SchemaEnforcementError ? e.problems : [];
  });
  /** Fields to mark: only when the refused input came from the form. */
  const refused = createMemo(() => new Set(source() === 'form' ? problems().map((p) => p.input) : []));
  let calls = 0;

  const run = async (from: 'form' | 'paste', request: () => ScoringRequest): Promise<void> => {
    setRunning(true);
    setSource(from);
    try {
      const { input, params } = request();
      const started = performance.now();
      const value = await model.predict(input, params);
      setPrediction({ value, latencyMs: performance.now() - started, first: calls++ === 0 });
      setError(undefined);
    } catch (e) {
      setPrediction(undefined);
      setError(() => e);
    } finally {
      setRunning(false);
    }
  };
  const fromForm = (): ScoringRequest => {
    if (!form) throw new Error('no form');
    const { payload, params } = readForm(form, values);
    const request = requestFromPayload(payload, signature);
    return params ? { ...request, params } : request;
  };

  return (
    <div class="try-it">
      <div class="try-inputs">
        <Show when={form}>
          {(f) => (
            // noValidate: MLflow's enforcement, not the browser's number checks, decides what is wrong.
            <form class="try-form" noValidate onSubmit={(e) => { e.preventDefault(); void run('form', fromForm); }}>
              <h4>Form <span class="muted">({f().kind === 'tensors' ? 'tensor input' : `${f().inputs.length} column${f().inputs.length === 1 ? '' : 's'}`})</span></h4>
              <div class="form-fields">
                <For each={f().inputs}>{(field) => <FieldControl field={field} key={field.name} values={values} invalid={refused().has(field.name)} set={(k, v) => setValues(k, v)} />}</For>
              </div>
              <Show when={f().params.length > 0}>
                <h5>Params</h5>
                <div class="form-fields">
                  <For each={f().params}>{(field) => <FieldControl field={field} key={`param:${field.name}`} values={values} invalid={false} set={(k, v) => setValues(k, v)} />}</For>
                </div>
              </Show>
              <button type="submit" class="primary predict-form" disabled={running()}>Predict</button>
            </form>
          )}
        </Show>
        <form class="try-paste" onSubmit={(e) => { e.preventDefault(); void run('paste', () => requestFromText(pasted(), signature)); }}>
          <h4>Paste a request</h4>
          <p class="muted">
            JSON as <code>/invocations</code> takes it (<code>dataframe_split</code>, <code>dataframe_records</code>, <code>inputs</code> or <code>instances</code>, optional <code>params</code>), or CSV with a header row.
          </p>
          <textarea class="paste-box" rows={12} spellcheck={false} aria-label="Request body" value={pasted()} onInput={(e) => setPasted(e.currentTarget.value)} />
          <div class="paste-actions">
            <button type="submit" class="primary predict-paste" disabled={running()}>Predict</button>
            <Show when={exampleText}>
              <button type="button" onClick={() => setPasted(exampleText)}>Reset to the input example</button>
            </Show>
          </div>
        </form>
      </div>
      <div class="try-result">
        <Show when={running()}><p class="muted">Predicting…</p></Show>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <Show when={problems().length > 0}><SchemaProblems problems={problems()} /></Show>
        <Show when={prediction()}>{(p) => <PredictionView prediction={p()} />}</Show>
      </div>
    </div>
  );
}
