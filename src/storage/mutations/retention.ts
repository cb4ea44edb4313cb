// Permanent deletion (MLflow's `mlflow gc`, sqlalchemy_store.py `_hard_delete_run`,
// `_hard_delete_experiment`). A confirmed plan is applied as these mutations in one transaction;
// each handler checks the rows are still as the preview showed them, so a run restored (or an
// experiment given a new run) after the preview makes the whole batch fail with nothing removed.
import { MlflowError } from '../../domain/errors';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import type { WorkspaceDb } from '../schema';
import { SHARED_PURGE_REFUSED, isSharedWorkspace } from '../shared-workspace';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

const changedSincePreview = (what: string): MlflowError =>
  new MlflowError(`${what}; nothing was deleted. Preview again.`, 'ABORTED');

async function refuseWhileShared(db: WorkspaceDb): Promise<void> {
  if (await isSharedWorkspace(db)) throw new MlflowError(SHARED_PURGE_REFUSED, 'INVALID_STATE');
}

/** Removes runs with their metric history, overviews and artifact rows (blobs go separately, once
 * nothing points at them). A run already gone is skipped, so applying a plan twice is harmless. */
export async function purgeRuns(db: WorkspaceDb, m: M<'retention/purgeRuns'>): Promise<MutationEffect> {
  await refuseWhileShared(db);
  const effect: MutationEffect = { experimentIds: [], runIds: [] };
  const rows = await db.runs.bulkGet(m.runs.map((r) => r.runId));
  for (const [i, expected] of m.runs.entries()) {
    const row = rows[i];
    if (!row) continue;
    if (row.info.lifecycleStage !== expected.lifecycleStage) {
      throw changedSincePreview(`Run ${expected.runId} is ${row.info.lifecycleStage} now, not ${expected.lifecycleStage} as in the preview`);
    }
    effect.runIds.push(row.runId);
    effect.experimentIds.push(row.info.experimentId);
  }
  // One delete per table for all runs (not four requests per run): a 10,000-run purge is four.
  const ids = effect.runIds;
  if (ids.length === 0) return effect;
  await db.metricChunks.where('runId').anyOf(ids).delete();
  await db.metricOverviews.where('runId').anyOf(ids).delete();
  await db.artifacts.where('runId').anyOf(ids).delete();
  await db.runs.bulkDelete(ids);
  return effect;
}

/** Removes deleted experiments. Their runs must be gone already (purgeRuns earlier in the same
 * batch): a run the preview did not list means the experiment changed, and nothing is removed. */
export async function purgeExperiments(db: WorkspaceDb, m: M<'retention/purgeExperiments'>): Promise<MutationEffect> {
  await refuseWhileShared(db);
  const effect: MutationEffect = { experimentIds: [], runIds: [] };
  for (const experimentId of m.experimentIds) {
    const e = await db.experiments.get(experimentId);
    if (!e) continue;
    if (e.lifecycleStage !== 'deleted') throw changedSincePreview(`Experiment '${e.name}' (${experimentId}) was restored after the preview`);
    if ((await db.runs.where('info.experimentId').equals(experimentId).count()) > 0) {
      throw changedSincePreview(`Experiment '${e.name}' (${experimentId}) holds runs the preview did not list`);
    }
    await db.experiments.delete(experimentId);
    effect.experimentIds.push(experimentId);
  }
  return effect;
}

/** Drops blobs nothing points at: no artifact row, and no sync row (a metric chunk applied here or
 * bytes still to upload keep theirs). A blob that gained a reference since the preview stays. */
export async function dropOrphanBlobs(db: WorkspaceDb, m: M<'retention/dropOrphanBlobs'>): Promise<MutationEffect> {
  const candidates = [...new Set(m.sha256s)];
  // What still points at any candidate, read in three requests rather than three per blob.
  const used = new Set<string>(await db.artifacts.where('sha256').anyOf(candidates).keys() as string[]);
  const [applied, uploads] = await Promise.all([db.syncApplied.bulkGet(candidates), db.syncUploads.bulkGet(candidates)]);
  const orphans = candidates.filter((sha256, i) => !used.has(sha256) && !applied[i] && !uploads[i]);
  await db.blobs.bulkDelete(orphans);
  return { experimentIds: [], runIds: [] };
}
