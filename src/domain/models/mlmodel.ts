// The MLmodel file (mlflow/models/model.py `Model.from_dict`, `Model.to_dict`, `Model.to_yaml`).
// Read with PyYAML's safe_load rules, written byte-for-byte as yaml.safe_dump writes it: sorted
// keys, block style, signature parts as JSON strings. Unknown top-level keys round-trip verbatim.
import { invalidParameter, MlflowError } from '../errors';
import { isoformat } from './python-text';
import { dumpPyYaml } from './pyyaml-dump';
import { loadPyYaml } from './pyyaml-load';
import { parseSignature, type ModelSignature } from './signature';
import { signatureToMlflowDict } from './signature-json';

export interface MlModel {
  artifactPath?: string;
  flavors: Record<string, Record<string, unknown>>;
  modelUuid?: string;
  modelId?: string;
  runId?: string;
  utcTimeCreated?: string;
  mlflowVersion?: string;
  signature?: ModelSignature;
  savedInputExampleInfo?: Record<string, unknown>;
  modelSizeBytes?: number;
  metadata?: Record<string, unknown>;
  /**
   * unknown top-level keys, kept verbatim for round trips (`prompts`, `env_vars`, `resources`,
   * `is_signature_from_type_hint`, ...). A known key whose value is null in the file
   * (MLflow 3 writes `model_id: null` for saved-only models) is kept here too.
   */
  extra: Record<string, unknown>;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const STRING_FIELDS = [
  ['artifact_path', 'artifactPath'],
  ['model_uuid', 'modelUuid'],
  ['model_id', 'modelId'],
  ['run_id', 'runId'],
  ['mlflow_version', 'mlflowVersion'],
] as const;
const KNOWN = new Set(['flavors', 'signature', 'saved_input_example_info', 'model_size_bytes', 'metadata', 'utc_time_created', ...STRING_FIELDS.map(([k]) => k)]);

function bad(field: string, message: string): MlflowError {
  return invalidParameter(`Invalid MLmodel field '${field}': ${message}`);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : v instanceof Date ? 'a timestamp' : isDict(v) ? 'a mapping' : `a ${typeof v}`;
}

function readFlavors(raw: unknown): MlModel['flavors'] {
  if (raw === undefined || raw === null) throw bad('flavors', 'missing. An MLmodel file names at least one flavor (MLflow always writes a `flavors` mapping).');
  if (!isDict(raw)) throw bad('flavors', `expected a mapping of flavor name to settings, got ${typeName(raw)}.`);
  const flavors: MlModel['flavors'] = {};
  for (const [name, config] of Object.entries(raw)) {
    if (!isDict(config)) throw bad(`flavors.${name}`, `expected a mapping of settings, got ${typeName(config)}.`);
    flavors[name] = config;
  }
  return flavors;
}

function readSignature(raw: Dict): ModelSignature {
  for (const part of Object.keys(raw)) {
    if (!['inputs', 'outputs', 'params'].includes(part)) throw bad(`signature.${part}`, 'unknown signature part; MLflow writes inputs, outputs and params.');
  }
  try {
    return parseSignature(raw);
  } catch (e) {
    if (e instanceof MlflowError) throw invalidParameter(`Invalid MLmodel field '${e.message.replace(/^Invalid (signature\.\w+): /, "$1': ")}`);
    throw e;
  }
}

/**
 * Parses an MLmodel file. Throws INVALID_PARAMETER_VALUE naming the bad field, for malformed
 * YAML, for any YAML tag that is not plain data (`!!python/object`, custom tags) and for a
 * missing `flavors` mapping.
 * @example parseMlmodel('flavors:\n  python_function: {loader_module: mlflow.onnx}\n').flavors.python_function
 * // { loader_module: 'mlflow.onnx' }
 */
export function parseMlmodel(yamlText: string): MlModel {
  const root = loadPyYaml(yamlText).value;
  if (!isDict(root)) throw invalidParameter(`An MLmodel file is a YAML mapping (flavors, signature, ...); this one is ${typeName(root)}.`);
  const model: MlModel = { flavors: readFlavors(root.flavors), extra: {} };
  for (const [key, value] of Object.entries(root)) {
    if (!KNOWN.has(key) || value === null) model.extra[key] = value;
  }
  for (const [key, field] of STRING_FIELDS) {
    const v = root[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw bad(key, `expected a string, got ${typeName(v)}.`);
    model[field] = v;
  }
  const created = root.utc_time_created;
  // An unquoted timestamp reads as a datetime; MLflow stores str(datetime).
  if (created instanceof Date) model.utcTimeCreated = isoformat(created, ' ');
  else if (typeof created === 'string') model.utcTimeCreated = created;
  else if (created !== undefined && created !== null) throw bad('utc_time_created', `expected a timestamp string, got ${typeName(created)}.`);
  const signature = root.signature;
  if (isDict(signature)) model.signature = readSignature(signature);
  else if (signature !== undefined && signature !== null) throw bad('signature', `expected a mapping of inputs/outputs/params, got ${typeName(signature)}.`);
  const example = root.saved_input_example_info;
  if (isDict(example)) model.savedInputExampleInfo = example;
  else if (example !== undefined && example !== null) throw bad('saved_input_example_info', `expected a mapping, got ${typeName(example)}.`);
  const size = root.model_size_bytes;
  if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) model.modelSizeBytes = size;
  else if (size !== undefined && size !== null) throw bad('model_size_bytes', `expected a non-negative integer of at most 2^53 bytes, got ${typeof size === 'number' || typeof size === 'bigint' ? String(size) : typeName(size)}.`);
  const metadata = root.metadata;
  if (isDict(metadata)) model.metadata = metadata;
  else if (metadata !== undefined && metadata !== null) throw bad('metadata', `expected a mapping, got ${typeName(metadata)}.`);
  return model;
}

/** Model.to_dict: the mapping MLflow dumps, with MLflow's key names. */
export function mlmodelToDict(model: MlModel): Dict {
  const dict: Dict = { ...model.extra, flavors: model.flavors };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) dict[key] = value;
  };
  set('artifact_path', model.artifactPath);
  set('model_uuid', model.modelUuid);
  set('model_id', model.modelId);
  set('run_id', model.runId);
  set('mlflow_version', model.mlflowVersion);
  set('utc_time_created', model.utcTimeCreated);
  set('saved_input_example_info', model.savedInputExampleInfo);
  set('model_size_bytes', model.modelSizeBytes);
  set('metadata', model.metadata);
  if (model.signature) {
    const signature = signatureToMlflowDict(model.signature);
    // A signature MLflow could not read back must not reach a file: check it as the reader would.
    readSignature(signature);
    set('signature', signature);
  }
  return dict;
}

/**
 * Model.to_yaml: YAML exactly as MLflow writes it (yaml.safe_dump, block style, sorted keys).
 * @example serializeMlmodel({ flavors: { onnx: { data: 'model.onnx' } }, utcTimeCreated: '2024-01-31 12:34:56.123456', extra: {} })
 * // "flavors:\n  onnx:\n    data: model.onnx\nutc_time_created: '2024-01-31 12:34:56.123456'\n"
 */
export function serializeMlmodel(model: MlModel): string {
  readFlavors(model.flavors);
  return dumpPyYaml(mlmodelToDict(model));
}

/**
 * MLflow's utc_time_created: `str(datetime.now(timezone.utc).replace(tzinfo=None))`, e.g.
 * "2024-01-31 12:34:56.123456". Like Python's str(), the fraction is left out when it is zero.
 * @example utcTimeCreatedNow(new Date('2024-01-31T12:34:56.123Z')) // '2024-01-31 12:34:56.123000'
 */
export function utcTimeCreatedNow(date: Date = new Date()): string {
  return isoformat(date, ' ');
}
