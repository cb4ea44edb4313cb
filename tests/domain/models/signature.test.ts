// Signatures: MLflow's JSON shapes both ways, Schema's validation rules and messages
// (mlflow/types/schema.py; tests/types/test_schema.py), and infer_signature's type rules.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { describeSchemaType, inferSignature, isTensorSchema, parseSignature, signatureToMlflowDict, type ModelSignature } from '../../../src/domain/models';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    expect((e as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
    return (e as MlflowError).message;
  }
  throw new Error('expected a refusal');
}

describe('parseSignature / signatureToMlflowDict', () => {
  test('the JSON strings MLflow writes round-trip byte for byte', () => {
    const dict = {
      inputs: '[{"type": "double", "name": "x", "required": true}, {"type": "long", "name": "n", "required": false}]',
      outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]',
      params: '[{"name": "temperature", "default": 0.8, "shape": null, "type": "float"}, {"name": "top_p", "default": 1.0, "shape": null, "type": "double"}, {"name": "stop", "default": ["a"], "shape": [-1], "type": "string"}]',
    };
    const sig = parseSignature(dict);
    expect(sig.inputs).toEqual([{ type: 'double', name: 'x', required: true }, { type: 'long', name: 'n', required: false }]);
    expect(sig.params?.[1]).toEqual({ name: 'top_p', type: 'double', default: 1, shape: null });
    expect(signatureToMlflowDict(sig)).toEqual(dict);
  });

  test('parsed arrays, null parts and the older key spellings are read', () => {
    expect(parseSignature({ inputs: [{ type: 'string' }], outputs: null, params: undefined })).toEqual({ inputs: [{ type: 'string' }] });
    // MLflow 2.5 wrote `dtype` for params; older files put name before type. Both read; we write today's form.
    const old = parseSignature({ inputs: '[{"name": "a", "type": "double"}]', params: '[{"name": "batch_size", "dtype": "long", "default": 16, "shape": null}]' });
    expect(signatureToMlflowDict(old)).toEqual({ inputs: '[{"type": "double", "name": "a"}]', outputs: null, params: '[{"name": "batch_size", "default": 16, "shape": null, "type": "long"}]' });
  });

  test('named tensors, complex column types and object params keep their structure', () => {
    const dict = {
      inputs: '[{"name": "a", "type": "tensor", "tensor-spec": {"dtype": "uint8", "shape": [-1, 28, 28, 3]}}, {"name": "b", "type": "tensor", "tensor-spec": {"dtype": "str", "shape": [-1]}}]',
      outputs: '[{"type": "array", "items": {"type": "object", "properties": {"content": {"type": "string", "required": true}}}, "name": "messages", "required": true}, {"type": "map", "values": {"type": "double"}, "name": "scores", "required": false}, {"type": "any", "name": "extra", "required": false}]',
      params: '[{"name": "config", "default": {"k": 1}, "shape": null, "type": "object", "properties": {"k": {"type": "long", "required": true}}}]',
    };
    const sig = parseSignature(dict);
    expect(isTensorSchema(sig.inputs)).toBe(true);
    expect(isTensorSchema(sig.outputs)).toBe(false);
    expect(sig.outputs?.map(describeSchemaType)).toEqual(['array<object{content: string}>', 'map<string, double>', 'any']);
    expect(signatureToMlflowDict(sig)).toEqual(dict);
  });

  test.each([
    [{ inputs: '[]' }, 'Invalid signature.inputs: Creating Schema with empty inputs is not allowed.'],
    [{ inputs: '{"type": "double"}' }, 'Invalid signature.inputs: Inputs of Schema must be a list, got type dict'],
    [{ inputs: '[{"name": "a"}]' }, 'Invalid signature.inputs: Missing keys in ColSpec JSON. Expected to find key `type`'],
    [{ inputs: '[{"type": "decimal"}]' }, "Invalid signature.inputs: Unsupported type 'decimal', expected instance of DataType or one of ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime']"],
    [{ inputs: '[{"type": "double", "name": "a"}, {"type": "double"}]' }, "Invalid signature.inputs: Creating Schema with a combination of named and unnamed inputs is not allowed. Got input names ['a', None]"],
    [{ inputs: '[{"type": "double", "name": "a"}, {"type": "tensor", "name": "b", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]' }, 'Invalid signature.inputs: Creating Schema with a combination of ColSpec and TensorSpec is not supported. Please choose one of ColSpec or TensorSpec'],
    [{ inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}, {"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]' }, 'Invalid signature.inputs: Creating Schema with multiple unnamed TensorSpecs is not supported. Please provide names for each TensorSpec.'],
    [{ outputs: '[{"type": "double", "required": false}]' }, 'Invalid signature.outputs: Creating Schema with unnamed optional inputs is not supported. Please name all inputs or make all inputs required.'],
    [{ inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32"}}]' }, 'Invalid signature.inputs: Missing keys in TensorSpec JSON. Expected to find keys `dtype` and `shape`'],
    [{ inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "floaty", "shape": [-1]}}]' }, "Invalid signature.inputs: data type 'floaty' not understood"],
    [{ inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "<U5", "shape": [-1]}}]' }, 'Invalid signature.inputs: MLflow does not support size information in flexible numpy data types. Use np.dtype("str") instead'],
    [{ inputs: '[{"type": "array", "name": "a"}]' }, 'Invalid signature.inputs: Missing keys in Array JSON. Expected to find keys `items` and `type`'],
    [{ inputs: '[{"type": "object", "name": "a", "properties": {}}]' }, 'Invalid signature.inputs: Creating Object with empty properties is not allowed.'],
    [{ params: '[{"name": "a", "type": "long"}]' }, "Invalid signature.params: Missing keys in ParamSpec JSON. Expected to find keys `name`, `type`(or `dtype`) and `default`. Received keys: dict_keys(['name', 'type'])"],
    [{ params: '[{"name": "a", "type": "binary", "default": null}]' }, "Invalid signature.params: Binary type is not supported for parameters, ParamSpec 'a'has dtype 'binary'"],
    [{ params: '[{"name": "a", "type": "long", "default": 1, "shape": [2]}]' }, "Invalid signature.params: Shape must be None for scalar or dictionary value, or (-1,) for 1D array value for ParamSpec 'a'), received (2,)"],
    [{ params: '[{"name": "a", "type": "long", "default": 1}, {"name": "a", "type": "long", "default": 2}]' }, "Invalid signature.params: Duplicated parameters found in schema: ['a']"],
    [{ params: '[{"name": "a", "type": "integer", "default": "1.0"}]' }, "Invalid signature.params: Failed to validate type and shape for 'a': integer (default: 1.0), error: Can not safely convert `<class 'str'>` to `DataType.integer` for value `1.0`"],
    [{ inputs: '[{"type": ' }, /^Invalid signature\.inputs: not valid JSON/],
  ])('%j is refused', (dict, message) => {
    const got = refusal(() => parseSignature(dict));
    if (typeof message === 'string') expect(got).toBe(message);
    else expect(got).toMatch(message);
  });

  test('a deeply nested type is refused, not a stack overflow', () => {
    let t = '{"type": "string"}';
    for (let i = 0; i < 5000; i++) t = `{"type": "array", "items": ${t}}`;
    expect(refusal(() => parseSignature({ inputs: `[${t.slice(0, -1)}, "name": "a"}]` }))).toMatch(/nested more than 32 levels/);
  });
});

describe('inferSignature', () => {
  test('records: long when every number is whole, double otherwise; missing values make a column optional', () => {
    const sig = inferSignature([{ x: 1.5, n: 2, s: 'a', ok: true }, { x: 2, n: null, s: 'b', ok: false }]);
    expect(sig.inputs).toEqual([
      { type: 'double', name: 'x', required: true },
      { type: 'long', name: 'n', required: false },
      { type: 'string', name: 's', required: true },
      { type: 'boolean', name: 'ok', required: true },
    ]);
    expect(sig.outputs).toBeUndefined();
  });

  test('bytes, dates, nested lists and objects, all-missing columns', () => {
    const sig = inferSignature({ b: [new Uint8Array([1])], d: [new Date(0)], l: [['a', 'b']], o: [{ k: 1, j: null }], z: [null] });
    expect(sig.inputs?.map(describeSchemaType)).toEqual(['binary', 'datetime', 'array<string>', 'object{j?: any, k: long}', 'any']);
    expect(sig.inputs?.[4]).toMatchObject({ required: false });
  });

  test('typed columns take their numpy dtype; tensors get a -1 batch dimension', () => {
    expect(inferSignature({ a: [1, 2], f: new Float32Array(2) }).inputs).toEqual([
      { type: 'long', name: 'a', required: true },
      { type: 'float', name: 'f', required: true },
    ]);
    expect(inferSignature({ columns: ['i', 'f'], data: { i: new Int16Array(2), f: new Float32Array(2) }, length: 2 }).inputs).toEqual([
      { type: 'integer', name: 'i', required: true },
      { type: 'float', name: 'f', required: true },
    ]);
    expect(inferSignature({ dtype: 'float32', shape: [2, 28, 28], data: new Float32Array(2 * 28 * 28) }).inputs).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 28, 28] } }]);
    expect(inferSignature({ ids: new BigInt64Array(3), mask: { dtype: 'bool', shape: [3], data: [true, false, true] } }).inputs).toEqual([
      { name: 'ids', type: 'tensor', 'tensor-spec': { dtype: 'int64', shape: [-1] } },
      { name: 'mask', type: 'tensor', 'tensor-spec': { dtype: 'bool', shape: [-1] } },
    ]);
  });

  test('lists of scalars and rows are unnamed columns; scalars and an empty list as MLflow', () => {
    expect(inferSignature(['a', 'b']).inputs).toEqual([{ type: 'string', required: true }]);
    expect(inferSignature([[1, 2.5], [3, 4]]).inputs).toEqual([{ type: 'long', required: true }, { type: 'double', required: true }]);
    expect(inferSignature('hello').inputs).toEqual([{ type: 'string', required: true }]);
    expect(inferSignature([]).inputs).toEqual([{ type: 'string', required: true }]);
  });

  test('params: type and shape from the value', () => {
    expect(inferSignature(['x'], undefined, { temperature: 0.5, max_tokens: 10, stop: ['a'], on: true, when: new Date(0) }).params).toEqual([
      { name: 'temperature', type: 'double', default: 0.5, shape: null },
      { name: 'max_tokens', type: 'long', default: 10, shape: null },
      { name: 'stop', type: 'string', default: ['a'], shape: [-1] },
      { name: 'on', type: 'boolean', default: true, shape: null },
      { name: 'when', type: 'datetime', default: new Date(0), shape: null },
    ]);
  });

  test.each([
    [[{ a: 1 }, { a: 'x' }], /Expected all values in the list to be of the same type/],
    [{ dtype: 'float32', shape: [], data: [1] }, /variable_dimension 0 is out of bounds/],
    [{ u: new BigUint64Array(1), v: [1] }, /must map every name|Unsupported/],
  ])('case %# is refused', (input, message) => expect(refusal(() => inferSignature(input))).toMatch(message));

  test('params that are not scalars or 1-D lists are refused together', () => {
    expect(refusal(() => inferSignature(['x'], undefined, { a: [[1]], b: null }))).toBe(
      "Failed to infer schema for parameters: [('a', [[1]], 'Expected parameters to be 1D array or scalar, got 2D array'), ('b', None, 'Expected parameters to be 1D array or scalar, got NoneType')]",
    );
  });

  test('property: an inferred signature survives the MLmodel JSON round trip (seeded)', () => {
    const cell = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    const column = fc.oneof(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.array(fc.string(), { minLength: 1, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), column, { minKeys: 1, maxKeys: 5 }), (cols) => {
        const n = Math.min(...Object.values(cols).map((c) => c.length));
        const sig: ModelSignature = inferSignature(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v.slice(0, n)])));
        expect(parseSignature(signatureToMlflowDict(sig))).toEqual(sig);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
