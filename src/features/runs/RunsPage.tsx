// One experiment: its name, a filter box that takes MLflow's search syntax (errors shown at the
// offending token), and the matching runs, newest first. Updates live while runs log.
import { useParams, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { SdkSnippet } from '../../ui/components/SdkSnippet';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { RunsTable } from './RunsTable';

export function RunsPage(): JSX.Element {
  const params = useParams<{ experimentId: string }>();
  const [search, setSearch] = useSearchParams<{ filter?: string }>();
  const { workspace, client } = useWorkspace();
  const [draft, setDraft] = createSignal(search.filter ?? '');

  const page = createWorkspaceQuery(
    workspace,
    () => ({ experimentId: params.experimentId, filter: search.filter ?? '' }),
    async ({ experimentId, filter }) => {
      const experiment = await client.getExperiment(experimentId);
      const { runs } = await client.searchRuns({ experimentIds: [experimentId], filterString: filter, maxResults: 1000 });
      return { experiment, runs };
    },
  );

  return (
    <section class="runs-page">
      <Show when={page.value()?.experiment}>
        {(e) => <h2 class="experiment-title">{e().name}</h2>}
      </Show>
      <form
        class="filter-bar"
        onSubmit={(ev) => {
          ev.preventDefault();
          setSearch({ filter: draft() || undefined });
        }}
      >
        <input
          aria-label="Filter runs"
          class="filter-input"
          placeholder={`metrics.accuracy > 0.9 AND params.model = 'cnn'`}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      <Switch>
        <Match when={page.error()}>
          <ErrorNotice error={page.error()} source={search.filter} />
        </Match>
        <Match when={page.value() && page.value()!.runs.length === 0 && !search.filter}>
          <div class="empty-state">
            <p>No runs in this experiment yet. Log one from a script or from this page's console:</p>
            <SdkSnippet experimentName={page.value()?.experiment.name} />
          </div>
        </Match>
        <Match when={page.value()}>
          {(v) => (
            <>
              <p class="muted run-count">{v().runs.length} runs</p>
              <RunsTable runs={v().runs} />
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
