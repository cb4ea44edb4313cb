// A run's artifacts: the folder tree on the left, the selected file's preview (or the selected
// folder's contents) on the right. Selection and open folders live in the URL (url-state.ts);
// a folder that holds the selection is always shown open, so a shared link lands on the file.
// Fetching a peer's file from the relay changes no row, so the browser counts arrivals and the
// listings that say "on the relay" read again on each.
import { createSignal, For, Match, Switch, type JSX } from 'solid-js';
import type { FileInfo } from '../../sdk/index';
import { parentOf } from '../../domain/artifact-path';
import { baseName } from '../../domain/artifact-preview';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ArtifactPreview } from './ArtifactPreview';
import { ArtifactTree } from './ArtifactTree';
import type { RunPageUrl } from './url-state';

const isInside = (path: string, dir: string): boolean => path.startsWith(`${dir}/`);

export function ArtifactBrowser(props: { runId: string; url: RunPageUrl }): JSX.Element {
  const { workspace, client } = useWorkspace();
  const selected = () => props.url.artifact();
  const isOpen = (dir: string): boolean => props.url.openDirs().includes(dir) || isInside(selected() ?? '', dir);
  const [arrivals, setArrivals] = createSignal(0);
  const arrived = (): void => void setArrivals((n) => n + 1);

  const select = (path: string): void => props.url.setArtifact(path, props.url.openDirs());
  // Opening or closing a folder also selects it (as MLflow's browser does): the preview pane then
  // lists it, and closing the folder that held the selection really closes it.
  const toggle = (dir: string): void => {
    const dirs = props.url.openDirs();
    props.url.setArtifact(dir, isOpen(dir) ? dirs.filter((d) => d !== dir && !isInside(d, dir)) : [...dirs, dir]);
  };

  // The selected path's entry from its parent's listing: file or folder, and the file's size
  // (a re-logged file with a new size re-reads its preview). info null: no such artifact (yet).
  const entry = createWorkspaceQuery(workspace, () => [props.runId, selected()] as const, async ([runId, path]) => {
    if (!path) return undefined;
    const siblings = await client.listArtifacts(runId, parentOf(path));
    return { path, info: siblings.find((e) => e.path === path) ?? null };
  });
  /** The entry of the current selection; undefined while it loads (never the previous one's). */
  const current = (): FileInfo | null | undefined => {
    const v = entry.value();
    return v && v.path === selected() ? v.info : undefined;
  };
  const folder = createWorkspaceQuery(workspace, () => [props.runId, current()?.isDir ? selected() : undefined] as const, async ([runId, dir]) =>
    dir ? client.listArtifacts(runId, dir) : [],
  );

  return (
    <div class="artifact-browser">
      <nav class="artifact-tree-pane" aria-label="Artifact files">
        <ArtifactTree runId={props.runId} dir="" selected={selected()} isOpen={isOpen} onToggle={toggle} onSelect={select} arrivals={arrivals} />
      </nav>
      <div class="artifact-preview-pane">
        <Switch>
          <Match when={entry.error()}>{(e) => <ErrorNotice error={e()} />}</Match>
          <Match when={!selected()}>
            <p class="muted preview-hint">Select a file to preview it.</p>
          </Match>
          <Match when={current() === null}>
            <p class="muted preview-hint">
              No artifact at <code>{selected()}</code> in this run (yet).
            </p>
          </Match>
          <Match when={current()?.isDir}>
            <div class="folder-summary">
              <h4 class="preview-path">{selected()}/</h4>
              <ul class="folder-entries">
                <For each={folder.value()}>
                  {(e) => (
                    <li>
                      <button type="button" class="link" onClick={() => (e.isDir ? toggle(e.path) : select(e.path))}>
                        {baseName(e.path)}{e.isDir ? '/' : ''}
                      </button>{' '}
                      <span class="muted">{formatBytes(e.fileSize)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Match>
          <Match when={current()?.path} keyed>
            {(path) => <ArtifactPreview runId={props.runId} path={path} size={current()?.fileSize ?? 0} onFetched={arrived} />}
          </Match>
        </Switch>
      </div>
    </div>
  );
}
