// One registered model (/models/:name): its description and tags, versions with stage
// transitions, aliases, a form to register a new version (Versions tab); the approval gate and
// requests (Approvals); and the audit trail with its CSV (Audit trail). The tab is in ?tab=.
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import type { ApprovalGate, ModelVersion, RegisteredModel } from '../../domain/registry/entities';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatTimestamp } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { AliasEditor } from './AliasEditor';
import { ApprovalsTab } from './ApprovalsTab';
import { AuditTab } from './AuditTab';
import { AliasChip, StageChip } from './Chips';
import { ModelActions } from './ModelActions';
import { allVersions } from './registry-data';
import { MODEL_TABS, nameFromParam, registeredModelHref, tabOf, type ModelTab } from './registry-route';
import { RegisterVersionForm } from './RegisterVersionForm';
import { MarkdownEditor } from '../../ui/components/MarkdownEditor';
import { TagEditor } from '../../ui/components/TagEditor';
import { TabNav } from './TabNav';
import { latestByStage } from './transition-plan';
import { VersionsTable } from './VersionsTable';
import './registry.css';

interface ModelData {
  model: RegisteredModel;
  versions: ModelVersion[];
  gate: ApprovalGate;
}

function VersionsTab(props: { data: ModelData }): JSX.Element {
  const { client } = useWorkspace();
  const name = () => props.data.model.name;
  const [registering, setRegistering] = createSignal(false);
  return (
    <>
      <section class="registry-section">
        <h3>Description</h3>
        <MarkdownEditor class="registry-description" content={props.data.model.description} onSave={(text) => client.updateRegisteredModel(name(), { description: text })} />
      </section>
      <section class="registry-section">
        <h3>Versions</h3>
        <VersionsTable versions={props.data.versions} gate={props.data.gate} />
        <Show when={registering()} fallback={<button type="button" class="register-open" onClick={() => setRegistering(true)}>Register a new version…</button>}>
          <RegisterVersionForm name={name()} />
        </Show>
      </section>
      <section class="registry-section">
        <h3>Aliases</h3>
        <AliasEditor name={name()} aliases={props.data.model.aliases} versions={props.data.versions} gate={props.data.gate} />
      </section>
      <section class="registry-section">
        <h3>Tags</h3>
        <TagEditor class="registry-tags" empty="No tags yet." tags={props.data.model.tags} onSet={(k, v) => client.setRegisteredModelTag(name(), k, v)} onDelete={(k) => client.deleteRegisteredModelTag(name(), k)} />
      </section>
    </>
  );
}

function Header(props: { model: RegisteredModel; versionCount: number }): JSX.Element {
  return (
    <header class="registry-header">
      <p class="breadcrumb"><A href="/models">Registered models</A></p>
      <div class="registry-title-row">
        <h2 class="registered-model-name">{props.model.name}</h2>
        <ModelActions model={props.model} versionCount={props.versionCount} />
      </div>
      <p class="registry-chips">
        <For each={latestByStage(props.model.latestVersions)}>{(v) => <StageChip name={props.model.name} version={v.version} stage={v.currentStage} />}</For>
        <For each={props.model.aliases}>{(a) => <AliasChip name={props.model.name} alias={a.alias} version={a.version} />}</For>
      </p>
      <p class="muted registry-meta">
        Created {formatTimestamp(props.model.creationTimestamp)}<Show when={props.model.userId}> by {props.model.userId}</Show> · last modified {formatTimestamp(props.model.lastUpdatedTimestamp)}
      </p>
    </header>
  );
}

export function RegisteredModelPage(): JSX.Element {
  const params = useParams<{ name: string }>();
  const [search, setSearch] = useSearchParams<{ tab?: string }>();
  const { workspace, client } = useWorkspace();
  const name = (): string => nameFromParam(params.name);
  const data = createWorkspaceQuery(workspace, name, async (n): Promise<ModelData> => {
    const [model, versions, gate] = await Promise.all([client.getRegisteredModel(n), allVersions(client, n), client.getApprovalGate(n)]);
    return { model, versions, gate };
  });
  const current = (): ModelData | undefined => (data.value()?.model.name === name() ? data.value() : undefined);
  const tab = (): ModelTab => tabOf(MODEL_TABS, search.tab);
  return (
    <article class="registry-page registered-model-page">
      <Show when={data.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={!current() && !data.error()}><p class="muted">Loading model…</p></Show>
      <Show when={current()}>
        {(d) => (
          <>
            <Header model={d().model} versionCount={d().versions.length} />
            <TabNav
              label="Model sections"
              tabs={MODEL_TABS}
              current={tab()}
              href={(t) => registeredModelHref(name(), t)}
              onSelect={(t) => setSearch({ tab: t === 'overview' ? undefined : t }, { replace: true, scroll: false })}
            />
            <Switch>
              <Match when={tab() === 'overview'}><VersionsTab data={d()} /></Match>
              <Match when={tab() === 'approvals'}><ApprovalsTab name={name()} gate={d().gate} /></Match>
              <Match when={tab() === 'audit'}><AuditTab name={name()} /></Match>
            </Switch>
          </>
        )}
      </Show>
    </article>
  );
}
