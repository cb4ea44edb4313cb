// Run operations behind MlflowClient: create, read, update, lifecycle, and logging params,
// metrics, tags and dataset inputs with MLflow's validation.
import { doesNotExist, invalidParameter } from '../domain/errors';
import { RUN_STATUSES, type DatasetInput, type Metric, type Run, type RunStatus } from '../domain/entities';
import { DEFAULT_EXPERIMENT_ID, newRunId } from '../domain/ids';
import { toColumns } from '../domain/metric-history';
import { generateRunName } from '../domain/run-names';
import { RUN_NAME_TAG, USER_TAG } from '../domain/system-tags';
import {
  validateBatchLimits,
  validateDatasetInput,
  validateMetric,
  validateParam,
  validateParamKeysUnique,
  validateRunId,
  validateTag,
} from '../domain/validation';
import type { ParamConflict } from '../domain/sync/run-entity';
import { paramConflictsOf } from '../storage/mutations/sync-runs';
import type { RunRow } from '../storage/schema';
import type { Workspace } from './workspace';

export interface CreateRunOptions {
  runName?: string;
  startTime?: number;
  tags?: Record<string, string>;
}

/** The public shape of a run row (drops storage-only fields). */
export function toRun(row: RunRow): Run {
  return {
    info: { ...row.info },
    data: { metrics: { ...row.data.metrics }, params: { ...row.data.params }, tags: { ...row.data.tags } },
    inputs: { datasetInputs: row.inputs.datasetInputs.map((d) => ({ dataset: { ...d.dataset }, tags: d.tags.map((t) => ({ ...t })) })) },
  };
}

export async function createRun(ws: Workspace, experimentId: string | undefined, options: CreateRunOptions = {}): Promise<Run> {
  const expId = experimentId === undefined || experimentId === '' ? DEFAULT_EXPERIMENT_ID : String(experimentId);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.tags ?? {})) {
    const t = validateTag(k, v);
    tags[t.key] = t.value;
  }
  const tagName = tags[RUN_NAME_TAG];
  if (options.runName && tagName !== undefined && tagName !== options.runName) {
    throw invalidParameter(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
        `(run_name='${options.runName}', mlflow.runName='${tagName}').`,
    );
  }
  const runName = options.runName || tagName || generateRunName();
  tags[RUN_NAME_TAG] = runName;
  const profile = await ws.store.userProfile();
  const userId = tags[USER_TAG] ?? (profile.name || 'unknown');
  const experiment = await ws.store.db.experiments.get(expId);
  if (!experiment) throw doesNotExist(`No Experiment with id=${expId} exists`);
  const runId = newRunId();
  const startTime = options.startTime ?? Date.now();
  if (typeof startTime !== 'number' || !Number.isFinite(startTime) || startTime < 0) {
    throw invalidParameter(`Invalid start_time ${String(startTime)}: expected milliseconds since the epoch.`);
  }
  const run: Run = {
    info: {
      runId,
      runName,
      experimentId: expId,
      userId,
      status: 'RUNNING',
      startTime,
      endTime: null,
      artifactUri: `${experiment.artifactLocation}/${runId}/artifacts`,
      lifecycleStage: 'active',
    },
    data: { metrics: {}, params: {}, tags },
    inputs: { datasetInputs: [] },
  };
  await ws.store.mutations.apply({ type: 'run/create', run });
  return run;
}

export async function getRunRow(ws: Workspace, runId: string): Promise<RunRow> {
  const row = await ws.store.db.runs.get(validateRunId(runId));
  if (!row) throw doesNotExist(`Run with id=${runId} not found`);
  return row;
}

export async function getRun(ws: Workspace, runId: string): Promise<Run> {
  return toRun(await getRunRow(ws, runId));
}

/** Params peers logged with different values: key -> the values that lost (the run shows the
 * first one logged, on every peer). Empty when there is no conflict. */
export async function getParamConflicts(ws: Workspace, runId: string): Promise<Record<string, ParamConflict[]>> {
  const conflicts = paramConflictsOf(await getRunRow(ws, runId)) ?? {};
  return Object.fromEntries(Object.entries(conflicts).map(([key, list]) => [key, list.map((c) => ({ value: c.value, peer: c.peer }))]));
}

function validateStatus(status: unknown): RunStatus {
  if (typeof status !== 'string' || !(RUN_STATUSES as readonly string[]).includes(status)) {
    throw invalidParameter(`Invalid run status '${String(status)}'. Valid values are ${RUN_STATUSES.join(', ')}.`);
  }
  return status as RunStatus;
}

export interface UpdateRunOptions {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export async function updateRun(ws: Workspace, runId: string, options: UpdateRunOptions): Promise<Run> {
  validateRunId(runId);
  const status = options.status === undefined ? undefined : validateStatus(options.status);
  if (options.endTime !== undefined && (typeof options.endTime !== 'number' || !Number.isFinite(options.endTime))) {
    throw invalidParameter(`Invalid end_time ${String(options.endTime)}: expected milliseconds since the epoch.`);
  }
  const runName = options.runName === undefined ? undefined : validateTag(RUN_NAME_TAG, options.runName).value;
  await ws.store.mutations.apply({ type: 'run/update', runId, status, endTime: options.endTime, runName });
  return getRun(ws, runId);
}

/** Marks a run ended: flushes its queued metrics first so nothing lands after the end. */
export async function setTerminated(ws: Workspace, runId: string, status: RunStatus = 'FINISHED', endTime = Date.now()): Promise<void> {
  await ws.flush();
  await updateRun(ws, runId, { status, endTime });
}

export async function setRunLifecycle(ws: Workspace, runId: string, stage: 'active' | 'deleted'): Promise<void> {
  validateRunId(runId);
  if (stage === 'deleted') await ws.flush().catch(() => undefined);
  await ws.store.mutations.apply({ type: 'run/setLifecycle', runId, stage, at: Date.now() });
}

export interface LogBatchInput {
  metrics?: Array<Partial<Metric> & { key: string; value: number }>;
  params?: Array<{ key: string; value: unknown }>;
  tags?: Array<{ key: string; value: unknown }>;
}

/** MLflow's log_batch: everything validated first, then params, metrics, tags in one transaction. */
export async function logBatch(ws: Workspace, runId: string, batch: LogBatchInput): Promise<void> {
  validateRunId(runId);
  const metrics = batch.metrics ?? [];
  const params = batch.params ?? [];
  const tags = batch.tags ?? [];
  validateBatchLimits(metrics.length, params.length, tags.length);
  const now = Date.now();
  const valid = metrics.map((m) => validateMetric(m.key, m.value, m.timestamp ?? now, m.step ?? 0));
  const validParams = params.map((p) => validateParam(p.key, p.value));
  validateParamKeysUnique(validParams.map((p) => p.key));
  const byKey = new Map<string, Metric[]>();
  for (const m of valid) {
    const list = byKey.get(m.key);
    if (list) list.push(m);
    else byKey.set(m.key, [m]);
  }
  await ws.store.mutations.apply({
    type: 'run/logBatch',
    runId,
    params: validParams,
    metrics: [...byKey].map(([key, points]) => ({ key, ...toColumns(points) })),
    tags: tags.map((t) => validateTag(t.key, t.value)),
  });
}

export async function deleteTag(ws: Workspace, runId: string, key: string): Promise<void> {
  validateRunId(runId);
  await ws.store.mutations.apply({ type: 'run/deleteTag', runId, key });
}

export async function logInputs(ws: Workspace, runId: string, datasets: DatasetInput[]): Promise<void> {
  validateRunId(runId);
  for (const d of datasets) validateDatasetInput(d);
  await ws.store.mutations.apply({
    type: 'run/logInputs',
    runId,
    datasets: datasets.map((d) => ({ dataset: { ...d.dataset }, tags: (d.tags ?? []).map((t) => ({ key: t.key, value: t.value })) })),
  });
}

/** Beyond MLflow: moves runs to another experiment, all or none. */
export async function moveRuns(ws: Workspace, runIds: string[], experimentId: string): Promise<void> {
  for (const id of runIds) validateRunId(id);
  await ws.store.mutations.apply(runIds.map((runId) => ({ type: 'run/move' as const, runId, experimentId: String(experimentId) })));
}
