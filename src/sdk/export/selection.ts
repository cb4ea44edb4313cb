// Which experiments and runs an export covers, read as ids first so the runs themselves can be
// read a batch at a time: a workspace of 100,000 runs never sits in memory whole.
import { doesNotExist } from '../../domain/errors';
import type { ExperimentRow, RunRow } from '../../storage/schema';
import type { Workspace } from '../workspace';
import type { ExportSelection } from './options';

export interface ExportPlan {
  /** in experiment id order, each with its run ids (sorted) */
  experiments: Array<{ experiment: ExperimentRow; runIds: string[] }>;
  runCount: number;
  /** run id -> experiment id, for the registry's storage locations */
  runExperiment: Map<string, string>;
  /** nothing was selected: the whole workspace */
  everything: boolean;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function planExport(ws: Workspace, selection: ExportSelection): Promise<ExportPlan> {
  const db = ws.store.db;
  const everything = !selection.experimentIds?.length && !selection.runIds?.length;
  const runsByExperiment = new Map<string, Set<string>>();
  const add = (experimentId: string, runIds: Iterable<string>): void => {
    const set = runsByExperiment.get(experimentId) ?? new Set<string>();
    for (const id of runIds) set.add(id);
    runsByExperiment.set(experimentId, set);
  };
  const allRunIdsOf = async (experimentId: string): Promise<string[]> =>
    (await db.runs.where('info.experimentId').equals(experimentId).primaryKeys()).map(String);

  if (everything) {
    for (const id of (await db.experiments.toCollection().primaryKeys()).map(String)) add(id, await allRunIdsOf(id));
  }
  for (const id of selection.experimentIds ?? []) {
    if (!(await db.experiments.get(id))) throw doesNotExist(`Could not find experiment with ID ${id}`);
    add(id, await allRunIdsOf(id));
  }
  const wanted = [...new Set(selection.runIds ?? [])];
  const rows = await db.runs.bulkGet(wanted);
  rows.forEach((row: RunRow | undefined, i) => {
    if (!row) throw doesNotExist(`Run '${wanted[i]}' not found`);
    add(row.info.experimentId, [row.runId]);
  });

  const experiments: ExportPlan['experiments'] = [];
  const runExperiment = new Map<string, string>();
  for (const id of [...runsByExperiment.keys()].sort(byString)) {
    const experiment = await db.experiments.get(id);
    if (!experiment) throw doesNotExist(`Could not find experiment with ID ${id}`);
    const runIds = [...(runsByExperiment.get(id) ?? [])].sort(byString);
    for (const r of runIds) runExperiment.set(r, id);
    experiments.push({ experiment, runIds });
  }
  return { experiments, runCount: runExperiment.size, runExperiment, everything };
}

/** The run rows of `ids`, `size` at a time. */
export async function* runRowsInBatches(ws: Workspace, ids: readonly string[], size = 200): AsyncGenerator<RunRow> {
  for (let i = 0; i < ids.length; i += size) {
    const rows = await ws.store.db.runs.bulkGet(ids.slice(i, i + size));
    for (const row of rows) if (row) yield row;
  }
}
