// Where the workspace's bytes are: totals, then experiments and runs largest first. Artifact
// sizes count each distinct file once (per run, per experiment, and in the totals), because
// identical bytes are stored once; metric history and run records are close estimates.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { StorageReport } from '../../sdk/index';
import { formatBytes } from '../../ui/format';

const PAGE = 50;

export function SizesPanel(props: { report: StorageReport }): JSX.Element {
  const [shown, setShown] = createSignal(PAGE);
  const names = () => new Map(props.report.experiments.map((e) => [e.experimentId, e.name] as const));
  const t = () => props.report.totals;
  return (
    <section class="storage-section" aria-labelledby="sizes-heading">
      <h3 id="sizes-heading">This workspace: {formatBytes(t().totalBytes)}</h3>
      <dl class="overview storage-totals">
        <dt>Artifacts</dt>
        <dd>{formatBytes(t().artifactBytes)} <span class="muted">(identical files stored once)</span></dd>
        <dt>Metric history</dt>
        <dd>{formatBytes(t().metricBytes)}</dd>
        <dt>Run and experiment records</dt>
        <dd>{formatBytes(t().recordBytes)}</dd>
        <Show when={t().unreferencedFiles > 0}>
          <dt>Files nothing uses</dt>
          <dd>{formatBytes(t().unreferencedBytes)} in {t().unreferencedFiles.toLocaleString('en')} files <span class="muted">(clean-up below removes them)</span></dd>
        </Show>
        <Show when={t().syncBytes > 0}>
          <dt>Sharing</dt>
          <dd>{formatBytes(t().syncBytes)} <span class="muted">(metric history as it travels between devices)</span></dd>
        </Show>
      </dl>

      <h4>Experiments, largest first</h4>
      <div class="table-scroll storage-table-scroll">
        <table class="storage-table experiment-sizes">
          <thead>
            <tr><th>Experiment</th><th class="num">Runs</th><th class="num">Artifacts</th><th class="num">Metrics</th><th class="num">Records</th><th class="num">Total</th></tr>
          </thead>
          <tbody>
            <For each={props.report.experiments}>
              {(e) => (
                <tr data-experiment-id={e.experimentId}>
                  <td>
                    <A href={`/experiments/${e.experimentId}`}>{e.name}</A>
                    <Show when={e.lifecycleStage === 'deleted'}> <span class="badge badge-deleted">deleted</span></Show>
                  </td>
                  <td class="num">{e.runs.toLocaleString('en')}</td>
                  <td class="num">{formatBytes(e.artifactBytes)}</td>
                  <td class="num">{formatBytes(e.metricBytes)}</td>
                  <td class="num">{formatBytes(e.recordBytes)}</td>
                  <td class="num total">{formatBytes(e.totalBytes)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <h4>Runs, largest first</h4>
      <Show when={props.report.runs.length > 0} fallback={<p class="muted">No runs yet.</p>}>
        <div class="table-scroll storage-table-scroll">
          <table class="storage-table run-sizes">
            <thead>
              <tr><th>Run</th><th>Experiment</th><th class="num">Artifacts</th><th class="num">Metric points</th><th class="num">Metrics</th><th class="num">Record</th><th class="num">Total</th></tr>
            </thead>
            <tbody>
              <For each={props.report.runs.slice(0, shown())}>
                {(r) => (
                  <tr data-run-id={r.runId}>
                    <td>
                      <A href={`/runs/${r.runId}`}>{r.runName || r.runId}</A>
                      <Show when={r.lifecycleStage === 'deleted'}> <span class="badge badge-deleted">deleted</span></Show>
                    </td>
                    <td>{names().get(r.experimentId) ?? r.experimentId}</td>
                    <td class="num">{formatBytes(r.artifactBytes)} <span class="muted">({r.artifactFiles} {r.artifactFiles === 1 ? 'file' : 'files'})</span></td>
                    <td class="num">{r.metricPoints.toLocaleString('en')}</td>
                    <td class="num">{formatBytes(r.metricBytes)}</td>
                    <td class="num">{formatBytes(r.recordBytes)}</td>
                    <td class="num total">{formatBytes(r.totalBytes)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={props.report.runs.length > shown()}>
          <button type="button" class="link show-more-runs" onClick={() => setShown((n) => n + PAGE * 4)}>
            Show more ({(props.report.runs.length - shown()).toLocaleString('en')} smaller runs not shown)
          </button>
        </Show>
      </Show>
    </section>
  );
}
