// The run's description: MLflow keeps it in the `mlflow.note.content` tag as markdown. Shown
// rendered (sanitised, see Markdown.tsx); editing shows the source beside a live preview. The
// draft is the editor's own, so a run that keeps logging does not overwrite what is being typed.
import { createSignal, Show, type JSX } from 'solid-js';
import { NOTE_CONTENT_TAG } from '../../domain/system-tags';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { useWorkspace } from '../../ui/workspace-context';
import { Markdown } from '../../ui/components/Markdown';

export function Description(props: { runId: string; content: string | undefined }): JSX.Element {
  const { client } = useWorkspace();
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const edit = (): void => {
    setDraft(props.content ?? '');
    setError(undefined);
    setEditing(true);
  };
  const save = async (): Promise<void> => {
    setSaving(true);
    setError(undefined);
    try {
      const text = draft();
      // An emptied description removes the tag rather than leaving an empty one behind.
      if (text.trim() === '') {
        if (props.content !== undefined) await client.deleteTag(props.runId, NOTE_CONTENT_TAG);
      } else {
        await client.setTag(props.runId, NOTE_CONTENT_TAG, text);
      }
      setEditing(false);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="run-description">
      <Show
        when={editing()}
        fallback={
          <>
            <Show when={props.content} fallback={<p class="muted">No description yet.</p>}>
              {(content) => <Markdown source={content()} class="description-body" />}
            </Show>
            <button type="button" class="description-edit" onClick={edit}>
              {props.content ? 'Edit description' : 'Add a description'}
            </button>
          </>
        }
      >
        <div class="description-editor">
          <label>
            <span class="muted">Markdown</span>
            <textarea
              value={draft()}
              rows={10}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
                if (e.key === 'Escape') setEditing(false);
              }}
            />
          </label>
          <div class="description-preview">
            <span class="muted">Preview</span>
            <Markdown source={draft()} class="description-body" />
          </div>
        </div>
        <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <div class="button-row">
          <button type="button" class="primary" disabled={saving()} onClick={() => void save()}>Save</button>
          <button type="button" disabled={saving()} onClick={() => setEditing(false)}>Cancel</button>
          <span class="muted">Ctrl+Enter saves, Escape cancels.</span>
        </div>
      </Show>
    </div>
  );
}
