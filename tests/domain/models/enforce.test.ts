// Schema enforcement, with the tables of MLflow's tests/pyfunc/test_pyfunc_schema_enforcement.py
// ported: typed columns (Int32Array, BigInt64Array, Float32Array ...) take the numpy upcast rules
// exactly; plain JS values are checked by value; every offending input is named in one error.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import {
  enforceSchema,
  parseSignature,
  SchemaEnforcementError,
  toModelInput,
  type ColSpec,
  type DataFrame,
  type ModelInput,
  type TensorSpec,
} from '../../../src/domain/models';

const cols = (json: string) => parseSignature({ inputs: json }).inputs ?? [];
const tensor = (name: string | undefined, dtype: string, shape: number[]): TensorSpec => ({ ...(name === undefined ? {} : { name }), type: 'tensor', 'tensor-spec': { dtype, shape } });

function problemsOf(input: ModelInput, schema: ReadonlyArray<ColSpec | TensorSpec>): SchemaEnforcementError {
  try {
    enforceSchema(input, schema);
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaEnforcementError);
    expect((e as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
    return e as SchemaEnforcementError;
  }
  throw new Error('expected the schema to be refused');
}

describe('column signatures (test_column_schema_enforcement)', () => {
  const schema = cols(
    '[{"type": "integer", "name": "a"}, {"type": "long", "name": "b"}, {"type": "float", "name": "c"}, {"type": "double", "name": "d"}, ' +
      '{"type": "boolean", "name": "e"}, {"type": "string", "name": "g"}, {"type": "binary", "name": "f"}, {"type": "datetime", "name": "h"}]',
  );
  const typed: Record<string, string> = { a: 'int32', b: 'int64', c: 'float32', d: 'float64', e: 'bool', g: 'str', f: 'bytes', h: 'datetime64[ns]' };
  const frame = (dtypes: Record<string, string> = {}, extra: Record<string, unknown[]> = {}): ModelInput => ({
    kind: 'dataframe',
    frame: {
      columns: ['b', 'd', 'a', 'c', 'e', 'g', 'f', 'h', ...Object.keys(extra)],
      data: { b: [2], d: [4], a: [1], c: [3], e: [true], g: ['x'], f: [new Uint8Array([1])], h: [new Date('2021-01-01T00:00:00.123Z')], ...extra },
      length: 1,
      dtypes: { ...typed, ...dtypes },
    },
  });

  test('missing columns are named; extra columns dropped; columns come back in signature order with MLflow dtypes', () => {
    const missing: ModelInput = { kind: 'dataframe', frame: { columns: ['b', 'x'], data: { b: [1], x: [1] }, length: 1 } };
    const e = problemsOf(missing, schema);
    expect(e.message).toMatch(/Error: Model is missing inputs \['a', 'c', 'd', 'e', 'g', 'f', 'h'\]\. Note that there were extra inputs: \['x'\]$/);
    expect(e.problems.map((p) => [p.input, p.expected])).toEqual([['a', 'integer'], ['c', 'float'], ['d', 'double'], ['e', 'boolean'], ['g', 'string'], ['f', 'binary'], ['h', 'datetime']]);
    const warnings: string[] = [];
    const res = enforceSchema(frame({}, { x: [1] }), schema, warnings);
    expect(res.kind === 'dataframe' && res.frame.columns).toEqual(['a', 'b', 'c', 'd', 'e', 'g', 'f', 'h']);
    expect(res.kind === 'dataframe' && res.frame.dtypes).toEqual(typed);
    expect(warnings).toEqual(["Found extra inputs in the model input that are not defined in the model signature: `['x']`. These inputs will be ignored."]);
  });

  test.each([
    ['1. long -> integer raises', { a: 'int64' }, 'a', 'Can not safely convert int64 to int32.'],
    ['2. integer -> long works', { b: 'int32' }],
    ['3. unsigned int -> long works', { b: 'uint32' }],
    ['4. unsigned int -> int raises', { a: 'uint32' }, 'a', 'Can not safely convert uint32 to int32.'],
    ['5. double -> float raises', { c: 'float64' }, 'c', 'Can not safely convert float64 to float32.'],
    ['6. float -> double works', { d: 'float32' }],
    ['7. int -> float raises', { c: 'int32' }, 'c', 'Can not safely convert int32 to float32.'],
    ['8. int -> double works', { d: 'int32' }],
    ['9. long -> double raises (unless every value is 0 or 1)', { d: 'int64' }, 'd', 'Can not safely convert int64 to float64.'],
    ['10. float -> int raises', { a: 'float32' }, 'a', 'Can not safely convert float32 to int32.'],
    ['10. double -> long raises', { b: 'float64' }, 'b', 'Can not safely convert float64 to int64.'],
    ['11. object columns work', { b: 'object', d: 'object', e: 'object', f: 'object', g: 'object' }],
    ['12. datetime64[D] -> datetime works', { h: 'datetime64[D]' }],
    ['uint8 -> integer works (strictly smaller unsigned)', { a: 'uint8' }],
    ['int8 -> float raises (only double takes ints)', { c: 'int8' }, 'c', 'Can not safely convert int8 to float32.'],
  ])('%s', (_name, dtypes, column?: string, detail?: string) => {
    if (column === undefined) {
      const res = enforceSchema(frame(dtypes), schema);
      expect(res.kind === 'dataframe' && res.frame.dtypes).toEqual(typed);
      return;
    }
    const error = problemsOf(frame(dtypes), schema);
    expect(error.problems).toEqual([{ input: column, expected: schema.find((s) => s.name === column)?.type, message: `Incompatible input types for column ${column}. ${detail}` }]);
  });

  test('int64 -> double is allowed when every value is 0, 1 or missing', () => {
    const input = frame({ d: 'int64' });
    if (input.kind === 'dataframe') input.frame.data.d = [1];
    expect(() => enforceSchema(input, schema)).not.toThrow();
  });

  test('every offending column is named in one error, each with what it expects', () => {
    const e = problemsOf(frame({ a: 'int64', c: 'float64', d: 'int64' }), schema);
    expect(e.problems.map((p) => [p.input, p.expected])).toEqual([['a', 'integer'], ['c', 'float'], ['d', 'double']]);
    expect(e.message).toMatch(/^Failed to enforce schema of data with schema '\['a': integer \(required\), 'b': long \(required\), .*\]'\. Error: /);
    for (const c of ['column a. Can not safely convert int64 to int32.', 'column c. Can not safely convert float64 to float32.', 'column d. Can not safely convert int64 to float64.']) {
      expect(e.message).toContain(c);
    }
  });

  test('13. a 2-D tensor becomes columns 0..n-1 and so misses every named input', () => {
    const t: ModelInput = { kind: 'tensor', tensor: { dtype: 'float64', shape: [1, 8], data: new Float64Array(8) } };
    expect(problemsOf(t, schema).message).toContain("Model is missing inputs ['a', 'b', 'c', 'd', 'e', 'g', 'f', 'h']. Note that there were extra inputs: ['0', '1', '2', '3', '4', '5', '6', '7']");
  });

  test('16. named tensors of different lengths cannot make a DataFrame', () => {
    const t: ModelInput = { kind: 'tensors', tensors: { a: { dtype: 'int32', shape: [1], data: [1] }, b: { dtype: 'int64', shape: [2], data: [1, 2] } } };
    expect(problemsOf(t, schema).message).toContain('This model contains a column-based signature, which suggests a DataFrame input. There was an error casting the input data to a DataFrame: All arrays must be of the same length');
  });
});

describe('plain JS values are checked by value', () => {
  const schema = cols('[{"type": "integer", "name": "i"}, {"type": "long", "name": "l"}, {"type": "float", "name": "f"}, {"type": "double", "name": "d"}, {"type": "string", "name": "s"}, {"type": "boolean", "name": "b"}, {"type": "datetime", "name": "t"}, {"type": "binary", "name": "x", "required": false}]');
  const ok = { i: 1, l: 2 ** 40, f: 0.1, d: 3, s: 'a', b: false, t: '2024-01-31T12:00:00Z' };

  test('whole numbers into integer/long, any number into float/double, ISO text into datetime', () => {
    const res = enforceSchema(toModelInput([ok]), schema);
    if (res.kind !== 'dataframe') throw new Error('expected a frame');
    expect(res.frame.data).toEqual({ i: [1], l: [2 ** 40], f: [Math.fround(0.1)], d: [3], s: ['a'], b: [false], t: [new Date('2024-01-31T12:00:00Z')] });
    expect(res.frame.dtypes).toEqual({ i: 'int32', l: 'int64', f: 'float32', d: 'float64', s: 'str', b: 'bool', t: 'datetime64[ns]' });
  });

  test.each([
    ['i', 1.5, 'Incompatible input types for column i. Can not safely convert float64 to int32.'],
    ['i', 2 ** 31, 'Incompatible input types for column i. Can not safely convert int64 to int32.'],
    ['l', true, 'Incompatible input types for column l. Can not safely convert bool to int64.'],
    ['d', 'x', 'Incompatible input types for column d. Can not safely convert object to float64.'],
    ['s', 1, 'Incompatible input types for column s. Can not safely convert int64 to <U0.'],
    ['t', 'yesterday', 'Failed to convert column t from type object to datetime.'],
    ['x', 'aGk=', 'Incompatible input types for column x. Can not safely convert object to bytes.'],
    ['l', 5n, undefined],
  ])('%s = %s', (column, value, message) => {
    const input = toModelInput([{ ...ok, [column]: value }]);
    if (message === undefined) expect(() => enforceSchema(input, schema)).not.toThrow();
    else expect(problemsOf(input, schema).problems.map((p) => p.message)).toEqual([message]);
  });

  test('test_missing_value_hint_is_displayed_when_it_should', () => {
    const integer = cols('[{"type": "integer", "name": "a"}]');
    const hint = 'Hint: the type mismatch is likely caused by missing values.';
    expect(problemsOf(toModelInput([{ a: 1 }, { a: null }]), integer).message).toContain(hint);
    expect(problemsOf(toModelInput([{ a: 1.5 }, { a: null }]), integer).message).not.toContain(hint);
    const floats: ModelInput = { kind: 'dataframe', frame: { columns: ['a'], data: { a: [1, 2] }, length: 2, dtypes: { a: 'float64' } } };
    expect(problemsOf(floats, integer).message).not.toContain(hint);
  });

  test('test_column_schema_enforcement_no_col_names: positional, count checked', () => {
    const unnamed = cols('[{"type": "double"}, {"type": "double"}, {"type": "double"}]');
    expect(enforceSchema(toModelInput([[1.0, 2.0, 3.0]]), unnamed)).toMatchObject({ kind: 'dataframe', frame: { columns: ['0', '1', '2'], length: 1 } });
    expect(enforceSchema(toModelInput([{ a: 1, b: 2, c: 3 }]), unnamed)).toMatchObject({ frame: { columns: ['a', 'b', 'c'] } });
    expect(problemsOf(toModelInput([[1.0, 2.0]]), unnamed).message).toContain('The model signature declares 3 inputs  but the provided value only has 2 inputs.');
    const int64: ModelInput = { kind: 'tensor', tensor: { dtype: 'int64', shape: [1, 3], data: new BigInt64Array([1n, 2n, 3n]) } };
    expect(problemsOf(int64, unnamed).message).toContain('Can not safely convert int64 to float64');
  });

  test('optional columns may be absent; array/object/map columns are refused clearly; any passes', () => {
    const schema2 = cols('[{"type": "double", "name": "a"}, {"type": "string", "name": "c", "required": false}, {"type": "array", "items": {"type": "string"}, "name": "tags", "required": false}, {"type": "any", "name": "z", "required": false}]');
    expect(enforceSchema(toModelInput([{ a: 1, z: { anything: [1] } }]), schema2)).toMatchObject({ frame: { columns: ['a', 'z'] } });
    expect(problemsOf(toModelInput([{ a: 1, tags: ['x'] }]), schema2).problems).toEqual([
      { input: 'tags', expected: 'array<string>', message: 'Column tags has type array<string>, which schema enforcement in the browser does not support yet (array, object, map and sparkml_vector types).' },
    ]);
  });
});

describe('tensor signatures (test_tensor_multi_named_schema_enforcement and friends)', () => {
  const schema = [tensor('a', 'uint64', [-1, 5]), tensor('b', 'int16', [-1, 2]), tensor('c', 'float32', [2, -1, 2])];
  const inputs = (): Record<string, { dtype: string; shape: number[]; data: ArrayLike<number> | ArrayLike<bigint> }> => ({
    a: { dtype: 'uint64', shape: [2, 5], data: new BigUint64Array(10) },
    b: { dtype: 'int16', shape: [3, 2], data: new Int16Array(6) },
    c: { dtype: 'float32', shape: [2, 2, 2], data: new Float32Array(8) },
  });

  test('named tensors pass; extra ones are dropped; variable axes accepted', () => {
    const res = enforceSchema(toModelInput({ ...inputs(), x: { dtype: 'int64', shape: [1], data: [1] } }), schema);
    expect(res.kind === 'tensors' && Object.keys(res.tensors)).toEqual(['a', 'b', 'c']);
    const c = { dtype: 'float32', shape: [2, 1, 2], data: new Float32Array(4) };
    expect(() => enforceSchema(toModelInput({ ...inputs(), c }), schema)).not.toThrow();
  });

  test('type casting is not supported; wrong shapes are named; all problems at once', () => {
    const bad = { ...inputs(), a: { dtype: 'int32', shape: [2, 5], data: new Int32Array(10) }, c: { dtype: 'float32', shape: [1, 1, 2], data: new Float32Array(2) } };
    const e = problemsOf(toModelInput(bad), schema);
    expect(e.problems.map((p) => p.message)).toEqual([
      "Input 'a': dtype of input int32 does not match expected dtype uint64",
      "Input 'c': Shape of input (1, 1, 2) does not match expected shape (2, -1, 2).",
    ]);
    expect(e.problems.map((p) => p.expected)).toEqual(['tensor<uint64> [-1, 5]', 'tensor<float32> [2, -1, 2]']);
    const empty = { ...inputs(), a: { dtype: 'uint64', shape: [0], data: new BigUint64Array(0) } };
    expect(problemsOf(toModelInput(empty), schema).message).toContain('Shape of input (0,) does not match expected shape (-1, 5).');
  });

  test('a single tensor, or a DataFrame of scalars, for several named specs', () => {
    expect(problemsOf(toModelInput(inputs().a), schema).message).toContain("Model is missing inputs ['a', 'b', 'c'].");
    const frame = toModelInput({ a: [1], b: [2], c: [3] });
    expect(problemsOf(frame, schema).problems[0]?.message).toBe(
      "The input pandas dataframe column 'a' contains scalar values, which requires the shape to be (-1,) or (-1, 1), but got tensor spec shape of (-1, 5).",
    );
  });

  test('single named spec: a bare tensor is taken as that input', () => {
    const single = [tensor('a', 'uint64', [-1, 2, 3])];
    const res = enforceSchema(toModelInput({ dtype: 'uint64', shape: [2, 2, 3], data: new BigUint64Array(12) }), single);
    expect(res.kind === 'tensors' && Object.keys(res.tensors)).toEqual(['a']);
  });

  test('unnamed spec: tensors pass, DataFrame columns fill the second axis, wrong shapes and dtypes are named', () => {
    const unnamed = [tensor(undefined, 'float32', [-1, 3])];
    expect(() => enforceSchema(toModelInput({ dtype: 'float32', shape: [3, 3], data: new Float32Array(9) }), unnamed)).not.toThrow();
    const frame = enforceSchema(toModelInput([[1, 2, 3], [4, 5, 6]]), unnamed);
    expect(frame.kind === 'tensor' && [frame.tensor.shape, Array.from(frame.tensor.data as Float32Array)]).toEqual([[2, 3], [1, 2, 3, 4, 5, 6]]);
    expect(problemsOf(toModelInput([[1, 2]]), unnamed).message).toContain('the input DataFrame passed had 2 columns and an input shape of (-1, 3)');
    expect(problemsOf(toModelInput({ blah: new Float32Array(3) }), unnamed).message).toContain('tensor-based model signature with no input names');
    expect(problemsOf(toModelInput({ dtype: 'float64', shape: [2, 2], data: new Float64Array(4) }), unnamed).problems.map((p) => p.message)).toEqual([
      'Shape of input (2, 2) does not match expected shape (-1, 3).',
      'dtype of input float64 does not match expected dtype float32',
    ]);
    expect(problemsOf(toModelInput({ dtype: 'uint32', shape: [1, 3], data: new Uint32Array(3) }), unnamed).message).toContain('dtype of input uint32 does not match expected dtype float32');
    expect(problemsOf(toModelInput([]), unnamed).message).toContain('Input DataFrame is empty.');
  });

  test('named 1-D specs from DataFrame columns; first axis must be the variable one', () => {
    const oneD = [tensor('a', 'uint64', [-1]), tensor('b', 'float32', [-1])];
    const res = enforceSchema(toModelInput({ a: [0, 1], b: [0, 1] }), oneD);
    expect(res.kind === 'tensors' && [res.tensors.a?.dtype, res.tensors.b?.dtype]).toEqual(['uint64', 'float32']);
    expect(problemsOf(toModelInput({ a: [0, 1], b: [0, 1] }), [tensor('a', 'uint64', [2, -1]), tensor('b', 'float32', [-1])]).message).toContain(
      'For pandas dataframe input, the first dimension of shape must be a variable dimension and other dimensions must be fixed, but in model signature the shape of input a is (2, -1).',
    );
    expect(problemsOf(toModelInput({ a: [-1], b: [0] }), oneD).message).toContain('Incompatible input types for column a. The value -1 does not fit in uint64.');
  });

  test('list values in DataFrame columns are reshaped (test_schema_enforcement_named_tensor_schema_multidimensional)', () => {
    const multi = [tensor('a', 'uint64', [-1, 2, 3]), tensor('b', 'float32', [-1, 3, 4])];
    const rows = (n: number, width: number) => Array.from({ length: n }, (_, r) => Array.from({ length: width }, (_, i) => r * width + i));
    const res = enforceSchema(toModelInput({ a: rows(2, 6), b: rows(2, 12) }), multi);
    expect(res.kind === 'tensors' && [res.tensors.a?.shape, res.tensors.b?.shape]).toEqual([[2, 2, 3], [2, 3, 4]]);
    expect(problemsOf(toModelInput({ a: rows(2, 8), b: rows(2, 12) }), multi).message).toContain(
      "The value in the Input DataFrame column 'a' could not be converted to the expected shape of: '(-1, 2, 3)'. Ensure that each of the input list elements are of uniform length and that the data can be coerced to the tensor type 'uint64'",
    );
  });

  test('ragged object specs take anything', () => {
    const ragged: unknown = { dtype: 'object', shape: [2], data: [[1], [1, 2]] };
    expect(() => enforceSchema(toModelInput(ragged), [tensor(undefined, 'object', [-1])])).not.toThrow();
  });
});

describe('properties (seeded)', () => {
  const value = fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.date(), fc.uint8Array({ maxLength: 2 }));
  const records = fc.array(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), value, { maxKeys: 4 }), { maxLength: 4 });
  const colSpec = fc.record({ type: fc.constantFrom('boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime', 'any'), name: fc.constantFrom('a', 'b', 'c', 'd'), required: fc.boolean() });
  const colSchema = fc.uniqueArray(colSpec, { minLength: 1, maxLength: 4, selector: (s) => s.name });
  const dims = fc.array(fc.constantFrom(-1, 1, 2, 3), { minLength: 1, maxLength: 3 });
  const tensorSchema = fc.oneof(
    fc.tuple(fc.constantFrom('float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'str'), dims).map(([d, s]) => [tensor(undefined, d, s)]),
    fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('float32', 'int64'), dims), { minLength: 1, maxLength: 3, selector: (t) => t[0] }).map((ts) => ts.map(([n, d, s]) => tensor(n, d, s))),
  );
  const typedInput = fc.oneof(
    fc.tuple(fc.constantFrom(1, 2, 3), fc.constantFrom(1, 2, 3)).map(([r, c]) => ({ dtype: 'float32', shape: [r, c], data: new Float32Array(r * c) })),
    fc.record({ a: fc.constant(new BigInt64Array(2)), c: fc.constant(new Float64Array(2)) }),
  );

  test('enforcement never throws anything but MlflowError, and its output passes again unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(records, typedInput), fc.oneof(colSchema, tensorSchema), (raw, schema) => {
        let input: ModelInput;
        try {
          input = toModelInput(raw);
        } catch (e) {
          expect(e).toBeInstanceOf(MlflowError);
          return;
        }
        let once: ModelInput;
        try {
          once = enforceSchema(input, schema);
        } catch (e) {
          expect(e).toBeInstanceOf(MlflowError);
          return;
        }
        expect(enforceSchema(once, schema)).toEqual(once);
      }),
      { seed: 1234, numRuns: 600 },
    );
  });

  test('a frame that fits its own inferred signature passes', () => {
    fc.assert(
      fc.property(records, (rows) => {
        const frame: DataFrame | undefined = (() => {
          const m = toModelInput(rows);
          return m.kind === 'dataframe' ? m.frame : undefined;
        })();
        if (!frame) return;
        const schema = frame.columns.map((c): ColSpec => ({ type: 'any', name: c, required: false }));
        if (schema.length > 0) expect(() => enforceSchema({ kind: 'dataframe', frame }, schema)).not.toThrow();
      }),
      { seed: 99, numRuns: 100 },
    );
  });
});
