// Bring a model exported from MLflow into this run: a zip, or a model folder (every file of it).
// The SDK checks every path and the MLmodel before anything is stored, all files or none.
import { A } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import type { ModelInfo } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { modelHref } from './model-route';

/** A folder pick gives paths like "model/MLmodel": keep them relative to the picked folder. */
function folderFiles(files: FileList): Array<{ path: string; data: Blob }> {
  return Array.from(files, (f) => ({ path: (f.webkitRelativePath || f.name).split('/').slice(1).join('/') || f.name, data: f }));
}

export function ImportModel(props: { runId: string }): JSX.Element {
  const { client } = useWorkspace();
  const [open, setOpen] = createSignal(false);
  const [path, setPath] = createSignal('imported-model');
  const [done, setDone] = createSignal<ModelInfo>();
  const { error, attempt } = createAttempt();

  const importFrom = (source: Blob | Array<{ path: string; data: Blob }>): void => {
    void attempt(async () => {
      setDone(await client.importModel(props.runId, source, { artifactPath: path().trim() }));
    });
  };

  return (
    <div class="import-model">
      <Show when={open()} fallback={<button type="button" class="link" onClick={() => setOpen(true)}>Import an MLflow model…</button>}>
        <label>
          Artifact path <input aria-label="Artifact path for the imported model" value={path()} onInput={(e) => setPath(e.currentTarget.value)} />
        </label>{' '}
        <label class="file-pick">
          Zip <input type="file" accept=".zip,application/zip" aria-label="Model zip" onChange={(e) => e.currentTarget.files?.[0] && importFrom(e.currentTarget.files[0])} />
        </label>{' '}
        <label class="file-pick">
          Folder <input type="file" aria-label="Model folder" {...{ webkitdirectory: true }} multiple onChange={(e) => e.currentTarget.files && importFrom(folderFiles(e.currentTarget.files))} />
        </label>
        <Show when={done()}>
          {(info) => <p class="import-done">Imported <A href={modelHref(props.runId, info().artifactPath)}>{info().artifactPath}</A> ({Object.keys(info().flavors).join(', ')}).</p>}
        </Show>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      </Show>
    </div>
  );
}
