// The run picker's choices: the most recent runs across every active experiment, labelled the way
// people recognise them (run name, experiment).
import type { MlflowClient } from '../../sdk/index';

export interface RunChoice {
  runId: string;
  label: string;
}

const MAX_RUNS = 200;

export async function recentRuns(client: MlflowClient): Promise<RunChoice[]> {
  const { experiments } = await client.searchExperiments({ maxResults: 50_000 });
  if (experiments.length === 0) return [];
  const names = new Map(experiments.map((e) => [e.experimentId, e.name]));
  const { runs } = await client.searchRuns({ experimentIds: [...names.keys()], orderBy: ['attributes.start_time DESC'], maxResults: MAX_RUNS });
  return runs.map((r) => ({ runId: r.info.runId, label: `${r.info.runName} · ${names.get(r.info.experimentId) ?? r.info.experimentId}` }));
}
