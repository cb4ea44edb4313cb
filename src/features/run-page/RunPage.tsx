// One run: overview, params, metrics (latest/min/max table and a chart each), tags and artifacts.
import { A, useParams } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { StatusBadge } from '../../ui/components/StatusBadge';
import { MetricChart } from '../../ui/charts/MetricChart';
import { formatDuration, formatMetric, formatTimestamp } from '../../ui/format';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ArtifactList } from './ArtifactList';
import { KeyValueTable } from './KeyValueTable';

export function RunPage(): JSX.Element {
  const params = useParams<{ runId: string }>();
  const { workspace, client } = useWorkspace();
  const data = createWorkspaceQuery(workspace, () => params.runId, async (runId) => {
    const run = await client.getRun(runId);
    const summaries = await client.getMetricSummaries(runId);
    return { run, summaries };
  });

  return (
    <section class="run-page">
      <Show when={data.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
      <Show when={data.value()}>
        {(v) => {
          const info = () => v().run.info;
          const parent = () => v().run.data.tags['mlflow.parentRunId'];
          return (
            <>
              <p class="breadcrumb"><A href={`/experiments/${info().experimentId}`}>← experiment</A></p>
              <h2 class="run-title">{info().runName} <StatusBadge status={info().status} /></h2>
              <dl class="overview">
                <dt>Run ID</dt>
                <dd>
                  <code class="run-id">{info().runId}</code>{' '}
                  <button type="button" onClick={() => void navigator.clipboard?.writeText(info().runId)}>Copy</button>
                </dd>
                <dt>Started</dt><dd>{formatTimestamp(info().startTime)}</dd>
                <dt>Ended</dt><dd>{formatTimestamp(info().endTime) || '—'}</dd>
                <dt>Duration</dt><dd>{formatDuration(info().startTime, info().endTime)}</dd>
                <dt>User</dt><dd>{info().userId}</dd>
                <dt>Source</dt><dd>{v().run.data.tags['mlflow.source.name'] ?? '—'}</dd>
                <Show when={parent()}>
                  {(p) => (<><dt>Parent run</dt><dd><A href={`/runs/${p()}`}>{p()}</A></dd></>)}
                </Show>
              </dl>

              <h3>Parameters</h3>
              <KeyValueTable entries={v().run.data.params} empty="No parameters logged." />

              <h3>Metrics</h3>
              <Show when={Object.keys(v().summaries).length > 0} fallback={<p class="muted">No metrics logged.</p>}>
                <table class="kv metrics-table">
                  <thead><tr><th>Metric</th><th>Latest</th><th>Min</th><th>Max</th><th>Points</th></tr></thead>
                  <tbody>
                    <For each={Object.entries(v().summaries).sort(([a], [b]) => (a < b ? -1 : 1))}>
                      {([k, s]) => (
                        <tr data-metric={k}>
                          <td>{k}</td><td class="num">{formatMetric(s.latest)}</td><td class="num">{formatMetric(s.min)}</td>
                          <td class="num">{formatMetric(s.max)}</td><td class="num">{s.count}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <div class="chart-grid">
                  <For each={Object.keys(v().summaries).sort()}>{(k) => <MetricChart runId={info().runId} metricKey={k} />}</For>
                </div>
              </Show>

              <h3>Tags</h3>
              <KeyValueTable entries={v().run.data.tags} empty="No tags." />

              <h3>Artifacts</h3>
              <ArtifactList runId={info().runId} />
            </>
          );
        }}
      </Show>
    </section>
  );
}
