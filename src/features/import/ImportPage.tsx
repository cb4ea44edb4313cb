// The import page (/import, issue #7): bring an MLflow file store (mlruns/) into this workspace.
// Choose a folder or zip (or drop one), see what it holds and what is new here, then import it,
// with progress and Cancel throughout. Nothing is written before "Import" and a cancelled or
// failed import leaves the workspace as it was (the SDK writes in one transaction).
import { A } from '@solidjs/router';
import { Match, Show, Switch, type JSX } from 'solid-js';
import type { ImportReport } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes, formatCountOf } from '../../ui/format';
import { useWorkspace } from '../../ui/workspace-context';
import { createImportJob, type ImportJobState } from './create-import-job';
import { ImportCountsTable, ImportWarnings } from './ImportPreview';
import { ImportListing, ImportRunning } from './ImportStatus';
import { SourcePicker } from './SourcePicker';
import './import.css';

type Of<K extends ImportJobState['kind']> = Extract<ImportJobState, { kind: K }>;

function previewLine(r: ImportReport): string {
  const runs = r.imported.runs;
  const points = r.imported.metricPoints;
  if (!r.changed) return 'Everything in this tree is here already: importing it would change nothing.';
  return `${formatCountOf(runs, 'new or changed run')}, ${formatCountOf(points, 'metric point')} and ${formatBytes(r.imported.artifactBytes)} of artifacts to write.`;
}

export function ImportPage(): JSX.Element {
  const { workspace } = useWorkspace();
  const job = createImportJob(workspace);
  const state = job.state;
  const when = <K extends ImportJobState['kind']>(kind: K) => (): Of<K> | undefined => {
    const s = state();
    return s.kind === kind ? (s as Of<K>) : undefined;
  };
  const choosing = () => ['idle', 'done', 'cancelled', 'failed'].includes(state().kind);

  return (
    <article class="import-page">
      <h2>Import from MLflow</h2>
      <p class="muted">
        Experiments, runs with their params, tags and full metric histories, deleted runs, artifacts and logged models, and the model registry.
        Everything stays in this browser.
      </p>
      <Show when={choosing()}>
        <SourcePicker disabled={!choosing()} onSource={(label, list) => void job.read(label, list)} />
      </Show>
      <Switch>
        <Match when={when('listing')()}>{(s) => <ImportListing files={s().files} onCancel={job.cancel} />}</Match>
        <Match when={when('reading')()}>
          {(s) => <ImportRunning title={`Reading ${s().label}`} progress={s().progress} cancelling={s().cancelling} onCancel={job.cancel} />}
        </Match>
        <Match when={when('preview')()}>
          {(s) => (
            <section class="import-preview">
              <h3>What <span class="import-source-name">{s().label}</span> holds</h3>
              <p class="import-tree-size muted">
                {formatCountOf(s().prepared.tree.files, 'file')}, {formatBytes(s().prepared.tree.bytes)} read.
              </p>
              <p class="import-preview-line">{previewLine(s().prepared.preview)}</p>
              <ImportCountsTable report={s().prepared.preview} newLabel="To import" />
              <ImportWarnings report={s().prepared.preview} />
              <div class="import-actions">
                <button type="button" class="primary confirm-import" disabled={!s().prepared.preview.changed} onClick={() => void job.confirm()}>Import</button>
                <button type="button" class="cancel-import" onClick={job.cancel}>Cancel</button>
              </div>
            </section>
          )}
        </Match>
        <Match when={when('writing')()}>
          {(s) => <ImportRunning title="Importing" progress={s().progress} cancelling={s().cancelling} onCancel={job.cancel} />}
        </Match>
        <Match when={when('done')()}>
          {(s) => (
            <section class="import-done" role="status">
              <h3>Imported {s().label}</h3>
              <p class="import-done-line">
                {s().report.changed ? previewLine(s().report).replace('to write', 'written') : 'Nothing new: everything in this tree was here already.'}{' '}
                <A href="/">Go to the experiments</A>
              </p>
              <ImportCountsTable report={s().report} newLabel="Imported" />
              <ImportWarnings report={s().report} />
            </section>
          )}
        </Match>
        <Match when={when('cancelled')()}>
          <p class="import-cancelled" role="status">Import cancelled. Nothing in this workspace was changed.</p>
        </Match>
        <Match when={when('failed')()}>
          {(s) => (
            <div class="import-failed">
              <p>The import of {s().label} failed; nothing in this workspace was changed.</p>
              <ErrorNotice error={s().error} />
            </div>
          )}
        </Match>
      </Switch>
    </article>
  );
}
