// TensorData <-> ORT tensors, with the checks that turn ORT's terse failures ("invalid input 'x'",
// a wasm abort on a short buffer) into errors naming the input and what was expected.
// Typed arrays are recognised by their [[Class]] tag, not instanceof, so arrays that crossed a
// realm (a worker, a vm context) are still recognised.
import { invalidParameter } from '../errors';
import type { OrtModule, OrtTensorLike, OrtTensorValues } from './ort-like';
import type { GraphIO, TensorData, TensorDtype, TensorValues } from './types';

/** The typed array each numeric dtype travels in (ORT's own mapping). */
const ARRAY_OF: Record<Exclude<TensorDtype, 'bool' | 'string'>, string> = {
  float32: 'Float32Array', float64: 'Float64Array', int8: 'Int8Array', uint8: 'Uint8Array',
  int16: 'Int16Array', uint16: 'Uint16Array', int32: 'Int32Array', uint32: 'Uint32Array',
  int64: 'BigInt64Array', uint64: 'BigUint64Array',
};

const kindOf = (x: unknown): string => Object.prototype.toString.call(x).slice(8, -1);

export function isTensorDtype(t: string): t is TensorDtype {
  return t === 'bool' || t === 'string' || t in ARRAY_OF;
}

function isNumericDtype(t: TensorDtype): t is keyof typeof ARRAY_OF {
  return t in ARRAY_OF;
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}

/** Throws INVALID_PARAMETER_VALUE unless `t` is a well-formed tensor of a supported dtype. */
export function checkTensor(name: string, t: TensorData): void {
  const where = `Input '${name}'`;
  if (!t || typeof t !== 'object' || !Array.isArray(t.dims)) throw invalidParameter(`${where} must be a tensor { dtype, dims, data }`);
  if (!isTensorDtype(t.dtype)) throw invalidParameter(`${where} has unsupported dtype '${String(t.dtype)}'`);
  if (!t.dims.every((d) => Number.isInteger(d) && d >= 0)) throw invalidParameter(`${where} has invalid dims [${t.dims.join(', ')}]`);
  const kind = kindOf(t.data);
  const expected = isNumericDtype(t.dtype) ? ARRAY_OF[t.dtype] : 'Array';
  if (kind !== expected) throw invalidParameter(`${where} is ${t.dtype}, so its data must be a${expected === 'Array' ? 'n' : ''} ${expected}${expected === 'Array' ? ` of ${t.dtype === 'bool' ? 'booleans' : 'strings'}` : ''}, not a ${kind}`);
  const n = elementCount(t.dims);
  if (t.data.length !== n) throw invalidParameter(`${where} has dims [${t.dims.join(', ')}] (${n} values) but ${t.data.length} values`);
}

/** Checks feeds against the graph's inputs: every input given, no unknown names, matching dtypes. */
export function checkFeeds(feeds: Record<string, TensorData>, inputs: readonly GraphIO[]): void {
  const expected = inputs.map((i) => `'${i.name}'`).join(', ');
  const missing = inputs.filter((i) => !(i.name in feeds)).map((i) => `'${i.name}'`);
  if (missing.length) throw invalidParameter(`Missing model input ${missing.join(', ')}; the model's inputs are ${expected}`);
  for (const name of Object.keys(feeds)) {
    const input = inputs.find((i) => i.name === name);
    if (!input) throw invalidParameter(`Unknown model input '${name}'; the model's inputs are ${expected}`);
    const t = feeds[name] as TensorData;
    checkTensor(name, t);
    if (isTensorDtype(input.dtype) && t.dtype !== input.dtype) {
      throw invalidParameter(`Input '${name}' must be ${input.dtype}, got ${t.dtype}`);
    }
  }
}

export function toOrtTensor(ort: OrtModule, t: TensorData): OrtTensorLike {
  // ORT keeps bools as one byte each; callers use boolean[] like everything else in JS.
  const data: OrtTensorValues = t.dtype === 'bool' ? Uint8Array.from(t.data as boolean[], (b) => (b ? 1 : 0)) : (t.data as OrtTensorValues);
  return new ort.Tensor(t.dtype, data, t.dims);
}

function isTensorValues(x: unknown, dtype: TensorDtype): x is TensorValues {
  return isNumericDtype(dtype) ? kindOf(x) === ARRAY_OF[dtype] : Array.isArray(x);
}

/** An ORT output as TensorData. float16 / int4 and friends are refused, not silently widened. */
export function fromOrtTensor(name: string, t: OrtTensorLike): TensorData {
  const dims = [...t.dims];
  if (t.type === 'bool') {
    if (kindOf(t.data) !== 'Uint8Array') throw invalidParameter(`Output '${name}': unexpected bool data`);
    return { dtype: 'bool', dims, data: Array.from(t.data as Uint8Array, (b) => b !== 0) };
  }
  if (!isTensorDtype(t.type)) throw invalidParameter(`Output '${name}' has dtype ${t.type}, which Orchard cannot return`);
  if (!isTensorValues(t.data, t.type)) throw invalidParameter(`Output '${name}': ORT returned ${kindOf(t.data)} for ${t.type}`);
  return { dtype: t.type, dims, data: t.data };
}

/** ORT reports unknown dims as 4294967295 (uint32 -1); the contract says -1. */
export function graphDims(shape: ReadonlyArray<number | string> | undefined): Array<number | string> {
  return (shape ?? []).map((d) => (typeof d === 'string' ? d : d >= 0 && d < 2 ** 31 ? d : -1));
}
