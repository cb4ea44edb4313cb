// Key/value tags of one entity (experiment, run, registered model, model version): add, edit a
// value in place (Enter saves, Escape cancels), delete. The caller's writes go through the client,
// so MLflow's validation message is shown as is. Rows are keyed by tag key, so a refresh from a
// logging script or another tab updates values without closing an open editor.
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { createAttempt } from '../primitives/attempt';
import { ErrorNotice } from './ErrorNotice';

export interface TagEditorProps {
  tags: Record<string, string>;
  onSet: (key: string, value: string) => Promise<void>;
  onDelete: (key: string) => Promise<void>;
  /** Tags not listed here (MLflow's `mlflow.*` tags, which have their own views). */
  hidden?: (key: string) => boolean;
  /** Listed only: MLflow refuses to tag a deleted experiment. */
  readOnly?: boolean;
  /** Values are edited in a textarea, Shift+Enter for a new line (a run's notes-like tags). */
  multiline?: boolean;
  /** Delete asks first, naming the tag. */
  confirmDelete?: boolean;
  /** Shown when no tag is listed; nothing when empty. */
  empty?: string;
  class?: string;
}

export function TagEditor(props: TagEditorProps): JSX.Element {
  const [editing, setEditing] = createSignal<string>();
  const [draft, setDraft] = createSignal('');
  const [deleting, setDeleting] = createSignal<string>();
  const [newKey, setNewKey] = createSignal('');
  const [newValue, setNewValue] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const { error, attempt } = createAttempt();
  // Compared by content so a new `tags` object with the same keys keeps every row (and its editor).
  const keys = createMemo(() => Object.keys(props.tags).filter((k) => !props.hidden?.(k)).sort(), [], {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  });

  const write = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    try {
      return await attempt(action);
    } finally {
      setBusy(false);
    }
  };
  const startEdit = (key: string): void => {
    setDeleting(undefined);
    setDraft(props.tags[key] ?? '');
    setEditing(key);
  };
  const saveEdit = async (key: string): Promise<void> => {
    if (await write(() => props.onSet(key, draft()))) setEditing(undefined);
  };
  const remove = async (key: string): Promise<void> => {
    if (await write(() => props.onDelete(key))) setDeleting(undefined);
  };
  const add = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (await write(() => props.onSet(newKey().trim(), newValue()))) {
      setNewKey('');
      setNewValue('');
    }
  };
  const onEditKey = (key: string, e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !(props.multiline && e.shiftKey)) {
      e.preventDefault();
      void saveEdit(key);
    }
    if (e.key === 'Escape') setEditing(undefined);
  };

  const actions = (key: string): JSX.Element => (
    <Show
      when={deleting() === key}
      fallback={
        <Show when={!props.readOnly}>
          <button type="button" class="link" aria-label={`Edit tag ${key}`} onClick={() => startEdit(key)}>Edit</button>
          <button type="button" class="link" aria-label={`Delete tag ${key}`} onClick={() => (props.confirmDelete ? setDeleting(key) : void remove(key))}>Delete</button>
        </Show>
      }
    >
      <button type="button" class="danger" disabled={busy()} onClick={() => void remove(key)}>Delete “{key}”</button>
      <button type="button" class="link" onClick={() => setDeleting(undefined)}>Keep</button>
    </Show>
  );
  const editor = (key: string): JSX.Element => {
    const common = {
      class: 'tag-value-input',
      'aria-label': `Value of tag ${key}`,
      get value() {
        return draft();
      },
      ref: (el: HTMLElement) => queueMicrotask(() => el.focus()),
      onInput: (e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setDraft(e.currentTarget.value),
      onKeyDown: (e: KeyboardEvent) => onEditKey(key, e),
    };
    return props.multiline ? <textarea rows={2} {...common} /> : <input {...common} />;
  };

  return (
    <div class={props.class ? `tag-editor ${props.class}` : 'tag-editor'}>
      <Show when={keys().length > 0} fallback={props.empty ? <p class="muted">{props.empty}</p> : null}>
        <table class="kv tag-table">
          <tbody>
            <For each={keys()}>
              {(key) => (
                <tr data-tag={key}>
                  <th scope="row" class="tag-key">{key}</th>
                  <Show
                    when={editing() === key}
                    fallback={
                      <>
                        <td class="tag-value">{props.tags[key]}</td>
                        <td class="tag-actions">{actions(key)}</td>
                      </>
                    }
                  >
                    <td>{editor(key)}</td>
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
      <Show when={!props.readOnly}>
        <form class="tag-add" onSubmit={(e) => void add(e)}>
          <input aria-label="New tag key" placeholder="key" value={newKey()} onInput={(e) => setNewKey(e.currentTarget.value)} />
          <input aria-label="New tag value" placeholder="value" value={newValue()} onInput={(e) => setNewValue(e.currentTarget.value)} />
          <button type="submit" disabled={busy() || newKey().trim() === ''}>Add tag</button>
        </form>
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </div>
  );
}
