// Signature inference from example data, after mlflow/models/signature.py `infer_signature` and
// mlflow/types/utils.py (`_infer_schema`, `_infer_datatype`, `_infer_required`,
// `_infer_param_schema`). JS numbers infer as long when every value is whole, else double (JS has
// one number type, so long and double merge instead of MLflow's "multiple types" error); typed
// arrays and tensors carry their numpy dtype; a column with missing values is `required: false`.
import { invalidParameter } from '../errors';
import { dataTypeOfDtype } from './dtypes';
import { toModelInput } from './model-input';
import { pyRepr } from './python-text';
import type { ColSpec, ModelSignature, ParamSpec, TensorSpec } from './signature';

type TypeSpec = Record<string, unknown> & { type: string };
const MULTIPLE_TYPES =
  'Expected all values in the list to be of the same type. To specify a model signature with a list containing elements of multiple types, ' +
  'define the signature manually using the Array(AnyType()) type from mlflow.models.schema.';
const MAX_DEPTH = 32;
const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function merge(a: TypeSpec, b: TypeSpec): TypeSpec {
  if (a.type === 'any') return b.type === 'object' ? optionalProps(b) : b;
  if (b.type === 'any') return a.type === 'object' ? optionalProps(a) : a;
  const numbers = new Set(['long', 'double']);
  if (numbers.has(a.type) && numbers.has(b.type)) return { type: a.type === b.type ? a.type : 'double' };
  if (a.type !== b.type) throw invalidParameter(MULTIPLE_TYPES);
  if (a.type === 'array') return { type: 'array', items: merge(a.items as TypeSpec, b.items as TypeSpec) };
  if (a.type !== 'object') return a;
  const pa = a.properties as Record<string, TypeSpec>;
  const pb = b.properties as Record<string, TypeSpec>;
  const names = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort();
  return {
    type: 'object',
    properties: Object.fromEntries(
      names.map((n) => {
        const x = pa[n];
        const y = pb[n];
        if (!x || !y) return [n, { ...(x ?? y), required: false }];
        const { required: rx, ...tx } = x;
        const { required: ry, ...ty } = y;
        return [n, { ...merge(tx as TypeSpec, ty as TypeSpec), required: rx !== false && ry !== false }];
      }),
    ),
  };
}

function optionalProps(obj: TypeSpec): TypeSpec {
  const props = obj.properties as Record<string, TypeSpec>;
  return { type: 'object', properties: Object.fromEntries(Object.entries(props).map(([k, p]) => [k, { ...p, required: false }])) };
}

/** `_infer_datatype` for one value: a DataType name, array<...>, object{...}, or any for null. */
function typeOfValue(value: unknown, depth: number): TypeSpec {
  if (depth > MAX_DEPTH) throw invalidParameter(`The example is nested more than ${MAX_DEPTH} levels deep.`);
  if (isMissing(value)) return { type: 'any' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'long' : 'double' };
  if (typeof value === 'bigint') return { type: 'long' };
  if (typeof value === 'string') return { type: 'string' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (value instanceof Uint8Array) return { type: 'binary' };
  if (value instanceof Date) return { type: 'datetime' };
  if (Array.isArray(value)) return { type: 'array', items: typeOfValues(value, depth + 1) };
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) return { type: 'any' };
    const props = Object.keys(value).sort().map((k) => {
      const t = typeOfValue(value[k], depth + 1);
      return [k, { ...t, required: t.type !== 'any' }];
    });
    return { type: 'object', properties: Object.fromEntries(props) };
  }
  throw invalidParameter(`Data ${String(value)} is not one of the supported DataType`);
}

function typeOfValues(values: readonly unknown[], depth = 0): TypeSpec {
  const merged = values.reduce<TypeSpec | undefined>((acc, v) => (acc === undefined ? typeOfValue(v, depth) : merge(acc, typeOfValue(v, depth))), undefined);
  return merged ?? { type: 'any' };
}

function colSpec(t: TypeSpec, name: string | undefined, required: boolean): ColSpec {
  const { type, ...structure } = t;
  return { type, ...structure, ...(name === undefined ? {} : { name }), required };
}

function tensorSpec(dtype: string, shape: number[], name?: string): TensorSpec {
  if (shape.length === 0) {
    throw invalidParameter('The specified variable_dimension 0 is out of bounds with respect to the number of dimensions 0 in the input dataset');
  }
  return { ...(name === undefined ? {} : { name }), type: 'tensor', 'tensor-spec': { dtype, shape: [-1, ...shape.slice(1)] } };
}

/** `_infer_schema` for the input forms toModelInput takes. */
export function inferSchema(data: unknown): Array<ColSpec | TensorSpec> {
  if (Array.isArray(data) && data.length === 0) return [{ type: 'string', required: true }];
  const scalar = (v: unknown) => isMissing(v) || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array;
  // A list of scalars is one unnamed column; unnamed columns are always required.
  if (Array.isArray(data) && data.every(scalar)) return [colSpec(typeOfValues(data), undefined, true)];
  if (scalar(data) && !ArrayBuffer.isView(data)) return [colSpec(typeOfValue(data, 0), undefined, true)];
  const input = toModelInput(data);
  if (input.kind === 'tensor') return [tensorSpec(input.tensor.dtype, input.tensor.shape)];
  if (input.kind === 'tensors') return Object.entries(input.tensors).map(([name, t]) => tensorSpec(t.dtype, t.shape, name));
  const { frame } = input;
  if (frame.columns.length === 0) return [{ type: 'string', required: true }];
  const unnamed = Array.isArray(data) && data.every(Array.isArray);
  return frame.columns.map((name) => {
    const values = frame.data[name] ?? [];
    const declared = frame.dtypes?.[name];
    let t: TypeSpec;
    if (declared !== undefined && declared !== 'object') {
      const inferred = dataTypeOfDtype(declared);
      if (typeof inferred !== 'string') throw invalidParameter(inferred.error);
      t = { type: inferred };
    } else t = typeOfValues(values);
    return colSpec(t, unnamed ? undefined : name, unnamed || !values.some(isMissing));
  });
}

function inferParam(name: string, value: unknown): ParamSpec {
  if (Array.isArray(value)) {
    if (value.some(Array.isArray)) throw new Error('Expected parameters to be 1D array or scalar, got 2D array');
    const type = value.length > 0 && value.every((v) => v instanceof Date) ? 'datetime' : value.length === 0 ? 'double' : typeOfValues(value).type;
    if (!['boolean', 'long', 'double', 'string', 'datetime'].includes(type)) throw new Error(`Failed to infer schema for parameter ${pyRepr(value)}`);
    return { name, type, default: value, shape: [-1] };
  }
  if (isPlainObject(value)) {
    const t = typeOfValue(value, 0);
    return { name, type: 'object', default: value, shape: null, ...(t.type === 'object' ? { properties: t.properties as Record<string, unknown> } : {}) };
  }
  if (isMissing(value) || typeof value === 'object' && !(value instanceof Date)) {
    throw new Error(`Expected parameters to be 1D array or scalar, got ${value === null || value === undefined ? 'NoneType' : 'object'}`);
  }
  return { name, type: typeOfValue(value, 0).type, default: value, shape: null };
}

/** `_infer_param_schema`: one ParamSpec per param, the value as its default. */
export function inferParamSchema(params: Record<string, unknown>): ParamSpec[] {
  const specs: ParamSpec[] = [];
  const invalid: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    try {
      specs.push(inferParam(name, value));
    } catch (e) {
      invalid.push(`(${pyRepr(name)}, ${pyRepr(value instanceof Date ? String(value) : value)}, ${pyRepr(e instanceof Error ? e.message : String(e))})`);
    }
  }
  if (invalid.length > 0) throw invalidParameter(`Failed to infer schema for parameters: [${invalid.join(', ')}]`);
  return specs;
}

/**
 * MLflow's infer_signature. `input`/`output`: records, a columns object, a DataFrame, a list of
 * scalars or rows, a tensor / typed array, or named tensors; `params`: inference params.
 * @example inferSignature([{ x: 1.5, n: 2 }, { x: 2, n: null }], new Float32Array([0.1, 0.2]))
 * // { inputs: [{ type: 'double', name: 'x', required: true }, { type: 'long', name: 'n', required: false }],
 * //   outputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1] } }] }
 */
export function inferSignature(input: unknown, output?: unknown, params?: Record<string, unknown>): ModelSignature {
  const sig: ModelSignature = {};
  if (input !== undefined && input !== null) sig.inputs = inferSchema(input);
  if (output !== undefined && output !== null) sig.outputs = inferSchema(output);
  if (params && Object.keys(params).length > 0) sig.params = inferParamSchema(params);
  return sig;
}
