// The selected artifact file: its path, size and a download button, a note when only its first
// part is shown, and the preview its plan calls for. Loading is keyed by (run, path, size), so a
// run that keeps logging does not re-read the file every refresh, while a re-logged file does.
// A peer's file whose bytes are still on the relay says so next to its size, is fetched (with a
// progress bar) when its preview needs the bytes or it is downloaded, and is then shown as usual;
// while its writer has not uploaded it (or the relay is unreachable) it retries by itself.
import { createEffect, createMemo, createSignal, Match, on, onCleanup, Show, Switch, type JSX } from 'solid-js';
import type { PreviewPlan } from '../../domain/artifact-preview';
import { ArtifactFetchError } from '../../sdk/sync';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes } from '../../ui/format';
import { useWorkspace } from '../../ui/workspace-context';
import { useSync } from '../sync/sync-context';
import { createArtifactBytes } from './artifact-bytes';
import { FetchProgress } from './FetchProgress';
import { downloadArtifactFile, loadPreview, type LoadedPreview } from './load-preview';
import { PreviewBody } from './PreviewBody';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; preview: LoadedPreview }
  /** the bytes cannot be fetched right now for a reason that may pass; retried by itself */
  | { status: 'waiting'; error: ArtifactFetchError; retry: () => void }
  | { status: 'error'; error: unknown; retry: () => void };

/** how long a transient fetch problem waits before the next try */
const RETRY_MS = 5000;

// An image past its ceiling becomes a download, and DownloadOnly says why itself.
const TOO_LARGE_NOTES: Partial<Record<NonNullable<PreviewPlan['tooLargeFor']>, string>> = {
  json: 'This JSON file is too large to pretty-print, so it is shown as plain text.',
  html: 'This HTML file is too large to render, so its source is shown as text.',
  mlmodel: 'This MLmodel file is too large to summarise, so it is shown as plain text.',
};

const tooLargeNote = (plan: PreviewPlan): string | undefined => (plan.tooLargeFor ? TOO_LARGE_NOTES[plan.tooLargeFor] : undefined);

export function ArtifactPreview(props: { runId: string; path: string; size: number; onFetched?: () => void }): JSX.Element {
  const { client } = useWorkspace();
  const { handle } = useSync();
  const bytes = createArtifactBytes({ client, sync: handle, runId: () => props.runId, path: () => props.path, size: () => props.size, onFetched: () => props.onFetched?.() });
  const [state, setState] = createSignal<LoadState>({ status: 'loading' });
  const [downloadError, setDownloadError] = createSignal<unknown>();
  const key = createMemo(() => `${props.runId}\n${props.path}\n${props.size}`);
  createEffect(
    on(key, () => {
      let current = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const again = (): void => {
        clearTimeout(timer);
        attempt();
      };
      function attempt(): void {
        setState({ status: 'loading' });
        void bytes.check();
        loadPreview(client, props.runId, props.path, props.size, bytes.ensure).then(
          (preview) => current && setState({ status: 'ready', preview }),
          (error: unknown) => {
            if (!current) return;
            if (error instanceof ArtifactFetchError && error.transient) {
              setState({ status: 'waiting', error, retry: again });
              timer = setTimeout(attempt, RETRY_MS);
            } else setState({ status: 'error', error, retry: again });
          },
        );
      }
      attempt();
      onCleanup(() => {
        current = false;
        clearTimeout(timer);
      });
    }),
  );
  const ready = (): LoadedPreview | undefined => {
    const s = state();
    return s.status === 'ready' ? s.preview : undefined;
  };
  const waiting = () => {
    const s = state();
    return s.status === 'waiting' ? s : undefined;
  };
  const failed = () => {
    const s = state();
    return s.status === 'error' ? s : undefined;
  };
  const download = (): void => {
    setDownloadError(undefined);
    downloadArtifactFile(client, props.runId, props.path, bytes.ensure).catch(setDownloadError);
  };

  return (
    <div class="artifact-preview" data-path={props.path} data-kind={ready()?.view} data-bytes={bytes.here() === false ? 'on-relay' : bytes.here() ? 'here' : undefined}>
      <header class="preview-header">
        <h4 class="preview-path">{props.path}</h4>
        <span class="muted artifact-size">{bytes.here() === false ? `on the relay · ${formatBytes(props.size)}` : formatBytes(props.size)}</span>
        <button type="button" class="download-button" onClick={download} disabled={bytes.transfer() !== undefined}>Download</button>
      </header>
      <Show when={downloadError()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={ready()}>
        {(p) => (
          <>
            <Show when={tooLargeNote(p().plan)}>{(note) => <p class="preview-note">{note()}</p>}</Show>
            <Show when={p().plan.partial}>
              <p class="preview-note partial-note">
                Showing the first {formatBytes(p().plan.readBytes)} of {formatBytes(props.size)}. Download the file to see all of it.
              </p>
            </Show>
          </>
        )}
      </Show>
      <Switch>
        <Match when={bytes.transfer()}>{(p) => <FetchProgress progress={p()} />}</Match>
        <Match when={state().status === 'loading'}>
          <p class="muted">Loading…</p>
        </Match>
        <Match when={waiting()}>
          {(w) => (
            <p class="preview-note fetch-waiting" role="status">
              {w().error.message}{' '}
              <button type="button" class="link" onClick={() => w().retry()}>Try now</button>
            </p>
          )}
        </Match>
        <Match when={failed()}>
          {(f) => (
            <div class="fetch-failed">
              <ErrorNotice error={f().error} />
              <button type="button" onClick={() => f().retry()}>Try again</button>
            </div>
          )}
        </Match>
        <Match when={ready()} keyed>
          {(p) => <PreviewBody preview={p} path={props.path} size={props.size} onDownload={download} />}
        </Match>
      </Switch>
    </div>
  );
}
