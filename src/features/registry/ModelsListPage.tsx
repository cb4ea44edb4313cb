// The model registry (/models): every registered model with its latest version per stage and its
// aliases, a search box (a name fragment or MLflow's registered-model filter, kept in ?search=),
// and the transition requests waiting for approval across all models.
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import type { RegisteredModel } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatRelativeTime, formatTimestamp } from '../../ui/format';
import { createShortcut } from '../../ui/primitives/shortcuts';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { createUserProfile } from '../settings/user-profile';
import { AliasChip, StageChip } from './Chips';
import { createKeyedList } from './keyed-list';
import { PendingRequests } from './PendingRequests';
import { searchAllModels } from './registry-data';
import { registeredModelHref } from './registry-route';
import { modelFilterFor } from './registry-search';
import { latestByStage } from './transition-plan';
import './registry.css';

const TYPING_DEBOUNCE_MS = 250;

function ModelRow(props: { model: RegisteredModel }): JSX.Element {
  return (
    <tr data-model={props.model.name}>
      <td class="model-name-cell"><A href={registeredModelHref(props.model.name)}>{props.model.name}</A></td>
      <td class="chip-cell">
        <For each={latestByStage(props.model.latestVersions)} fallback={<span class="muted">no versions</span>}>
          {(v) => <StageChip name={props.model.name} version={v.version} stage={v.currentStage} />}
        </For>
      </td>
      <td class="chip-cell">
        <For each={props.model.aliases}>{(a) => <AliasChip name={props.model.name} alias={a.alias} version={a.version} />}</For>
      </td>
      <td title={formatTimestamp(props.model.lastUpdatedTimestamp)}>{formatRelativeTime(props.model.lastUpdatedTimestamp)}</td>
    </tr>
  );
}

export function ModelsListPage(): JSX.Element {
  const { workspace, client } = useWorkspace();
  const [params, setParams] = useSearchParams<{ search?: string }>();
  const me = createUserProfile(workspace);
  const typed = (): string => params.search ?? '';
  const models = createWorkspaceQuery(workspace, () => modelFilterFor(typed()), (filter) => searchAllModels(client, filter));
  const pending = createWorkspaceQuery(workspace, () => 'PENDING' as const, (status) => client.listTransitionRequests({ status }));
  const rows = createKeyedList(() => models.value() ?? [], (m) => m.name);

  // The box writes ?search= as you type (debounced, replacing history), and follows Back/Forward.
  const [draft, setDraft] = createSignal(typed());
  let committed = typed();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const commit = (text: string): void => {
    clearTimeout(timer);
    committed = text;
    setParams({ search: text.trim() === '' ? undefined : text }, { replace: true });
  };
  createEffect(on(typed, (q) => {
    if (q !== committed) {
      committed = q;
      setDraft(q);
    }
  }, { defer: true }));
  onCleanup(() => clearTimeout(timer));
  let searchInput: HTMLInputElement | undefined;
  createShortcut('/', () => searchInput?.focus(), { description: 'Search models', group: 'Models' });

  return (
    <article class="registry-page models-list-page">
      <header class="registry-header">
        <h2>Registered models</h2>
        <p class="muted">Register a model from its run page (a logged model's <em>Register</em> button), or with <code>mlflow.registerModel(uri, name)</code>.</p>
      </header>
      <section class="pending-approvals" aria-labelledby="pending-heading">
        <h3 id="pending-heading">Waiting for approval <span class="count">{pending.value()?.length ?? ''}</span></h3>
        <Show when={pending.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <PendingRequests requests={pending.value() ?? []} me={me()} showModel />
      </section>
      <form class="filter-bar models-search" role="search" onSubmit={(e) => { e.preventDefault(); commit(draft()); }}>
        <input
          ref={searchInput}
          class="filter-input"
          type="search"
          aria-label="Search models"
          placeholder="name fragment, or a filter: tags.team = 'vision'"
          value={draft()}
          onInput={(e) => {
            const text = e.currentTarget.value;
            setDraft(text);
            clearTimeout(timer);
            timer = setTimeout(() => commit(text), TYPING_DEBOUNCE_MS);
          }}
        />
      </form>
      <Show when={models.error()}>{(e) => <ErrorNotice error={e()} source={modelFilterFor(typed())} />}</Show>
      <Show when={models.value()}>
        <Show when={rows.keys().length > 0} fallback={<p class="muted no-models">{typed() ? 'No model matches this search.' : 'No registered models yet.'}</p>}>
          <table class="registry-table models-table">
            <thead><tr><th>Name</th><th>Latest versions</th><th>Aliases</th><th>Last modified</th></tr></thead>
            <tbody>
              <For each={rows.keys()}>{(name) => <Show when={rows.get(name)}>{(m) => <ModelRow model={m()} />}</Show>}</For>
            </tbody>
          </table>
        </Show>
      </Show>
    </article>
  );
}
