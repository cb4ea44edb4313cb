// How an imported experiment or run meets the row already stored under its id (ids are kept, so
// importing the same tree twice writes nothing and a newer copy adds only what is new):
// - the tree is authoritative for what MLflow keeps in meta.yaml (name, locations, status, times,
//   lifecycle): those fields take the file's values, so a newer copy updates them;
// - import never deletes: tags and dataset inputs are merged (the file's value wins for a key it
//   has, keys only stored here stay); params are write-once as in MLflow, so a param stored here
//   with another value keeps it and the conflict is reported;
// - an experiment name taken by another experiment here becomes `<name> (<id>)` (names are unique).
// Metric points follow metric-merge.ts; the row's latest values and summaries follow the points.
import type { DatasetInput, Experiment } from '../entities';
import { summarise, type MetricColumns } from '../metric-history';
import { sameValue } from '../sync/same-value';
import type { FileExperiment } from './read-experiment';
import type { FileRun } from './read-run';
import type { StoredRun } from '../stored-rows';

/** The stored shape of a run (storage's RunRow), named here so the rules stay in the domain. */
/** storage's run row (domain/stored-rows.ts) */
export type RunRowLike = StoredRun;

/** The name an imported experiment gets when `taken(name)` says another experiment has it. */
export function freeExperimentName(name: string, experimentId: string, taken: (name: string) => boolean): string {
  if (!taken(name)) return name;
  let candidate = `${name} (${experimentId})`;
  for (let n = 2; taken(candidate); n++) candidate = `${name} (${experimentId}) ${n}`;
  return candidate;
}

/**
 * The experiment row after importing `file` over `stored`. Times missing from old files keep the
 * stored ones, else `fallbackTime` (the earliest start of its runs).
 */
export function mergeExperiment(stored: Experiment | null, file: FileExperiment, name: string, fallbackTime: number): Experiment {
  const creationTime = file.creationTime ?? stored?.creationTime ?? fallbackTime;
  return {
    ...(stored ?? {}),
    experimentId: file.experimentId,
    name,
    artifactLocation: file.artifactLocation,
    lifecycleStage: file.lifecycleStage,
    creationTime,
    lastUpdateTime: file.lastUpdateTime ?? stored?.lastUpdateTime ?? creationTime,
    tags: { ...(stored?.tags ?? {}), ...file.tags },
  };
}

export interface ParamConflict {
  key: string;
  stored: string;
  file: string;
}

export interface RunMerge {
  row: RunRowLike;
  params: { fresh: number; conflicts: ParamConflict[] };
  tags: { fresh: number };
  datasetInputs: { fresh: number };
}

const sameDataset = (a: DatasetInput, b: DatasetInput): boolean => a.dataset.name === b.dataset.name && a.dataset.digest === b.dataset.digest;

function mergeInputs(stored: readonly DatasetInput[], file: readonly DatasetInput[]): { inputs: DatasetInput[]; fresh: number } {
  const inputs = stored.map((d) => ({ dataset: { ...d.dataset }, tags: d.tags.map((t) => ({ ...t })) }));
  let fresh = 0;
  for (const incoming of file) {
    const same = inputs.find((d) => sameDataset(d, incoming));
    if (!same) {
      inputs.push({ dataset: { ...incoming.dataset }, tags: incoming.tags.map((t) => ({ ...t })) });
      fresh++;
      continue;
    }
    const before = JSON.stringify(same);
    Object.assign(same.dataset, incoming.dataset);
    for (const t of incoming.tags) {
      const existing = same.tags.find((x) => x.key === t.key);
      if (existing) existing.value = t.value;
      else same.tags.push({ ...t });
    }
    if (JSON.stringify(same) !== before) fresh++;
  }
  return { inputs, fresh };
}

/** The run row after importing `file` over `stored` (metric summaries untouched: see withPoints). */
export function mergeRun(stored: RunRowLike | null, file: FileRun): RunMerge {
  const row: RunRowLike = stored
    ? structuredClone(stored)
    : { runId: file.info.runId, info: { ...file.info }, data: { metrics: {}, params: {}, tags: {} }, inputs: { datasetInputs: [] }, deletedTime: null, metricSummaries: {} };
  row.info = { ...file.info, runName: file.info.runName || (stored?.info.runName ?? '') };
  row.deletedTime = file.info.lifecycleStage === 'deleted' ? (file.deletedTime ?? stored?.deletedTime ?? null) : null;
  const conflicts: ParamConflict[] = [];
  let freshParams = 0;
  for (const [key, value] of Object.entries(file.params)) {
    const have = Object.hasOwn(row.data.params, key) ? row.data.params[key] : undefined;
    if (have === undefined) {
      row.data.params[key] = value;
      freshParams++;
    } else if (have !== value) conflicts.push({ key, stored: have, file: value });
  }
  let freshTags = 0;
  for (const [key, value] of Object.entries(file.tags)) {
    if (row.data.tags[key] !== value || !Object.hasOwn(row.data.tags, key)) freshTags++;
    row.data.tags[key] = value;
  }
  const inputs = mergeInputs(row.inputs.datasetInputs, file.datasetInputs);
  row.inputs = { datasetInputs: inputs.inputs };
  return { row, params: { fresh: freshParams, conflicts }, tags: { fresh: freshTags }, datasetInputs: { fresh: inputs.fresh } };
}

/** Adds appended points to the row's summary and latest value of `key` (MLflow's latest rule). */
export function withPoints(row: RunRowLike, key: string, points: MetricColumns): void {
  const summary = summarise(points, 0, points.values.length, row.metricSummaries[key]);
  if (!summary) return;
  row.metricSummaries[key] = summary;
  row.data.metrics[key] = summary.latest;
}

/** True when importing changed nothing in the row. */
export const unchangedRow = (stored: unknown, merged: unknown): boolean => stored !== null && sameValue(stored, merged);
