// Experiment mutations with MLflow's rules (file_store.py / sqlalchemy_store.py: create, rename,
// delete cascades to active runs, restore brings back every deleted run, tags need an active
// experiment).
import { alreadyExists, doesNotExist, invalidParameter } from '../../domain/errors';
import { DEFAULT_EXPERIMENT_ID } from '../../domain/ids';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import type { WorkspaceDb } from '../schema';
import { requireActiveExperiment, requireExperiment } from './guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

export async function createExperiment(db: WorkspaceDb, m: M<'experiment/create'>): Promise<MutationEffect> {
  const { experiment } = m;
  const byName = await db.experiments.where('name').equals(experiment.name).first();
  if (byName) {
    const hint = byName.lifecycleStage === 'deleted'
      ? ' (it is deleted: restore it, or permanently delete it to reuse the name)'
      : '';
    throw alreadyExists(`Experiment(name=${experiment.name}) already exists.${hint}`);
  }
  if (await db.experiments.get(experiment.experimentId)) {
    throw alreadyExists(`Experiment with id=${experiment.experimentId} already exists.`);
  }
  await db.experiments.add(experiment);
  return { experimentIds: [experiment.experimentId], runIds: [] };
}

export async function renameExperiment(db: WorkspaceDb, m: M<'experiment/rename'>): Promise<MutationEffect> {
  const e = await requireExperiment(db, m.experimentId);
  if (e.lifecycleStage !== 'active') {
    throw invalidParameter('Cannot rename a non-active experiment.');
  }
  if (e.name !== m.name) {
    const clash = await db.experiments.where('name').equals(m.name).first();
    if (clash) throw alreadyExists(`Experiment(name=${m.name}) already exists.`);
  }
  await db.experiments.update(m.experimentId, { name: m.name, lastUpdateTime: m.at });
  return { experimentIds: [m.experimentId], runIds: [] };
}

export async function setExperimentLifecycle(db: WorkspaceDb, m: M<'experiment/setLifecycle'>): Promise<MutationEffect> {
  const e = await requireExperiment(db, m.experimentId);
  const runs = db.runs.where('info.experimentId').equals(m.experimentId);
  const runIds: string[] = [];
  if (m.stage === 'deleted') {
    if (m.experimentId === DEFAULT_EXPERIMENT_ID) {
      throw invalidParameter(
        `Cannot delete the default experiment '${DEFAULT_EXPERIMENT_ID}'. This is an internally reserved experiment.`,
      );
    }
    if (e.lifecycleStage === 'deleted') throw doesNotExist(`Could not find active experiment with id ${m.experimentId}`);
    await runs.modify((r) => {
      if (r.info.lifecycleStage === 'active') {
        r.info.lifecycleStage = 'deleted';
        r.deletedTime = m.at;
        runIds.push(r.runId);
      }
    });
  } else {
    if (e.lifecycleStage !== 'deleted') throw doesNotExist(`Could not find deleted experiment with id ${m.experimentId}`);
    await runs.modify((r) => {
      if (r.info.lifecycleStage === 'deleted') {
        r.info.lifecycleStage = 'active';
        r.deletedTime = null;
        runIds.push(r.runId);
      }
    });
  }
  await db.experiments.update(m.experimentId, { lifecycleStage: m.stage, lastUpdateTime: m.at });
  return { experimentIds: [m.experimentId], runIds };
}

export async function setExperimentTag(db: WorkspaceDb, m: M<'experiment/setTag'>): Promise<MutationEffect> {
  const e = await requireExperiment(db, m.experimentId);
  requireActiveExperiment(e);
  await db.experiments.update(m.experimentId, { tags: { ...e.tags, [m.key]: m.value } });
  return { experimentIds: [m.experimentId], runIds: [] };
}

export async function deleteExperimentTag(db: WorkspaceDb, m: M<'experiment/deleteTag'>): Promise<MutationEffect> {
  const e = await requireExperiment(db, m.experimentId);
  requireActiveExperiment(e);
  if (!(m.key in e.tags)) throw doesNotExist(`No tag with name: ${m.key} in experiment with id ${m.experimentId}`);
  const tags = { ...e.tags };
  delete tags[m.key];
  await db.experiments.update(m.experimentId, { tags });
  return { experimentIds: [m.experimentId], runIds: [] };
}
