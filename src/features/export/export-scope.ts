// What the export page offers and what a choice amounts to before anything is written: every
// experiment (deleted ones too; the zip puts them in MLflow's .trash) with its run counts, or the
// runs picked in the runs table. Exports take deleted runs as well, so the counts include them.
import type { Experiment, MlflowClient, Run } from '../../sdk/index';
import { formatCount, formatCountOf } from '../../ui/format';

export interface ExportableExperiment {
  experiment: Experiment;
  runs: number;
  deletedRuns: number;
}

export interface ChosenRun {
  run: Run;
  experimentName: string;
}

export interface ExportEstimate {
  experiments: number;
  runs: number;
  deletedRuns: number;
  everything: boolean;
}

export async function listExportableExperiments(client: MlflowClient): Promise<ExportableExperiment[]> {
  const { experiments } = await client.searchExperiments({ viewType: 'ALL', orderBy: ['name ASC'], maxResults: 50_000 });
  const experimentIds = experiments.map((e) => e.experimentId);
  const [all, deleted] = await Promise.all([
    client.countRuns({ experimentIds, runViewType: 'ALL' }),
    client.countRuns({ experimentIds, runViewType: 'DELETED_ONLY' }),
  ]);
  return experiments.map((experiment) => ({ experiment, runs: all[experiment.experimentId] ?? 0, deletedRuns: deleted[experiment.experimentId] ?? 0 }));
}

/** The runs named in `?runs=`, in that order. A run that is gone fails the whole list: exporting fewer runs than were chosen, silently, would be worse. */
export async function loadChosenRuns(client: MlflowClient, runIds: readonly string[]): Promise<ChosenRun[]> {
  const runs = await Promise.all(runIds.map((id) => client.getRun(id)));
  const experimentIds = [...new Set(runs.map((r) => r.info.experimentId))];
  const names = new Map(await Promise.all(experimentIds.map(async (id) => [id, (await client.getExperiment(id)).name] as const)));
  return runs.map((run) => ({ run, experimentName: names.get(run.info.experimentId) ?? run.info.experimentId }));
}

export function estimateOfExperiments(listed: readonly ExportableExperiment[], chosen: ReadonlySet<string>): ExportEstimate {
  const picked = listed.filter((e) => chosen.has(e.experiment.experimentId));
  return {
    experiments: picked.length,
    runs: picked.reduce((n, e) => n + e.runs, 0),
    deletedRuns: picked.reduce((n, e) => n + e.deletedRuns, 0),
    everything: listed.length > 0 && picked.length === listed.length,
  };
}

export function estimateOfRuns(runs: readonly ChosenRun[]): ExportEstimate {
  return {
    experiments: new Set(runs.map((r) => r.run.info.experimentId)).size,
    runs: runs.length,
    deletedRuns: runs.filter((r) => r.run.info.lifecycleStage === 'deleted').length,
    everything: false,
  };
}


/** "2 experiments, 40 runs (3 deleted)"; "The whole workspace: …" when every experiment is chosen. */
export function estimateText(e: ExportEstimate): string {
  const deleted = e.deletedRuns > 0 ? ` (${formatCount(e.deletedRuns)} deleted)` : '';
  const text = `${formatCountOf(e.experiments, 'experiment')}, ${formatCountOf(e.runs, 'run')}${deleted}`;
  return e.everything ? `The whole workspace: ${text}` : text;
}
