// A run's tags: the user's own (add, edit, delete) and MLflow's system tags (`mlflow.*`, read
// only, folded away). Writes go through the client, so MLflow's validation applies and its message
// is shown as is. Rows are keyed by tag key, so a run logging in the background re-renders values
// without closing an open editor or losing what is typed in it.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { NOTE_CONTENT_TAG } from '../../domain/system-tags';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { useWorkspace } from '../../ui/workspace-context';
import { KeyValueTable } from './KeyValueTable';

const isSystemTag = (key: string): boolean => key.startsWith('mlflow.');

export function TagsEditor(props: { runId: string; tags: Record<string, string> }): JSX.Element {
  const { client } = useWorkspace();
  const [editing, setEditing] = createSignal<string>();
  const [draft, setDraft] = createSignal('');
  const [confirmDelete, setConfirmDelete] = createSignal<string>();
  const [newKey, setNewKey] = createSignal('');
  const [newValue, setNewValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const userKeys = createMemo(() => Object.keys(props.tags).filter((k) => !isSystemTag(k)).sort(), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });
  // The description has its own section; the rest of MLflow's tags are shown for reference.
  const systemTags = createMemo(() =>
    Object.fromEntries(Object.entries(props.tags).filter(([k]) => isSystemTag(k) && k !== NOTE_CONTENT_TAG)),
  );

  /** Runs a write; true when it succeeded, else the error is shown. */
  const write = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const startEdit = (key: string): void => {
    setConfirmDelete(undefined);
    setDraft(props.tags[key] ?? '');
    setEditing(key);
  };
  const saveEdit = async (key: string): Promise<void> => {
    if (await write(() => client.setTag(props.runId, key, draft()))) setEditing(undefined);
  };
  const remove = async (key: string): Promise<void> => {
    if (await write(() => client.deleteTag(props.runId, key))) setConfirmDelete(undefined);
  };
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (await write(() => client.setTag(props.runId, newKey().trim(), newValue()))) {
      setNewKey('');
      setNewValue('');
    }
  };

  return (
    <div class="tags-editor">
      <Show when={userKeys().length > 0} fallback={<p class="muted">No tags yet.</p>}>
        <table class="kv tags-table">
          <tbody>
            <For each={userKeys()}>
              {(key) => (
                <tr data-tag={key}>
                  <th scope="row">{key}</th>
                  <Show
                    when={editing() === key}
                    fallback={
                      <>
                        <td class="tag-value">{props.tags[key]}</td>
                        <td class="tag-actions">
                          <Show
                            when={confirmDelete() === key}
                            fallback={
                              <>
                                <button type="button" class="link" onClick={() => startEdit(key)}>Edit</button>
                                <button type="button" class="link" onClick={() => setConfirmDelete(key)}>Delete</button>
                              </>
                            }
                          >
                            <button type="button" class="danger" disabled={busy()} onClick={() => void remove(key)}>Delete “{key}”</button>
                            <button type="button" class="link" onClick={() => setConfirmDelete(undefined)}>Keep</button>
                          </Show>
                        </td>
                      </>
                    }
                  >
                    <td>
                      <textarea
                        class="tag-value-input"
                        aria-label={`Value of ${key}`}
                        rows={2}
                        value={draft()}
                        onInput={(e) => setDraft(e.currentTarget.value)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' && !e.shiftKey) {
                            e.preventDefault();
                            void saveEdit(key);
                          }
                          if (e.key === 'Escape') setEditing(undefined);
                        }}
                      />
                    </td>
                    <td class="tag-actions">
                      <button type="button" class="primary" disabled={busy()} onClick={() => void saveEdit(key)}>Save</button>
                      <button type="button" class="link" onClick={() => setEditing(undefined)}>Cancel</button>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>

      <form class="tag-add" onSubmit={(e) => void add(e)}>
        <input aria-label="New tag key" placeholder="key" value={newKey()} onInput={(e) => setNewKey(e.currentTarget.value)} required />
        <input aria-label="New tag value" placeholder="value" value={newValue()} onInput={(e) => setNewValue(e.currentTarget.value)} />
        <button type="submit" disabled={busy()}>Add tag</button>
      </form>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>

      <Show when={Object.keys(systemTags()).length > 0}>
        <details class="system-tags">
          <summary>MLflow system tags ({Object.keys(systemTags()).length})</summary>
          <KeyValueTable entries={systemTags()} empty="" />
        </details>
      </Show>
    </div>
  );
}
