// Reading ONNX graphs with our protobuf walker: ZipMap nodes and their class labels in real
// sklearn-onnx / OnnxMLTools models, adding ZipMap's input as a graph output without disturbing
// the rest of the model, and rebuilding the seq(map) rows.
import { describe, expect, test } from 'vitest';
import { fieldsOf, lenField, readVarints, varintField } from '../../../src/domain/inference/protobuf-wire';
import { exposeZipMapInputs, outlineGraph, zipMapRows } from '../../../src/domain/inference/zipmap';
import { onnxBytes } from '../../helpers/onnx-fixtures';

describe('outlineGraph', () => {
  test.each([
    ['mlflow-tests/sklearn_model.onnx', 'output_probability', [0, 1, 2]],
    ['sklearn-onnx/docs/examples/rf_iris.onnx', 'output_probability', [0, 1, 2]],
    ['sklearn-onnx/docs/examples/pipeline_titanic.onnx', 'output_probability', [0, 1]],
    ['sklearn-onnx/tests/tests/SklearnMclRandomForestClassifier.model.onnx', 'probabilities', undefined],
  ])('%s: ZipMap feeding %s', (model, output, labels) => {
    const outline = outlineGraph(onnxBytes(model));
    expect(outline.outputKinds.get(output)).toBe('sequence');
    expect(outline.zipMaps).toHaveLength(1);
    const z = outline.zipMaps[0]!;
    expect(z.output).toBe(output);
    expect(z.probabilities).not.toBe('');
    if (labels) expect(z.labels).toEqual(labels);
    else expect(z.labels.length).toBeGreaterThan(1);
  });

  test('models without ZipMap: tensor outputs only', () => {
    const outline = outlineGraph(onnxBytes('mlflow-tests/tf_model_multiple_inputs_float32.onnx'));
    expect([...outline.outputKinds]).toEqual([['output:0', 'tensor']]);
    expect(outline.zipMaps).toEqual([]);
  });

  test('malformed bytes throw (the engine then lets ORT report them)', () => {
    expect(() => outlineGraph(new TextEncoder().encode('not a model at all'))).toThrow(/protobuf/);
  });
});

describe('exposeZipMapInputs', () => {
  test('adds the probabilities tensor as the last graph output and keeps everything else', () => {
    const model = onnxBytes('mlflow-tests/sklearn_model.onnx');
    const before = outlineGraph(model);
    const after = exposeZipMapInputs(model, before.zipMaps, new Set(before.outputKinds.keys()));
    const outline = outlineGraph(after);
    const prob = before.zipMaps[0]!.probabilities;
    expect([...outline.outputKinds]).toEqual([...before.outputKinds, [prob, 'tensor']]);
    expect(outline.zipMaps).toEqual(before.zipMaps);
    // Every top-level field but the graph is byte-identical.
    const top = (bytes: Uint8Array) => [...fieldsOf(bytes)].filter((f) => f.field !== 7).map((f) => [...bytes.subarray(f.tagStart, f.end)].join(','));
    expect(top(after)).toEqual(top(model));
  });

  test('leaves the model alone when there is nothing to add', () => {
    const model = onnxBytes('mlflow-export-import/model.onnx');
    expect(exposeZipMapInputs(model, [], new Set())).toBe(model);
    const z = [{ output: 'p', probabilities: 'already', labels: [0] }];
    expect(exposeZipMapInputs(model, z, new Set(['already']))).toBe(model);
  });
});

describe('zipMapRows', () => {
  test('one object per row, labels as keys', () => {
    expect(zipMapRows(Float32Array.from([0.25, 0.75, 1, 0]), [2, 2], ['no', 'yes'])).toEqual({
      dtype: 'sequence', dims: [2], data: [{ no: 0.25, yes: 0.75 }, { no: 1, yes: 0 }],
    });
    expect(zipMapRows(Float32Array.from([0.5, 0.5]), [2], [3, 7]).data).toEqual([{ 3: 0.5, 7: 0.5 }]);
  });

  test('labels that do not match the columns are an error, not a silent misalignment', () => {
    expect(() => zipMapRows(new Float32Array(6), [2, 3], [0, 1])).toThrow(/2 class labels but its input has 3 columns/);
  });
});

describe('protobuf wire', () => {
  test('packed and unpacked varints, negative int64 as 10-byte two\'s complement', () => {
    const negative = Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]); // field 1 = -1
    expect(readVarints(negative, [...fieldsOf(negative)][0]!)).toEqual([-1n]);
    const packed = lenField(1, Uint8Array.from([1, 0x96, 0x01, 3])); // 1, 150, 3
    expect(readVarints(packed, [...fieldsOf(packed)][0]!)).toEqual([1n, 150n, 3n]);
    const field = varintField(20, 300);
    expect([...fieldsOf(field)].map((f) => [f.field, f.wireType])).toEqual([[20, 0]]);
    expect(readVarints(field, [...fieldsOf(field)][0]!)).toEqual([300n]);
  });

  test('a length running past the end is malformed', () => {
    expect(() => [...fieldsOf(Uint8Array.from([0x0a, 0x05, 1, 2]))]).toThrow(/malformed field at byte 0/);
  });
});
