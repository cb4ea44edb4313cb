// Model signatures in MLflow's JSON shapes (mlflow/types/schema.py `Schema.from_json`,
// `ColSpec/TensorSpec/ParamSpec.from_json_dict`, mlflow/models/signature.py
// `ModelSignature.from_dict`), validated with MLflow's rules and messages. Complex ColSpec types
// (array/object/map/any) are checked for shape and then kept as opaque specs.
import { invalidParameter, MlflowError } from '../errors';
import { canonicalDtype, COLSPEC_TYPES, COMPLEX_TYPES, isColSpecType } from './dtypes';
import { checkComplexType } from './signature-complex';
import { validateParamValue } from './enforce-params';
import { pyRepr } from './python-text';
import type { ColSpec, ModelSignature, ParamSpec, SchemaPart, TensorSpec } from './signature-types';

export type { ColSpecType } from './dtypes';

export type { ColSpec, ModelSignature, ParamSpec, SchemaPart, TensorSpec } from './signature-types';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isTensorSpec(spec: ColSpec | TensorSpec): spec is TensorSpec {
  return spec.type === 'tensor';
}

/** Schema.is_tensor_spec: a schema of TensorSpecs (MLflow never mixes the two kinds). */
export function isTensorSchema(schema: ReadonlyArray<ColSpec | TensorSpec> | undefined): boolean {
  const first = schema?.[0];
  return first !== undefined && isTensorSpec(first);
}

function parseTensorSpec(x: Dict): TensorSpec {
  const info = x['tensor-spec'];
  if (!isDict(info)) throw new Error('Missing keys in TensorSpec JSON. Expected to find keys `tensor-spec` and `type`');
  if (!('dtype' in info) || !('shape' in info)) throw new Error('Missing keys in TensorSpec JSON. Expected to find keys `dtype` and `shape`');
  const dtype = typeof info.dtype === 'string' ? canonicalDtype(info.dtype) : undefined;
  if (dtype === 'sized') throw new Error(`MLflow does not support size information in flexible numpy data types. Use np.dtype("${String(info.dtype).includes('S') ? 'bytes' : 'str'}") instead`);
  if (dtype === undefined) throw new Error(`data type ${pyRepr(info.dtype)} not understood`);
  const shape = info.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && Number(d) >= -1)) {
    throw new Error(`TensorSpec shape must be a list of integers (-1 for a variable dimension), got ${JSON.stringify(shape)}`);
  }
  const name = x.name;
  if (name !== undefined && name !== null && typeof name !== 'string') throw new Error(`TensorSpec name must be a string, got ${pyRepr(name)}`);
  return { type: 'tensor', 'tensor-spec': { dtype, shape: shape.map(Number) }, ...(typeof name === 'string' ? { name } : {}) };
}

const COLSPEC_KEYS = new Set(['type', 'name', 'required', 'items', 'properties', 'values']);

function parseColSpec(x: Dict): ColSpec {
  const type = x.type;
  const unexpected = Object.keys(x).filter((k) => !COLSPEC_KEYS.has(k));
  if (unexpected.length > 0) throw new Error(`ColSpec JSON has unexpected keys ${pyRepr(unexpected)}`);
  if (!isColSpecType(type) && !(COMPLEX_TYPES as readonly unknown[]).includes(type)) {
    throw new Error(`Unsupported type ${pyRepr(type)}, expected instance of DataType or one of ${pyRepr([...COLSPEC_TYPES])}`);
  }
  if (!isColSpecType(type)) checkComplexType(x, 0);
  const { name, required } = x;
  if (name !== undefined && name !== null && typeof name !== 'string' && typeof name !== 'number') throw new Error(`ColSpec name must be a string, got ${pyRepr(name)}`);
  if (required !== undefined && required !== null && typeof required !== 'boolean') throw new Error(`ColSpec required must be true or false, got ${pyRepr(required)}`);
  const spec: ColSpec = { type: String(type) };
  for (const key of ['items', 'properties', 'values'] as const) if (x[key] !== undefined) Object.assign(spec, { [key]: x[key] });
  if (typeof name === 'string' || typeof name === 'number') spec.name = name;
  if (typeof required === 'boolean') spec.required = required;
  return spec;
}

/** Schema.__init__'s rules for a list of specs. */
function checkSchema(specs: Array<ColSpec | TensorSpec>): void {
  if (specs.length === 0) throw new Error('Creating Schema with empty inputs is not allowed.');
  const named = specs.filter((s) => s.name !== undefined).length;
  if (named !== 0 && named !== specs.length) {
    throw new Error(`Creating Schema with a combination of named and unnamed inputs is not allowed. Got input names ${pyRepr(specs.map((s) => s.name ?? null))}`);
  }
  const tensors = specs.filter(isTensorSpec).length;
  if (tensors !== 0 && tensors !== specs.length) {
    throw new Error('Creating Schema with a combination of ColSpec and TensorSpec is not supported. Please choose one of ColSpec or TensorSpec');
  }
  if (tensors > 1 && named === 0) {
    throw new Error('Creating Schema with multiple unnamed TensorSpecs is not supported. Please provide names for each TensorSpec.');
  }
  if (named === 0 && specs.some((s) => s.required === false)) {
    throw new Error('Creating Schema with unnamed optional inputs is not supported. Please name all inputs or make all inputs required.');
  }
}

function parseParamSpec(x: Dict): ParamSpec {
  if (!('name' in x) || !('default' in x) || !('type' in x || 'dtype' in x)) {
    throw new Error(`Missing keys in ParamSpec JSON. Expected to find keys \`name\`, \`type\`(or \`dtype\`) and \`default\`. Received keys: dict_keys(${pyRepr(Object.keys(x))})`);
  }
  const name = String(x.name);
  const type = x.type ?? x.dtype;
  if (type === 'binary') throw new Error(`Binary type is not supported for parameters, ParamSpec '${name}'has dtype 'binary'`);
  if (type === 'object') checkComplexType(x, 0);
  else if (!isColSpecType(type)) {
    throw new Error(`Unsupported type ${pyRepr(type)}, expected instance of DataType or one of ${pyRepr(COLSPEC_TYPES.filter((t) => t !== 'binary'))}`);
  }
  const shape = x.shape ?? null;
  if (shape !== null && !(Array.isArray(shape) && shape.length === 1 && shape[0] === -1)) {
    throw new Error(`Shape must be None for scalar or dictionary value, or (-1,) for 1D array value for ParamSpec ${pyRepr(name)}), received ${pyRepr(shape, { tuple: true })}`);
  }
  const spec: ParamSpec = { name, type: String(type), default: x.default, shape: shape === null ? null : [-1] };
  if (type === 'object' && isDict(x.properties)) spec.properties = x.properties;
  validateParamValue(spec, x.default);
  return spec;
}

function partList(part: SchemaPart, raw: unknown): unknown[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      throw invalidParameter(`Invalid signature.${part}: not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
  if (value === null) return undefined;
  if (!Array.isArray(value)) throw invalidParameter(`Invalid signature.${part}: Inputs of Schema must be a list, got type ${isDict(value) ? 'dict' : typeof value}`);
  return value;
}

function parsePart<T>(part: SchemaPart, raw: unknown, parseOne: (x: Dict) => T, check: (specs: T[]) => void): T[] | undefined {
  const list = partList(part, raw);
  if (list === undefined) return undefined;
  try {
    const specs = list.map((x, i) => {
      if (!isDict(x)) throw new Error(`item ${i} is not a JSON object`);
      if (part !== 'params' && !('type' in x)) throw new Error('Missing keys in ColSpec JSON. Expected to find key `type`');
      return parseOne(x);
    });
    check(specs);
    return specs;
  } catch (e) {
    if (e instanceof MlflowError && e.message.startsWith('Invalid signature.')) throw e;
    throw invalidParameter(`Invalid signature.${part}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkParams(specs: ParamSpec[]): void {
  const seen = new Set<string>();
  const duplicates = specs.map((s) => s.name).filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (duplicates.length > 0) throw new Error(`Duplicated parameters found in schema: ${pyRepr(duplicates)}`);
}

/**
 * ModelSignature.from_dict. Each part is the JSON string MLflow writes, the parsed list, or null.
 * Throws INVALID_PARAMETER_VALUE naming the part: "Invalid signature.inputs: ...".
 * @example parseSignature({ inputs: '[{"type": "double", "name": "x", "required": true}]', outputs: null })
 * // { inputs: [{ type: 'double', name: 'x', required: true }] }
 */
export function parseSignature(dict: { inputs?: unknown; outputs?: unknown; params?: unknown }): ModelSignature {
  const spec = (x: Dict): ColSpec | TensorSpec => (x.type === 'tensor' ? parseTensorSpec(x) : parseColSpec(x));
  const inputs = parsePart('inputs', dict.inputs, spec, checkSchema);
  const outputs = parsePart('outputs', dict.outputs, spec, checkSchema);
  const params = parsePart('params', dict.params, parseParamSpec, checkParams);
  return { ...(inputs ? { inputs } : {}), ...(outputs ? { outputs } : {}), ...(params ? { params } : {}) };
}
