// The experiments sidebar: every active experiment with its number of runs, and a form to
// create one. Live: an experiment created in another tab or by a script appears on its own.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';

export function ExperimentList(props: { onCreated?: (experimentId: string) => void }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const experiments = createWorkspaceQuery(workspace, () => null, async () => {
    const { experiments } = await client.searchExperiments({ orderBy: ['name ASC'], maxResults: 50_000 });
    return Promise.all(
      experiments.map(async (e) => ({ ...e, runCount: (await client.searchRuns({ experimentIds: [e.experimentId], maxResults: 50_000 })).runs.length })),
    );
  });
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<unknown>();

  const create = async (ev: SubmitEvent): Promise<void> => {
    ev.preventDefault();
    try {
      const id = await client.createExperiment(name().trim());
      setName('');
      setError(undefined);
      props.onCreated?.(id);
    } catch (e) {
      setError(() => e);
    }
  };

  return (
    <nav class="experiment-list" aria-label="Experiments">
      <h2>Experiments</h2>
      <ul>
        <For each={experiments.value() ?? []}>
          {(e) => (
            <li>
              <A href={`/experiments/${e.experimentId}`} activeClass="active" end>
                <span class="experiment-name">{e.name}</span>
                <span class="count" title="runs">{e.runCount}</span>
              </A>
            </li>
          )}
        </For>
      </ul>
      <form class="create-experiment" onSubmit={create}>
        <input aria-label="New experiment name" placeholder="New experiment" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        <button type="submit" disabled={name().trim() === ''}>Create</button>
      </form>
      <Show when={error() ?? experiments.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </nav>
  );
}
