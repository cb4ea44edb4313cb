// A registered model's or version's description: markdown, shown sanitised (ui/components/Markdown),
// edited as source beside a live preview. The draft is the editor's own, so a change arriving from
// another tab does not overwrite what is being typed.
import { createSignal, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { Markdown } from '../../ui/components/Markdown';
import { createAttempt } from '../../ui/primitives/attempt';

export function RegistryDescription(props: { content: string; onSave: (text: string) => Promise<unknown> }): JSX.Element {
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
    <div class="registry-description">
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
              rows={8}
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
