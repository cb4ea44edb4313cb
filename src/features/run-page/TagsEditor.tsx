// A run's tags: the user's own through the shared TagEditor, and MLflow's system tags (`mlflow.*`,
// read only, folded away). Values may span lines, and Delete asks first.
import { createMemo, Show, type JSX } from 'solid-js';
import { isSystemTag, NOTE_CONTENT_TAG } from '../../domain/system-tags';
import { TagEditor } from '../../ui/components/TagEditor';
import { useWorkspace } from '../../ui/workspace-context';
import { KeyValueTable } from './KeyValueTable';

export function TagsEditor(props: { runId: string; tags: Record<string, string> }): JSX.Element {
  const { client } = useWorkspace();
  // The description has its own section; the rest of MLflow's tags are shown for reference.
  const systemTags = createMemo(() =>
    Object.fromEntries(Object.entries(props.tags).filter(([k]) => isSystemTag(k) && k !== NOTE_CONTENT_TAG)),
  );
  return (
    <div class="tags-editor">
      <TagEditor
        tags={props.tags}
        hidden={isSystemTag}
        multiline
        confirmDelete
        empty="No tags yet."
        onSet={(key, value) => client.setTag(props.runId, key, value)}
        onDelete={(key) => client.deleteTag(props.runId, key)}
      />
      <Show when={Object.keys(systemTags()).length > 0}>
        <details class="system-tags">
          <summary>MLflow system tags ({Object.keys(systemTags()).length})</summary>
          <KeyValueTable entries={systemTags()} empty="" />
        </details>
      </Show>
    </div>
  );
}
