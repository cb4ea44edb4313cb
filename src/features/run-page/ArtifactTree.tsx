// One folder level of a run's artifacts, nested for open folders, with file sizes. Each level is
// its own live listing, so a file logged while the page is open appears in its folder. Rows are
// keyed by path: a refresh updates sizes in place and keeps open folders open. A peer's file whose
// bytes have not been fetched yet says "on the relay" next to its size.
import { createMemo, For, Show, type JSX } from 'solid-js';
import { baseName } from '../../domain/artifact-preview';
import { formatBytes } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';

export interface ArtifactTreeProps {
  runId: string;
  /** The folder to list; '' for the run's artifact root. */
  dir: string;
  selected: string | undefined;
  isOpen: (dir: string) => boolean;
  onToggle: (dir: string) => void;
  onSelect: (path: string) => void;
  /** changes when a file's bytes arrived from the relay (the listing reads again) */
  arrivals: () => number;
}

export function ArtifactTree(props: ArtifactTreeProps): JSX.Element {
  const { workspace, client } = useWorkspace();
  const listing = createWorkspaceQuery(workspace, () => [props.runId, props.dir, props.arrivals()] as const, async ([runId, dir]) => {
    const [entries, awaiting] = await Promise.all([client.listArtifacts(runId, dir), client.listArtifactsAwaitingBytes(runId, dir)]);
    return { entries, awaiting: new Set(awaiting) };
  });
  const entries = () => listing.value()?.entries;
  const byPath = createMemo(() => new Map((entries() ?? []).map((e) => [e.path, e])));
  const paths = createMemo(() => (entries() ?? []).map((e) => e.path), [], {
    equals: (a, b) => a.length === b.length && a.every((p, i) => p === b[i]),
  });

  return (
    <Show when={paths().length > 0} fallback={props.dir === '' && listing.value() ? <p class="muted">No artifacts.</p> : null}>
      <ul class="artifact-tree">
        <For each={paths()}>
          {(path) => {
            const entry = () => byPath().get(path);
            const selected = () => props.selected === path;
            const onRelay = () => listing.value()?.awaiting.has(path) ?? false;
            return (
              <li data-path={path} classList={{ selected: selected() }}>
                <Show
                  when={entry()?.isDir}
                  fallback={
                    <button
                      type="button"
                      class="tree-item file"
                      aria-current={selected() ? 'true' : undefined}
                      data-bytes={onRelay() ? 'on-relay' : 'here'}
                      title={onRelay() ? 'Logged by someone else: the file is fetched from the relay when you open it' : undefined}
                      onClick={() => props.onSelect(path)}
                    >
                      <span class="tree-twisty" aria-hidden="true" />
                      <span class="tree-name">{baseName(path)}</span>
                      <span class="tree-size">{onRelay() ? `on the relay · ${formatBytes(entry()?.fileSize)}` : formatBytes(entry()?.fileSize)}</span>
                    </button>
                  }
                >
                  <button
                    type="button"
                    class="tree-item dir"
                    aria-expanded={props.isOpen(path)}
                    aria-current={selected() ? 'true' : undefined}
                    onClick={() => props.onToggle(path)}
                  >
                    <span class="tree-twisty" aria-hidden="true">{props.isOpen(path) ? '▾' : '▸'}</span>
                    <span class="tree-name">{baseName(path)}/</span>
                  </button>
                  <Show when={props.isOpen(path)}>
                    <ArtifactTree {...props} dir={path} />
                  </Show>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
