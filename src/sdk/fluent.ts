// The fluent API (`mlflow.startRun()`, `mlflow.logMetric()` ...) for scripts and notebooks,
// following mlflow/tracking/fluent.py: an active experiment, a stack of active runs (nested runs
// get `mlflow.parentRunId`), and metric logging that queues instead of blocking the loop.
import { stringify as toYaml } from 'yaml';
import { MlflowError, invalidParameter } from '../domain/errors';
import type { Experiment, FileInfo, Run, RunStatus } from '../domain/entities';
import { NOTE_CONTENT_TAG, PARENT_RUN_ID_TAG, SOURCE_NAME_TAG, SOURCE_TYPE_TAG } from '../domain/system-tags';
import { validateMetric } from '../domain/validation';
import type { ArtifactData } from './artifacts';
import { MlflowClient } from './client';
import { openWorkspace, type Workspace } from './workspace';
import type { LoadedModel } from './models/load-model';
import type { LogModelOptions, ModelDirectory } from './models/log-model';
import type { ModelInfo } from './models/model-info';
import { modelSupport } from './models/support';
import type { ModelVersion } from '../domain/registry/entities';
import { registerModel as register } from './registry/register-model';

let workspace: Workspace | undefined;
let activeExperimentId: string | undefined;
const runStack: Run[] = [];

async function client(): Promise<MlflowClient> {
  workspace ??= await openWorkspace();
  return new MlflowClient(workspace);
}

function currentRun(): Run {
  const run = runStack[runStack.length - 1];
  if (!run) throw new MlflowError('No active run. Call mlflow.startRun() first.', 'BAD_REQUEST');
  return run;
}

/** Points the fluent API at a workspace (default: the "default" workspace). */
export function setWorkspace(ws: Workspace): void {
  workspace = ws;
  activeExperimentId = undefined;
  runStack.length = 0;
}

/**
 * Makes an experiment active, creating it when no experiment has that name.
 * @example await mlflow.setExperiment('iris')
 */
export async function setExperiment(nameOrId: string | { experimentId: string }): Promise<Experiment> {
  const c = await client();
  let exp: Experiment | undefined;
  if (typeof nameOrId === 'string') {
    exp = await c.getExperimentByName(nameOrId);
    if (!exp) exp = await c.getExperiment(await c.createExperiment(nameOrId));
  } else {
    exp = await c.getExperiment(nameOrId.experimentId);
  }
  if (exp.lifecycleStage !== 'active') {
    throw invalidParameter(
      `Cannot set a deleted experiment '${exp.name}' as the active experiment. You can restore the experiment, ` +
        'or permanently delete the experiment to create a new one.',
    );
  }
  activeExperimentId = exp.experimentId;
  return exp;
}

export interface StartRunOptions {
  /** resume this run instead of creating one */
  runId?: string;
  experimentId?: string;
  runName?: string;
  /** create the run as a child of the active run */
  nested?: boolean;
  parentRunId?: string;
  tags?: Record<string, string>;
  /** markdown, stored as `mlflow.note.content` */
  description?: string;
}

function sourceName(): string {
  const loc = (globalThis as { location?: { origin: string; pathname: string } }).location;
  if (loc) return loc.origin + loc.pathname;
  const argv = (globalThis as { process?: { argv?: string[] } }).process?.argv;
  return argv?.[1] ?? 'orchard';
}

/**
 * Starts (or resumes) a run and makes it active.
 * @example
 * const run = await mlflow.startRun({ runName: 'sweep' });
 * const child = await mlflow.startRun({ nested: true });
 */
export async function startRun(options: StartRunOptions = {}): Promise<Run> {
  const c = await client();
  const parent = runStack[runStack.length - 1];
  if (parent && !options.nested) {
    throw invalidParameter(
      `Run with UUID ${parent.info.runId} is already active. To start a new run, first end the current run ` +
        'with mlflow.endRun(). To start a nested run, call startRun with nested: true',
    );
  }
  let run: Run;
  if (options.runId) {
    run = await c.updateRun(options.runId, { status: 'RUNNING' });
  } else {
    const tags: Record<string, string> = { [SOURCE_NAME_TAG]: sourceName(), [SOURCE_TYPE_TAG]: 'LOCAL', ...options.tags };
    const parentRunId = options.parentRunId ?? (options.nested ? parent?.info.runId : undefined);
    if (parentRunId) tags[PARENT_RUN_ID_TAG] = parentRunId;
    if (options.description !== undefined) tags[NOTE_CONTENT_TAG] = options.description;
    const experimentId = options.experimentId ?? activeExperimentId ?? parent?.info.experimentId;
    run = await c.createRun(experimentId, { runName: options.runName, tags });
  }
  runStack.push(run);
  return run;
}

/** The innermost active run, or undefined. */
export function activeRun(): Run | undefined {
  return runStack[runStack.length - 1];
}

/** Flushes queued metrics and ends the innermost active run. @example await mlflow.endRun() */
export async function endRun(status: RunStatus = 'FINISHED'): Promise<void> {
  const run = runStack[runStack.length - 1];
  if (!run) return;
  await (await client()).setTerminated(run.info.runId, status);
  runStack.pop();
}

/** @example await mlflow.logParam('lr', 0.01) */
export async function logParam(key: string, value: unknown): Promise<void> {
  await (await client()).logParam(currentRun().info.runId, key, value);
}

/** @example await mlflow.logParams({ lr: 0.01, epochs: 10 }) */
export async function logParams(params: Record<string, unknown>): Promise<void> {
  await (await client()).logBatch(currentRun().info.runId, { params: Object.entries(params).map(([key, value]) => ({ key, value })) });
}

/**
 * Queues a point and returns at once; invalid input throws here, write failures surface from flush().
 * @example for (let step = 0; step < 1e5; step++) mlflow.logMetric('loss', loss(step), step)
 */
export function logMetric(key: string, value: number, step?: number, options: { timestamp?: number } = {}): void {
  const run = currentRun();
  if (!workspace) throw new MlflowError('No workspace: call mlflow.startRun() first.', 'BAD_REQUEST');
  const m = validateMetric(key, value, options.timestamp ?? Date.now(), step ?? 0);
  workspace.metricQueue.enqueue(run.info.runId, m.key, m.value, m.timestamp, m.step);
}

/** @example mlflow.logMetrics({ loss: 0.3, acc: 0.9 }, 5) */
export function logMetrics(metrics: Record<string, number>, step?: number, options: { timestamp?: number } = {}): void {
  const timestamp = options.timestamp ?? Date.now();
  for (const [k, v] of Object.entries(metrics)) logMetric(k, v, step, { timestamp });
}

/** @example await mlflow.setTag('stage', 'tuning') */
export async function setTag(key: string, value: unknown): Promise<void> {
  await (await client()).setTag(currentRun().info.runId, key, value);
}

/** @example await mlflow.setTags({ team: 'vision', owner: 'ana' }) */
export async function setTags(tags: Record<string, unknown>): Promise<void> {
  await (await client()).logBatch(currentRun().info.runId, { tags: Object.entries(tags).map(([key, value]) => ({ key, value })) });
}

/**
 * Logs a file under `artifactPath` (a directory, as in MLflow), named after the file.
 * @example await mlflow.logArtifact(new File(['a,b\n1,2'], 'data.csv'), 'tables')
 */
export async function logArtifact(file: File | { name: string; data: ArtifactData }, artifactPath?: string): Promise<FileInfo> {
  const name = file.name;
  const data: ArtifactData = 'data' in file ? file.data : file;
  const path = artifactPath ? `${artifactPath.replace(/\/+$/, '')}/${name}` : name;
  return (await client()).logArtifact(currentRun().info.runId, path, data);
}

/** @example await mlflow.logText('it worked', 'notes/result.txt') */
export async function logText(text: string, artifactFile: string): Promise<FileInfo> {
  return (await client()).logArtifact(currentRun().info.runId, artifactFile, text);
}

/** JSON, or YAML when the file ends in .yaml/.yml (as MLflow). @example await mlflow.logDict({ a: 1 }, 'config.json') */
export async function logDict(dict: unknown, artifactFile: string): Promise<FileInfo> {
  const yaml = /\.ya?ml$/i.test(artifactFile);
  const text = yaml ? toYaml(dict) : JSON.stringify(dict, null, 2);
  return (await client()).logArtifact(currentRun().info.runId, artifactFile, text);
}

/**
 * Logs an image: encoded bytes (PNG/JPEG Blob or buffer), or ImageData (encoded to PNG in browsers).
 * @example await mlflow.logImage(await canvas.convertToBlob(), 'plots/confusion.png')
 */
export async function logImage(image: Blob | ArrayBuffer | Uint8Array | ImageData, artifactFile: string): Promise<FileInfo> {
  let data: ArtifactData;
  if (typeof ImageData !== 'undefined' && image instanceof ImageData) {
    if (typeof OffscreenCanvas === 'undefined') throw invalidParameter('Encoding ImageData needs OffscreenCanvas; pass PNG bytes instead.');
    const canvas = new OffscreenCanvas(image.width, image.height);
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    data = await canvas.convertToBlob({ type: 'image/png' });
  } else {
    data = image as Blob | ArrayBuffer | Uint8Array;
  }
  return (await client()).logArtifact(currentRun().info.runId, artifactFile, data);
}

/** Resolves when every queued metric point is durable. @example await mlflow.flush() */
export async function flush(): Promise<void> {
  await (await client()).flush();
}

/** mlflow.onnx: log or save ONNX models (mlflow.onnx.log_model / save_model). */
export const onnx = {
  /** Logs to the active run. @example const info = await mlflow.onnx.logModel(bytes, { artifactPath: 'model' }) */
  async logModel(model: ArrayBuffer | Blob, options: LogModelOptions): Promise<ModelInfo> {
    return (await client()).logModel(currentRun().info.runId, model, options);
  },
  /** The model directory's files, stored nowhere. @example const dir = await mlflow.onnx.saveModel(bytes, { artifactPath: 'model' }) */
  saveModel(model: ArrayBuffer | Blob, options: Omit<LogModelOptions, 'registeredModelName'>): Promise<ModelDirectory> {
    return modelSupport().saveModel(model, options);
  },
};

/**
 * mlflow.register_model: registers the model at `modelUri` (runs:/<id>/<path>, models:/..., or any
 * URI) as a new version of `name`, creating the registered model the first time.
 * @example const mv = await mlflow.registerModel(`runs:/${runId}/model`, 'churn') // version '1', then '2', ...
 */
export async function registerModel(modelUri: string, name: string): Promise<ModelVersion> {
  return register((await client()).workspace, modelUri, name);
}

/** mlflow.pyfunc: load any logged model by URI. @example const m = await mlflow.pyfunc.loadModel(`runs:/${id}/model`) */
export const pyfunc = {
  async loadModel(modelUri: string): Promise<LoadedModel> {
    return (await client()).loadModel(modelUri);
  },
};
