// The shell's storage notices, above every page: this tab lost its database to a newer Orchard in
// another tab (reload), storage is past 80% of the quota (before writes start failing, not after),
// and once, when there are runs worth keeping, an offer to ask for persistent storage.
import { A, useLocation } from '@solidjs/router';
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { holdsRuns } from '../../sdk/storage-report';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { askToPersist, persistPromptAnswered, rememberPersistPromptAnswered } from './persist-request';
import { createStorageUsage, type StorageUsage } from './storage-usage';
import { isNearlyFull, nearlyFullText } from './storage-words';
import './storage.css';

export function StorageNotices(): JSX.Element {
  const { workspace } = useWorkspace();
  const usage = createStorageUsage(workspace);
  const [closedBy, setClosedBy] = createSignal(workspace.closedByOtherTab);
  onCleanup(workspace.onClosedByOtherTab((why) => setClosedBy(why)));
  const nearlyFull = () => {
    const e = usage.estimate();
    return e && isNearlyFull(e) ? e : undefined;
  };
  return (
    <div class="storage-notices">
      <Show when={closedBy()}>
        {(why) => (
          <div class="storage-notice" data-notice="closed-by-other-tab" role="alert">
            <span>
              {why() === 'deleted'
                ? 'This workspace’s database was deleted in another tab.'
                : 'A newer Orchard opened this workspace in another tab and upgraded its database; this tab let go of it so the upgrade could finish.'}{' '}
              Reload to keep working.
            </span>
            <button type="button" class="primary" onClick={() => location.reload()}>Reload</button>
          </div>
        )}
      </Show>
      <Show when={nearlyFull()}>
        {(e) => (
          <div class="storage-notice" data-notice="nearly-full" role="alert">
            <span>{nearlyFullText(e())}</span>
            <A href="/storage">Free space</A>
          </div>
        )}
      </Show>
      <PersistPrompt usage={usage} />
    </div>
  );
}

function PersistPrompt(props: { usage: StorageUsage }): JSX.Element {
  const { workspace } = useWorkspace();
  const location = useLocation();
  const [outcome, setOutcome] = createSignal<string>();
  const runs = createWorkspaceQuery(workspace, () => 0, () => holdsRuns(workspace), { throttleMs: 2000 });
  // The storage page says the same with its own button: no second offer there.
  const wanted = () => !persistPromptAnswered() && location.pathname !== '/storage' && props.usage.persisted() === false && runs.value() === true;
  const ask = async (): Promise<void> => {
    const { text } = await askToPersist();
    setOutcome(text);
    props.usage.refresh();
  };
  return (
    <>
      <Show when={wanted()}>
        <div class="storage-notice" data-notice="persist-prompt" role="status">
          <span>
            Keep your runs safe: when the disk runs low, browsers may clear a site’s data without asking. Orchard can ask
            this browser to keep its data until you delete it.
          </span>
          <button type="button" class="primary" onClick={() => void ask()}>Keep my data</button>
          <button type="button" onClick={rememberPersistPromptAnswered}>Not now</button>
        </div>
      </Show>
      <Show when={outcome()}>
        {(text) => (
          <div class="storage-notice" data-notice="persist-outcome" role="status">
            <span>{text()}</span>
            <A href="/storage">Storage</A>
            <button type="button" onClick={() => setOutcome(undefined)}>OK</button>
          </div>
        )}
      </Show>
    </>
  );
}
