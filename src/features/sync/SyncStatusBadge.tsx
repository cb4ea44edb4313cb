// The header's sync status: "Share" for a workspace that stays on this device, else the status
// line (connected / syncing N items / offline since / last synced / unauthorized / detached) and
// a read-only badge. Both lead to the sync page.
import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { useSync } from './sync-context';
import { statusLine, statusProblem } from './status-line';

export function SyncStatusBadge(): JSX.Element {
  const { status } = useSync();
  const line = () => statusLine(status());
  const readOnly = () => status()?.role === 'read-only' && status()?.state !== 'detached';
  return (
    <Show
      when={status()}
      fallback={<A href="/sync" class="share-button" title={line().detail}>Share</A>}
    >
      {(s) => (
        <A href="/sync" class="sync-status" data-state={s().state} data-tone={line().tone} title={line().detail} aria-live="polite">
          <span class="sync-dot" aria-hidden="true" />
          <span class="sync-status-text">{line().text}</span>
          <Show when={statusProblem(s())}>
            {(problem) => <span class="sync-problem-mark" title={problem()} aria-label={problem()}>!</span>}
          </Show>
          <Show when={readOnly()}>
            <span class="badge sync-read-only" title="Your invite is read-only: what you change stays on this device">read-only</span>
          </Show>
        </A>
      )}
    </Show>
  );
}
