// A run's artifacts as an expandable tree with sizes; files download from IndexedDB.
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { FileInfo } from '../../sdk/index';
import { formatBytes } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function ArtifactList(props: { runId: string; path?: string }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const entries = createWorkspaceQuery(workspace, () => [props.runId, props.path ?? ''] as const, ([runId, path]) => client.listArtifacts(runId, path));

  const download = async (file: FileInfo): Promise<void> => {
    const blob = await client.downloadArtifact(props.runId, file.path);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = baseName(file.path);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <Show when={(entries.value() ?? []).length > 0} fallback={props.path ? null : <p class="muted">No artifacts.</p>}>
      <ul class="artifact-tree">
        <For each={entries.value()}>
          {(entry) => {
            const [open, setOpen] = createSignal(false);
            return (
              <li data-path={entry.path}>
                <Show
                  when={entry.isDir}
                  fallback={
                    <button type="button" class="link" onClick={() => void download(entry)}>
                      {baseName(entry.path)} <span class="muted">{formatBytes(entry.fileSize)}</span>
                    </button>
                  }
                >
                  <button type="button" class="link" aria-expanded={open()} onClick={() => setOpen(!open())}>
                    {open() ? '▾' : '▸'} {baseName(entry.path)}/
                  </button>
                  <Show when={open()}>
                    <ArtifactList runId={props.runId} path={entry.path} />
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
