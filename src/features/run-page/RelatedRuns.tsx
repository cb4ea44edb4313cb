// A run's family: its parent (the `mlflow.parentRunId` tag) and its children (runs in the same
// experiment whose tag points here, as MLflow's UI finds them). Both are live queries, so a child
// started by a sweep appears while the parent page is open.
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { PARENT_RUN_ID_TAG } from '../../domain/system-tags';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';

const MAX_CHILDREN = 100;

export function ParentRunLink(props: { parentRunId: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const parent = createWorkspaceQuery(workspace, () => props.parentRunId, (id) => client.getRun(id));
  return (
    <span class="parent-run">
      <A href={`/runs/${encodeURIComponent(props.parentRunId)}`}>{parent.value()?.info.runName ?? props.parentRunId}</A>
      <Show when={parent.error()}>
        {' '}<span class="muted">(not in this workspace)</span>
      </Show>
    </span>
  );
}

export function ChildRuns(props: { runId: string; experimentId: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const children = createWorkspaceQuery(
    workspace,
    () => [props.runId, props.experimentId] as const,
    ([runId, experimentId]) =>
      client.searchRuns({
        experimentIds: [experimentId],
        // MLflow's run-id rule (validateRunId: letters, digits, '-', '_') admits no quote: safe to quote.
        filterString: `tags.\`${PARENT_RUN_ID_TAG}\` = '${runId}'`,
        orderBy: ['attributes.start_time DESC'],
        maxResults: MAX_CHILDREN,
      }),
  );
  return (
    <Show when={(children.value()?.runs.length ?? 0) > 0} fallback={<span class="muted">None</span>}>
      <ul class="child-runs">
        <For each={children.value()?.runs}>
          {(child) => (
            <li data-run-id={child.info.runId}>
              <A href={`/runs/${encodeURIComponent(child.info.runId)}`}>{child.info.runName}</A> <StatusBadge status={child.info.status} />
            </li>
          )}
        </For>
      </ul>
      <Show when={children.value()?.nextPageToken}>
        <p class="muted">Showing the {MAX_CHILDREN} most recent child runs.</p>
      </Show>
    </Show>
  );
}
