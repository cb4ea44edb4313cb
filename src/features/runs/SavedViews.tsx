// Named views of an experiment's runs table (filter, columns, sort, grouping), remembered on this
// device. Applying one rewrites the URL, so a view is also a link.
import { createSignal, For, Show, type JSX } from 'solid-js';
import { getPreference, setPreference } from '../../sdk/index';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';

export interface SavedView {
  name: string;
  filter: string;
  sort: string[];
  cols: string[];
  group: string | undefined;
}

export function SavedViews(props: { scope: string; current: () => Omit<SavedView, 'name'>; onApply: (view: SavedView) => void }): JSX.Element {
  const { workspace } = useWorkspace();
  const key = () => `runs.views:${props.scope}`;
  const [version, setVersion] = createSignal(0);
  const views = createWorkspaceQuery(workspace, () => [key(), version()] as const, async ([k]) => (await getPreference<SavedView[]>(workspace, k)) ?? []);
  const [naming, setNaming] = createSignal(false);
  const [name, setName] = createSignal('');

  const save = async (): Promise<void> => {
    const n = name().trim();
    if (!n) return;
    const others = (views.value() ?? []).filter((v) => v.name !== n);
    await setPreference(workspace, key(), [...others, { name: n, ...props.current() }]);
    setNaming(false);
    setName('');
    setVersion(version() + 1);
  };
  const remove = async (n: string): Promise<void> => {
    await setPreference(workspace, key(), (views.value() ?? []).filter((v) => v.name !== n));
    setVersion(version() + 1);
  };

  return (
    <div class="saved-views">
      <select
        aria-label="Saved views"
        value=""
        onChange={(e) => {
          const v = (views.value() ?? []).find((x) => x.name === e.currentTarget.value);
          e.currentTarget.value = '';
          if (v) props.onApply(v);
        }}
      >
        <option value="">Views…</option>
        <For each={views.value() ?? []}>{(v) => <option value={v.name}>{v.name}</option>}</For>
      </select>
      <Show when={naming()} fallback={<button type="button" onClick={() => setNaming(true)}>Save view</button>}>
        <form class="save-view" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <input aria-label="View name" placeholder="View name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" disabled={name().trim() === ''}>Save</button>
        </form>
      </Show>
      <Show when={(views.value() ?? []).length > 0}>
        <details class="manage-views">
          <summary>Manage</summary>
          <ul>
            <For each={views.value() ?? []}>
              {(v) => <li>{v.name} <button type="button" aria-label={`Delete view ${v.name}`} onClick={() => void remove(v.name)}>✕</button></li>}
            </For>
          </ul>
        </details>
      </Show>
    </div>
  );
}
