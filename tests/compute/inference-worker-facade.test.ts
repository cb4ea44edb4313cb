// The worker engine's main-thread facade (src/compute/inference-worker.ts) against the worker's
// real API (workers/inference/worker-api.ts) running ORT's Node build, with a MessageChannel
// standing in for the Worker: lazy start, errors keeping their MLflow code across the boundary,
// which buffers move and which are copied, the model bytes sent once, and a dead worker.
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/wasm';
import { afterEach, describe, expect, test } from 'vitest';
import { makeWorkerInferenceEngine, type WorkerLike } from '../../src/compute/inference-worker';
import type { SequenceData, TensorData } from '../../src/compute/inference-engine';
import type { InferenceWorkerOptions } from '../../workers/inference/types';
import { createInferenceWorkerApi } from '../../workers/inference/worker-api';
import { expectMlflowError } from '../helpers/expect-mlflow-error';
import { copyTensor, expectTensorClose, libonnxCases, onnxBytes } from '../helpers/onnx-fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function fakeWorker(): { connect: () => WorkerLike; started: () => number; loads: () => number; runtimeOptions: InferenceWorkerOptions[] } {
  let started = 0;
  let loads = 0;
  const runtimeOptions: InferenceWorkerOptions[] = [];
  const connect = (): WorkerLike => {
    started++;
    const { port1, port2 } = new MessageChannel();
    const api = createInferenceWorkerApi(async (options) => {
      runtimeOptions.push(options);
      // numThreads must be set in Node: ORT's default probes os.cpus() with a require() its ESM build lacks.
      ort.env.wasm.numThreads = 1;
      return { ort, backends: ['wasm'] };
    });
    const counting = { ...api, load: (key: string, model: Uint8Array) => (loads++, api.load(key, model)) };
    Comlink.expose(counting, port2);
    const close = (): void => (port1.close(), port2.close());
    cleanups.push(close);
    return Object.assign(port1, { terminate: close });
  };
  return { connect, started: () => started, loads: () => loads, runtimeOptions };
}

const IRIS = 'sklearn-onnx/docs/examples/rf_iris.onnx';
const irisRows = (n: number): TensorData => ({ dtype: 'float32', dims: [n, 4], data: Float32Array.from({ length: n * 4 }, (_, i) => [5.1, 3.5, 1.4, 0.2][i % 4]!) });

describe('makeWorkerInferenceEngine', () => {
  test('starts nothing until the first load, then runs a real model end to end', async () => {
    const fake = fakeWorker();
    const engine = makeWorkerInferenceEngine({ connect: fake.connect, numThreads: 1, webgpu: false });
    expect(fake.started()).toBe(0);
    const gemm = libonnxCases().find((c) => c.name === 'node/test_gemm_default_vector_bias')!;
    const s = await engine.load(gemm.name, onnxBytes(gemm.model));
    expect(fake.started()).toBe(1);
    expect(fake.runtimeOptions).toEqual([{ numThreads: 1, webgpu: false }]); // configured before ORT started
    expect(s.inputs.map((i) => i.name)).toEqual(['a', 'b', 'c']);
    const out = await engine.run(gemm.name, Object.fromEntries(gemm.inputs.map((t) => [t.name || s.inputs[gemm.inputs.indexOf(t)]!.name, copyTensor(t)])));
    expectTensorClose(out.y, gemm.outputs[0]!, 'gemm y');
    engine.dispose();
  });

  test('ZipMap rows and int64 labels survive the trip', async () => {
    const engine = makeWorkerInferenceEngine({ connect: fakeWorker().connect });
    await engine.load(IRIS, onnxBytes(IRIS));
    const out = await engine.run(IRIS, { float_input: irisRows(2) });
    expect([...((out.output_label as TensorData).data as BigInt64Array)]).toEqual([0n, 0n]);
    const probs = out.output_probability as SequenceData;
    expect(probs.dims).toEqual([2]);
    expect(Object.keys(probs.data[0] as object)).toEqual(['0', '1', '2']);
    engine.dispose();
  });

  test('errors keep their MLflow code and message across the worker boundary', async () => {
    const engine = makeWorkerInferenceEngine({ connect: fakeWorker().connect });
    await expectMlflowError(engine.load('bad', new Uint8Array([8, 1, 2, 3])), 'INVALID_PARAMETER_VALUE', /^Could not load ONNX model: .*not a valid ONNX model/);
    await expectMlflowError(engine.run('never-loaded', {}), 'RESOURCE_DOES_NOT_EXIST', /No ONNX model is loaded under key 'never-loaded'/);
    await engine.load(IRIS, onnxBytes(IRIS));
    await expectMlflowError(engine.run(IRIS, { float_input: { dtype: 'float64', dims: [1, 4], data: new Float64Array(4) } }), 'INVALID_PARAMETER_VALUE', /must be float32, got float64/);
    engine.dispose();
  });

  test('whole-buffer feeds are moved; a view into a larger batch is copied, leaving the batch intact', async () => {
    const engine = makeWorkerInferenceEngine({ connect: fakeWorker().connect });
    await engine.load(IRIS, onnxBytes(IRIS));
    const owned = irisRows(3);
    await engine.run(IRIS, { float_input: owned });
    expect(owned.data.length).toBe(0); // detached: transferred, not copied
    const batch = irisRows(10).data as Float32Array;
    const out = await engine.run(IRIS, { float_input: { dtype: 'float32', dims: [2, 4], data: batch.subarray(8, 16) } });
    expect(batch.length).toBe(40);
    expect((out.output_label as TensorData).dims).toEqual([2]);
    engine.dispose();
  });

  test("the model's bytes are sent once per key, and the caller's bytes are left intact", async () => {
    const fake = fakeWorker();
    const engine = makeWorkerInferenceEngine({ connect: fake.connect });
    const bytes = onnxBytes(IRIS);
    let fetched = 0;
    const lazy = async (): Promise<ArrayBuffer> => (fetched++, onnxBytes(IRIS).buffer);
    const [a, b] = await Promise.all([engine.load('k', bytes), engine.load('k', lazy)]);
    expect(a).toEqual(b);
    expect(bytes.byteLength).toBeGreaterThan(0);
    await engine.load('k', lazy);
    expect([fake.loads(), fetched]).toEqual([1, 0]);
    await engine.release('k');
    await engine.load('k', lazy);
    expect([fake.loads(), fetched]).toEqual([2, 1]);
    engine.dispose();
  });

  test('dispose ends the worker; the next load starts a new one', async () => {
    const fake = fakeWorker();
    const engine = makeWorkerInferenceEngine({ connect: fake.connect });
    await engine.load(IRIS, onnxBytes(IRIS));
    engine.dispose();
    await engine.load(IRIS, onnxBytes(IRIS));
    expect([fake.started(), fake.loads()]).toEqual([2, 2]);
    engine.dispose();
  });

  test('dispose rejects the calls still in flight (CANCELLED) instead of leaving them hanging', async () => {
    const engine = makeWorkerInferenceEngine({ connect: fakeWorker().connect });
    await engine.load(IRIS, onnxBytes(IRIS));
    const running = engine.run(IRIS, { float_input: irisRows(1000) });
    engine.dispose();
    await expectMlflowError(running, 'CANCELLED', /disposed/);
  });

  test('a worker that dies rejects pending calls instead of hanging', async () => {
    const { port1 } = new MessageChannel(); // nobody answers on the other end
    const engine = makeWorkerInferenceEngine({ connect: () => Object.assign(port1, { terminate: () => port1.close() }) });
    const loading = engine.load('k', onnxBytes(IRIS));
    const running = engine.run('k', { float_input: irisRows(1) });
    port1.dispatchEvent(new Event('error'));
    await expectMlflowError(loading, 'INTERNAL_ERROR', /inference worker failed/);
    await expectMlflowError(running, 'INTERNAL_ERROR', /inference worker failed/);
  });
});
