// What the in-process engine does when things go wrong, and its session cache and queue with a
// real ORT session: corrupt or truncated models, an operator ORT does not know, bad feeds,
// unknown outputs and keys, concurrent runs on one session, release, and the lazy model source.
import { afterAll, describe, expect, test } from 'vitest';
import { makeInProcessInferenceEngine } from '../../src/compute/node-inference';
import type { TensorData } from '../../src/compute/inference-engine';
import { onnxBytes } from '../helpers/onnx-fixtures';
import { expectMlflowError } from '../helpers/expect-mlflow-error';

const engine = makeInProcessInferenceEngine();
afterAll(() => engine.dispose());

const WINE = 'mlflow-export-import/model.onnx';
/** A wine (11 features); `i` moves volatile acidity, sulphates and alcohol across their ranges. */
const wineRow = (i: number): TensorData => ({
  dtype: 'float32',
  dims: [1, 11],
  data: Float32Array.from([7.4, 0.2 + ((i * 7) % 10) / 10, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.4 + ((i * 3) % 7) / 10, 8 + (i % 13) / 2]),
});

describe('models that cannot load', () => {
  const rf = onnxBytes('sklearn-onnx/docs/examples/rf_iris.onnx');
  test.each([
    ['random bytes', Uint8Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 251)],
    ['a truncated model', rf.slice(0, Math.floor(rf.length / 2))],
    ['a text file', new TextEncoder().encode('artifact_path: model\nflavors:\n  onnx: {}\n')],
  ])('%s: INVALID_PARAMETER_VALUE "Could not load ONNX model"', async (_, bytes) => {
    await expectMlflowError(engine.load(`bad-${bytes.length}`, bytes), 'INVALID_PARAMETER_VALUE', /^Could not load ONNX model: Failed to load model because protobuf parsing failed\. \(the bytes are not a valid ONNX model/);
  });

  test('empty bytes, and a source that fails to fetch', async () => {
    await expectMlflowError(engine.load('empty', new ArrayBuffer(0)), 'INVALID_PARAMETER_VALUE', /the model is empty \(0 bytes\)/);
    await expectMlflowError(engine.load('gone', () => Promise.reject(new Error('blob missing'))), 'INVALID_PARAMETER_VALUE', /could not read its bytes: blob missing/);
  });

  test('an operator ORT does not know', async () => {
    const bytes = onnxBytes('libonnx-testdata/node/test_relu/model.onnx');
    const at = Buffer.from(bytes).indexOf('Relu');
    bytes.set(new TextEncoder().encode('Relx'), at); // same length: the protobuf stays well formed
    await expectMlflowError(engine.load('relx', bytes), 'INVALID_PARAMETER_VALUE', /^Could not load ONNX model: No Op registered for Relx .*\(the model uses an operator or domain that onnxruntime-web does not have\)/);
  });

  test('a failed load is not cached: the same key loads once good bytes come', async () => {
    await expectMlflowError(engine.load('retry', new Uint8Array([1, 2, 3])), 'INVALID_PARAMETER_VALUE');
    await expect(engine.load('retry', onnxBytes(WINE))).resolves.toMatchObject({ key: 'retry', backend: 'wasm', threads: 1 });
  });
});

describe('bad requests', () => {
  test('missing, unknown and mistyped inputs, and unknown outputs, name what the model expects', async () => {
    await engine.load(WINE, onnxBytes(WINE));
    await expectMlflowError(engine.run(WINE, {}), 'INVALID_PARAMETER_VALUE', /Missing model input 'float_input'; the model's inputs are 'float_input'/);
    await expectMlflowError(engine.run(WINE, { float_input: wineRow(9), x: wineRow(9) }), 'INVALID_PARAMETER_VALUE', /Unknown model input 'x'/);
    await expectMlflowError(engine.run(WINE, { float_input: { dtype: 'float64', dims: [1, 11], data: new Float64Array(11) } }), 'INVALID_PARAMETER_VALUE', /Input 'float_input' must be float32, got float64/);
    await expectMlflowError(engine.run(WINE, { float_input: { dtype: 'float32', dims: [1, 11], data: new Float64Array(11) } }), 'INVALID_PARAMETER_VALUE', /data must be a Float32Array, not a Float64Array/);
    await expectMlflowError(engine.run(WINE, { float_input: { dtype: 'float32', dims: [2, 11], data: new Float32Array(11) } }), 'INVALID_PARAMETER_VALUE', /dims \[2, 11\] \(22 values\) but 11 values/);
    await expectMlflowError(engine.run(WINE, { float_input: { dtype: 'float32', dims: [1, 5], data: new Float32Array(5) } }), 'INVALID_PARAMETER_VALUE', /^Could not run ONNX model: .*dimensions/i);
    await expectMlflowError(engine.run(WINE, { float_input: wineRow(9) }, ['nope']), 'INVALID_PARAMETER_VALUE', /Unknown model output 'nope'; the model's outputs are 'variable'/);
  });

  test('a key that was never loaded, or was released', async () => {
    await expectMlflowError(engine.run('never', {}), 'RESOURCE_DOES_NOT_EXIST', /No ONNX model is loaded under key 'never'/);
    await engine.load('released', onnxBytes(WINE));
    await engine.release('released');
    await expectMlflowError(engine.run('released', { float_input: wineRow(9) }), 'RESOURCE_DOES_NOT_EXIST');
    await engine.release('released'); // unknown keys are ignored
  });
});

describe('one session, many callers', () => {
  test('concurrent runs all resolve, in call order, each with its own answer', async () => {
    const key = 'concurrent';
    await engine.load(key, onnxBytes(WINE));
    const rows = Array.from({ length: 40 }, (_, i) => i);
    const sequential: number[] = [];
    for (const i of rows) sequential.push(((await engine.run(key, { float_input: wineRow(i) })).variable as TensorData).data[0] as number);
    expect(new Set(sequential).size).toBeGreaterThan(3); // different leaves of the tree

    const finished: number[] = [];
    const results = await Promise.all(rows.map((i) => engine.run(key, { float_input: wineRow(i) }).then((r) => (finished.push(i), (r.variable as TensorData).data[0] as number))));
    expect(results).toEqual(sequential);
    expect(finished).toEqual(rows);
  });

  test('release waits for the runs already queued', async () => {
    const key = 'release-while-busy';
    await engine.load(key, onnxBytes(WINE));
    const runs = [1, 2, 3].map((i) => engine.run(key, { float_input: wineRow(9 + i) }));
    await engine.release(key);
    for (const r of await Promise.all(runs)) expect((r.variable as TensorData).dims).toEqual([1, 1]);
  });

  test('the lazy model source is called once, and not at all once the key is cached', async () => {
    let calls = 0;
    const source = async (): Promise<ArrayBuffer> => (calls++, onnxBytes(WINE).buffer);
    const sessions = await Promise.all([engine.load('lazy', source), engine.load('lazy', source), engine.load('lazy', source)]);
    expect(calls).toBe(1);
    expect(sessions[1]).toBe(sessions[0]);
    await engine.load('lazy', source);
    expect(calls).toBe(1);
  });

  test('feeds are left intact in process, and bytes passed in are not modified', async () => {
    const bytes = onnxBytes(WINE);
    const before = bytes.slice();
    await engine.load('intact', bytes);
    expect(bytes).toEqual(before);
    const feed = wineRow(10);
    await engine.run('intact', { float_input: feed });
    expect(feed.data.length).toBe(11);
  });
});
