// Who else has this workspace open, as initials in their colour; hovering says what each is
// looking at and a click opens the same view. Names and views come from other peers: they are
// rendered as text and only plain app paths become links (peer-view.ts).
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { initials, safeAppPath, viewLabel } from './peer-view';
import { useSync } from './sync-context';

export function PresenceAvatars(): JSX.Element {
  const { peers } = useSync();
  return (
    <Show when={peers().length > 0}>
      <ul class="presence" aria-label="Online now">
        <For each={peers()}>
          {(p) => (
            <li>
              <A
                href={safeAppPath(p.view) ?? '/sync'}
                class="avatar"
                style={{ 'border-color': p.color }}
                title={`${p.name}: looking at ${viewLabel(p.view)}`}
                data-peer={p.peer}
              >
                {initials(p.name)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
