// The MLmodel of an ONNX model as `mlflow.onnx.save_model` writes it (mlflow/onnx/__init__.py:
// `pyfunc.add_to_model(loader_module="mlflow.onnx", data="model.onnx", conda_env=..., python_env=...)`
// then `add_flavor("onnx", onnx_version, data, providers, onnx_session_options, code)`), plus the
// top-level keys MLflow 3's Model.to_dict always writes (`model_id`, `prompts`, and the two
// type-hint flags whenever a signature is set), so an exported directory loads in MLflow.
import type { MlModel } from './mlmodel';
import type { ModelSignature } from './signature';

/** `mlflow.onnx.ONNX_EXECUTION_PROVIDERS`, the default `providers` list. */
export const ONNX_EXECUTION_PROVIDERS: readonly string[] = ['CUDAExecutionProvider', 'CPUExecutionProvider'];
/** The python_version written when the caller gives none (MLflow writes the saving interpreter's). */
export const DEFAULT_PYTHON_VERSION = '3.11.9';

export interface OnnxMlmodelOptions {
  runId: string;
  artifactPath: string;
  modelUuid: string;
  utcTimeCreated: string;
  modelSizeBytes: number;
  onnxVersion: string;
  mlflowVersion: string;
  signature?: ModelSignature;
  savedInputExampleInfo?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** MLflow 3 logged-model id (`m-...`); written as `model_id: null` when absent, as save_model does. */
  modelId?: string;
  /** pyfunc `python_version`; defaults to DEFAULT_PYTHON_VERSION. Keep it equal to python_env.yaml's. */
  pythonVersion?: string;
  /** onnxruntime execution providers; defaults to ONNX_EXECUTION_PROVIDERS. */
  providers?: readonly string[];
  /** `onnx_session_options` (graph_optimization_level, intra_op_num_threads, ...); null when absent. */
  onnxSessionOptions?: Record<string, unknown>;
}

/**
 * @example onnxMlmodel({ runId, artifactPath: 'model', modelUuid, utcTimeCreated: utcTimeCreatedNow(), modelSizeBytes: 1234,
 *   onnxVersion: '1.17.0', mlflowVersion: '3.6.0' }).flavors.python_function.loader_module // 'mlflow.onnx'
 */
export function onnxMlmodel(options: OnnxMlmodelOptions): MlModel {
  const model: MlModel = {
    artifactPath: options.artifactPath,
    runId: options.runId,
    modelUuid: options.modelUuid,
    utcTimeCreated: options.utcTimeCreated,
    mlflowVersion: options.mlflowVersion,
    modelSizeBytes: options.modelSizeBytes,
    flavors: {
      python_function: {
        data: 'model.onnx',
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        loader_module: 'mlflow.onnx',
        python_version: options.pythonVersion ?? DEFAULT_PYTHON_VERSION,
      },
      onnx: {
        code: null,
        data: 'model.onnx',
        onnx_session_options: options.onnxSessionOptions ?? null,
        onnx_version: options.onnxVersion,
        providers: [...(options.providers ?? ONNX_EXECUTION_PROVIDERS)],
      },
    },
    extra: { prompts: null },
  };
  if (options.modelId !== undefined) model.modelId = options.modelId;
  else model.extra.model_id = null;
  if (options.signature !== undefined) {
    model.signature = options.signature;
    model.extra.is_signature_from_type_hint = false;
    model.extra.type_hint_from_example = false;
  }
  if (options.savedInputExampleInfo !== undefined) model.savedInputExampleInfo = options.savedInputExampleInfo;
  if (options.metadata !== undefined) model.metadata = options.metadata;
  return model;
}
