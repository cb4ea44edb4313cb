// An artifact's bytes arriving from the relay: a progress bar with bytes so far and expected.
import { Show, type JSX } from 'solid-js';
import type { FetchProgress as Progress } from '../../sdk/sync';
import { formatBytes } from '../../ui/format';

export function FetchProgress(props: { progress: Progress }): JSX.Element {
  const total = () => props.progress.total;
  return (
    <div class="fetch-progress" role="status">
      <p class="fetch-progress-text">
        Fetching from the relay…{' '}
        <span class="fetch-progress-bytes">
          {formatBytes(props.progress.loaded)}
          <Show when={total() > 0}> of {formatBytes(total())}</Show>
        </span>
      </p>
      <progress max={Math.max(total(), props.progress.loaded, 1)} value={props.progress.loaded} aria-label="Bytes fetched from the relay" />
    </div>
  );
}
