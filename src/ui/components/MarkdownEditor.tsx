// A markdown description (a run's, a registered model's, a version's): shown sanitised (Markdown),
// edited as source beside a live preview. The draft is the editor's own, so a change arriving from
// another tab or a run that keeps logging does not overwrite what is being typed.
import { createSignal, Show, type JSX } from 'solid-js';
import { ErrorNotice } from './ErrorNotice';
import { Markdown } from './Markdown';
import { createAttempt } from '../primitives/attempt';

export interface MarkdownEditorProps {
  content: string;
  onSave: (text: string) => Promise<unknown>;
  /** the wrapper's class, which pages style and tests find */
  class: string;
  rows?: number;
}

export function MarkdownEditor(props: MarkdownEditorProps): JSX.Element {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const saveAttempt = createAttempt();
  const edit = (): void => {
    setDraft(props.content);
    saveAttempt.clear();
    setEditing(true);
  };
  const save = async (): Promise<void> => {
    setSaving(true);
    if (await saveAttempt.attempt(async () => void (await props.onSave(draft())))) setEditing(false);
    setSaving(false);
  };
  return (
    <div class={props.class}>
      <Show
        when={editing()}
        fallback={
          <>
            <Show when={props.content} fallback={<p class="muted">No description yet.</p>}>
              {(content) => <Markdown source={content()} class="description-body" />}
            </Show>
            <button type="button" class="description-edit" onClick={edit}>{props.content ? 'Edit description' : 'Add a description'}</button>
          </>
        }
      >
        <div class="description-editor">
          <label>
            <span class="muted">Markdown</span>
            <textarea
              class="description-source"
              value={draft()}
              rows={props.rows ?? 8}
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
        <Show when={saveAttempt.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <div class="button-row">
          <button type="button" class="primary description-save" disabled={saving()} onClick={() => void save()}>Save</button>
          <button type="button" disabled={saving()} onClick={() => setEditing(false)}>Cancel</button>
          <span class="muted">Ctrl+Enter saves, Escape cancels.</span>
        </div>
      </Show>
    </div>
  );
}
