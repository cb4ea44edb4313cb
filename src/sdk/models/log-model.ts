// Logging an ONNX model to a run the way mlflow.onnx.log_model does: a model directory (MLmodel,
// model.onnx, environment files, input example) under the run's artifacts, and an entry appended
// to the run's `mlflow.log-model.history` tag. The ONNX bytes are loaded once first, so corrupt
// bytes or a signature that does not fit the graph are refused before anything is stored, and
// every file plus the tag are written in one transaction.
import { normaliseArtifactPath } from '../../domain/artifact-path';
import { MlflowError, invalidParameter } from '../../domain/errors';
import { newRunId } from '../../domain/ids';
import {
  inferSignature,
  inputExampleFiles,
  onnxMlmodel,
  parseSignature,
  serializeMlmodel,
  signatureToMlflowDict,
  utcTimeCreatedNow,
  type MlModel,
  type ModelSignature,
} from '../../domain/models';
import type { Mutation } from '../../domain/mutations';
import { LOGGED_MODEL_HISTORY_TAG } from '../../domain/system-tags';
import { LIMITS } from '../../domain/validation';
import { validateModelName } from '../../domain/registry/registry-validation';
import { registerModel } from '../registry/register-model';
import { artifactPut, sha256Hex, toBytes, type ArtifactData } from '../artifacts';
import { getRunRow } from '../runs';
import type { Workspace } from '../workspace';
import { condaYaml, MLFLOW_VERSION, ONNX_VERSION, pythonEnvYaml, requirementsTxt } from './environment';
import { modelInfoOf, type ModelInfo } from './model-info';
import { checkSignatureFitsGraph } from './signature-fit';
import { engineFor } from './engine';

export interface LogModelOptions {
  artifactPath: string;
  /** MLflow's signature dict: each part the JSON string MLflow writes, or the parsed array */
  signature?: { inputs?: unknown; outputs?: unknown; params?: unknown } | ModelSignature;
  inputExample?: unknown;
  /** also register the logged model as a new version of this registered model (created if missing) */
  registeredModelName?: string;
  metadata?: Record<string, unknown>;
}

export interface ModelDirectory {
  model: MlModel;
  files: Array<{ path: string; data: Blob }>;
}

/** Builds the files of an ONNX model directory without storing anything (MLflow's save_model). */
export async function saveModel(onnx: ArrayBuffer | Blob, options: Omit<LogModelOptions, 'registeredModelName'> & { runId?: string }): Promise<ModelDirectory> {
  const bytes = await toBytes(onnx as ArtifactData);
  if (bytes.byteLength === 0) throw invalidParameter('The ONNX model is empty (0 bytes).');
  // Keyed by content hash: predict() on the logged model reuses this session.
  const session = await engineFor().load(await sha256Hex(bytes), bytes).catch((e: unknown) => {
    throw e instanceof MlflowError ? e : invalidParameter(`Could not load ONNX model: ${(e as Error).message}`);
  });
  let signature = options.signature ? parseSignature(options.signature as { inputs?: unknown }) : undefined;
  if (!signature && options.inputExample !== undefined) signature = { inputs: inferSignature(options.inputExample).inputs };
  if (signature) checkSignatureFitsGraph(signature, session.inputs);
  const example = options.inputExample === undefined ? undefined : inputExampleFiles(options.inputExample);
  const text = (s: string): Blob => new Blob([s]);
  const files: ModelDirectory['files'] = [
    { path: 'model.onnx', data: new Blob([bytes]) },
    { path: 'conda.yaml', data: text(condaYaml()) },
    { path: 'python_env.yaml', data: text(pythonEnvYaml()) },
    { path: 'requirements.txt', data: text(requirementsTxt()) },
    ...(example?.files ?? []).map((f) => ({ path: f.path, data: text(f.text) })),
  ];
  const sizeWithoutMlmodel = files.reduce((n, f) => n + f.data.size, 0);
  const model = onnxMlmodel({
    runId: options.runId ?? '',
    artifactPath: options.artifactPath,
    modelUuid: newRunId(),
    utcTimeCreated: utcTimeCreatedNow(),
    modelSizeBytes: sizeWithoutMlmodel,
    onnxVersion: ONNX_VERSION,
    mlflowVersion: MLFLOW_VERSION,
    signature,
    savedInputExampleInfo: example?.info,
    metadata: options.metadata,
  });
  files.unshift({ path: 'MLmodel', data: text(serializeMlmodel(model)) });
  return { model, files };
}

/** MLflow's entry in `mlflow.log-model.history`: the MLmodel as a dict, signature as strings. */
function historyEntry(model: MlModel, artifactPath: string, runId: string): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    run_id: runId,
    artifact_path: artifactPath,
    utc_time_created: model.utcTimeCreated,
    model_uuid: model.modelUuid,
    flavors: model.flavors,
    mlflow_version: model.mlflowVersion,
  };
  if (model.signature) entry.signature = signatureToMlflowDict(model.signature);
  if (model.savedInputExampleInfo) entry.saved_input_example_info = model.savedInputExampleInfo;
  if (model.modelSizeBytes !== undefined) entry.model_size_bytes = model.modelSizeBytes;
  return entry;
}

/** The history tag with one more entry, dropping the oldest ones if the tag would overflow. */
function appendHistory(current: string | undefined, entry: Record<string, unknown>): string {
  let list: unknown[] = [];
  try {
    const parsed: unknown = current ? JSON.parse(current) : [];
    if (Array.isArray(parsed)) list = parsed;
  } catch {
    list = []; // a hand-edited, unreadable history is replaced rather than blocking logging
  }
  list.push(entry);
  let text = JSON.stringify(list);
  while (text.length > LIMITS.tagValue && list.length > 1) {
    list.shift();
    text = JSON.stringify(list);
  }
  return text;
}

export async function logModel(ws: Workspace, runId: string, onnx: ArrayBuffer | Blob, options: LogModelOptions): Promise<ModelInfo> {
  const run = await getRunRow(ws, runId);
  if (run.info.lifecycleStage !== 'active') throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${run.info.lifecycleStage}.`);
  const artifactPath = normaliseArtifactPath(options.artifactPath, { allowRoot: false });
  if (options.registeredModelName !== undefined) validateModelName(options.registeredModelName);
  const dir = await saveModel(onnx, { ...options, artifactPath, runId });
  const puts: Mutation[] = await Promise.all(dir.files.map((f) => artifactPut(runId, `${artifactPath}/${f.path}`, f.data)));
  const history = appendHistory(run.data.tags[LOGGED_MODEL_HISTORY_TAG], historyEntry(dir.model, artifactPath, runId));
  puts.push({ type: 'run/logBatch', runId, params: [], metrics: [], tags: [{ key: LOGGED_MODEL_HISTORY_TAG, value: history }] });
  await ws.store.mutations.apply(puts);
  const info = modelInfoOf(dir.model, runId, artifactPath);
  // As MLflow: logged first, then registered (a registration failure leaves the logged model).
  if (options.registeredModelName !== undefined) {
    info.registeredModelVersion = (await registerModel(ws, info.modelUri, options.registeredModelName)).version;
  }
  return info;
}
