// Joining from an invite link (/join#relay=...&token=...): says what the link grants (workspace,
// role, relay, expiry) and what is wrong with a damaged or expired one, asks the relay whether it
// accepts the token, then joins into a new local workspace and switches to it, landing on the sync
// page where the workspace fills in.
import { useLocation } from '@solidjs/router';
import { createMemo, createResource, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import { checkInvite, joinWorkspace, listWorkspaces, type Invite } from '../../sdk/sync';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { useWorkspace } from '../../ui/workspace-context';
import { nameForJoinedWorkspace } from '../workspaces/joined-name';
import { switchToWorkspace } from '../workspaces/workspace-choice';
import { readInvite } from './invite-reading';
import { dateTime } from './status-line';
import './sync.css';

export function JoinPage(): JSX.Element {
  const location = useLocation();
  const { workspace } = useWorkspace();
  const read = createMemo(() => readInvite(location.hash, Date.now()));
  const invite = (): Invite | undefined => {
    const r = read();
    return 'invite' in r ? r.invite : undefined;
  };
  const problem = (): string | undefined => {
    const r = read();
    return 'problem' in r ? r.problem : undefined;
  };
  const [check] = createResource(invite, (i) => checkInvite(i));
  const checkProblem = () => {
    const c = check();
    return c && !c.ok ? c : undefined;
  };
  const [workspaces] = createResource(() => listWorkspaces());
  const target = () => {
    const i = invite();
    return i && workspaces() ? nameForJoinedWorkspace(i.claims.workspace, workspaces() ?? []) : undefined;
  };
  const existing = () => workspaces()?.find((w) => w.workspaceId === invite()?.claims.workspace && w.sharing === 'shared');
  const joining = createAttempt();
  const [busy, setBusy] = createSignal(false);
  const join = async (): Promise<void> => {
    const i = invite();
    const name = target();
    if (!i || !name) return;
    setBusy(true);
    const ok = await joining.attempt(async () => {
      await joinWorkspace(name, i, { profileFrom: workspace });
    });
    if (ok) switchToWorkspace(name, '/sync?joined=1');
    else setBusy(false);
  };

  return (
    <article class="sync-page join-page">
      <h2>Join a shared workspace</h2>
      <Switch>
        <Match when={problem()}>
          {(p) => <p class="join-problem error-notice" role="alert">{p()}</p>}
        </Match>
        <Match when={invite()}>
          {(i) => (
            <section class="sync-section join-invite">
              <dl class="overview join-facts">
                <dt>Shared workspace</dt>
                <dd><code class="join-workspace-id">{i().claims.workspace}</code></dd>
                <dt>Your access</dt>
                <dd class="join-role">{i().claims.role === 'read-only' ? 'read-only: you can look, not change' : 'read-write'}</dd>
                <dt>Relay</dt>
                <dd><code class="join-relay">{i().relayUrl}</code></dd>
                <dt>Invite expires</dt>
                <dd>{dateTime(i().claims.expiresAt)}</dd>
                <dt>Local name</dt>
                <dd class="join-local-name">{target() ?? '…'}</dd>
              </dl>
              <Switch>
                <Match when={check.loading}>
                  <p class="muted join-check">Asking the relay about this invite…</p>
                </Match>
                <Match when={checkProblem()}>
                  {(c) => (
                    <p class={c().problem === 'refused' ? 'join-check error-notice' : 'join-check muted'} data-check={c().problem} role={c().problem === 'refused' ? 'alert' : undefined}>
                      {c().problem === 'refused'
                        ? `The relay refused this invite: ${c().message} Ask for a new link.`
                        : `The relay does not answer right now (${c().message}). You can join anyway; the workspace fills in once it is reachable.`}
                    </p>
                  )}
                </Match>
                <Match when={check()?.ok}>
                  <p class="muted join-check" data-check="ok">The relay accepts this invite.</p>
                </Match>
              </Switch>
              <Show when={existing()}>
                {(w) => (
                  <p class="join-existing">
                    You already have this workspace as <strong>{w().name}</strong>.{' '}
                    <button type="button" class="link" onClick={() => switchToWorkspace(w().name, '/sync')}>Open it</button>
                  </p>
                )}
              </Show>
              <button
                type="button"
                class="primary join-submit"
                disabled={busy() || !target() || check.loading || checkProblem()?.problem === 'refused'}
                onClick={() => void join()}
              >
                {busy() ? 'Joining…' : `Join as ${target() ?? '…'}`}
              </button>
              <Show when={joining.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
            </section>
          )}
        </Match>
      </Switch>
    </article>
  );
}
