// The export page (/export, issue #7): choose experiments, or arrive from the runs table with the
// runs picked there (`?runs=<id>,<id>`); choose the format; see what that amounts to; export with
// progress and Cancel. The finished file downloads at once.
import { useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import type { ExportSelection } from '../../sdk/index';
import { ErrorNotice } from '../../ui/components/ErrorNotice';
import { createWorkspaceQuery } from '../../ui/primitives/workspace-query';
import { useWorkspace } from '../../ui/workspace-context';
import { ChosenRuns } from './ChosenRuns';
import { createExportJob } from './create-export-job';
import { ExperimentChooser } from './ExperimentChooser';
import { estimateOfExperiments, estimateOfRuns, estimateText, listExportableExperiments, loadChosenRuns, type ExportEstimate } from './export-scope';
import { DEFAULT_EXPORT_OPTIONS, ExportOptions, type ExportOptionsValue } from './ExportOptions';
import { ExportStatus } from './ExportStatus';
import './export.css';

const idsOf = (param: string): string[] => param.split(',').filter((id) => id !== '');

export function ExportPage(): JSX.Element {
  const { workspace, client } = useWorkspace();
  const [params] = useSearchParams<{ runs?: string }>();
  const runsParam = (): string => {
    const v: string | string[] | undefined = params.runs;
    return (Array.isArray(v) ? v.join(',') : v) ?? '';
  };
  const fromRunsTable = () => idsOf(runsParam()).length > 0;

  const experiments = createWorkspaceQuery(workspace, () => null, () => listExportableExperiments(client));
  const chosenRuns = createWorkspaceQuery(workspace, runsParam, (p) => loadChosenRuns(client, idsOf(p)));
  const [chosen, setChosen] = createSignal<Set<string>>(new Set());
  const [options, setOptions] = createSignal<ExportOptionsValue>({ ...DEFAULT_EXPORT_OPTIONS });
  const job = createExportJob(workspace);
  const running = () => job.state().kind === 'running';

  const estimate = (): ExportEstimate | undefined => {
    if (fromRunsTable()) {
      // The last good list stays while the query refreshes (the workspace changed), so the button does not flicker.
      const runs = chosenRuns.value();
      return runs && !chosenRuns.error() ? estimateOfRuns(runs) : undefined;
    }
    const listed = experiments.value();
    return listed && estimateOfExperiments(listed, chosen());
  };
  // Built from what the user sees: an empty selection means the whole workspace to the SDK, so
  // it is only ever sent when every experiment is ticked.
  const selection = (): ExportSelection | undefined => {
    const e = estimate();
    if (!e || e.experiments === 0) return undefined;
    if (fromRunsTable()) return { runIds: idsOf(runsParam()) };
    if (e.everything) return {};
    return { experimentIds: (experiments.value() ?? []).map((x) => x.experiment.experimentId).filter((id) => chosen().has(id)) };
  };
  const estimateLine = (): string => {
    const e = estimate();
    if (!e) return '';
    return e.experiments === 0 ? 'Choose at least one experiment.' : estimateText(e);
  };
  const start = (): void => {
    const s = selection();
    const e = estimate();
    if (s && e) void job.start({ ...options(), selection: s }, e.runs);
  };

  return (
    <article class="export-page">
      <h2>Export</h2>
      <p class="muted">
        Take experiments and runs out of this browser (workspace <strong>{workspace.name}</strong>): as the <code>mlruns/</code> folder MLflow
        writes, which <code>mlflow ui</code> opens, or as one JSON file. Deleted runs and experiments are included, marked deleted as MLflow keeps them.
      </p>
      <Show
        when={fromRunsTable()}
        fallback={
          <>
            <Show when={experiments.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
            <Show when={experiments.value()} fallback={<p class="muted">Reading experiments…</p>}>
              {(listed) => <ExperimentChooser experiments={listed()} chosen={chosen()} disabled={running()} onChange={setChosen} />}
            </Show>
          </>
        }
      >
        <Show when={chosenRuns.error()}>{(e) => <ErrorNotice error={e()} />}</Show>
        <Show when={!chosenRuns.error() && chosenRuns.value()} fallback={chosenRuns.error() ? undefined : <p class="muted">Reading the chosen runs…</p>}>
          {(runs) => <ChosenRuns runs={runs()} />}
        </Show>
      </Show>
      <ExportOptions value={options()} disabled={running()} onChange={setOptions} />
      <div class="export-actions">
        <button type="button" class="primary export-start" disabled={!selection() || running()} onClick={start}>Export</button>
        <span class="export-estimate">{estimateLine()}</span>
      </div>
      <ExportStatus job={job} />
    </article>
  );
}
