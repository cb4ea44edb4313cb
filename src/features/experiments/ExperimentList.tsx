// The experiments sidebar, the workspace's experiment manager: search (a name fragment or an
// MLflow filter), a "Show deleted" toggle, the experiments with their run counts (rename, delete,
// restore in place), a form to create one, and "Load demo data". Search text and toggle live in
// the URL (?q=, ?deleted=1), so a reload or a shared link shows the same list. Live: experiments
// created in another tab or by a script appear on their own.
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import type { Experiment } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createShortcut } from '../../ui/primitives/shortcuts';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { LoadDemoButton } from '../demo/LoadDemoButton';
import { experimentFilterFor, readListState, withListState } from './experiment-search';
import { ExperimentListItem } from './ExperimentListItem';
import './experiments.css';

const TYPING_DEBOUNCE_MS = 250;

interface ListedExperiment {
  experiment: Experiment;
  runCount: number;
}

export function ExperimentList(props: { onCreated?: (experimentId: string) => void }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ q?: string; deleted?: string }>();
  const state = () => readListState(params);
  const filter = () => experimentFilterFor(state().q);

  const experiments = createWorkspaceQuery(
    workspace,
    () => ({ filterString: filter(), showDeleted: state().deleted ?? false }),
    async ({ filterString, showDeleted }): Promise<ListedExperiment[]> => {
      const { experiments: found } = await client.searchExperiments({
        filterString,
        viewType: showDeleted ? 'ALL' : 'ACTIVE_ONLY',
        orderBy: ['name ASC'],
        maxResults: 50_000,
      });
      const ids = (stage: Experiment['lifecycleStage']) => found.filter((e) => e.lifecycleStage === stage).map((e) => e.experimentId);
      // A deleted experiment's runs are all deleted too: count those, they come back on restore.
      const [active, deleted] = await Promise.all([
        client.countRuns({ experimentIds: ids('active') }),
        client.countRuns({ experimentIds: ids('deleted'), runViewType: 'ALL' }),
      ]);
      return found.map((e) => ({ experiment: e, runCount: active[e.experimentId] ?? deleted[e.experimentId] ?? 0 }));
    },
  );

  // Rows are keyed by id, not by the fresh objects each refresh returns, so a row being renamed
  // keeps its input while a script logs runs and the counts change.
  const byId = createMemo(() => new Map((experiments.value() ?? []).map((x) => [x.experiment.experimentId, x] as const)));
  const listedIds = createMemo(() => [...byId().keys()], undefined, { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });

  // The box updates the URL as you type (debounced, replacing history so Back leaves the page
  // rather than undoing keystrokes), and follows the URL when Back/Forward change it.
  const [draft, setDraft] = createSignal(state().q ?? '');
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let committed = state().q;
  const commitSearch = (text: string): void => {
    clearTimeout(typingTimer);
    committed = text.trim() === '' ? undefined : text;
    setParams({ q: committed }, { replace: true });
  };
  // Only a change we did not make (Back, a link) overwrites the box, never our own echo arriving
  // after a few more keystrokes.
  createEffect(on(() => state().q, (q) => {
    if (q !== committed) {
      committed = q;
      setDraft(q ?? '');
    }
  }, { defer: true }));
  onCleanup(() => clearTimeout(typingTimer));

  let searchInput: HTMLInputElement | undefined;
  createShortcut('g e', () => searchInput?.focus(), { description: 'Search experiments', group: 'Experiments' });

  const [newName, setNewName] = createSignal('');
  const [createError, setCreateError] = createSignal<unknown>();
  const create = async (ev: SubmitEvent): Promise<void> => {
    ev.preventDefault();
    try {
      const id = await client.createExperiment(newName().trim());
      setNewName('');
      setCreateError(undefined);
      props.onCreated?.(id);
      navigate(withListState(`/experiments/${id}`, state()));
    } catch (e) {
      setCreateError(() => e);
    }
  };

  return (
    <nav class="experiment-list" aria-label="Experiments">
      <h2>Experiments</h2>
      <form class="experiment-search" role="search" onSubmit={(ev) => { ev.preventDefault(); commitSearch(draft()); }}>
        <input
          ref={searchInput}
          type="search"
          aria-label="Search experiments"
          placeholder="Search, or tags.team = 'ml'"
          value={draft()}
          onInput={(ev) => {
            const text = ev.currentTarget.value;
            setDraft(text);
            clearTimeout(typingTimer);
            typingTimer = setTimeout(() => commitSearch(text), TYPING_DEBOUNCE_MS);
          }}
          onKeyDown={(ev) => {
            if (ev.key === 'Escape' && draft() !== '') {
              setDraft('');
              commitSearch('');
            }
          }}
        />
      </form>
      <label class="show-deleted">
        <input
          type="checkbox"
          checked={state().deleted}
          onChange={(ev) => setParams({ deleted: ev.currentTarget.checked ? '1' : undefined }, { replace: true })}
        />
        Show deleted
      </label>
      <Show
        when={!experiments.error()}
        fallback={<ErrorNotice error={experiments.error()} source={filter()} />}
      >
        <ul>
          <For each={listedIds()}>
            {(id) => (
              <Show when={byId().get(id)}>
                {(item) => (
                  <ExperimentListItem
                    experiment={item().experiment}
                    runCount={item().runCount}
                    href={withListState(`/experiments/${id}`, state())}
                  />
                )}
              </Show>
            )}
          </For>
        </ul>
        <Show when={experiments.value()?.length === 0 && state().q}>
          <p class="muted no-match">No experiment matches.</p>
        </Show>
      </Show>
      <form class="create-experiment" onSubmit={create}>
        <input aria-label="New experiment name" placeholder="New experiment" value={newName()} onInput={(e) => setNewName(e.currentTarget.value)} />
        <button type="submit" disabled={newName().trim() === ''}>Create</button>
      </form>
      <Show when={createError()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <LoadDemoButton compact />
      <p class="data-links">
        <A href="/import" class="import-link">Import from MLflow</A>
        <A href="/export" class="export-link">Export</A>
      </p>
    </nav>
  );
}
