// Input examples: the files MLflow 3's _Example writes, read back (ours and the real fixtures
// from MLflow 2.3 to 3.3), with their saved_input_example_info.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { enforceSchema, inferSignature, inputExampleFiles, parseMlmodel, readInputExample, readInputExampleParams, toModelInput, type ModelInput } from '../../../src/domain/models';

const FIXTURES = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';

function asFiles(out: ReturnType<typeof inputExampleFiles>): Record<string, string> {
  return Object.fromEntries(out.files.map((f) => [f.path, f.text]));
}

describe('inputExampleFiles writes what MLflow 3 writes', () => {
  test('a DataFrame: split orient, floats of float columns as 1.0, NaN as null, a dataframe_split serving body', () => {
    const out = inputExampleFiles({ columns: ['a', 'b'], data: { a: [1, 2], b: [1, null] }, length: 2 });
    expect(out.info).toEqual({ artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split', serving_input_path: 'serving_input_example.json' });
    expect(asFiles(out)['input_example.json']).toBe('{"columns": ["a", "b"], "data": [[1, 1.0], [2, null]]}');
    expect(asFiles(out)['serving_input_example.json']).toBe('{\n  "dataframe_split": {\n    "columns": [\n      "a",\n      "b"\n    ],\n    "data": [\n      [\n        1,\n        1.0\n      ],\n      [\n        2,\n        null\n      ]\n    ]\n  }\n}');
  });

  test('default column labels are dropped (pandas_orient values)', () => {
    const out = inputExampleFiles({ kind: 'dataframe', frame: { columns: ['0', '1'], data: { 0: ['x'], 1: [true] }, length: 1 } });
    expect(out.info.pandas_orient).toBe('values');
    expect(asFiles(out)['input_example.json']).toBe('{"data": [["x", true]]}');
  });

  test('a tensor and named tensors: ndarray lists, an inputs serving body', () => {
    const t = inputExampleFiles({ dtype: 'float32', shape: [2, 2], data: new Float32Array([1, 2, 3, NaN]) });
    expect(t.info).toEqual({ artifact_path: 'input_example.json', type: 'ndarray', serving_input_path: 'serving_input_example.json' });
    expect(asFiles(t)['input_example.json']).toBe('[[1.0, 2.0], [3.0, null]]');
    const named = inputExampleFiles({ ids: new BigInt64Array([1n, 2n]), mask: { dtype: 'bool', shape: [2], data: [true, false] } });
    expect(asFiles(named)['input_example.json']).toBe('{"ids": [1, 2], "mask": [true, false]}');
    expect(JSON.parse(asFiles(named)['serving_input_example.json'] ?? '')).toEqual({ inputs: { ids: [1, 2], mask: [true, false] } });
  });

  test('records and other JSON are json_object, verbatim; LLM-style dicts are served unwrapped; params ride along', () => {
    const rows = inputExampleFiles([{ a: 1, b: 'é', when: new Date('2024-01-31T12:00:00Z'), raw: new Uint8Array([104, 105]) }]);
    expect(rows.info.type).toBe('json_object');
    expect(asFiles(rows)['input_example.json']).toBe('[{"a": 1, "b": "\\u00e9", "when": "2024-01-31T12:00:00", "raw": "aGk="}]');
    const chat = inputExampleFiles({ messages: [{ role: 'user', content: 'hi' }] }, { temperature: 0.5 });
    expect(chat.info).toEqual({ artifact_path: 'input_example.json', params: 'true', type: 'json_object', serving_input_path: 'serving_input_example.json' });
    expect(asFiles(chat)['input_example.json']).toBe('{"inputs": {"messages": [{"role": "user", "content": "hi"}]}, "params": {"temperature": 0.5}}');
    expect(JSON.parse(asFiles(chat)['serving_input_example.json'] ?? '')).toEqual({ messages: [{ role: 'user', content: 'hi' }], temperature: 0.5 });
    const withParams = inputExampleFiles(['x'], { k: 1 });
    expect(JSON.parse(asFiles(withParams)['serving_input_example.json'] ?? '')).toEqual({ inputs: ['x'], params: { k: 1 } });
    expect(readInputExampleParams(withParams.info, asFiles(withParams))).toEqual({ k: 1 });
  });
});

describe('round trips', () => {
  const cases: Array<[string, unknown]> = [
    ['records', [{ x: 1.5, s: 'a' }, { x: 2, s: 'b' }]],
    ['columns', { x: [1, 2], s: ['a', 'b'] }],
    ['a DataFrame', { columns: ['x', 's'], data: { x: [1.5, 2], s: ['a', 'b'] }, length: 2 }],
    ['a tensor', { dtype: 'float32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6.5]) }],
    ['named tensors', { a: { dtype: 'int64', shape: [2], data: new BigInt64Array([1n, 2n]) }, b: { dtype: 'float64', shape: [1, 2], data: new Float64Array([0.25, 0.5]) } }],
  ];

  test.each(cases)('%s: read back with its inferred signature, it is the same model input', (_name, example) => {
    const out = inputExampleFiles(example);
    expect(readInputExample(out.info, asFiles(out), inferSignature(example).inputs)).toEqual(toModelInput(example));
  });

  test('with the signature, tensors are read in the declared dtype', () => {
    const out = inputExampleFiles({ dtype: 'float32', shape: [1, 2], data: new Float32Array([1, 2]) });
    const back = readInputExample(out.info, asFiles(out), [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 2] } }]);
    expect(back?.kind === 'tensor' && back.tensor.data).toBeInstanceOf(Float32Array);
  });
});

describe('the real fixtures', () => {
  const dir = (name: string) => join(FIXTURES, 'mlmodel', name);
  const load = (name: string, extra: string[] = []) => {
    const model = parseMlmodel(readFileSync(join(dir(name), 'MLmodel'), 'utf8'));
    const files = Object.fromEntries(['input_example.json', ...extra].map((f) => [f, readFileSync(join(dir(name), f), 'utf8')]));
    return readInputExample(model.savedInputExampleInfo, files, model.signature?.inputs);
  };

  test('MLflow 3.3 split-orient DataFrame', () => {
    const input = load('sklearn-mlflow3.3__dmatrix-mlflow-misc');
    expect(input?.kind === 'dataframe' && [input.frame.columns, input.frame.length]).toEqual([['feature_0', 'feature_1', 'feature_2', 'feature_3', 'feature_4'], 5]);
  });

  test('MLflow 3.1 ndarray as a plain nested list, read as the signature float64 tensor', () => {
    const input = load('sklearn-mlflow3__shisian512-mlops');
    expect(input?.kind === 'tensor' && [input.tensor.dtype, input.tensor.shape[1]]).toEqual(['float64', 4]);
  });

  test('MLflow 2.3 tf-serving {"inputs": ...} ndarray', () => {
    const input = load('sklearn-tensor-signature__manuelgilm');
    expect(input?.kind === 'tensor' && [input.tensor.dtype, input.tensor.shape[1]]).toEqual(['float64', 10]);
  });

  test('MLflow 2.12 json_object (a chat message list)', () => {
    const input = load('langchain__mlflow-tests');
    expect(input?.kind === 'dataframe' && input.frame.columns).toEqual(['messages']);
  });

  test('the 2.x split examples load and pass their own signature', () => {
    for (const name of ['sklearn-automl-databricks__mlflow-export-import', 'sklearn-databricks-2.13__mlflow-export-import', 'pyfunc-dataframe-example__azureml-assets']) {
      const model = parseMlmodel(readFileSync(join(dir(name), 'MLmodel'), 'utf8'));
      const input = load(name);
      expect(input, name).toBeDefined();
      expect(() => enforceSchema(input as ModelInput, model.signature?.inputs), name).not.toThrow();
    }
  });
});

describe('bad examples', () => {
  const info = { artifact_path: 'input_example.json', type: 'dataframe' };
  test.each([
    [info, {}, 'RESOURCE_DOES_NOT_EXIST', /input example file 'input_example.json' named in saved_input_example_info is missing/],
    [info, { 'input_example.json': '{oops' }, 'INVALID_PARAMETER_VALUE', /not valid JSON/],
    [info, { 'input_example.json': '{"rows": 1}' }, 'INVALID_PARAMETER_VALUE', /must hold \{"columns"/],
    [{ ...info, type: 'parquet' }, {}, 'INVALID_PARAMETER_VALUE', /can not load example of type parquet/],
    [{ ...info, type: 'sparse_matrix_csr' }, {}, 'INVALID_PARAMETER_VALUE', /sparse matrices/],
    [{ ...info, type: 'ndarray' }, { 'input_example.json': '[[1, 2], [3]]' }, 'INVALID_PARAMETER_VALUE', /ragged/],
  ])('%j %j', (i, files, code, message) => {
    let error: unknown;
    try {
      readInputExample(i, files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).errorCode).toBe(code);
    expect((error as MlflowError).message).toMatch(message);
  });

  test('no info, no example', () => expect(readInputExample(undefined, {})).toBeUndefined());
});
