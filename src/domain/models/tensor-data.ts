// Tensors from and to JSON-like nested lists: what MLflow does with `np.array(data, dtype=...)`
// when it reads `{"inputs": ...}` bodies and ndarray input examples against a TensorSpec
// (mlflow/utils/proto_json_utils.py `parse_tf_serving_input`), but refusing casts that change a
// value (a fraction into an integer, a number out of range, text into numbers).
import { allocateTensorData, canonicalDtype, dtypeInfo, integerRange } from './dtypes';
import type { TensorValue } from './model-input';

const MAX_ELEMENTS = 100_000_000;

/** The numpy type name of an untyped JS value column, as pandas would infer it, for messages. */
function jsTypeName(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'bigint') return 'int64';
  if (typeof value === 'boolean') return 'bool';
  return 'object';
}

/**
 * One untyped JS value converted to a numpy dtype's JS representation, or an Error saying why
 * it cannot be without changing it. Floats accept any number (float32 rounds, as numpy's cast does).
 */
export function castValue(value: unknown, dtype: string): unknown {
  const info = dtypeInfo(dtype);
  const missing = value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
  if (info?.kind === 'f') {
    if (missing) return NaN;
    if (typeof value === 'number') return info.itemsize === 4 ? Math.fround(value) : value;
    if (typeof value === 'bigint') return Number(value);
  } else if (info?.kind === 'i' || info?.kind === 'u') {
    if (missing) throw new Error(`Can not safely convert float64 to ${dtype}: the data has missing values (integers cannot represent them).`);
    const range = integerRange(dtype);
    const n = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : undefined;
    if (n === undefined) throw new Error(`Can not safely convert ${jsTypeName(value)} to ${dtype}.`);
    if (range && (n < range[0] || n > range[1])) throw new Error(`The value ${String(value)} does not fit in ${dtype}.`);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  } else if (info?.kind === 'b') {
    if (typeof value === 'boolean') return value;
  } else if (info?.kind === 'U') {
    if (typeof value === 'string') return value;
  } else if (info?.kind === 'S') {
    if (value instanceof Uint8Array) return value;
  } else if (info?.kind === 'M') {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (date && !Number.isNaN(date.getTime())) return date;
  } else if (info?.kind === 'O') {
    return value;
  }
  throw new Error(`Can not safely convert ${jsTypeName(value)} to ${dtype}.`);
}

/** The shape of a rectangular nested list, or an Error for a ragged one. */
export function nestedShape(data: unknown): number[] {
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (node: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new Error('The nested lists have different depths (a ragged array).');
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) throw new Error('The nested lists have different lengths (a ragged array).');
    for (const child of node) check(child, depth + 1);
  };
  check(data, 0);
  return shape;
}

function inferDtype(values: unknown[]): string {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return 'bool';
  if (present.length > 0 && present.every((v) => typeof v === 'string')) return 'str';
  if (present.every((v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) && present.length === values.length) return 'int64';
  if (present.every((v) => typeof v === 'number' || typeof v === 'bigint')) return 'float64';
  return 'object';
}

/** Fills a tensor of `dtype` from untyped values; throws the first value that does not convert. */
export function tensorFromValues(values: readonly unknown[], shape: number[], dtype: string): TensorValue {
  const data = allocateTensorData(dtype, values.length);
  const big = data instanceof BigInt64Array || data instanceof BigUint64Array;
  values.forEach((v, i) => {
    const cast = castValue(v, dtype);
    (data as unknown[])[i] = big && typeof cast === 'number' ? BigInt(cast) : cast;
  });
  return { dtype, shape, data: data as TensorValue['data'] };
}

/**
 * A tensor from a JSON nested list (`[[1, 2], [3, 4]]`). With a dtype (a TensorSpec's), values
 * are converted to it; without, numpy's choice: bool, str, int64 when every number is whole, float64.
 * @example tensorFromJson([[1, 2], [3, 4.5]]) // { dtype: 'float64', shape: [2, 2], data: Float64Array [1, 2, 3, 4.5] }
 */
export function tensorFromJson(data: unknown, dtype?: string): TensorValue {
  const shape = nestedShape(data);
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > MAX_ELEMENTS) throw new Error(`The tensor has ${size} elements; at most ${MAX_ELEMENTS} are read.`);
  const flat: unknown[] = shape.length === 0 ? [data] : (data as unknown[]).flat(shape.length - 1);
  const resolved = dtype === undefined ? inferDtype(flat) : canonicalDtype(dtype);
  if (resolved === undefined || resolved === 'sized') throw new Error(`data type '${dtype ?? ''}' not understood`);
  return tensorFromValues(flat, shape, resolved);
}

/** The tensor as JSON nested lists (`ndarray.tolist()`), NaN as null like MLflow's examples. */
export function tensorToNested(tensor: TensorValue): unknown {
  const flat = Array.from(tensor.data as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? null : v));
  const { shape } = tensor;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const build = (offset: number, depth: number): unknown =>
    depth === shape.length ? (flat[offset] ?? null) : Array.from({ length: shape[depth] ?? 0 }, (_, i) => build(offset + i * (strides[depth] ?? 1), depth + 1));
  return build(0, 0);
}
