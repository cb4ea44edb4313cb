// Model inputs as the serving path carries them: a column-major DataFrame (pandas' role), one
// tensor (an ndarray) or named tensors (a dict of ndarrays). toModelInput accepts the shapes JS
// code has at hand and maps them the way pyfunc's `_enforce_schema` coerces its inputs
// (mlflow/models/utils.py): a list of records or of rows is a DataFrame, a dict of lists is
// columns, a dict of scalars is one row, a scalar is a one-cell frame, typed arrays are tensors.
import { invalidParameter } from '../errors';
import { canonicalDtype, dtypeInfo, dtypeOfTypedArray, isTypedArray } from './dtypes';

/** dtype in numpy names: float32, float64, int32, int64, bool, str ... */
export interface TensorValue {
  dtype: string;
  shape: number[];
  data: ArrayLike<number> | ArrayLike<bigint> | boolean[] | string[];
}
export interface DataFrame {
  columns: string[];
  /** column-major */
  data: Record<string, unknown[]>;
  length: number;
  /**
   * numpy dtype of a column whose values came typed (a Float32Array column, or a column enforced
   * against a signature). Columns without one hold plain JS values and are checked by value.
   */
  dtypes?: Record<string, string>;
}
export type ModelInput = { kind: 'dataframe'; frame: DataFrame } | { kind: 'tensor'; tensor: TensorValue } | { kind: 'tensors'; tensors: Record<string, TensorValue> };

type Dict = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Dict =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function fail(message: string): never {
  throw invalidParameter(message);
}

/** A TensorValue checked: known dtype, whole shape, as many elements as the shape says. */
export function checkTensor(value: Dict, where = 'tensor'): TensorValue {
  const given = typeof value.dtype === 'string' ? value.dtype : dtypeOfTypedArray(value.data);
  const dtype = given === undefined ? undefined : canonicalDtype(given);
  if (dtype === undefined || dtype === 'sized') fail(`The ${where} has an unknown dtype ${JSON.stringify(value.dtype)}; use numpy names such as float32, int64, bool, str.`);
  const data = value.data;
  if (!(Array.isArray(data) || isTypedArray(data))) fail(`The ${where}'s data must be an array or a typed array.`);
  const shape = value.shape === undefined ? [data.length] : value.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && Number(d) >= 0)) fail(`The ${where}'s shape must be a list of non-negative integers.`);
  const size = shape.reduce((a: number, b: number) => a * b, 1);
  if (size !== data.length) fail(`The ${where} has ${data.length} values but its shape ${JSON.stringify(shape)} holds ${size}.`);
  const kind = dtypeInfo(dtype)?.kind;
  const ok = (v: unknown): boolean =>
    kind === 'b' ? typeof v === 'boolean' : kind === 'U' ? typeof v === 'string' : kind === 'O' || kind === 'S' || kind === 'M' ? true : typeof v === 'number' || typeof v === 'bigint';
  if (Array.isArray(data) && !data.every(ok)) fail(`The ${where}'s values do not match its dtype ${dtype}.`);
  return { dtype, shape: shape.map(Number), data: data as TensorValue['data'] };
}

function looksLikeTensor(v: unknown): v is Dict {
  return isPlainObject(v) && 'data' in v && (typeof v.dtype === 'string' || (isTypedArray(v.data) && Array.isArray(v.shape)));
}

function tensorOf(v: unknown, where: string): TensorValue | undefined {
  if (isTypedArray(v)) return checkTensor({ data: v }, where);
  if (looksLikeTensor(v)) return checkTensor(v, where);
  return undefined;
}

/** A column from an array or typed array; typed arrays keep their dtype. */
function columnOf(values: unknown, name: string, frame: { data: Record<string, unknown[]>; dtypes: Record<string, string> }): number {
  if (isTypedArray(values)) {
    frame.data[name] = Array.from(values as ArrayLike<unknown>);
    frame.dtypes[name] = dtypeOfTypedArray(values) ?? 'object';
  } else if (Array.isArray(values)) frame.data[name] = values.map((v) => (v === undefined ? null : v));
  else fail(`Column '${name}' must be a list of values.`);
  return frame.data[name]?.length ?? 0;
}

function frameFrom(columns: string[], source: Record<string, unknown>): DataFrame {
  const frame = { data: {} as Record<string, unknown[]>, dtypes: {} as Record<string, string> };
  const lengths = new Set(columns.map((c) => columnOf(source[c], c, frame)));
  if (lengths.size > 1) fail('This model input has columns of different lengths: All arrays must be of the same length.');
  const length = [...lengths][0] ?? 0;
  return { columns, data: frame.data, length, ...(Object.keys(frame.dtypes).length > 0 ? { dtypes: frame.dtypes } : {}) };
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || ['string', 'number', 'boolean', 'bigint'].includes(typeof v) || v instanceof Date || v instanceof Uint8Array;
}

function frameFromList(list: unknown[]): DataFrame {
  if (list.length === 0) return { columns: [], data: {}, length: 0 };
  if (list.every(isPlainObject)) {
    const columns = [...new Set(list.flatMap((r) => Object.keys(r)))];
    return { columns, data: Object.fromEntries(columns.map((c) => [c, list.map((r) => r[c] ?? null)])), length: list.length };
  }
  if (list.every(Array.isArray)) {
    const width = Math.max(...list.map((r) => r.length));
    const columns = Array.from({ length: width }, (_, i) => String(i));
    return { columns, data: Object.fromEntries(columns.map((c, i) => [c, list.map((r) => (r[i] === undefined ? null : r[i]))])), length: list.length };
  }
  if (list.every(isScalar)) return { columns: ['0'], data: { 0: list.map((v) => v ?? null) }, length: list.length };
  return fail('A list input must hold only records (objects), only rows (lists) or only scalar values.');
}

function frameFromObject(value: Dict): DataFrame {
  if ('columns' in value && 'data' in value && 'length' in value && Array.isArray(value.columns) && isPlainObject(value.data)) {
    const columns = value.columns.map(String);
    const frame = frameFrom(columns, value.data);
    // A frame with no columns still has rows (pandas keeps the index).
    if (columns.length === 0 && Number.isSafeInteger(value.length) && Number(value.length) >= 0) frame.length = Number(value.length);
    if (frame.length !== value.length) fail(`The DataFrame says it has ${String(value.length)} rows but its columns hold ${frame.length}.`);
    if (isPlainObject(value.dtypes)) {
      for (const [c, d] of Object.entries(value.dtypes)) {
        const dtype = typeof d === 'string' ? canonicalDtype(d) : undefined;
        if (dtype === undefined || dtype === 'sized' || !columns.includes(c)) fail(`The DataFrame's dtype for column '${c}' is not a numpy dtype of one of its columns.`);
        frame.dtypes = { ...frame.dtypes, [c]: dtype };
      }
    }
    return frame;
  }
  const values = Object.values(value);
  if (values.every((v) => Array.isArray(v) || isTypedArray(v))) return frameFrom(Object.keys(value), value);
  if (values.every(isScalar)) return frameFromList([value]);
  return fail('An object input must map every name to a list (columns), a tensor, or a scalar (one row).');
}

/**
 * Normalises what a caller passes to predict/enforce/infer into a ModelInput.
 * @example toModelInput([{ x: 1, y: 'a' }, { x: 2, y: 'b' }]) // { kind: 'dataframe', frame: { columns: ['x', 'y'], ... } }
 * @example toModelInput(new Float32Array([1, 2])) // { kind: 'tensor', tensor: { dtype: 'float32', shape: [2], data } }
 * @example toModelInput({ a: { dtype: 'int64', shape: [1], data: [7] } }) // { kind: 'tensors', ... }
 */
export function toModelInput(value: unknown): ModelInput {
  if (isPlainObject(value) && value.kind === 'dataframe' && isPlainObject(value.frame)) return { kind: 'dataframe', frame: frameFromObject(value.frame) };
  if (isPlainObject(value) && value.kind === 'tensor' && isPlainObject(value.tensor)) return { kind: 'tensor', tensor: checkTensor(value.tensor) };
  if (isPlainObject(value) && value.kind === 'tensors' && isPlainObject(value.tensors)) return toModelInput(value.tensors);
  const single = tensorOf(value, 'tensor');
  if (single) return { kind: 'tensor', tensor: single };
  if (Array.isArray(value)) return { kind: 'dataframe', frame: frameFromList(value) };
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => looksLikeTensor(v) || isTypedArray(v))) {
      return { kind: 'tensors', tensors: Object.fromEntries(entries.map(([k, v]) => [k, tensorOf(v, `tensor '${k}'`) as TensorValue])) };
    }
    return { kind: 'dataframe', frame: frameFromObject(value) };
  }
  if (isScalar(value) && value !== undefined) return { kind: 'dataframe', frame: { columns: ['0'], data: { 0: [value] }, length: 1 } };
  return fail(`Unsupported model input of type ${typeof value}: pass records, columns, a DataFrame, a tensor or named tensors.`);
}
