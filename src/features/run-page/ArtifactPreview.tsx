// The selected artifact file: its path, size and a download button, a note when only its first
// part is shown, and the preview its plan calls for. Loading is keyed by (run, path, size), so a
// run that keeps logging does not re-read the file every refresh, while a re-logged file does.
import { createEffect, createMemo, createSignal, Match, on, onCleanup, Show, Switch, type JSX } from 'solid-js';
import type { PreviewPlan } from '../../domain/artifact-preview';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes } from '../../ui/format';
import { useWorkspace } from '../../ui/workspace-context';
import { downloadArtifactFile, loadPreview, type LoadedPreview } from './load-preview';
import { DownloadOnly } from './previews/DownloadOnly';
import { HtmlPreview } from './previews/HtmlPreview';
import { ImagePreview } from './previews/ImagePreview';
import { JsonPreview } from './previews/JsonPreview';
import { MlmodelPreview } from './previews/MlmodelPreview';
import { TablePreview } from './previews/TablePreview';
import { TextPreview } from './previews/TextPreview';

type LoadState = { status: 'loading' } | { status: 'ready'; preview: LoadedPreview } | { status: 'error'; error: unknown };

// An image past its ceiling becomes a download, and DownloadOnly says why itself.
const TOO_LARGE_NOTES: Partial<Record<NonNullable<PreviewPlan['tooLargeFor']>, string>> = {
  json: 'This JSON file is too large to pretty-print, so it is shown as plain text.',
  html: 'This HTML file is too large to render, so its source is shown as text.',
  mlmodel: 'This MLmodel file is too large to summarise, so it is shown as plain text.',
};

const tooLargeNote = (plan: PreviewPlan): string | undefined => (plan.tooLargeFor ? TOO_LARGE_NOTES[plan.tooLargeFor] : undefined);

export function ArtifactPreview(props: { runId: string; path: string; size: number }): JSX.Element {
  const { client } = useWorkspace();
  const [state, setState] = createSignal<LoadState>({ status: 'loading' });
  const [downloadError, setDownloadError] = createSignal<unknown>();
  const key = createMemo(() => `${props.runId}\n${props.path}\n${props.size}`);
  createEffect(
    on(key, () => {
      let current = true;
      setState({ status: 'loading' });
      loadPreview(client, props.runId, props.path, props.size).then(
        (preview) => current && setState({ status: 'ready', preview }),
        (error: unknown) => current && setState({ status: 'error', error }),
      );
      onCleanup(() => {
        current = false;
      });
    }),
  );
  const ready = (): LoadedPreview | undefined => {
    const s = state();
    return s.status === 'ready' ? s.preview : undefined;
  };
  /** Wrapped so that a thrown `undefined` still counts as an error to show. */
  const loadError = (): { error: unknown } | undefined => {
    const s = state();
    return s.status === 'error' ? { error: s.error } : undefined;
  };
  const download = (): void => {
    setDownloadError(undefined);
    downloadArtifactFile(client, props.runId, props.path).catch(setDownloadError);
  };

  return (
    <div class="artifact-preview" data-path={props.path} data-kind={ready()?.view}>
      <header class="preview-header">
        <h4 class="preview-path">{props.path}</h4>
        <span class="muted">{formatBytes(props.size)}</span>
        <button type="button" class="download-button" onClick={download}>Download</button>
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
        <Match when={state().status === 'loading'}>
          <p class="muted">Loading…</p>
        </Match>
        <Match when={loadError()}>{(e) => <ErrorNotice error={e().error} />}</Match>
        <Match when={ready()} keyed>
          {(p) => <PreviewBody preview={p} path={props.path} size={props.size} onDownload={download} />}
        </Match>
      </Switch>
    </div>
  );
}

function PreviewBody(props: { preview: LoadedPreview; path: string; size: number; onDownload: () => void }): JSX.Element {
  const p = props.preview;
  switch (p.view) {
    case 'image':
      return <ImagePreview blob={p.blob} path={props.path} />;
    case 'json':
      return <JsonPreview text={p.text} />;
    case 'table':
      return <TablePreview text={p.text} delimiter={p.plan.delimiter ?? ','} partial={p.plan.partial} />;
    case 'html':
      return <HtmlPreview html={p.text} path={props.path} />;
    case 'mlmodel':
      return <MlmodelPreview text={p.text} />;
    case 'text':
      return <TextPreview text={p.text} />;
    case 'download':
      return <DownloadOnly path={props.path} size={props.size} tooLarge={p.plan.tooLargeFor !== undefined} onDownload={props.onDownload} />;
  }
}
