// What a model is: where it came from, its MLmodel fields, flavors, signature, input example and
// files, and an MLflow-compatible zip of it to take elsewhere (`mlflow models serve -m <dir>`).
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { displayValue } from '../../domain/mlmodel-summary';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes } from '../../ui/format';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import type { ModelPageData } from './model-data';
import { fileStem, saveFile } from '../../ui/save-file';
import { SignatureTables } from './SignatureTables';

/** The example is for reading, not scrolling through: long ones are cut here (the file is in the list). */
const EXAMPLE_SHOWN_CHARS = 4000;

function Facts(props: { data: ModelPageData }): JSX.Element {
  const m = () => props.data.model.metadata;
  const totalBytes = () => props.data.files.reduce((n, f) => n + f.size, 0);
  const facts = (): Array<[string, string | undefined]> => [
    ['Model URI', props.data.model.modelUri],
    ['MLflow version', m().mlflowVersion],
    ['Created (UTC)', m().utcTimeCreated],
    ['Model UUID', m().modelUuid],
    ['Model size', m().modelSizeBytes === undefined ? undefined : `${formatBytes(m().modelSizeBytes)} (as logged)`],
    ['Files', `${props.data.files.length} (${formatBytes(totalBytes())})`],
  ];
  return (
    <dl class="overview model-facts">
      <dt>Source run</dt>
      <dd class="model-source-run">
        <A href={`/runs/${encodeURIComponent(props.data.model.location.runId)}`}>{props.data.run?.info.runName ?? props.data.model.location.runId}</A>
      </dd>
      <For each={facts().filter(([, v]) => v !== undefined && v !== '')}>
        {([label, value]) => (<><dt>{label}</dt><dd data-fact={label}><code>{value}</code></dd></>)}
      </For>
    </dl>
  );
}

function Flavors(props: { flavors: Record<string, Record<string, unknown>> }): JSX.Element {
  return (
    <div class="flavor-list">
      <For each={Object.entries(props.flavors)}>
        {([name, settings]) => (
          <section class="flavor" data-flavor={name}>
            <h5>{name}</h5>
            <table class="kv model-table">
              <tbody>
                <For each={Object.entries(settings ?? {})}>{([k, v]) => <tr><th scope="row">{k}</th><td class="kv-value">{displayValue(v)}</td></tr>}</For>
              </tbody>
            </table>
          </section>
        )}
      </For>
    </div>
  );
}

export function ModelOverview(props: { data: ModelPageData }): JSX.Element {
  const { client } = useWorkspace();
  const exporting = createAttempt();
  const [busy, setBusy] = createSignal(false);
  const exportZip = async (): Promise<void> => {
    setBusy(true);
    await exporting.attempt(async () => saveFile(await client.exportModelZip(props.data.model.modelUri), `${fileStem(props.data.model.location.path)}.zip`));
    setBusy(false);
  };
  const example = () => props.data.example;
  return (
    <div class="model-overview">
      <div class="model-actions">
        <button type="button" class="export-zip" disabled={busy()} onClick={() => void exportZip()}>
          {busy() ? 'Exporting…' : 'Export MLflow zip'}
        </button>
        <span class="muted">A folder <code>mlflow models serve -m</code> can use once unpacked.</span>
      </div>
      <Show when={exporting.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Facts data={props.data} />
      <h4>Flavors</h4>
      <Flavors flavors={props.data.model.metadata.flavors} />
      <h4>Signature</h4>
      <SignatureTables signature={props.data.model.metadata.signature} />
      <h4>Input example</h4>
      <Show when={example()} fallback={<p class="muted">No input example was logged with this model.</p>}>
        {(ex) => (
          <>
            <Show when={ex().problem}>{(p) => <ErrorNotice error={p()} />}</Show>
            <Show when={ex().text}>
              <pre class="model-example">{ex().text.length > EXAMPLE_SHOWN_CHARS ? `${ex().text.slice(0, EXAMPLE_SHOWN_CHARS)}…` : ex().text}</pre>
            </Show>
          </>
        )}
      </Show>
      <h4>Files</h4>
      <table class="kv model-table model-files">
        <thead><tr><th>Path</th><th class="num">Size</th></tr></thead>
        <tbody>
          <For each={props.data.files}>{(f) => <tr data-file={f.path}><td>{f.path}</td><td class="num">{formatBytes(f.size)}</td></tr>}</For>
        </tbody>
      </table>
    </div>
  );
}
