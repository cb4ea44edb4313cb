// The browser's side of storage: how full this site's quota is, and whether the browser promised
// to keep the data (with the button that asks it to). The shown state is always what
// navigator.storage.persisted() answers, read again after asking.
import { createSignal, Show, type JSX } from 'solid-js';
import { askToPersist } from './persist-request';
import type { StorageUsage } from './storage-usage';
import { isNearlyFull, persistenceText, usageRatio, usageText } from './storage-words';

export function UsagePanel(props: { usage: StorageUsage }): JSX.Element {
  const [outcome, setOutcome] = createSignal<string>();
  const [asking, setAsking] = createSignal(false);
  const ask = async (): Promise<void> => {
    setAsking(true);
    const { text } = await askToPersist();
    setOutcome(text);
    setAsking(false);
    props.usage.refresh();
  };
  return (
    <section class="storage-section" aria-labelledby="usage-heading">
      <h3 id="usage-heading">This browser</h3>
      <Show when={props.usage.estimate()} fallback={<p class="muted">This browser does not report how much storage Orchard uses.</p>}>
        {(e) => (
          <>
            <div class="usage-bar" data-level={isNearlyFull(e()) ? 'warn' : 'ok'} role="meter" aria-label="Storage used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(usageRatio(e()) * 100)}>
              <div class="usage-fill" style={{ width: `${Math.max(0.5, usageRatio(e()) * 100)}%` }} />
            </div>
            <p class="usage-text">
              <strong>{usageText(e())}</strong> used. This counts the whole site: every workspace and the files Orchard keeps to work
              offline.
            </p>
          </>
        )}
      </Show>
      <p class="persist-state" data-persisted={String(props.usage.persisted())}>{persistenceText(props.usage.persisted())}</p>
      <Show when={props.usage.persisted() === false}>
        <p class="muted">
          Asking makes the browser keep Orchard’s data until you delete it. Browsers decide by themselves, so the answer can be no
          now and yes later.
        </p>
        <button type="button" class="persist-button" disabled={asking()} onClick={() => void ask()}>Ask the browser to keep data</button>
      </Show>
      <Show when={outcome()}>{(text) => <p class="persist-outcome" role="status">{text()}</p>}</Show>
    </section>
  );
}
