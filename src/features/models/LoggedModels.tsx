// The run page's way into its models: each artifact folder holding an MLmodel, with its flavors,
// linked to its model page. Nothing is shown for a run without models.
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { LOGGED_MODEL_HISTORY_TAG } from '../../domain/system-tags';
import type { Run } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
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
  return (
    <>
      <Show when={models.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={(models.value() ?? []).length > 0}>
        <div class="logged-models">
          <h4>Logged models</h4>
          <ul>
            <For each={models.value()}>
              {(m) => (
                <li data-model-path={m.artifactPath}>
                  <A href={modelHref(props.run.info.runId, m.artifactPath)}>{m.artifactPath}</A>{' '}
                  <For each={m.flavors}>{(f) => <span class="badge flavor-badge">{f}</span>}</For>
                  <Show when={m.flavors.includes('onnx')}>
                    {' '}<A class="try-link" href={modelHref(props.run.info.runId, m.artifactPath, 'try')}>Try it</A>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </>
  );
}
