// Run mutations with MLflow's rules: params are write-once, log_batch applies params then
// metrics then tags, `mlflow.runName` and run_name stay in step, and only active runs change.
import Dexie from 'dexie';
import { alreadyExists, doesNotExist, invalidParameter } from '../../domain/errors';
import { appendToChunks, summarise, type MetricChunk } from '../../domain/metric-history';
import { overviewOf } from '../../domain/metric-overview';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import { RUN_NAME_TAG } from '../../domain/system-tags';
import type { RunRow, WorkspaceDb } from '../schema';
import { requireActiveExperiment, requireActiveRun, requireExperiment, requireRun } from './guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;
const touched = (row: RunRow): MutationEffect => ({ experimentIds: [], runIds: [row.runId] });

export async function createRun(db: WorkspaceDb, m: M<'run/create'>): Promise<MutationEffect> {
  const e = await requireExperiment(db, m.run.info.experimentId);
  requireActiveExperiment(e);
  if (await db.runs.get(m.run.info.runId)) throw alreadyExists(`Run with id=${m.run.info.runId} already exists`);
  const row: RunRow = { ...m.run, runId: m.run.info.runId, deletedTime: null, metricSummaries: {} };
  await db.runs.add(row);
  return touched(row);
}

export async function updateRun(db: WorkspaceDb, m: M<'run/update'>): Promise<MutationEffect> {
  const row = await requireActiveRun(db, m.runId);
  if (m.status !== undefined) row.info.status = m.status;
  if (m.endTime !== undefined) row.info.endTime = m.endTime;
  if (m.runName !== undefined) {
    row.info.runName = m.runName;
    row.data.tags[RUN_NAME_TAG] = m.runName;
  }
  await db.runs.put(row);
  return touched(row);
}

export async function setRunLifecycle(db: WorkspaceDb, m: M<'run/setLifecycle'>): Promise<MutationEffect> {
  const row = await requireRun(db, m.runId);
  if (m.stage === 'active') {
    const e = await requireExperiment(db, row.info.experimentId);
    if (e.lifecycleStage !== 'active') {
      throw invalidParameter(`Cannot restore run ${m.runId}: its experiment ${e.experimentId} is deleted. Restore the experiment first.`);
    }
  }
  row.info.lifecycleStage = m.stage;
  row.deletedTime = m.stage === 'deleted' ? m.at : null;
  await db.runs.put(row);
  return touched(row);
}

/** Moves a run (and only that run: children stay where they are) to another active experiment.
 * The artifact URI follows so it keeps naming the run's place under its experiment. */
export async function moveRun(db: WorkspaceDb, m: M<'run/move'>): Promise<MutationEffect> {
  const row = await requireActiveRun(db, m.runId);
  const target = await requireExperiment(db, m.experimentId);
  requireActiveExperiment(target);
  const from = row.info.experimentId;
  row.info.experimentId = target.experimentId;
  row.info.artifactUri = `${target.artifactLocation}/${row.runId}/artifacts`;
  await db.runs.put(row);
  return { experimentIds: [from, target.experimentId], runIds: [row.runId] };
}

function checkParamsUnchanged(row: RunRow, params: M<'run/logBatch'>['params']): void {
  const conflicts = params.filter((p) => p.key in row.data.params && row.data.params[p.key] !== p.value);
  if (conflicts.length === 0) return;
  if (params.length === 1 && conflicts[0]) {
    const p = conflicts[0];
    throw invalidParameter(
      `Changing param values is not allowed. Param with key='${p.key}' was already logged with ` +
        `value='${row.data.params[p.key]}' for run ID='${row.runId}'. Attempted logging new value '${p.value}'.`,
    );
  }
  const old = conflicts.map((p) => ({ key: p.key, old_value: row.data.params[p.key], new_value: p.value }));
  throw invalidParameter(
    `Changing param values is not allowed. Params were already logged='${JSON.stringify(old)}' for run ID='${row.runId}'.`,
  );
}

async function appendMetric(db: WorkspaceDb, row: RunRow, series: M<'run/logBatch'>['metrics'][number]): Promise<void> {
  const { key } = series;
  const range = db.metricChunks.where('[runId+key+seq]').between([row.runId, key, Dexie.minKey], [row.runId, key, Dexie.maxKey]);
  const tail: MetricChunk | undefined = await range.last();
  const chunks = appendToChunks(row.runId, key, tail, series);
  await db.metricChunks.bulkPut(chunks);
  await db.metricOverviews.bulkPut(chunks.map(overviewOf));
  const summary = summarise(series, 0, series.values.length, row.metricSummaries[key]);
  if (summary) {
    row.metricSummaries[key] = summary;
    row.data.metrics[key] = summary.latest;
  }
}

export async function logBatch(db: WorkspaceDb, m: M<'run/logBatch'>): Promise<MutationEffect> {
  const row = await requireActiveRun(db, m.runId);
  checkParamsUnchanged(row, m.params);
  for (const p of m.params) row.data.params[p.key] = p.value;
  for (const series of m.metrics) await appendMetric(db, row, series);
  for (const t of m.tags) {
    row.data.tags[t.key] = t.value;
    if (t.key === RUN_NAME_TAG) row.info.runName = t.value;
  }
  await db.runs.put(row);
  return touched(row);
}

export async function deleteRunTag(db: WorkspaceDb, m: M<'run/deleteTag'>): Promise<MutationEffect> {
  const row = await requireActiveRun(db, m.runId);
  if (!(m.key in row.data.tags)) throw doesNotExist(`No tag with name: ${m.key} in run with id ${m.runId}`);
  delete row.data.tags[m.key];
  await db.runs.put(row);
  return touched(row);
}

/** Same dataset (name, digest) logged again: its input tags are merged, not duplicated
 * (sqlalchemy_store.py `log_inputs` de-duplicates datasets and inputs). */
export async function logInputs(db: WorkspaceDb, m: M<'run/logInputs'>): Promise<MutationEffect> {
  const row = await requireActiveRun(db, m.runId);
  const inputs = row.inputs.datasetInputs;
  for (const incoming of m.datasets) {
    const same = inputs.find((d) => d.dataset.name === incoming.dataset.name && d.dataset.digest === incoming.dataset.digest);
    if (!same) {
      inputs.push({ dataset: { ...incoming.dataset }, tags: incoming.tags.map((t) => ({ ...t })) });
      continue;
    }
    for (const t of incoming.tags) {
      const existing = same.tags.find((x) => x.key === t.key);
      if (existing) existing.value = t.value;
      else same.tags.push({ ...t });
    }
  }
  await db.runs.put(row);
  return touched(row);
}
