// Tags of a registered model or a version: add, edit a value in place (Enter saves, Escape
// cancels), delete. Writes go through the client, so MLflow's validation message shows as is.
// Rows are keyed by tag key, so an edit in progress survives a refresh from another tab.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createAttempt } from '../../ui/primitives/attempt';

export interface RegistryTagsProps {
  tags: Record<string, string>;
  onSet: (key: string, value: string) => Promise<void>;
  onDelete: (key: string) => Promise<void>;
}

export function RegistryTags(props: RegistryTagsProps): JSX.Element {
  const [editing, setEditing] = createSignal<string>();
  const [draft, setDraft] = createSignal('');
  const [newKey, setNewKey] = createSignal('');
  const [newValue, setNewValue] = createSignal('');
  const { error, attempt } = createAttempt();
  const keys = createMemo(() => Object.keys(props.tags).sort(), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  const startEdit = (key: string): void => {
    setDraft(props.tags[key] ?? '');
    setEditing(key);
  };
  const saveEdit = async (key: string): Promise<void> => {
    if (await attempt(() => props.onSet(key, draft()))) setEditing(undefined);
  };
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (await attempt(() => props.onSet(newKey().trim(), newValue()))) {
      setNewKey('');
      setNewValue('');
    }
  };
  return (
    <div class="registry-tags">
      <Show when={keys().length > 0} fallback={<p class="muted">No tags yet.</p>}>
        <table class="kv registry-tag-table">
          <tbody>
            <For each={keys()}>
              {(key) => (
                <tr data-tag={key}>
                  <th scope="row">{key}</th>
                  <Show
                    when={editing() === key}
                    fallback={
                      <>
                        <td class="tag-value">{props.tags[key]}</td>
                        <td class="row-actions">
                          <button type="button" class="link registry-tag-edit" aria-label={`Edit tag ${key}`} onClick={() => startEdit(key)}>Edit</button>
                          <button type="button" class="link registry-tag-delete" aria-label={`Delete tag ${key}`} onClick={() => void attempt(() => props.onDelete(key))}>Delete</button>
                        </td>
                      </>
                    }
                  >
                    <td>
                      <input
                        class="tag-value-input"
                        aria-label={`Value of tag ${key}`}
                        value={draft()}
                        ref={(el) => queueMicrotask(() => el.focus())}
                        onInput={(e) => setDraft(e.currentTarget.value)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') void saveEdit(key);
                          if (e.key === 'Escape') setEditing(undefined);
                        }}
                      />
                    </td>
                    <td class="row-actions">
                      <button type="button" class="primary registry-tag-save" onClick={() => void saveEdit(key)}>Save</button>
                      <button type="button" class="link" onClick={() => setEditing(undefined)}>Cancel</button>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <form class="inline-form registry-tag-add" onSubmit={(e) => void add(e)}>
        <input aria-label="New tag key" placeholder="key" value={newKey()} onInput={(e) => setNewKey(e.currentTarget.value)} />
        <input aria-label="New tag value" placeholder="value" value={newValue()} onInput={(e) => setNewValue(e.currentTarget.value)} />
        <button type="submit" disabled={newKey().trim() === ''}>Add tag</button>
      </form>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </div>
  );
}
