// A model's audit trail, newest first: who changed what, when, from what to what. The CSV is the
// SDK's own (registryEventsCsv), so the download and a script calling it agree line for line.
import { For, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatTimestamp } from '../../ui/format';
import { createAttempt } from '../../ui/primitives/attempt';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { fileStem, saveFile } from '../../ui/save-file';
import { actorLabel, eventComment, eventSummary } from './registry-text';

export function AuditTab(props: { name: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const events = createWorkspaceQuery(workspace, () => props.name, (name) => client.getRegistryEvents({ name }));
  const exporting = createAttempt();
  const download = (): Promise<boolean> =>
    exporting.attempt(async () => {
      const csv = await client.registryEventsCsv({ name: props.name });
      saveFile(new Blob([csv], { type: 'text/csv' }), `${fileStem(props.name)}-audit.csv`);
    });
  return (
    <div class="audit-tab">
      <div class="inline-form">
        <button type="button" class="audit-csv" onClick={() => void download()}>Download CSV</button>
        <span class="muted">{events.value()?.length ?? 0} events</span>
      </div>
      <Show when={exporting.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={events.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <ol class="audit-timeline">
        <For each={events.value() ?? []}>
          {(e) => (
            <li class="audit-event" data-kind={e.kind} data-version={e.version ?? ''}>
              <time class="audit-when muted" datetime={new Date(e.at).toISOString()}>{formatTimestamp(e.at)}</time>
              <span class="audit-who">{actorLabel(e.actor)}</span>
              <span class="audit-what">{eventSummary(e)}</span>
              <Show when={eventComment(e)}>{(c) => <q class="audit-comment" title={c()}>{c()}</q>}</Show>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
