// A read-only summary of an MLmodel file for the artifact preview: flavors, signature, where and
// when the model was logged. Field meanings follow MLflow's mlflow/models/model.py and
// mlflow/types/schema.py (reference §5). Full MLmodel support (parse, serialize, enforce) is
// `domain/models/`; this summary shares its YAML reader but stays lenient: it shows what it can
// and lists what it could not read, where parseMlmodel refuses.
//
// Safety: the YAML is read with PyYAML's safe_load rules (models/pyyaml-load.ts) in lenient mode:
// tags like !!python/object are never executed, only read as plain data with a warning, and
// aliases are capped so a "billion laughs" file fails instead of exhausting memory.
import { MlflowError } from './errors';
import { isoformat } from './models/python-text';
import { loadPyYaml } from './models/pyyaml-load';
import { summariseParams, summariseSchema, type ParamSpecSummary, type SchemaSummary } from './mlmodel-signature';

export { describeSchemaType, type ParamSpecSummary, type SchemaField, type SchemaSummary } from './mlmodel-signature';

export interface FlavorSummary {
  /** e.g. `python_function`, `sklearn` */
  name: string;
  /** The flavor's settings in file order, each value as display text. */
  settings: Array<[key: string, value: string]>;
}

export interface SignatureSummary {
  inputs?: SchemaSummary;
  outputs?: SchemaSummary;
  params?: ParamSpecSummary[];
}

export interface InputExampleSummary {
  artifactPath?: string;
  type?: string;
  /** The other keys (pandas_orient, serving_input_path, format, ...) as display text. */
  details: Array<[key: string, value: string]>;
}

export interface MlmodelSummary {
  flavors: FlavorSummary[];
  signature?: SignatureSummary;
  artifactPath?: string;
  runId?: string;
  modelUuid?: string;
  modelId?: string;
  utcTimeCreated?: string;
  mlflowVersion?: string;
  modelSizeBytes?: number;
  inputExample?: InputExampleSummary;
  /** Top-level keys this summary does not show (metadata, resources, databricks_runtime, ...). */
  otherKeys: string[];
  /** What was read leniently: unresolved YAML tags, a signature part that is not valid JSON. */
  warnings: string[];
}

export type MlmodelSummaryResult = { ok: true; summary: MlmodelSummary } | { ok: false; error: string };

const SHOWN_KEYS = new Set([
  'flavors', 'signature', 'artifact_path', 'run_id', 'model_uuid', 'model_id', 'utc_time_created',
  'mlflow_version', 'model_size_bytes', 'saved_input_example_info',
]);
const MAX_VALUE_CHARS = 500;

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** A YAML value as one line of text: scalars as written, lists joined, mappings as compact JSON. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // An unquoted timestamp reads as a datetime; show it as MLflow's str(datetime) would.
  if (v instanceof Date) return isoformat(v, ' ');
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map(displayValue).join(', ');
  const seen = new WeakSet<object>();
  // YAML aliases can make a value refer to itself; JSON.stringify would throw on the cycle.
  const json = JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'object' && x !== null) {
      if (seen.has(x)) return '[circular]';
      seen.add(x);
    }
    return x;
  });
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS)}…` : json;
}

function optionalString(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : displayValue(v);
}

function summariseFlavors(flavors: unknown, warnings: string[]): FlavorSummary[] {
  if (flavors === undefined || flavors === null) {
    warnings.push('The file names no flavors (MLflow always writes a `flavors` mapping).');
    return [];
  }
  if (!isDict(flavors)) {
    warnings.push('`flavors` is not a mapping.');
    return [];
  }
  return Object.entries(flavors).map(([name, config]) => ({
    name,
    settings: isDict(config) ? Object.entries(config).map(([k, v]): [string, string] => [k, displayValue(v)]) : [['value', displayValue(config)]],
  }));
}

function summariseSignature(signature: unknown, warnings: string[]): SignatureSummary | undefined {
  if (signature === undefined || signature === null) return undefined;
  if (!isDict(signature)) {
    warnings.push('`signature` is not a mapping.');
    return undefined;
  }
  const inputs = summariseSchema('inputs', signature.inputs, warnings);
  const outputs = summariseSchema('outputs', signature.outputs, warnings);
  const params = summariseParams(signature.params, warnings);
  return { ...(inputs ? { inputs } : {}), ...(outputs ? { outputs } : {}), ...(params ? { params } : {}) };
}

function summariseInputExample(info: unknown): InputExampleSummary | undefined {
  if (!isDict(info)) return undefined;
  const { artifact_path: artifactPath, type, ...rest } = info;
  return {
    ...(artifactPath !== undefined ? { artifactPath: displayValue(artifactPath) } : {}),
    ...(type !== undefined ? { type: displayValue(type) } : {}),
    details: Object.entries(rest).map(([k, v]): [string, string] => [k, displayValue(v)]),
  };
}

/**
 * @example
 * const r = summariseMlmodel(text);
 * if (r.ok) r.summary.flavors.map((f) => f.name) // ['python_function', 'sklearn']
 * else r.error                                  // 'Not valid YAML: ... at line 3, column 1'
 */
export function summariseMlmodel(text: string): MlmodelSummaryResult {
  let root: unknown;
  let warnings: string[];
  try {
    ({ value: root, warnings } = loadPyYaml(text, 'lenient'));
  } catch (e) {
    return { ok: false, error: e instanceof MlflowError ? e.message : `Could not read the YAML: ${firstLine(String(e))}` };
  }
  if (!isDict(root)) return { ok: false, error: 'An MLmodel file is a YAML mapping (flavors, signature, ...); this file is not.' };
  const size = root.model_size_bytes;
  const signature = summariseSignature(root.signature, warnings);
  const inputExample = summariseInputExample(root.saved_input_example_info);
  const summary: MlmodelSummary = {
    flavors: summariseFlavors(root.flavors, warnings),
    artifactPath: optionalString(root.artifact_path),
    runId: optionalString(root.run_id),
    modelUuid: optionalString(root.model_uuid),
    modelId: optionalString(root.model_id),
    utcTimeCreated: optionalString(root.utc_time_created),
    mlflowVersion: optionalString(root.mlflow_version),
    modelSizeBytes: typeof size === 'number' && Number.isFinite(size) ? size : undefined,
    signature,
    inputExample,
    otherKeys: Object.keys(root).filter((k) => !SHOWN_KEYS.has(k)),
    warnings,
  };
  return { ok: true, summary };
}
