// The sync page (/sync): the status in full, then what fits the workspace's state — share it
// (local or detached), invite people (shared, read-write), who is online, what they changed, and
// leaving. `?joined=1` is where a join lands: the contents fill in while the status counts down.
import { useSearchParams } from '@solidjs/router';
import { Match, Show, Switch, type JSX } from 'solid-js';
import { READ_ONLY_NOTE, roleOf } from '../../sdk/sync';
import { useWorkspace } from '../../ui/workspace-context';
import { ActivityPanel } from './ActivityPanel';
import { InvitePanel } from './InvitePanel';
import { LeavePanel } from './LeavePanel';
import { PeersPanel } from './PeersPanel';
import { SharePanel } from './SharePanel';
import { statusLine, statusProblem, unsharedText } from './status-line';
import { useSync } from './sync-context';
import { WorkspaceContents } from './WorkspaceContents';
import './sync.css';

export function SyncPage(): JSX.Element {
  const { workspace } = useWorkspace();
  const { status, config } = useSync();
  const [params] = useSearchParams();
  const line = () => statusLine(status());
  const active = () => {
    const c = config();
    return c && !c.detached ? c : undefined;
  };
  const readOnly = () => {
    const c = active();
    return c !== undefined && roleOf(c) === 'read-only';
  };
  // A read-only peer's own change is what the read-only note below is about: said once, there.
  // `unshared` counts them durably (after a reload too); the note is set when one is made.
  const unshared = () => status()?.unshared ?? 0;
  const changedReadOnly = () => statusProblem(status()) === READ_ONLY_NOTE || unshared() > 0;
  const problem = () => (statusProblem(status()) === READ_ONLY_NOTE ? undefined : statusProblem(status()));
  return (
    <article class="sync-page">
      <h2>Sharing</h2>
      <section class="sync-section sync-summary" aria-labelledby="summary-heading">
        <h3 id="summary-heading" class="sync-summary-status" data-tone={line().tone}>{line().text}</h3>
        <p class="sync-summary-detail">{line().detail}</p>
        <Show when={problem()}>{(text) => <p class="sync-problem" role="status">{text()}</p>}</Show>
        <Show when={config()}>
          {(c) => (
            <dl class="overview sync-facts">
              <dt>Local workspace</dt>
              <dd>{workspace.name}</dd>
              <dt>Shared workspace</dt>
              <dd><code class="sync-workspace-id">{c().workspaceId}</code></dd>
              <dt>Relay</dt>
              <dd><code>{c().relayUrl}</code></dd>
              <dt>Your access</dt>
              <dd class="sync-role">{roleOf(c())}</dd>
            </dl>
          )}
        </Show>
        <Show when={readOnly()}>
          <p class="read-only-note" role="note" data-local-changes={changedReadOnly() ? 'yes' : 'no'}>
            {changedReadOnly()
              ? 'You changed something here, but your invite is read-only: the change stays on this device and is never sent to the others.'
              : 'Your invite is read-only: you see everything others share, but what you change here stays on this device and is never sent.'}
            <Show when={unshared() > 0}>
              {' '}
              <strong class="unshared-count">{unsharedText(unshared())}.</strong>
            </Show>
          </p>
        </Show>
      </section>
      <Switch>
        <Match when={!config()}>
          <SharePanel />
        </Match>
        <Match when={config()?.detached}>
          <WorkspaceContents joining={false} />
          <SharePanel again />
        </Match>
        <Match when={active()}>
          {(c) => (
            <>
              <WorkspaceContents joining={params.joined === '1'} />
              <Show when={roleOf(c()) === 'read-write'} fallback={<p class="muted">Only people with read-write access can invite others.</p>}>
                <InvitePanel config={c()} />
              </Show>
              <PeersPanel />
              <ActivityPanel />
              <LeavePanel />
            </>
          )}
        </Match>
      </Switch>
    </article>
  );
}
