// Reads a serialized onnx.TensorProto (the ONNX backend tests' input_N.pb / output_N.pb) into
// TensorData. Field numbers and data_type values: onnx/onnx.proto (TensorProto, DataType).
import { readFileSync } from 'node:fs';
import { fieldsOf, readString, readVarints, type WireField } from '../../src/domain/inference/protobuf-wire';
import type { TensorData, TensorDtype } from '../../src/domain/inference/types';

const FIELD = { dims: 1, dataType: 2, floatData: 4, int32Data: 5, stringData: 6, int64Data: 7, name: 8, rawData: 9, doubleData: 10, uint64Data: 11 } as const;
const DTYPES: Record<number, TensorDtype> = { 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 11: 'float64', 12: 'uint32', 13: 'uint64' };
const ARRAYS = {
  float32: Float32Array, float64: Float64Array, int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
} as const;

export interface NamedTensor extends TensorData {
  name: string;
}

/** A copy of a field's payload in a buffer of its own (typed arrays need aligned offsets). */
function payload(bytes: Uint8Array, f: WireField): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes.subarray(f.start, f.end));
}

export function parseTensorProto(bytes: Uint8Array): NamedTensor {
  const dims: number[] = [];
  let dataType = 0;
  let name = '';
  let raw: Uint8Array<ArrayBuffer> | undefined;
  const fixed: Uint8Array[] = [];
  const ints: bigint[] = [];
  const strings: string[] = [];
  for (const f of fieldsOf(bytes)) {
    if (f.field === FIELD.dims) dims.push(...readVarints(bytes, f).map(Number));
    else if (f.field === FIELD.dataType) dataType = Number(readVarints(bytes, f)[0]);
    else if (f.field === FIELD.name) name = readString(bytes, f);
    else if (f.field === FIELD.rawData) raw = payload(bytes, f);
    else if (f.field === FIELD.floatData || f.field === FIELD.doubleData) fixed.push(payload(bytes, f)); // float/double: packed little-endian
    else if (f.field === FIELD.int32Data || f.field === FIELD.int64Data || f.field === FIELD.uint64Data) ints.push(...readVarints(bytes, f));
    else if (f.field === FIELD.stringData) strings.push(readString(bytes, f));
  }
  const dtype = DTYPES[dataType];
  if (!dtype) throw new Error(`TensorProto data_type ${dataType} not supported here`);
  if (dtype === 'string') return { name, dtype, dims, data: strings };
  if (dtype === 'bool') return { name, dtype, dims, data: raw ? Array.from(raw, (b) => b !== 0) : ints.map((v) => v !== 0n) };
  const Ctor = ARRAYS[dtype];
  if (raw || fixed.length) {
    const all = raw ?? new Uint8Array(fixed.flatMap((p) => [...p]));
    return { name, dtype, dims, data: new Ctor(all.buffer, 0, all.byteLength / Ctor.BYTES_PER_ELEMENT) };
  }
  const data = dtype === 'int64' || dtype === 'uint64'
    ? new ARRAYS[dtype](ints.map((v) => (dtype === 'uint64' ? BigInt.asUintN(64, v) : v)))
    : new ARRAYS[dtype](ints.map(Number));
  return { name, dtype, dims, data };
}

export function readTensorProto(path: string): NamedTensor {
  return parseTensorProto(new Uint8Array(readFileSync(path)));
}
