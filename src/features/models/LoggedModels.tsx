// The run page's way into its models: each artifact folder holding an MLmodel, with its flavors,
// linked to its model page, and a Register button that adds it to the model registry. Nothing is
// shown for a run without models.
import { A } from '@solidjs/router';
import { createMemo, For, Show, type JSX } from 'solid-js';
import { LOGGED_MODEL_HISTORY_TAG } from '../../domain/system-tags';
import type { Run } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { RegisterModelButton } from '../registry/RegisterModelButton';
import { findLoggedModels } from './model-data';
import { modelHref } from './model-route';
import './models.css';

export function LoggedModels(props: { run: Run }): JSX.Element {
  const { workspace, client } = useWorkspace();
  // Re-read at once when the run or its model history changes (a model logged while the page is
  // open). The workspace's change feed, which also fires for every metric a training loop logs,
  // only needs to catch models imported as plain folders, so it may be slow.
  const models = createWorkspaceQuery(
    workspace,
    () => `${props.run.info.runId}\n${props.run.data.tags[LOGGED_MODEL_HISTORY_TAG] ?? ''}`,
    () => findLoggedModels(client, props.run),
    { throttleMs: 5000 },
  );
  // Rows keyed by path, so a refresh keeps a row's open registration form.
  const byPath = createMemo(() => new Map((models.value() ?? []).map((m) => [m.artifactPath, m] as const)));
  const paths = createMemo(() => [...byPath().keys()], [], { equals: (a, b) => a.length === b.length && a.every((p, i) => p === b[i]) });
  return (
    <>
      <Show when={models.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={paths().length > 0}>
        <div class="logged-models">
          <h4>Logged models</h4>
          <ul>
            <For each={paths()}>
              {(path) => (
                <Show when={byPath().get(path)}>
                  {(m) => (
                    <li data-model-path={path}>
                      <A href={modelHref(props.run.info.runId, path)}>{path}</A>{' '}
                      <For each={m().flavors}>{(f) => <span class="badge flavor-badge">{f}</span>}</For>
                      <Show when={m().flavors.includes('onnx')}>
                        {' '}<A class="try-link" href={modelHref(props.run.info.runId, path, 'try')}>Try it</A>
                      </Show>
                      {' '}<RegisterModelButton runId={props.run.info.runId} artifactPath={path} />
                    </li>
                  )}
                </Show>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </>
  );
}
