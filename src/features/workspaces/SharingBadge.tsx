// Whether a workspace is shared, left (detached) or read-only, as a small badge.
import { Show, type JSX } from 'solid-js';
import type { WorkspaceSummary } from '../../sdk/sync';

export function SharingBadge(props: { workspace: Pick<WorkspaceSummary, 'sharing' | 'role'> }): JSX.Element {
  return (
    <Show when={props.workspace.sharing !== 'local'}>
      <span class="badge sharing-badge" data-sharing={props.workspace.sharing}>
        {props.workspace.sharing === 'detached' ? 'detached' : props.workspace.role === 'read-only' ? 'shared, read-only' : 'shared'}
      </span>
    </Show>
  );
}
