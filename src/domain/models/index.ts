// Orchard's MLflow model format support, after mlflow/models (model.py, signature.py, utils.py),
// mlflow/types (schema.py, utils.py), mlflow/onnx and mlflow/store/artifact/utils/models.py:
// MLmodel files, signatures, model inputs, schema and params enforcement, input examples and
// model URIs. Pure TypeScript, usable from workers and the relay.
export { parseMlmodel, serializeMlmodel, mlmodelToDict, utcTimeCreatedNow, type MlModel } from './mlmodel';
export { onnxMlmodel, ONNX_EXECUTION_PROVIDERS, DEFAULT_PYTHON_VERSION, type OnnxMlmodelOptions } from './onnx-mlmodel';
export {
  parseSignature,
  isTensorSchema,
  isTensorSpec,
  type ColSpec,
  type ColSpecType,
  type TensorSpec,
  type ParamSpec,
  type ModelSignature,
  type SchemaPart,
} from './signature';
export { signatureToMlflowDict } from './signature-json';
export { describeSchemaType, schemaRepr, specRepr } from './describe';
export { COLSPEC_TYPES, NUMPY_OF, canonicalDtype, dtypeOfTypedArray } from './dtypes';
export { toModelInput, type TensorValue, type DataFrame, type ModelInput } from './model-input';
export { tensorFromJson, tensorToNested } from './tensor-data';
export { inferSignature, inferSchema, inferParamSchema } from './infer-signature';
export { enforceSchema, SchemaEnforcementError, type SchemaProblem } from './enforce';
export { enforceParams, paramSpecRepr } from './enforce-params';
export { inputExampleFiles, readInputExample, readInputExampleParams, EXAMPLE_FILENAME, SERVING_INPUT_FILENAME } from './input-example';
export { parseModelUri, formatModelUri, MODEL_STAGES, type ModelUri } from './model-uri';
export { loadPyYaml, MAX_YAML_CHARS } from './pyyaml-load';
export { dumpPyYaml } from './pyyaml-dump';
