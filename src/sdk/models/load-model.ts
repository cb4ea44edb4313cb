// loadModel(modelUri): a model's MLmodel metadata and, for ONNX models, predict() with MLflow's
// pyfunc semantics: schema enforcement, params, the onnx feed rules, MLflow-shaped predictions.
import { MlflowError, doesNotExist } from '../../domain/errors';
import { enforceParams, enforceSchema, isTensorSchema, parseMlmodel, tensorFromJson, toModelInput, type ColSpec, type MlModel, type ModelInput, type TensorSpec } from '../../domain/models';
import { onnxFeeds, onnxPredictions } from '../../domain/serving/onnx-pyfunc';
import { artifactSha256, readArtifactBlob } from '../../storage/artifact-reads';
import type { Workspace } from '../workspace';
import { engineFor } from './engine';
import { resolveModelLocation, type ModelLocation } from './resolve';

export interface LoadedModel {
  modelUri: string;
  location: ModelLocation;
  metadata: MlModel;
  /**
   * Predictions for `input` (array of records, columns object, typed arrays, named tensors, or a
   * ModelInput), validated against the signature as MLflow does.
   * @example const out = await model.predict([{ sepal_length: 5.1, ... }])
   */
  predict(input: unknown, params?: Record<string, unknown>): Promise<unknown>;
}

async function readText(ws: Workspace, runId: string, path: string): Promise<string> {
  return (await readArtifactBlob(ws.store.db, runId, path)).text();
}

function isModelInput(v: unknown): v is ModelInput {
  const kind = (v as { kind?: unknown } | null)?.kind;
  return kind === 'dataframe' || kind === 'tensor' || kind === 'tensors';
}

/** Nested arrays for a single-tensor schema are read as one tensor of the declared dtype (an
 * image batch must not be mistaken for a table). */
function asModelInput(input: unknown, schema: ReadonlyArray<ColSpec | TensorSpec> | undefined): ModelInput {
  if (isModelInput(input)) return input;
  if (Array.isArray(input) && schema && isTensorSchema(schema) && schema.length === 1) {
    return { kind: 'tensor', tensor: tensorFromJson(input, (schema[0] as TensorSpec)['tensor-spec'].dtype) };
  }
  return toModelInput(input);
}

/** @example const model = await loadModel(ws, `runs:/${runId}/model`) */
export async function loadModel(ws: Workspace, modelUri: string): Promise<LoadedModel> {
  const location = await resolveModelLocation(ws, modelUri);
  let mlmodelText: string;
  try {
    mlmodelText = await readText(ws, location.runId, `${location.path}/MLmodel`);
  } catch (e) {
    if (e instanceof MlflowError && e.errorCode === 'RESOURCE_DOES_NOT_EXIST') {
      throw doesNotExist(`No model at '${modelUri}': run ${location.runId} has no '${location.path}/MLmodel' artifact (its files may live outside this workspace).`);
    }
    throw e;
  }
  const metadata = parseMlmodel(mlmodelText);
  const onnxFlavor = metadata.flavors.onnx;
  const dataFile = typeof onnxFlavor?.data === 'string' ? onnxFlavor.data : 'model.onnx';
  const onnxPath = `${location.path}/${dataFile}`;

  const predict = async (input: unknown, params?: Record<string, unknown>): Promise<unknown> => {
    if (!onnxFlavor) {
      throw new MlflowError(
        `Only ONNX models run in the browser; this model's flavors are ${Object.keys(metadata.flavors).join(', ') || 'none'}. Its metadata, signature and files are still available.`,
        'NOT_IMPLEMENTED',
      );
    }
    const schema = metadata.signature?.inputs;
    const enforced = enforceSchema(asModelInput(input, schema), schema);
    // ONNX graphs take no params, but MLflow validates and defaults them all the same, so a bad
    // param fails here exactly as it would in MLflow.
    enforceParams(params, metadata.signature?.params);
    const engine = engineFor();
    const key = (await artifactSha256(ws.store.db, location.runId, onnxPath)) ?? onnxPath;
    const session = await engine.load(key, async () => (await readArtifactBlob(ws.store.db, location.runId, onnxPath)).arrayBuffer());
    const columnOrder = metadata.signature?.inputs?.map((c, i) => String(c.name ?? i));
    const feeds = onnxFeeds(enforced, session.inputs, columnOrder);
    const outputs = await engine.run(key, feeds);
    return onnxPredictions(outputs, session.outputs.map((o) => o.name), enforced);
  };
  return { modelUri, location, metadata, predict };
}
