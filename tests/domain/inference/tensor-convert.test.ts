// TensorData checks and conversions (with a fake ORT Tensor: no runtime needed), the buffers
// the worker boundary moves or copies, and ORT's error messages turned into MLflow errors.
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { loadError, ortMessage, runError, runtimeError } from '../../../src/domain/inference/inference-errors';
import type { OrtModule } from '../../../src/domain/inference/ort-like';
import { settle, unwrap } from '../../../src/domain/outcome';
import { checkFeeds, checkTensor, fromOrtTensor, graphDims, toOrtTensor } from '../../../src/domain/inference/tensor-convert';
import { compactFeeds, transferableBuffers } from '../../../src/domain/inference/transfer';
import type { GraphIO, TensorData } from '../../../src/domain/inference/types';

class FakeTensor {
  constructor(readonly type: string, readonly data: unknown, readonly dims: readonly number[]) {}
}
const fakeOrt: OrtModule = {
  Tensor: FakeTensor,
  InferenceSession: { create: () => Promise.reject(new Error('not used')) },
  env: { wasm: {} },
};

describe('checkTensor / checkFeeds', () => {
  const inputs: GraphIO[] = [{ name: 'x', dtype: 'float32', dims: [-1, 2] }, { name: 'ids', dtype: 'int64', dims: [-1] }];
  const x: TensorData = { dtype: 'float32', dims: [1, 2], data: Float32Array.from([1, 2]) };
  const ids: TensorData = { dtype: 'int64', dims: [1], data: BigInt64Array.from([7n]) };

  test('accepts well-formed feeds', () => {
    expect(() => checkFeeds({ x, ids }, inputs)).not.toThrow();
    expect(() => checkTensor('s', { dtype: 'string', dims: [2, 1], data: ['a', 'b'] })).not.toThrow();
    expect(() => checkTensor('e', { dtype: 'float32', dims: [0, 4], data: new Float32Array(0) })).not.toThrow();
  });

  test.each<[string, () => void, RegExp]>([
    ['int64 as numbers', () => checkTensor('ids', { dtype: 'int64', dims: [1], data: Int32Array.from([7]) }), /Input 'ids' is int64, so its data must be a BigInt64Array, not a Int32Array/],
    ['strings as a typed array', () => checkTensor('s', { dtype: 'string', dims: [1], data: new Float32Array(1) }), /must be an Array of strings/],
    ['negative dims', () => checkTensor('x', { dtype: 'float32', dims: [-1, 2], data: new Float32Array(2) }), /invalid dims \[-1, 2\]/],
    ['an unknown dtype', () => checkTensor('x', { dtype: 'float16' as 'float32', dims: [1], data: new Float32Array(1) }), /unsupported dtype 'float16'/],
    ['a missing input', () => checkFeeds({ x }, inputs), /Missing model input 'ids'; the model's inputs are 'x', 'ids'/],
  ])('refuses %s', (_, call, message) => {
    expect(call).toThrow(MlflowError);
    expect(call).toThrow(message);
  });
});

describe('conversions', () => {
  test('bools travel as bytes to ORT and come back as booleans', () => {
    const t = toOrtTensor(fakeOrt, { dtype: 'bool', dims: [3], data: [true, false, true] });
    expect(t.data).toEqual(Uint8Array.from([1, 0, 1]));
    expect(fromOrtTensor('b', { type: 'bool', dims: [3], data: Uint8Array.from([1, 0, 2]) })).toEqual({ dtype: 'bool', dims: [3], data: [true, false, true] });
  });

  test('typed arrays pass through unchanged; dtypes Orchard does not return are refused', () => {
    const data = Float64Array.from([1.5]);
    expect(fromOrtTensor('y', { type: 'float64', dims: [1], data }).data).toBe(data);
    expect(() => fromOrtTensor('h', { type: 'float16', dims: [1], data: new Uint16Array(1) })).toThrow(/Output 'h' has dtype float16, which Orchard cannot return/);
  });

  test("ORT's unknown dims (4294967295) become -1, symbolic dims stay strings", () => {
    expect(graphDims([4294967295, 4, 'batch'])).toEqual([-1, 4, 'batch']);
    expect(graphDims(undefined)).toEqual([]);
  });
});

describe('what crosses the worker boundary', () => {
  test('views into larger buffers are compacted; whole buffers and string arrays are sent as they are', () => {
    const batch = new Float32Array(100);
    const whole = new Float32Array(8);
    const feeds = compactFeeds({
      chunk: { dtype: 'float32', dims: [2, 4], data: batch.subarray(8, 16) },
      whole: { dtype: 'float32', dims: [2, 4], data: whole },
      text: { dtype: 'string', dims: [1], data: ['a'] },
    });
    expect((feeds.chunk!.data as Float32Array).buffer.byteLength).toBe(32);
    expect(feeds.whole!.data).toBe(whole);
    expect(transferableBuffers(Object.values(feeds))).toHaveLength(2);
  });

  test('views of a SharedArrayBuffer are sent as they are: the worker reads the same memory', () => {
    const shared = new Float32Array(new SharedArrayBuffer(400));
    const view = shared.subarray(8, 16);
    expect(compactFeeds({ x: { dtype: 'float32', dims: [2, 4], data: view } }).x!.data).toBe(view);
  });

  test('shared and partial buffers are never listed for transfer, and each buffer once', () => {
    const shared = new Float32Array(new SharedArrayBuffer(16));
    const owned = new Float32Array(4);
    expect(transferableBuffers([
      { dtype: 'float32', dims: [4], data: shared },
      { dtype: 'float32', dims: [4], data: owned },
      { dtype: 'float32', dims: [4], data: owned },
      { dtype: 'float32', dims: [2], data: new Float32Array(8).subarray(2, 4) },
      { dtype: 'sequence', dims: [1], data: [{ a: 1 }] },
    ])).toEqual([owned.buffer]);
  });
});

describe('errors', () => {
  test("ORT's preamble is dropped and the usual causes explained", () => {
    const raw = new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.");
    expect(ortMessage(raw)).toBe('Failed to load model because protobuf parsing failed.');
    expect(loadError(raw)).toMatchObject({ errorCode: 'INVALID_PARAMETER_VALUE', message: 'Could not load ONNX model: Failed to load model because protobuf parsing failed. (the bytes are not a valid ONNX model (corrupt or truncated file?))' });
    expect(runError(new Error('boom')).message).toBe('Could not run ONNX model: boom');
    expect(runtimeError(new Error('no wasm')).errorCode).toBe('TEMPORARILY_UNAVAILABLE');
    const original = new MlflowError('kept', 'RESOURCE_DOES_NOT_EXIST');
    expect(loadError(original)).toBe(original);
  });

  test('outcomes carry the MLflow code through a boundary and back', async () => {
    const failed = await settle(() => Promise.reject(new MlflowError('gone', 'RESOURCE_DOES_NOT_EXIST')));
    expect(failed).toEqual({ ok: false, errorCode: 'RESOURCE_DOES_NOT_EXIST', message: 'gone' });
    expect(() => unwrap(failed)).toThrow(expect.objectContaining({ errorCode: 'RESOURCE_DOES_NOT_EXIST' }));
    expect(await settle(() => Promise.reject(new TypeError('oops')))).toEqual({ ok: false, errorCode: 'INTERNAL_ERROR', message: 'oops' });
    expect(unwrap(await settle(async () => 42))).toBe(42);
  });
});
