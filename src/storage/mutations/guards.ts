// Existence and lifecycle checks shared by the mutation handlers, with MLflow's messages
// (sqlalchemy_store.py `_get_run`, `_check_run_is_active`, `_check_experiment_is_active`).
import { MlflowError, doesNotExist, invalidParameter } from '../../domain/errors';
import type { ExperimentRow, RunRow, WorkspaceDb } from '../schema';

export async function requireExperiment(db: WorkspaceDb, experimentId: string): Promise<ExperimentRow> {
  const e = await db.experiments.get(experimentId);
  if (!e) throw doesNotExist(`No Experiment with id=${experimentId} exists`);
  return e;
}

export function requireActiveExperiment(e: ExperimentRow): void {
  if (e.lifecycleStage !== 'active') {
    throw invalidParameter(
      `The experiment ${e.experimentId} must be in the 'active' state. Current state is ${e.lifecycleStage}.`,
    );
  }
}

export async function requireRun(db: WorkspaceDb, runId: string): Promise<RunRow> {
  const r = await db.runs.get(runId);
  if (!r) throw doesNotExist(`Run with id=${runId} not found`);
  return r;
}

export async function requireActiveRun(db: WorkspaceDb, runId: string): Promise<RunRow> {
  const r = await requireRun(db, runId);
  if (r.info.lifecycleStage !== 'active') {
    throw invalidParameter(
      `The run ${runId} must be in the 'active' state. Current state is ${r.info.lifecycleStage}.`,
    );
  }
  return r;
}

export function isMlflowError(e: unknown): e is MlflowError {
  return e instanceof MlflowError;
}
