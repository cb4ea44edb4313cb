// The in-process engine running the shared fixtures' real ONNX models with onnxruntime-web's
// wasm build in Node: the ONNX backend tests' cases against their expected outputs, sklearn
// classifiers (labels + ZipMap probabilities), tf2onnx input names with ':', string inputs, and
// the failures a user can meet (corrupt bytes, old opsets, unknown operators, bad feeds).
import { afterAll, describe, expect, test } from 'vitest';
import { makeInProcessInferenceEngine } from '../../src/compute/node-inference';
import type { SequenceData, TensorData } from '../../src/compute/inference-engine';
import { copyTensor, expectTensorClose, libonnxCases, onnxBytes } from '../helpers/onnx-fixtures';
import { expectMlflowError } from '../helpers/expect-mlflow-error';

const engine = makeInProcessInferenceEngine();
afterAll(() => engine.dispose());

/** ORT has no kernels below ai.onnx opset 7: these pytorch 0.3 exports cannot load anywhere. */
const OPSET_6 = new Set(['pytorch-converted/test_Linear', 'pytorch-operator/test_operator_addmm', 'pytorch-operator/test_operator_basic']);
const cases = libonnxCases();

const f32 = (dims: number[], values: number[]): TensorData => ({ dtype: 'float32', dims, data: Float32Array.from(values) });
const IRIS = [5.1, 3.5, 1.4, 0.2, 6.0, 2.7, 4.2, 1.3, 6.7, 3.0, 5.2, 2.3]; // one setosa, versicolor, virginica

describe('libonnx-testdata (ONNX backend test cases) match their expected outputs', () => {
  test('the fixtures are there', () => expect(cases.length).toBeGreaterThanOrEqual(20));
  for (const c of cases.filter((x) => !OPSET_6.has(x.name))) {
    test(c.name, async () => {
      const session = await engine.load(c.model, onnxBytes(c.model));
      expect(session.backend).toBe('wasm');
      const feeds = Object.fromEntries(c.inputs.map((t, i) => [session.inputs[i]!.name, copyTensor(t)]));
      const out = await engine.run(c.model, feeds);
      expect(Object.keys(out)).toEqual(session.outputs.map((o) => o.name));
      c.outputs.forEach((expected, i) => expectTensorClose(out[session.outputs[i]!.name], expected, `${c.name} output ${i}`));
    });
  }
  for (const name of OPSET_6) {
    test(`${name} (opset 6) fails to load, saying why`, async () => {
      await expectMlflowError(engine.load(name, onnxBytes(`libonnx-testdata/${name}/model.onnx`)), 'INVALID_PARAMETER_VALUE', /^Could not load ONNX model: Could not find an implementation for (Gemm|Add)\(6\).*opset 7 and later/);
    });
  }
});

function expectZipMapMatchesLabels(probs: SequenceData, labels: BigInt64Array, classes: string[]): void {
  expect(probs.dtype).toBe('sequence');
  expect(probs.dims).toEqual([labels.length]);
  probs.data.forEach((row, i) => {
    const r = row as Record<string, number>;
    expect(Object.keys(r)).toEqual(classes);
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const best = Object.entries(r).sort((a, b) => b[1] - a[1])[0]![0];
    expect(best).toBe(String(labels[i]));
  });
}

describe('sklearn classifiers: labels, and ZipMap probabilities rebuilt as plain objects', () => {
  for (const model of ['mlflow-tests/sklearn_model.onnx', 'sklearn-onnx/docs/examples/rf_iris.onnx']) {
    test(model, async () => {
      const s = await engine.load(model, onnxBytes(model));
      expect(s.inputs).toEqual([{ name: 'float_input', dtype: 'float32', dims: [-1, 4] }]);
      expect(s.outputs).toEqual([
        { name: 'output_label', dtype: 'int64', dims: [-1] },
        { name: 'output_probability', dtype: 'sequence', dims: [-1] },
      ]);
      const out = await engine.run(model, { float_input: f32([3, 4], IRIS) });
      const labels = out.output_label as TensorData;
      expect(labels.dtype).toBe('int64');
      expect([...(labels.data as BigInt64Array)]).toEqual([0n, 1n, 2n]);
      expectZipMapMatchesLabels(out.output_probability as SequenceData, labels.data as BigInt64Array, ['0', '1', '2']);
      // Asking for the label alone never touches the ZipMap value.
      expect(Object.keys(await engine.run(model, { float_input: f32([1, 4], IRIS.slice(0, 4)) }, ['output_label']))).toEqual(['output_label']);
    });
  }

  test('an OnnxMLTools 1.3 (IR 3) classifier with a fixed batch of 1', async () => {
    const model = 'sklearn-onnx/tests/tests/SklearnLogitisticRegressionMulti.model.onnx';
    const s = await engine.load(model, onnxBytes(model));
    // The sequence's length is unknown to ORT (the probabilities output we add carries no shape).
    expect(s.outputs.map((o) => [o.name, o.dtype, o.dims])).toEqual([['label', 'int64', [1]], ['probabilities', 'sequence', [-1]]]);
    const out = await engine.run(model, { input: f32([1, 3], [0.5, -1, 2]) });
    const labels = out.label as TensorData;
    const probs = out.probabilities as SequenceData;
    expectZipMapMatchesLabels(probs, labels.data as BigInt64Array, Object.keys(probs.data[0] as object));
  });

  test('the titanic pipeline takes string and float columns', async () => {
    const model = 'sklearn-onnx/docs/examples/pipeline_titanic.onnx';
    const s = await engine.load(model, onnxBytes(model));
    expect(s.inputs.map((i) => `${i.name}:${i.dtype}`)).toEqual(['pclass:string', 'sex:string', 'age:float32', 'fare:float32', 'embarked:string']);
    const str = (values: string[]): TensorData => ({ dtype: 'string', dims: [values.length, 1], data: values });
    const out = await engine.run(model, {
      pclass: str(['1', '3']), sex: str(['female', 'male']), age: f32([2, 1], [29, 40]), fare: f32([2, 1], [211.3, 7.9]), embarked: str(['S', 'Q']),
    });
    const labels = out.output_label as TensorData;
    expect([...(labels.data as BigInt64Array)]).toEqual([1n, 0n]); // first class woman survives; third class man does not
    expectZipMapMatchesLabels(out.output_probability as SequenceData, labels.data as BigInt64Array, ['0', '1']);
  });

  test('the text pipeline with com.microsoft Tokenizer runs (onnxruntime-web 1.30 ships that contrib op)', async () => {
    const model = 'sklearn-onnx/docs/tutorial/model.onnx';
    await engine.load(model, onnxBytes(model));
    const out = await engine.run(model, { input: f32([2, 2], [1, 2, 3, 4]), text: { dtype: 'string', dims: [2, 1], data: ['hello world', 'foo bar'] } });
    const p = out.probabilities as TensorData;
    expect(p.dims).toEqual([2, 3]);
    expect(p.data[0]! as number + (p.data[1] as number) + (p.data[2] as number)).toBeCloseTo(1, 5);
    expect((out.label as TensorData).dims).toEqual([2]);
  });
});

describe('regressors and multi-input graphs', () => {
  test("tf2onnx inputs named with ':' and in graph order, float32 and float64", async () => {
    for (const [suffix, dtype] of [['float32', 'float32'], ['float64', 'float64']] as const) {
      const model = `mlflow-tests/tf_model_multiple_inputs_${suffix}.onnx`;
      const s = await engine.load(model, onnxBytes(model));
      expect(s.inputs.map((i) => i.name)).toEqual(['second_input:0', 'first_input:0']);
      const a = Array.from({ length: 10 }, (_, i) => i + 0.5);
      const b = Array.from({ length: 10 }, (_, i) => 2 - i);
      const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
      const out = await engine.run(model, { 'first_input:0': { dtype, dims: [10], data: Ctor.from(a) }, 'second_input:0': { dtype, dims: [10], data: Ctor.from(b) } });
      expectTensorClose(out['output:0'], { dtype, dims: [10], data: Ctor.from(a.map((x, i) => x * b[i]!)) }, model);
    }
  });

  test('the wine regressor logged by MLflow predicts one value per row', async () => {
    const model = 'mlflow-export-import/model.onnx';
    const s = await engine.load(model, onnxBytes(model));
    expect(s.outputs).toEqual([{ name: 'variable', dtype: 'float32', dims: [-1, 1] }]);
    const out = await engine.run(model, { float_input: f32([2, 11], [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4, 7.3, 0.65, 0, 1.2, 0.065, 15, 21, 0.9946, 3.39, 0.47, 10]) });
    const y = out.variable as TensorData;
    expect(y.dims).toEqual([2, 1]);
    for (const v of y.data as Float32Array) expect(v).toBeGreaterThan(3), expect(v).toBeLessThan(8); // wine quality scores
  });
});
