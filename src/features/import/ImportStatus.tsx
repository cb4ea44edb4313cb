// What the import is doing, in the words of its phase, with a progress bar and Cancel while it
// runs: listing the folder, reading the tree (in the worker), comparing with this workspace,
// writing (one transaction).
import { Show, type JSX } from 'solid-js';
import type { ImportProgress } from '../../sdk/index';
import { formatBytes, formatCount, formatCountOf } from '../../ui/format';

const PHASES: Record<ImportProgress['phase'], string> = {
  parse: 'Reading the tree',
  plan: 'Comparing with this workspace',
  write: 'Writing',
};


function progressText(p: ImportProgress): string {
  if (p.phase === 'parse') return `${formatCount(p.done)} of ${formatCount(p.total)} files · ${formatBytes(p.bytes)} read`;
  if (p.phase === 'write') return `${formatCount(p.done)} of ${formatCount(p.total)} batches${p.bytes > 0 ? ` · ${formatBytes(p.bytes)}` : ''}`;
  return `${formatCount(p.done)} of ${formatCount(p.total)}`;
}

export function ImportRunning(props: { title: string; progress: ImportProgress | undefined; cancelling: boolean; onCancel: () => void }): JSX.Element {
  return (
    <div class="import-progress" role="status" data-phase={props.progress?.phase ?? 'start'}>
      <p class="import-progress-text">
        {props.progress ? PHASES[props.progress.phase] : props.title}…{' '}
        <Show when={props.progress}>{(p) => <span class="import-progress-count">{progressText(p())}</span>}</Show>
      </p>
      <progress max={Math.max(props.progress?.total ?? 0, 1)} value={props.progress?.done ?? 0} aria-label="Import progress" />
      <button type="button" class="cancel-import" disabled={props.cancelling} onClick={() => props.onCancel()}>
        {props.cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}

export function ImportListing(props: { files: number; onCancel: () => void }): JSX.Element {
  return (
    <div class="import-progress" role="status" data-phase="listing">
      <p class="import-progress-text">Listing the folder… <span class="import-progress-count">{formatCountOf(props.files, 'file')}</span></p>
      <progress aria-label="Listing the folder" />
      <button type="button" class="cancel-import" onClick={() => props.onCancel()}>Cancel</button>
    </div>
  );
}
