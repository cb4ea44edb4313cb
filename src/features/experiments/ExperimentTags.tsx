// An experiment's tags: view, add, edit a value in place (Enter saves, Escape cancels), delete.
// MLflow's own `mlflow.*` tags are left out (the description is shown by the header), and a
// deleted experiment's tags are read-only, as MLflow refuses to tag it.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { Experiment } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { useWorkspace } from '../../ui/workspace-context';
import { createAttempt } from '../../ui/primitives/attempt';

const SYSTEM_PREFIX = 'mlflow.';

export function userTags(tags: Record<string, string>): Array<[string, string]> {
  return Object.entries(tags).filter(([k]) => !k.startsWith(SYSTEM_PREFIX)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function ExperimentTags(props: { experiment: Experiment }): JSX.Element {
  const { client } = useWorkspace();
  const [editingKey, setEditingKey] = createSignal<string>();
  const { error, attempt } = createAttempt();
  const [newKey, setNewKey] = createSignal('');
  const [newValue, setNewValue] = createSignal('');
  const id = () => props.experiment.experimentId;
  const readOnly = () => props.experiment.lifecycleStage !== 'active';

  const add = async (ev: SubmitEvent): Promise<void> => {
    ev.preventDefault();
    if (await attempt(() => client.setExperimentTag(id(), newKey().trim(), newValue()))) {
      setNewKey('');
      setNewValue('');
    }
  };

  return (
    <section class="experiment-tags" aria-label="Experiment tags">
      <div class="tags-heading">
        <h3>Tags</h3>
        <Show when={!readOnly()} fallback={<Show when={userTags(props.experiment.tags).length === 0}><span class="muted">none</span></Show>}>
          <form class="add-tag" onSubmit={add}>
            <input aria-label="Tag key" placeholder="key" value={newKey()} onInput={(e) => setNewKey(e.currentTarget.value)} />
            <input aria-label="Tag value" placeholder="value" value={newValue()} onInput={(e) => setNewValue(e.currentTarget.value)} />
            <button type="submit" disabled={newKey().trim() === ''}>Add tag</button>
          </form>
        </Show>
      </div>
      <Show when={userTags(props.experiment.tags).length > 0}>
        <table class="kv tag-table">
          <tbody>
            <For each={userTags(props.experiment.tags)}>
              {([key, value]) => (
                <tr data-tag-key={key}>
                  <th scope="row" class="tag-key">{key}</th>
                  <Show
                    when={editingKey() === key}
                    fallback={
                      <>
                        <td class="tag-value">{value}</td>
                        <td class="tag-actions">
                          <Show when={!readOnly()}>
                            <button type="button" class="link edit-tag" aria-label={`Edit tag ${key}`} onClick={() => setEditingKey(key)}>Edit</button>
                            <button type="button" class="link delete-tag" aria-label={`Delete tag ${key}`} onClick={() => void attempt(() => client.deleteExperimentTag(id(), key))}>
                              Delete
                            </button>
                          </Show>
                        </td>
                      </>
                    }
                  >
                    <td colSpan={2}>
                      <form class="tag-edit" onSubmit={(ev) => {
                        ev.preventDefault();
                        const input = ev.currentTarget.elements.namedItem('value');
                        if (input instanceof HTMLInputElement) {
                          void attempt(() => client.setExperimentTag(id(), key, input.value)).then((ok) => ok && setEditingKey(undefined));
                        }
                      }}>
                        <input
                          name="value"
                          aria-label={`Value of tag ${key}`}
                          value={value}
                          ref={(el) => queueMicrotask(() => el.focus())}
                          onKeyDown={(ev) => ev.key === 'Escape' && setEditingKey(undefined)}
                        />
                        <button type="submit">Save</button>
                        <button type="button" onClick={() => setEditingKey(undefined)}>Cancel</button>
                      </form>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
    </section>
  );
}
