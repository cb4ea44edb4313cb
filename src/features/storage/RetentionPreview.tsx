// What a retention plan removes, before anything is removed: counts and bytes first, then the
// experiments, the runs (largest first, each with the rule that takes it), registered model
// versions that lose their files, and why runs are left out in a shared workspace.
import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { RetentionPlan } from '../../sdk/index';
import { formatBytes, formatTimestamp } from '../../ui/format';
import { isEmptyPlan, planSummary, reasonText } from './storage-words';

const LISTED = 100;

export function RetentionPreview(props: { plan: RetentionPlan }): JSX.Element {
  const [all, setAll] = createSignal(false);
  const runs = () => (all() ? props.plan.runs : props.plan.runs.slice(0, LISTED));
  return (
    <div class="retention-preview" data-empty={isEmptyPlan(props.plan) ? 'yes' : 'no'}>
      <Show when={props.plan.refused}>{(why) => <p class="retention-refused" role="note">{why()}</p>}</Show>
      <Show when={!isEmptyPlan(props.plan)} fallback={<p class="retention-summary">Nothing to remove: no run, experiment or file matches these rules.</p>}>
        <p class="retention-summary">
          Will remove for good <strong>{planSummary(props.plan)}</strong>{' '}
          <span class="muted">
            (artifacts {formatBytes(props.plan.bytes.artifacts)}, metric history {formatBytes(props.plan.bytes.metrics)}, records{' '}
            {formatBytes(props.plan.bytes.records)})
          </span>
        </p>
        <Show when={props.plan.modelVersions.length > 0}>
          <p class="retention-warning" role="note">
            {props.plan.modelVersions.length === 1 ? 'A registered model version was' : `${props.plan.modelVersions.length} registered model versions were`} made from
            these runs and will no longer load:{' '}
            <For each={props.plan.modelVersions}>
              {(v, i) => (
                <>
                  {i() > 0 ? ', ' : ''}
                  <A href={`/models/${encodeURIComponent(v.name)}/versions/${v.version}`}>{v.name} v{v.version}</A>
                </>
              )}
            </For>
            .
          </p>
        </Show>
        <Show when={props.plan.experiments.length > 0}>
          <h4>Experiments</h4>
          <ul class="retention-experiments">
            <For each={props.plan.experiments}>
              {(e) => (
                <li data-experiment-id={e.experimentId}>
                  {e.name} <span class="muted">deleted {formatTimestamp(e.deletedAt)}, with its {e.runs} {e.runs === 1 ? 'run' : 'runs'}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={props.plan.runs.length > 0}>
          <h4>Runs</h4>
          <table class="storage-table retention-runs">
            <thead>
              <tr><th>Run</th><th>Experiment</th><th>Why</th><th class="num">Size</th></tr>
            </thead>
            <tbody>
              <For each={runs()}>
                {(r) => (
                  <tr data-run-id={r.runId}>
                    <td>
                      {r.runName || r.runId}
                      <Show when={r.lifecycleStage === 'deleted'}> <span class="badge badge-deleted">deleted</span></Show>
                    </td>
                    <td>{r.experimentName}</td>
                    <td>{reasonText(r.reason)}</td>
                    <td class="num">{formatBytes(r.totalBytes)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={!all() && props.plan.runs.length > LISTED}>
            <button type="button" class="link" onClick={() => setAll(true)}>List all {props.plan.runs.length.toLocaleString('en')} runs</button>
          </Show>
        </Show>
        <Show when={props.plan.files.length > 0}>
          <p class="retention-files">
            {props.plan.files.length.toLocaleString('en')} artifact {props.plan.files.length === 1 ? 'file' : 'files'} ({formatBytes(props.plan.bytes.artifacts)}) that no
            remaining run uses.
          </p>
        </Show>
      </Show>
    </div>
  );
}
