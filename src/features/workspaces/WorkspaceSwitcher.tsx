// The header's workspace menu: the open workspace (with its sharing badge), every other local
// workspace to switch to, and a box to start a new one. Switching reloads the app on the chosen
// workspace (workspace-choice.ts says why).
import { createResource, createSignal, For, onCleanup, Show, type JSX } from 'solid-js';
import { createLocalWorkspace, listWorkspaces, roleOf, type WorkspaceSummary } from '../../sdk/sync';
import { useWorkspace } from '../../ui/workspace-context';
import { useSync } from '../sync/sync-context';
import { SharingBadge } from './SharingBadge';
import { isWorkspaceName, switchToWorkspace } from './workspace-choice';
import './workspaces.css';

export function WorkspaceSwitcher(): JSX.Element {
  const { workspace } = useWorkspace();
  const { config } = useSync();
  const [open, setOpen] = createSignal(false);
  // Read when the menu opens, so workspaces joined in another tab show up.
  const [workspaces] = createResource(open, () => listWorkspaces());
  const current = (): Pick<WorkspaceSummary, 'sharing' | 'role'> => {
    const c = config();
    if (!c) return { sharing: 'local' };
    return { sharing: c.detached ? 'detached' : 'shared', role: roleOf(c) };
  };
  const others = (): WorkspaceSummary[] => (workspaces() ?? []).filter((w) => w.name !== workspace.name);

  const [newName, setNewName] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const create = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    const name = newName().trim();
    if (!isWorkspaceName(name)) return void setProblem('Use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.');
    if ((workspaces() ?? []).some((w) => w.name === name)) return void setProblem(`"${name}" exists already: pick it from the list.`);
    try {
      await createLocalWorkspace(name, { profileFrom: workspace });
      switchToWorkspace(name);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };

  let menu: HTMLDetailsElement | undefined;
  // A click anywhere else closes the menu, as menus do.
  const closeOutside = (e: MouseEvent): void => {
    if (menu?.open && e.target instanceof Node && !menu.contains(e.target)) menu.open = false;
  };
  document.addEventListener('click', closeOutside);
  onCleanup(() => document.removeEventListener('click', closeOutside));

  return (
    <details class="workspace-switcher" ref={menu} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary title="Switch workspace">
        <span class="workspace-current">{workspace.name}</span>
        <SharingBadge workspace={current()} />
      </summary>
      <div class="workspace-menu" role="menu">
        <h2>Workspaces on this device</h2>
        <Show when={!workspaces.loading} fallback={<p class="muted">Loading…</p>}>
          <ul>
            <li>
              <span class="workspace-option" aria-current="true" data-workspace={workspace.name}>
                <span class="workspace-option-name">{workspace.name}</span>
                <SharingBadge workspace={current()} />
                <span class="muted">open</span>
              </span>
            </li>
            <For each={others()}>
              {(w) => (
                <li>
                  <button type="button" role="menuitem" class="workspace-option" data-workspace={w.name} onClick={() => switchToWorkspace(w.name)}>
                    <span class="workspace-option-name">{w.name}</span>
                    <SharingBadge workspace={w} />
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <form class="workspace-new" onSubmit={(e) => void create(e)}>
          <input
            name="workspace"
            aria-label="New workspace name"
            placeholder="new workspace name"
            value={newName()}
            onInput={(e) => {
              setNewName(e.currentTarget.value);
              setProblem('');
            }}
          />
          <button type="submit" disabled={newName().trim() === ''}>Create</button>
        </form>
        <Show when={problem()}>{(p) => <p class="workspace-problem" role="alert">{p()}</p>}</Show>
      </div>
    </details>
  );
}
