// "Share this workspace": the relay to use (prefilled, see default-relay.ts) and the button that
// creates the room there. The sync session starts as soon as the configuration is stored.
import { createResource, createSignal, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';
import { defaultRelayUrl } from './default-relay';
import { useSync } from './sync-context';

export function SharePanel(props: { again?: boolean }): JSX.Element {
  const { handle } = useSync();
  const [suggested] = createResource(() => defaultRelayUrl());
  const [typed, setTyped] = createSignal<string>();
  const relay = (): string => typed() ?? suggested() ?? '';
  const sharing = createAttempt();
  const [busy, setBusy] = createSignal(false);
  const share = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    await sharing.attempt(async () => {
      await handle.share(relay());
    });
    setBusy(false);
  };
  return (
    <section class="sync-section share-panel" aria-labelledby="share-heading">
      <h3 id="share-heading">{props.again ? 'Share this workspace again' : 'Share this workspace'}</h3>
      <p class="muted">
        Everyone you invite keeps a full copy and works offline; changes flow through the relay when connected. The relay
        stores the shared changes so peers need not be online at the same time.
      </p>
      <form class="share-form" onSubmit={(e) => void share(e)}>
        <label>
          <span>Relay URL</span>
          <input name="relay" required value={relay()} placeholder="ws://127.0.0.1:1234" onInput={(e) => setTyped(e.currentTarget.value)} spellcheck={false} />
        </label>
        <button type="submit" class="primary share-submit" disabled={busy() || relay().trim() === ''}>
          {busy() ? 'Sharing…' : 'Share this workspace'}
        </button>
      </form>
      <Show when={sharing.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </section>
  );
}
