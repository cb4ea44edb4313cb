// Everyone else online in this workspace and what each is looking at (Yjs awareness).
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { initials, safeAppPath, viewLabel } from './peer-view';
import { useSync } from './sync-context';

export function PeersPanel(): JSX.Element {
  const { peers } = useSync();
  return (
    <section class="sync-section peers-panel" aria-labelledby="peers-heading">
      <h3 id="peers-heading">Online now</h3>
      <Show when={peers().length > 0} fallback={<p class="muted">Nobody else has this workspace open right now.</p>}>
        <ul class="peer-list">
          <For each={peers()}>
            {(p) => (
              <li class="peer-item" data-peer={p.peer}>
                <span class="avatar" style={{ 'border-color': p.color }} aria-hidden="true">{initials(p.name)}</span>
                <span class="peer-name">{p.name}</span>
                <span class="muted">looking at</span>
                <Show when={safeAppPath(p.view)} fallback={<span class="peer-view">{viewLabel(p.view)}</span>}>
                  {(href) => <A class="peer-view" href={href()}>{viewLabel(href())}</A>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
