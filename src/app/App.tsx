// The shell: opens the workspace, provides it to every view, and routes between them.
import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { createResource, ErrorBoundary, Match, onCleanup, Switch, type JSX } from 'solid-js';
import { MlflowClient, openWorkspace, type Workspace } from '../sdk/index';
import { startSync } from '../sdk/sync';
import { ExperimentList } from '../features/experiments/ExperimentList';
import { RunsPage } from '../features/runs/RunsPage';
import { RunPage } from '../features/run-page/RunPage';
import { ComparePage } from '../features/compare/ComparePage';
import { ModelPage } from '../features/models/ModelPage';
import { ModelsListPage } from '../features/registry/ModelsListPage';
import { ModelsNavLink } from '../features/registry/ModelsNavLink';
import { RegisteredModelPage } from '../features/registry/RegisteredModelPage';
import { VersionPage } from '../features/registry/VersionPage';
import { SettingsLink } from '../features/settings/SettingsLink';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StorageNotices } from '../features/storage/StorageNotices';
import { StoragePage } from '../features/storage/StoragePage';
import { ExportPage } from '../features/export/ExportPage';
import { ImportPage } from '../features/import/ImportPage';
import { JoinPage } from '../features/sync/JoinPage';
import { PresenceAvatars } from '../features/sync/PresenceAvatars';
import { createPresenceView } from '../features/sync/presence-view';
import { SyncProvider } from '../features/sync/sync-context';
import { SyncPage } from '../features/sync/SyncPage';
import { SyncStatusBadge } from '../features/sync/SyncStatusBadge';
import { chosenWorkspaceName } from '../features/workspaces/workspace-choice';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher';
import { ErrorNotice } from '../ui/components/ErrorNotice';
import { ShortcutHelp } from '../ui/components/ShortcutHelp';
import { WorkspaceProvider } from '../ui/workspace-context';
import './app.css';

function Layout(props: RouteSectionProps): JSX.Element {
  createPresenceView();
  return (
    <div class="shell">
      <header class="shell-header">
        <img src="/icon.svg" alt="" width="28" height="28" />
        <h1>Orchard</h1>
        <ModelsNavLink />
        <WorkspaceSwitcher />
        <PresenceAvatars />
        <SyncStatusBadge />
        <SettingsLink />
      </header>
      <StorageNotices />
      <div class="shell-body">
        <ExperimentList />
        <ShortcutHelp />
        <main id="app-root">
          {/* A view that throws shows what failed and offers a retry instead of a blank page. */}
          <ErrorBoundary
            fallback={(error: unknown, reset) => (
              <div class="view-error">
                <ErrorNotice error={error} />
                <button type="button" onClick={reset}>Try again</button>
              </div>
            )}
          >
            {props.children}
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}

/** The open workspace's sync session, started once and stopped with the shell. */
function WithSync(props: { workspace: Workspace; children: JSX.Element }): JSX.Element {
  const sync = startSync(props.workspace);
  onCleanup(() => void sync.stop());
  return <SyncProvider handle={sync}>{props.children}</SyncProvider>;
}

export function App(): JSX.Element {
  // The workspace this browser chose (features/workspaces); switching reloads the page.
  const [workspace] = createResource(() => openWorkspace({ name: chosenWorkspaceName() }));
  return (
    <Switch>
      <Match when={workspace.error}>
        <div class="shell"><ErrorNotice error={workspace.error} /></div>
      </Match>
      <Match when={workspace()}>
        {(ws) => (
          <WorkspaceProvider workspace={ws()} client={new MlflowClient(ws())}>
            <WithSync workspace={ws()}>
              <Router root={Layout}>
                <Route path="/" component={() => <Navigate href="/experiments/0" />} />
                <Route path="/experiments/:experimentId" component={RunsPage} />
                <Route path="/runs/:runId" component={RunPage} />
                <Route path="/runs/:runId/model/*artifactPath" component={ModelPage} />
                <Route path="/compare" component={ComparePage} />
                <Route path="/models" component={ModelsListPage} />
                <Route path="/models/:name" component={RegisteredModelPage} />
                <Route path="/models/:name/versions/:version" component={VersionPage} />
                <Route path="/settings" component={SettingsPage} />
                <Route path="/storage" component={StoragePage} />
                <Route path="/import" component={ImportPage} />
                <Route path="/export" component={ExportPage} />
                <Route path="/sync" component={SyncPage} />
                <Route path="/join" component={JoinPage} />
                <Route path="*" component={() => <p>Nothing here. <a href="/">Back to experiments</a></p>} />
              </Router>
            </WithSync>
          </WorkspaceProvider>
        )}
      </Match>
    </Switch>
  );
}
