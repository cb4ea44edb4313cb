// What other people changed in this workspace, newest first, with a link to the thing changed.
// The lines come from peers (each names who did it): text only, and only plain app paths become
// links.
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { safeAppPath } from './peer-view';
import { clockTime } from './status-line';
import { useSync } from './sync-context';

export function ActivityPanel(props: { limit?: number }): JSX.Element {
  const { activity } = useSync();
  const shown = () => activity().slice(0, props.limit ?? 50);
  return (
    <section class="sync-section activity-panel" aria-labelledby="activity-heading">
      <h3 id="activity-heading">What others changed</h3>
      <Show when={shown().length > 0} fallback={<p class="muted">Nothing yet in this session. Changes other people make appear here as they arrive.</p>}>
        <ol class="activity-list">
          <For each={shown()}>
            {(a) => (
              <li class="activity-item">
                <time class="muted" datetime={new Date(a.at).toISOString()}>{clockTime(a.at)}</time>
                <span class="activity-text">{a.text}</span>
                <Show when={safeAppPath(a.href)}>{(href) => <A href={href()}>open</A>}</Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
