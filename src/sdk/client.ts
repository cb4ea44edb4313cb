// MlflowClient: MLflow's tracking client in camelCase, over one local workspace. Each method is a
// thin door to the operation modules beside this file; the Model Registry's doors are inherited
// from RegistryClient (sdk/registry/registry-client.ts).
import type { DatasetInput, Experiment, FileInfo, Metric, Run, RunStatus } from '../domain/entities';
import type { MetricColumns, MetricSummary } from '../domain/metric-history';
import type { ParamConflict } from '../domain/sync/run-entity';
import { validateMetric, validateRunId } from '../domain/validation';
import * as artifacts from './artifacts';
import * as experiments from './experiments';
import * as metrics from './metrics';
import * as runs from './runs';
import { countRuns, searchRuns, searchRunsWithSummaries, type CountRunsOptions, type RunPage, type RunWithSummariesPage, type SearchRunsOptions } from './search-runs';
import type { LoadedModel } from './models/load-model';
import type { LogModelOptions } from './models/log-model';
import type { ModelSource } from './models/model-archive';
import type { ModelInfo } from './models/model-info';
import { modelSupport } from './models/support';
import { RegistryClient } from './registry/registry-client';
import { applyRetention, planRetention, type RetentionPlan, type RetentionResult, type RetentionRules } from './retention';
import { storageReport, type StorageReport } from './storage-report';

export interface LogMetricOptions {
  /** ms since epoch; defaults to now */
  timestamp?: number;
  /** defaults to 0 */
  step?: number;
  /** false: queue the point and return at once (MLflow's asynchronous logging); durable after flush() */
  synchronous?: boolean;
}

/**
 * @example
 * const client = new MlflowClient(await openWorkspace());
 * const expId = await client.createExperiment('iris');
 * const run = await client.createRun(expId, { runName: 'baseline' });
 * await client.logParam(run.info.runId, 'lr', 0.01);
 * await client.logMetric(run.info.runId, 'loss', 0.42, { step: 1 });
 * await client.setTerminated(run.info.runId);
 */
export class MlflowClient extends RegistryClient {
  /** @example const id = await client.createExperiment('iris', { tags: { team: 'ml' } }) */
  createExperiment(name: string, options?: experiments.CreateExperimentOptions): Promise<string> {
    return experiments.createExperiment(this.workspace, name, options);
  }
  /** Throws RESOURCE_DOES_NOT_EXIST for an unknown id. @example await client.getExperiment('0') */
  getExperiment(experimentId: string): Promise<Experiment> {
    return experiments.getExperiment(this.workspace, experimentId);
  }
  /** undefined when no experiment (active or deleted) has this name. @example await client.getExperimentByName('Default') */
  getExperimentByName(name: string): Promise<Experiment | undefined> {
    return experiments.getExperimentByName(this.workspace, name);
  }
  /** @example await client.searchExperiments({ filterString: "name LIKE 'iris%'", orderBy: ['name'] }) */
  searchExperiments(options?: experiments.SearchExperimentsOptions): Promise<experiments.ExperimentPage> {
    return experiments.searchExperiments(this.workspace, options);
  }
  /** @example await client.renameExperiment(id, 'iris-v2') */
  renameExperiment(experimentId: string, newName: string): Promise<void> {
    return experiments.renameExperiment(this.workspace, experimentId, newName);
  }
  /** Marks the experiment and its active runs deleted. @example await client.deleteExperiment(id) */
  deleteExperiment(experimentId: string): Promise<void> {
    return experiments.deleteExperiment(this.workspace, experimentId);
  }
  /** Restores the experiment and every deleted run in it. @example await client.restoreExperiment(id) */
  restoreExperiment(experimentId: string): Promise<void> {
    return experiments.restoreExperiment(this.workspace, experimentId);
  }
  /** @example await client.setExperimentTag(id, 'team', 'vision') */
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    return experiments.setExperimentTag(this.workspace, experimentId, key, value);
  }
  /** @example await client.deleteExperimentTag(id, 'team') */
  deleteExperimentTag(experimentId: string, key: string): Promise<void> {
    return experiments.deleteExperimentTag(this.workspace, experimentId, key);
  }

  /** @example const run = await client.createRun('0', { runName: 'try-1', tags: { model: 'cnn' } }) */
  createRun(experimentId?: string, options?: runs.CreateRunOptions): Promise<Run> {
    return runs.createRun(this.workspace, experimentId, options);
  }
  /** Deleted runs are returned too. @example const run = await client.getRun(runId) */
  getRun(runId: string): Promise<Run> {
    return runs.getRun(this.workspace, runId);
  }
  /**
   * Beyond MLflow (shared workspaces): params that peers logged with different values, key -> the
   * values that lost and the peer id of who logged each. Every peer shows the first value logged
   * (getRun); this says what else was logged. Empty when there is no conflict.
   * @example const { lr } = await client.getParamConflicts(runId); if (lr) console.warn(lr[0].value, lr[0].peer)
   */
  getParamConflicts(runId: string): Promise<Record<string, ParamConflict[]>> {
    return runs.getParamConflicts(this.workspace, runId);
  }
  /** @example await client.updateRun(runId, { status: 'FAILED', endTime: Date.now() }) */
  updateRun(runId: string, options: runs.UpdateRunOptions): Promise<Run> {
    return runs.updateRun(this.workspace, runId, options);
  }
  /** Flushes queued metrics, then ends the run. @example await client.setTerminated(runId, 'FINISHED') */
  setTerminated(runId: string, status?: RunStatus, endTime?: number): Promise<void> {
    return runs.setTerminated(this.workspace, runId, status, endTime);
  }
  /** @example await client.deleteRun(runId) */
  deleteRun(runId: string): Promise<void> {
    return runs.setRunLifecycle(this.workspace, runId, 'deleted');
  }
  /** @example await client.restoreRun(runId) */
  restoreRun(runId: string): Promise<void> {
    return runs.setRunLifecycle(this.workspace, runId, 'active');
  }
  /**
   * Beyond MLflow (a long-standing ask): moves runs to another active experiment in one step;
   * if any run cannot move, none does.
   * @example await client.moveRuns([runId], otherExperimentId)
   */
  moveRuns(runIds: string[], experimentId: string): Promise<void> {
    return runs.moveRuns(this.workspace, runIds, experimentId);
  }
  /** Params are write-once: a different value for a logged key is INVALID_PARAMETER_VALUE. @example await client.logParam(runId, 'lr', 0.01) */
  logParam(runId: string, key: string, value: unknown): Promise<void> {
    return runs.logBatch(this.workspace, runId, { params: [{ key, value }] });
  }
  /**
   * Durable when the promise resolves, unless `synchronous: false` queues it.
   * @example await client.logMetric(runId, 'loss', 0.3, { step: 10 })
   */
  async logMetric(runId: string, key: string, value: number, options: LogMetricOptions = {}): Promise<void> {
    validateRunId(runId);
    const m = validateMetric(key, value, options.timestamp ?? Date.now(), options.step ?? 0);
    if (options.synchronous === false) {
      this.workspace.metricQueue.enqueue(runId, m.key, m.value, m.timestamp, m.step);
      return;
    }
    await runs.logBatch(this.workspace, runId, { metrics: [m] });
  }
  /** @example await client.logBatch(runId, { metrics: [{ key: 'acc', value: 0.9, step: 1 }], params: [{ key: 'lr', value: '0.1' }] }) */
  logBatch(runId: string, batch: runs.LogBatchInput): Promise<void> {
    return runs.logBatch(this.workspace, runId, batch);
  }
  /** Setting `mlflow.runName` renames the run. @example await client.setTag(runId, 'stage', 'tuning') */
  setTag(runId: string, key: string, value: unknown): Promise<void> {
    return runs.logBatch(this.workspace, runId, { tags: [{ key, value }] });
  }
  /** @example await client.deleteTag(runId, 'stage') */
  deleteTag(runId: string, key: string): Promise<void> {
    return runs.deleteTag(this.workspace, runId, key);
  }
  /**
   * @example await client.logInputs(runId, [{ dataset: { name: 'iris', digest: 'abc', sourceType: 'http', source: 'https://…' },
   *   tags: [{ key: 'mlflow.data.context', value: 'training' }] }])
   */
  logInputs(runId: string, datasets: DatasetInput[]): Promise<void> {
    return runs.logInputs(this.workspace, runId, datasets);
  }
  /** Every point of a metric in logging order. @example const points = await client.getMetricHistory(runId, 'loss') */
  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return metrics.getMetricHistory(this.workspace, runId, key);
  }
  /** Columnar history (optionally downsampled keeping min/max). @example await client.getMetricColumns(runId, 'loss', { maxPoints: 2000 }) */
  getMetricColumns(runId: string, key: string, options?: { maxPoints?: number }): Promise<MetricColumns> {
    return metrics.getMetricColumns(this.workspace, runId, key, options);
  }
  /**
   * The stored min/max overview of a history (1 to 4 points per 64, every spike kept) for charts
   * that downsample further, or the full history when the overview is too coarse for a
   * `minPoints`-point (default 1000) min/max downsample.
   * @example const cols = await client.getMetricOverview(runId, 'loss', { minPoints: 2000 })
   */
  getMetricOverview(runId: string, key: string, options?: { minPoints?: number }): Promise<MetricColumns> {
    return metrics.getMetricOverview(this.workspace, runId, key, options);
  }
  /** Latest (with step and timestamp), min, max and count per metric key. @example (await client.getMetricSummaries(runId)).loss.min */
  getMetricSummaries(runId: string): Promise<Record<string, MetricSummary>> {
    return metrics.getMetricSummaries(this.workspace, runId);
  }
  /** @example const { runs, nextPageToken } = await client.searchRuns({ experimentIds: ['0'], filterString: 'metrics.acc > 0.9', orderBy: ['metrics.acc DESC'] }) */
  searchRuns(options: SearchRunsOptions): Promise<RunPage> {
    return searchRuns(this.workspace, options);
  }
  /**
   * searchRuns plus each run's metric min/max/count. order_by also takes `min(metrics.k)` and
   * `max(metrics.k)` (in searchRuns too).
   * @example await client.searchRunsWithSummaries({ experimentIds: ['0'], orderBy: ['min(metrics.loss) ASC'] })
   */
  searchRunsWithSummaries(options: SearchRunsOptions): Promise<RunWithSummariesPage> {
    return searchRunsWithSummaries(this.workspace, options);
  }
  /**
   * Beyond MLflow: how many runs each experiment holds in a view (default ACTIVE_ONLY), without
   * fetching them. Every requested id is a key.
   * @example const { [expId]: active } = await client.countRuns({ experimentIds: [expId] })
   */
  countRuns(options: CountRunsOptions): Promise<Record<string, number>> {
    return countRuns(this.workspace, options);
  }
  /** @example await client.logArtifact(runId, 'notes/readme.txt', 'hello') */
  logArtifact(runId: string, path: string, data: artifacts.ArtifactData): Promise<FileInfo> {
    return artifacts.logArtifact(this.workspace, runId, path, data);
  }
  /** One directory level, sorted by path. @example await client.listArtifacts(runId, 'model') */
  listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    return artifacts.listArtifacts(this.workspace, runId, path);
  }
  /**
   * In a shared workspace a peer's artifact is listed before its bytes arrive; downloading it
   * then throws RESOURCE_DOES_NOT_EXIST until they are fetched from the relay.
   * @example const blob = await client.downloadArtifact(runId, 'notes/readme.txt')
   */
  downloadArtifact(runId: string, path: string): Promise<Blob> {
    return artifacts.downloadArtifact(this.workspace, runId, path);
  }
  /** Beyond MLflow: whether a file's bytes are in this workspace (false: still on the relay). @example await client.hasArtifactBytes(runId, 'data.csv') */
  hasArtifactBytes(runId: string, path: string): Promise<boolean> {
    return artifacts.artifactBytesHere(this.workspace, runId, path);
  }
  /** Beyond MLflow: the files directly in `path` whose bytes have not arrived from the relay. @example await client.listArtifactsAwaitingBytes(runId, 'plots') */
  listArtifactsAwaitingBytes(runId: string, path?: string): Promise<string[]> {
    return artifacts.listArtifactsAwaitingBytes(this.workspace, runId, path);
  }
  /**
   * Logs an ONNX model under the run's artifacts as MLflow's onnx flavor (MLmodel, model.onnx,
   * environment files, input example) and returns MLflow's model info.
   * @example const info = await client.logModel(runId, onnxBytes, { artifactPath: 'model', inputExample: [[5.1, 3.5, 1.4, 0.2]] })
   */
  logModel(runId: string, onnx: ArrayBuffer | Blob, options: LogModelOptions): Promise<ModelInfo> {
    return modelSupport().logModel(this.workspace, runId, onnx, options);
  }
  /** A logged model by URI (`runs:/<id>/<path>`, `models:/...`), with predict(). @example const m = await client.loadModel(info.modelUri) */
  loadModel(modelUri: string): Promise<LoadedModel> {
    return modelSupport().loadModel(this.workspace, modelUri);
  }
  /** Imports an MLflow model directory (zip or files) into a run's artifacts. @example await client.importModel(runId, zipBlob, { artifactPath: 'model' }) */
  importModel(runId: string, source: ModelSource, options: { artifactPath: string }): Promise<ModelInfo> {
    return modelSupport().importModel(this.workspace, runId, source, options);
  }
  /** A logged model as an MLflow-compatible zip. @example const zip = await client.exportModelZip(`runs:/${runId}/model`) */
  exportModelZip(modelUri: string): Promise<Blob> {
    return modelSupport().exportModelZip(this.workspace, modelUri);
  }
  /**
   * Beyond MLflow: what this workspace takes, per experiment and per run (artifacts, metric
   * history, run rows), largest first, with the browser's usage and quota for the whole origin.
   * @example const { runs: [largest], estimate } = await client.storageReport()
   */
  storageReport(): Promise<StorageReport> {
    return storageReport(this.workspace);
  }
  /**
   * MLflow's `mlflow gc` as a preview: runs and experiments deleted for at least `deletedForDays`,
   * optionally runs beyond the newest `keepLastRuns` per experiment or started before
   * `startedBefore`, and files nothing else points at. Changes nothing; show it, then applyRetention.
   * @example const plan = await client.planRetention({ deletedForDays: 30 }); console.log(plan.runs.length, plan.bytes.total)
   */
  planRetention(rules: RetentionRules): Promise<RetentionPlan> {
    return planRetention(this.workspace, rules);
  }
  /**
   * Removes for good exactly what a plan lists, in one transaction; ABORTED (nothing removed) when
   * a listed run or experiment changed since the preview. Local only: refused in a shared workspace.
   * @example await client.applyRetention(await client.planRetention({ deletedForDays: 30 }))
   */
  applyRetention(plan: RetentionPlan): Promise<RetentionResult> {
    return applyRetention(this.workspace, plan);
  }
  /** Resolves when every queued metric point is durable. @example await client.flush() */
  flush(): Promise<void> {
    return this.workspace.flush();
  }
}
