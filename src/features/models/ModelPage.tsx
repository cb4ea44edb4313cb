// One logged model (route /runs/:runId/model/*artifactPath): what it is (Overview), one input at
// a time (Try it) and whole CSV files (Batch score). The open panel lives in the URL (?panel=), so
// a link opens the same panel. Models of other flavors are shown but cannot run here: their page
// says so with the SDK's own NOT_IMPLEMENTED message and offers no panels that would call predict.
import { A, useParams, useSearchParams } from '@solidjs/router';
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { BatchScore } from './BatchScore';
import { loadModelPage, type ModelPageData } from './model-data';
import { artifactPathFromParam, MODEL_PANELS, modelHref, panelOf, type ModelPanel } from './model-route';
import { ModelOverview } from './ModelOverview';
import { TryIt } from './TryIt';
import './models.css';

function PanelNav(props: { data: ModelPageData; panel: ModelPanel; onSelect: (p: ModelPanel) => void }): JSX.Element {
  return (
    <nav class="model-panel-nav" aria-label="Model panels">
      <For each={MODEL_PANELS}>
        {(p) => (
          <a
            href={modelHref(props.data.model.location.runId, props.data.model.location.path, p.id)}
            data-panel={p.id}
            aria-current={props.panel === p.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              props.onSelect(p.id);
            }}
          >
            {p.label}
          </a>
        )}
      </For>
    </nav>
  );
}

function Header(props: { data: ModelPageData }): JSX.Element {
  const location = () => props.data.model.location;
  return (
    <header class="model-header">
      <p class="breadcrumb">
        <A href={`/runs/${encodeURIComponent(location().runId)}`}>{props.data.run?.info.runName ?? location().runId}</A>
        <span class="muted"> / model</span>
      </p>
      <h2 class="model-title">
        <span class="model-path">{location().path}</span>
        <For each={Object.keys(props.data.model.metadata.flavors)}>{(f) => <span class="badge flavor-badge" data-flavor={f}>{f}</span>}</For>
      </h2>
      <Show when={props.data.cannotRun}>
        {(e) => (
          <div class="preview-note model-cannot-run" role="note">
            <strong>This model cannot run here.</strong> <span class="muted">({e().errorCode})</span>
            <p>{e().message}</p>
          </div>
        )}
      </Show>
    </header>
  );
}

export function ModelPage(): JSX.Element {
  const params = useParams<{ runId: string; artifactPath: string }>();
  const [search, setSearch] = useSearchParams();
  const { workspace, client } = useWorkspace();
  const target = () => ({ runId: params.runId, path: artifactPathFromParam(params.artifactPath) });
  const data = createWorkspaceQuery(workspace, target, ({ runId, path }) => loadModelPage(client, runId, path), { throttleMs: 1000 });

  /** The loaded model, only once it is the one in the URL (never the previous page's). */
  const current = (): ModelPageData | undefined => {
    const v = data.value();
    const t = target();
    return v && v.model.location.runId === t.runId && v.model.location.path === t.path ? v : undefined;
  };
  const panel = (): ModelPanel => {
    const p = panelOf(typeof search.panel === 'string' ? search.panel : undefined);
    return current()?.cannotRun ? 'overview' : p;
  };
  // Panels are not history steps: Back leaves the model page rather than flipping tabs.
  const select = (p: ModelPanel): void => setSearch({ panel: p === 'overview' ? undefined : p }, { replace: true, scroll: false });
  /** Re-logging a model at the same path gives it a new uuid: its panels then start afresh. */
  const modelKey = (): string | undefined => {
    const v = current();
    return v ? `${v.model.modelUri} ${v.model.metadata.modelUuid ?? ''}` : undefined;
  };

  return (
    <article class="model-page">
      <Show when={data.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={!current() && !data.error()}><p class="muted">Loading model…</p></Show>
      <Show when={current()}>
        {(v) => (
          <>
            <Header data={v()} />
            {/* A model that cannot run has only its overview: no tab bar of one tab. */}
            <Show when={!v().cannotRun}><PanelNav data={v()} panel={panel()} onSelect={select} /></Show>
            <section class="model-panel" data-panel={panel()}>
              <Switch>
                <Match when={panel() === 'overview'}><ModelOverview data={v()} /></Match>
                <Match when={panel() === 'try' && modelKey()} keyed>{(_key: string) => <TryIt data={v()} />}</Match>
                <Match when={panel() === 'batch' && modelKey()} keyed>{(_key: string) => <BatchScore data={v()} />}</Match>
              </Switch>
            </section>
          </>
        )}
      </Show>
    </article>
  );
}
