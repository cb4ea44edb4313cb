// What the export is doing: a progress bar with Cancel while it runs, then what came of it:
// cancelled, an error, or a summary of the downloaded file with everything that was left out.
import { For, Match, Show, Switch, type JSX } from 'solid-js';
import type { ExportProgress } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { formatBytes, formatCount, formatCountOf } from '../../ui/format';
import type { ExportJob, ExportJobState } from './create-export-job';

type Running = Extract<ExportJobState, { kind: 'running' }>;

function ProgressLine(props: { state: Running; onCancel: () => void }): JSX.Element {
  const p = (): ExportProgress | undefined => props.state.progress;
  const total = () => p()?.runsTotal ?? props.state.runsTotal;
  return (
    <div class="export-progress" role="status">
      {/* The JSON export reports no progress: an indeterminate bar (no value) says it is working. */}
      <Show when={p()} fallback={<progress aria-label="Exporting" />}>
        {(q) => <progress max={Math.max(q().runsTotal, 1)} value={q().runsDone} aria-label="Runs exported" />}
      </Show>
      <span class="export-progress-text">
        <Show when={p()} fallback={<>Exporting {formatCountOf(total(), 'run')}…</>}>
          {(q) => (
            <>
              {q().phase === 'registry' ? 'Writing the model registry… ' : ''}
              {formatCount(q().runsDone)} of {formatCount(q().runsTotal)} runs · {formatBytes(q().bytesOut)} written
            </>
          )}
        </Show>
      </span>
      <button type="button" class="export-cancel" onClick={() => props.onCancel()}>Cancel</button>
    </div>
  );
}

function Warnings(props: { warnings: readonly string[] }): JSX.Element {
  return (
    <Show when={props.warnings.length > 0}>
      <details class="export-warnings" open={props.warnings.length <= 10}>
        <summary>Left out or incomplete: {formatCount(props.warnings.length)}</summary>
        <ul>
          <For each={props.warnings}>{(w) => <li>{w}</li>}</For>
        </ul>
      </details>
    </Show>
  );
}

export function ExportStatus(props: { job: ExportJob }): JSX.Element {
  // One accessor per outcome, each narrowed to its own shape for the branch that shows it.
  const running = () => { const s = props.job.state(); return s.kind === 'running' ? s : undefined; };
  const failed = () => { const s = props.job.state(); return s.kind === 'failed' ? s : undefined; };
  const finished = () => { const s = props.job.state(); return s.kind === 'finished' ? s : undefined; };
  return (
    <Switch>
      <Match when={running()}>
        {(s) => <ProgressLine state={s()} onCancel={props.job.cancel} />}
      </Match>
      <Match when={props.job.state().kind === 'cancelled'}>
        <p class="export-cancelled" role="status">Export cancelled. Nothing was downloaded.</p>
      </Match>
      <Match when={failed()}>
        {(s) => (
          <>
            <ErrorNotice error={s().error} />
            <Warnings warnings={s().warnings} />
          </>
        )}
      </Match>
      <Match when={finished()}>
        {(s) => (
          <div class="export-summary" role="status">
            <p>
              Exported {formatCountOf(s().file.runs, 'run')} into <strong class="export-file-name">{s().file.fileName}</strong> ({formatBytes(s().file.blob.size)}).{' '}
              <button type="button" class="link export-download-again" onClick={() => props.job.downloadAgain()}>Download again</button>
            </p>
            <Warnings warnings={s().warnings} />
          </div>
        )}
      </Match>
    </Switch>
  );
}
