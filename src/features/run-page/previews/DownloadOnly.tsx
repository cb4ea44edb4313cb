// A file with no preview (a model binary, an archive, an image too big to decode here): what it
// is and a way to get it.
import { Show, type JSX } from 'solid-js';
import { baseName } from '../../../domain/artifact-preview';
import { formatBytes } from '../../../ui/format';

export function DownloadOnly(props: { path: string; size: number; tooLarge: boolean; onDownload: () => void }): JSX.Element {
  return (
    <div class="download-only">
      <p>
        <Show when={props.tooLarge} fallback="No preview for this kind of file.">
          Too large to preview here.
        </Show>
      </p>
      <button type="button" class="primary" onClick={() => props.onDownload()}>
        Download {baseName(props.path)} ({formatBytes(props.size)})
      </button>
    </div>
  );
}
