// Score a whole CSV file: stream it through the model a chunk at a time (batch-score.ts) with a
// progress bar and a Cancel that stops after the chunk in flight, then preview the first rows and
// download every input column plus the predictions as CSV.
import { createSignal, onCleanup, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { scoreCsv, frameOf, type BatchProgress, type BatchResult } from './batch-score';
import type { ModelPageData } from './model-data';
import { requestFromPayload } from './pasted-payload';
import { PredictionsTable } from './PredictionView';
import { fileStem, saveFile } from '../../ui/save-file';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (rows: number, ms: number): string => (ms > 0 ? count((rows / ms) * 1000) : '—');

function Progress(props: { progress: BatchProgress; onCancel: () => void; cancelling: boolean }): JSX.Element {
  const p = () => props.progress;
  return (
    <div class="batch-progress">
      <progress max={Math.max(p().rowsEstimate, 1)} value={p().rowsDone} aria-label="Rows scored" />
      <span class="batch-counts">
        <span class="rows-done">{count(p().rowsDone)}</span> of ~<span class="rows-total">{count(p().rowsEstimate)}</span> rows
        <span class="muted"> · {rate(p().rowsDone, p().elapsedMs)} rows/s</span>
      </span>
      <button type="button" class="danger batch-cancel" disabled={props.cancelling} onClick={() => props.onCancel()}>
        {props.cancelling ? 'Stopping…' : 'Cancel'}
      </button>
    </div>
  );
}

function Outcome(props: { result: BatchResult; onDownload: () => void }): JSX.Element {
  const r = () => props.result;
  return (
    <div class="batch-outcome" data-status={r().status}>
      <Show
        when={r().status === 'done'}
        fallback={<p class="preview-note batch-cancelled">Cancelled after {count(r().rows)} rows; nothing was kept. Choose Score again to start over.</p>}
      >
        <p class="batch-summary">
          Scored <strong class="batch-rows" data-rows={r().rows}>{count(r().rows)}</strong> rows in {(r().elapsedMs / 1000).toFixed(1)} s
          <span class="muted"> ({rate(r().rows, r().elapsedMs)} rows/s)</span>
        </p>
        <Show when={r().malformedRows > 0}>
          <p class="preview-note">{count(r().malformedRows)} rows were malformed (first: {r().firstProblem}); their missing cells were scored as empty.</p>
        </Show>
        <Show when={r().layout} fallback={<p class="muted">The file has a header but no rows.</p>}>
          {(layout) => (
            <>
              <button type="button" class="primary batch-download" onClick={() => props.onDownload()}>Download results CSV</button>
              <h5>First {Math.min(r().preview.length, r().rows)} rows</h5>
              <PredictionsTable columns={layout().columns} rows={r().preview} class="batch-preview" />
            </>
          )}
        </Show>
      </Show>
    </div>
  );
}

export function BatchScore(props: { data: ModelPageData }): JSX.Element {
  const model = props.data.model;
  const signature = model.metadata.signature;
  const [file, setFile] = createSignal<File>();
  const [progress, setProgress] = createSignal<BatchProgress>();
  const [result, setResult] = createSignal<BatchResult>();
  const [error, setError] = createSignal<unknown>();
  const [cancelling, setCancelling] = createSignal(false);
  let controller: AbortController | undefined;
  // Leaving the page stops the run; the worker finishes the chunk in flight and nothing is kept.
  onCleanup(() => controller?.abort());

  const start = async (chosen: File): Promise<void> => {
    controller = new AbortController();
    setResult(undefined);
    setError(undefined);
    setCancelling(false);
    setProgress({ rowsDone: 0, rowsEstimate: 0, elapsedMs: 0 });
    try {
      setResult(await scoreCsv(chosen, {
        signal: controller.signal,
        onProgress: setProgress,
        score: (rows, columns) => model.predict(requestFromPayload({ format: 'dataframe', frame: frameOf(rows, columns) }, signature).input),
      }));
    } catch (e) {
      setError(() => e);
    } finally {
      controller = undefined;
      setProgress(undefined);
    }
  };
  const cancel = (): void => {
    setCancelling(true);
    controller?.abort();
  };
  const download = (): void => {
    const r = result();
    if (r) saveFile(new Blob(r.parts, { type: 'text/csv' }), `${fileStem(model.location.path)}-predictions.csv`);
  };

  return (
    <div class="batch-score">
      <p class="muted">
        A CSV file with a header row naming the model's input columns; other columns are kept in the output and ignored by the model.
        Rows are scored 2,000 at a time in the inference worker, so the page stays responsive.
      </p>
      <div class="batch-controls">
        <input type="file" class="batch-file" accept=".csv,text/csv" aria-label="CSV file to score" onChange={(e) => { setFile(e.currentTarget.files?.[0]); setResult(undefined); setError(undefined); }} />
        <button type="button" class="primary batch-start" disabled={!file() || progress() !== undefined} onClick={() => { const f = file(); if (f) void start(f); }}>
          {result() ? 'Score again' : 'Score file'}
        </button>
        <Show when={file()}>{(f) => <span class="muted">{f().name} · {count(f().size / 1024)} KB</span>}</Show>
      </div>
      <Show when={progress()}>{(p) => <Progress progress={p()} onCancel={cancel} cancelling={cancelling()} />}</Show>
      <Show when={error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={result()}>{(r) => <Outcome result={r()} onDownload={download} />}</Show>
    </div>
  );
}
