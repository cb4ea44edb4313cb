// The type vocabulary of MLflow signatures: MLflow's DataType names (mlflow/types/schema.py
// `DataType`, each mapped to its numpy dtype) and the numpy dtype names TensorSpecs carry, with
// the kind/itemsize facts MLflow's upcast rules read (`_enforce_mlflow_datatype`).

export const COLSPEC_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'] as const;
export type ColSpecType = (typeof COLSPEC_TYPES)[number];
/** ColSpec types MLflow keeps as structures (array/object/map) or leaves unchecked (any). */
export const COMPLEX_TYPES = ['array', 'object', 'map', 'any', 'sparkml_vector'] as const;

/** numpy's dtype.kind: b(ool) i(nt) u(nsigned) f(loat) c(omplex) U (str) S (bytes) O(bject) M (datetime). */
export interface DtypeInfo {
  kind: 'b' | 'i' | 'u' | 'f' | 'c' | 'U' | 'S' | 'O' | 'M';
  itemsize: number;
}

const DTYPES: Record<string, DtypeInfo> = {
  bool: { kind: 'b', itemsize: 1 },
  int8: { kind: 'i', itemsize: 1 },
  int16: { kind: 'i', itemsize: 2 },
  int32: { kind: 'i', itemsize: 4 },
  int64: { kind: 'i', itemsize: 8 },
  uint8: { kind: 'u', itemsize: 1 },
  uint16: { kind: 'u', itemsize: 2 },
  uint32: { kind: 'u', itemsize: 4 },
  uint64: { kind: 'u', itemsize: 8 },
  float16: { kind: 'f', itemsize: 2 },
  float32: { kind: 'f', itemsize: 4 },
  float64: { kind: 'f', itemsize: 8 },
  complex64: { kind: 'c', itemsize: 8 },
  complex128: { kind: 'c', itemsize: 16 },
  str: { kind: 'U', itemsize: 0 },
  bytes: { kind: 'S', itemsize: 0 },
  object: { kind: 'O', itemsize: 8 },
};
/** Spellings numpy accepts for the same dtype; MLflow writes `dtype.name`, the canonical one. */
const ALIASES: Record<string, string> = {
  float: 'float64', double: 'float64', int: 'int64', long: 'int64', bool_: 'bool', str_: 'str', bytes_: 'bytes', object_: 'object',
  f2: 'float16', f4: 'float32', f8: 'float64', i1: 'int8', i2: 'int16', i4: 'int32', i8: 'int64', u1: 'uint8', u2: 'uint16', u4: 'uint32', u8: 'uint64',
  b1: 'bool', '?': 'bool', U: 'str', S: 'bytes', O: 'object', half: 'float16', single: 'float32', short: 'int16', intc: 'int32', ubyte: 'uint8', byte: 'int8',
};
const DATETIME = /^datetime64(?:\[(?:Y|M|W|D|h|m|s|ms|us|ns|ps|fs|as)\])?$/;

/**
 * numpy's canonical name for a dtype spelling, or undefined when numpy would not understand it.
 * Throws nothing; callers word the error. Sized strings (`<U5`) come back as `sized`.
 * @example canonicalDtype('<f4') // 'float32'
 */
export function canonicalDtype(name: string): string | undefined | 'sized' {
  const bare = name.replace(/^[<>=|]/, '');
  if (DTYPES[bare] !== undefined) return bare;
  const alias = ALIASES[bare];
  if (alias !== undefined) return alias;
  if (DATETIME.test(bare)) return bare;
  if (/^(?:[US]\d+|str\d+|bytes\d+)$/.test(bare)) return 'sized';
  return undefined;
}

export function dtypeInfo(name: string): DtypeInfo | undefined {
  if (DATETIME.test(name)) return { kind: 'M', itemsize: 8 };
  return DTYPES[name];
}

/** MLflow DataType -> the numpy dtype a column of it holds after enforcement (`DataType.to_numpy`). */
export const NUMPY_OF: Record<ColSpecType, string> = {
  boolean: 'bool', integer: 'int32', long: 'int64', float: 'float32', double: 'float64', string: 'str', binary: 'bytes', datetime: 'datetime64[ns]',
};

export function isColSpecType(t: unknown): t is ColSpecType {
  return typeof t === 'string' && (COLSPEC_TYPES as readonly string[]).includes(t);
}

/**
 * `_infer_numpy_dtype`: the DataType a numpy dtype infers to, or an error message.
 * @example dataTypeOfDtype('uint16') // 'integer'
 */
export function dataTypeOfDtype(dtype: string): ColSpecType | { error: string } {
  const info = dtypeInfo(dtype);
  if (info === undefined) return { error: `Unsupported numpy data type '${dtype}'` };
  const { kind, itemsize } = info;
  if (kind === 'b') return 'boolean';
  if (kind === 'i' || kind === 'u') {
    if (itemsize < 4 || (kind === 'i' && itemsize === 4)) return 'integer';
    if (itemsize < 8 || (kind === 'i' && itemsize === 8)) return 'long';
  }
  if (kind === 'f' && itemsize <= 4) return 'float';
  if (kind === 'f' && itemsize <= 8) return 'double';
  if (kind === 'U') return 'string';
  if (kind === 'S') return 'binary';
  if (kind === 'M') return 'datetime';
  return { error: `Unsupported numpy data type '${dtype}', kind '${kind}'` };
}

export type NumericTypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array;
export type TypedArray = NumericTypedArray | BigInt64Array | BigUint64Array;

export function isTypedArray(value: unknown): value is TypedArray {
  return dtypeOfTypedArray(value) !== undefined;
}

/** The numpy dtype of a typed array (a Uint8ClampedArray is uint8), or undefined for anything else. */
export function dtypeOfTypedArray(value: unknown): string | undefined {
  if (value instanceof Float32Array) return 'float32';
  if (value instanceof Float64Array) return 'float64';
  if (value instanceof Int8Array) return 'int8';
  if (value instanceof Int16Array) return 'int16';
  if (value instanceof Int32Array) return 'int32';
  if (value instanceof Uint8Array || value instanceof Uint8ClampedArray) return 'uint8';
  if (value instanceof Uint16Array) return 'uint16';
  if (value instanceof Uint32Array) return 'uint32';
  if (value instanceof BigInt64Array) return 'int64';
  if (value instanceof BigUint64Array) return 'uint64';
  return undefined;
}

/** Storage for a tensor of this dtype: typed arrays for numbers, plain arrays for bool/str/object. */
export function allocateTensorData(dtype: string, length: number): TypedArray | unknown[] {
  switch (dtype) {
    case 'float32': return new Float32Array(length);
    case 'float64': return new Float64Array(length);
    case 'float16': return new Float32Array(length);
    case 'int8': return new Int8Array(length);
    case 'int16': return new Int16Array(length);
    case 'int32': return new Int32Array(length);
    case 'int64': return new BigInt64Array(length);
    case 'uint8': return new Uint8Array(length);
    case 'uint16': return new Uint16Array(length);
    case 'uint32': return new Uint32Array(length);
    case 'uint64': return new BigUint64Array(length);
    default: return new Array<unknown>(length);
  }
}

/** The value range of an integer dtype, for checking that a JS number fits. */
export function integerRange(dtype: string): [bigint, bigint] | undefined {
  const info = dtypeInfo(dtype);
  if (!info || (info.kind !== 'i' && info.kind !== 'u')) return undefined;
  const bits = BigInt(info.itemsize * 8);
  return info.kind === 'u' ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}
