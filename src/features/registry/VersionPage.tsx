// One model version (/models/:name/versions/:version): stage, aliases, where it came from (source
// URI and the run, linked), its description and tags, the logged model's signature and input
// example, and Try it, which predicts through models:/<name>/<version>. The tab is in ?tab=.
// Two reads: the version itself (cheap, refreshed with every registry change) and its logged model
// (files, example, an inference session: read again only when the version's source changes).
import { A, useParams, useSearchParams } from '@solidjs/router';
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import type { ModelVersion } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatTimestamp } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import type { ModelPageData } from '../models/model-data';
import { modelHref } from '../models/model-route';
import { SignatureTables } from '../models/SignatureTables';
import { TryIt } from '../models/TryIt';
import { AliasChip } from './Chips';
import { DeleteVersionButton } from './DeleteVersionButton';
import { loadVersionModel, type VersionModel } from './registry-data';
import { modelVersionHref, nameFromParam, registeredModelHref, tabOf, VERSION_TABS, type VersionTab } from './registry-route';
import { MarkdownEditor } from '../../ui/components/MarkdownEditor';
import { TagEditor } from '../../ui/components/TagEditor';
import { TabNav } from './TabNav';
import '../models/models.css';
import './registry.css';

function Facts(props: { version: ModelVersion; runName: string | undefined; model: ModelPageData | undefined }): JSX.Element {
  const v = () => props.version;
  const location = () => props.model?.model.location;
  return (
    <dl class="overview version-facts">
      <dt>Stage</dt>
      <dd><span class={`chip stage-chip stage-${v().currentStage.toLowerCase()}`} data-fact="stage">{v().currentStage}</span></dd>
      <dt>Aliases</dt>
      <dd class="chip-cell"><For each={v().aliases} fallback={<span class="muted">none</span>}>{(a) => <AliasChip name={v().name} alias={a} version={v().version} />}</For></dd>
      <dt>Source</dt>
      <dd><code data-fact="source">{v().source}</code></dd>
      <dt>Source run</dt>
      <dd>
        <Show when={v().runId} fallback={<span class="muted">not from a run of this workspace</span>}>
          <A href={`/runs/${encodeURIComponent(v().runId)}`}>{props.runName ?? v().runId}</A>
          <Show when={location()}>{(l) => <> · <A class="version-model-link" href={modelHref(l().runId, l().path)}>logged model</A></>}</Show>
        </Show>
      </dd>
      <dt>Load it with</dt>
      <dd><code>{`mlflow.pyfunc.load_model("models:/${v().name}/${v().version}")`}</code></dd>
      <dt>Registered</dt>
      <dd>{formatTimestamp(v().creationTimestamp)}<Show when={v().userId}> by <span data-fact="user">{v().userId}</span></Show></dd>
      <dt>Status</dt>
      <dd>{v().status}<Show when={v().statusMessage}> <span class="muted">({v().statusMessage})</span></Show></dd>
    </dl>
  );
}

function Overview(props: { version: ModelVersion; runName: string | undefined; model: ModelPageData | undefined }): JSX.Element {
  const { client } = useWorkspace();
  const v = () => props.version;
  return (
    <>
      <Facts version={v()} runName={props.runName} model={props.model} />
      <section class="registry-section">
        <h3>Description</h3>
        <MarkdownEditor class="registry-description" content={v().description} onSave={(text) => client.updateModelVersion(v().name, v().version, { description: text })} />
      </section>
      <section class="registry-section">
        <h3>Tags</h3>
        <TagEditor class="registry-tags" empty="No tags yet." tags={v().tags} onSet={(k, val) => client.setModelVersionTag(v().name, v().version, k, val)} onDelete={(k) => client.deleteModelVersionTag(v().name, v().version, k)} />
      </section>
      <Show when={props.model}>
        {(m) => (
          <section class="registry-section model-panel">
            <h3>Signature</h3>
            <SignatureTables signature={m().model.metadata.signature} />
            <h3>Input example</h3>
            <Show when={m().example?.text} fallback={<p class="muted">No input example was logged with this model.</p>}>
              {(text) => <pre class="model-example">{text()}</pre>}
            </Show>
          </section>
        )}
      </Show>
    </>
  );
}

export function VersionPage(): JSX.Element {
  const params = useParams<{ name: string; version: string }>();
  const [search, setSearch] = useSearchParams<{ tab?: string }>();
  const { workspace, client } = useWorkspace();
  const target = () => ({ name: nameFromParam(params.name), version: nameFromParam(params.version) });
  const version = createWorkspaceQuery(workspace, target, async ({ name, version: v }) => {
    const mv = await client.getModelVersion(name, v);
    // The run's name for the header; a version whose run is gone or elsewhere shows its id.
    const run = mv.runId ? await client.getRun(mv.runId).catch(() => undefined) : undefined;
    return { mv, runName: run?.info.runName };
  });
  const current = (): ModelVersion | undefined => {
    const v = version.value()?.mv;
    return v && v.name === target().name && v.version === target().version ? v : undefined;
  };
  /** What the model read depends on: the version's identity and source, never its stage or tags. */
  const modelKey = (): string | undefined => {
    const v = current();
    return v ? JSON.stringify([v.name, v.version, v.source]) : undefined;
  };
  const loaded = createWorkspaceQuery(workspace, modelKey, async (key): Promise<VersionModel & { key?: string }> => {
    const v = current();
    return key && v ? { key, ...(await loadVersionModel(client, v)) } : {};
  }, { throttleMs: 10_000 });
  const model = (): VersionModel | undefined => (loaded.value()?.key === modelKey() ? loaded.value() : undefined);
  const canTry = (): boolean => !!model()?.model && !model()?.model?.cannotRun;
  const tab = (): VersionTab => (canTry() ? tabOf(VERSION_TABS, search.tab) : 'overview');
  return (
    <article class="registry-page version-page">
      <Show when={version.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={!current() && !version.error()}><p class="muted">Loading version…</p></Show>
      <Show when={current()}>
        {(v) => (
          <>
            <header class="registry-header">
              <p class="breadcrumb">
                <A href="/models">Registered models</A> / <A class="version-model-name" href={registeredModelHref(v().name)}>{v().name}</A>
              </p>
              <div class="registry-title-row">
                <h2 class="version-title">Version {v().version}</h2>
                <DeleteVersionButton version={v()} />
              </div>
              <p class="muted version-origin">
                <span class={`chip stage-chip stage-${v().currentStage.toLowerCase()}`}>{v().currentStage}</span>
                <Show when={v().runId}>
                  {' '}from run <A class="version-run-link" href={`/runs/${encodeURIComponent(v().runId)}`}>{version.value()?.runName ?? v().runId}</A>
                </Show>
              </p>
            </header>
            <Show when={model()?.problem}>
              {(p) => (
                <div class="preview-note version-model-missing" role="note">
                  <strong>The model's files could not be loaded here.</strong>
                  <ErrorNotice error={p()} />
                </div>
              )}
            </Show>
            <Show when={model()?.model?.cannotRun}>{(e) => <p class="preview-note model-cannot-run">{e().message}</p>}</Show>
            <Show when={canTry()}>
              <TabNav
                label="Version sections"
                tabs={VERSION_TABS}
                current={tab()}
                href={(t) => modelVersionHref(v().name, v().version, t)}
                onSelect={(t) => setSearch({ tab: t === 'overview' ? undefined : t }, { replace: true, scroll: false })}
              />
            </Show>
            <Switch>
              <Match when={tab() === 'overview'}><Overview version={v()} runName={version.value()?.runName} model={model()?.model} /></Match>
              {/* Keyed by the version's source: a refresh (a stage change, another tab) keeps what is typed. */}
              <Match when={tab() === 'try' && modelKey()} keyed>
                {(_key: string) => <Show when={model()?.model}>{(m) => <section class="model-panel"><TryIt data={m()} /></section>}</Show>}
              </Match>
            </Switch>
          </>
        )}
      </Show>
    </article>
  );
}
