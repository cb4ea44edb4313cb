// The Try-it form: which control each MLflow type gets, how the input example fills it, and that
// what is typed becomes the scoring payload the /invocations endpoint would take.
import { describe, expect, test } from 'vitest';
import { parseJsonPayload } from '../../src/domain/serving/scoring-payload';
import { initialValues, readForm, signatureForm } from '../../src/features/models/signature-form';
import type { ModelSignature } from '../../src/sdk/index';

const columns = {
  inputs: [
    { type: 'double', name: 'fixed acidity', required: true },
    { type: 'long', name: 'n' },
    { type: 'boolean', name: 'flag' },
    { type: 'string', name: '<b>name</b>', required: false },
    { type: 'array', items: { type: 'double' }, name: 'vec' },
    { type: 'datetime', name: 'when', required: false },
  ],
  params: [{ name: 'temperature', type: 'double', default: 0.7, shape: null }],
} as unknown as ModelSignature;

const tensors = { inputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] } }] } as unknown as ModelSignature;
const named = {
  inputs: [
    { name: 'a', type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [10] } },
    { name: 'b', type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [10] } },
  ],
} as unknown as ModelSignature;

describe('signatureForm', () => {
  test('one control per column, chosen by type; params after', () => {
    const form = signatureForm(columns);
    expect(form?.kind).toBe('columns');
    expect(form?.inputs.map((f) => [f.name, f.control, f.required])).toEqual([
      ['fixed acidity', 'number', true],
      ['n', 'integer', true],
      ['flag', 'checkbox', true],
      ['<b>name</b>', 'text', false],
      ['vec', 'json', true],
      ['when', 'text', false],
    ]);
    expect(form?.inputs[4]?.type).toBe('array<double>');
    expect(form?.inputs[5]?.placeholder).toMatch(/YYYY/);
    expect(form?.params.map((p) => [p.name, p.control])).toEqual([['temperature', 'number']]);
  });

  test('tensors get a JSON box that states the dtype and shape', () => {
    const form = signatureForm(tensors);
    expect(form?.kind).toBe('tensors');
    expect(form?.inputs).toHaveLength(1);
    expect(form?.inputs[0]).toMatchObject({ control: 'json', type: 'tensor<float32> [-1, 4]' });
    expect(form?.inputs[0]?.placeholder).toContain('[-1, 4]');
  });

  test('no signature, no form', () => {
    expect(signatureForm(undefined)).toBeUndefined();
    expect(signatureForm({} as ModelSignature)).toBeUndefined();
  });

  test('unnamed columns are positional', () => {
    const form = signatureForm({ inputs: [{ type: 'double' }, { type: 'string' }] } as unknown as ModelSignature);
    expect(form?.inputs.map((f) => [f.name, f.label])).toEqual([['0', 'column 0'], ['1', 'column 1']]);
  });
});

describe('initialValues', () => {
  test('the first row of a split-orient example fills the columns; params take their defaults', () => {
    const form = signatureForm(columns)!;
    const example = parseJsonPayload(JSON.stringify({ dataframe_split: { columns: ['fixed acidity', 'n', 'flag', 'vec'], data: [[7.4, 3, true, [1, 2]], [8, 1, false, [0]]] } }));
    expect(initialValues(form, columns, example)).toEqual({
      'fixed acidity': '7.4', n: '3', flag: 'true', '<b>name</b>': '', vec: '[1,2]', when: '', 'param:temperature': '0.7',
    });
  });

  test('records and tf-serving examples work too', () => {
    const form = signatureForm(columns)!;
    const records = parseJsonPayload('{"dataframe_records": [{"n": 5, "flag": false}]}');
    expect(initialValues(form, columns, records)).toMatchObject({ n: '5', flag: 'false', 'fixed acidity': '' });
    const inputs = parseJsonPayload('{"inputs": {"n": [9, 8]}, "params": {"temperature": 0.1}}');
    expect(initialValues(form, columns, inputs)).toMatchObject({ n: '9', 'param:temperature': '0.1' });
  });

  test('a tensor example fills the JSON box', () => {
    const form = signatureForm(tensors)!;
    const example = parseJsonPayload('{"inputs": [[5.1, 3.5, 1.4, 0.2]]}');
    expect(initialValues(form, tensors, example)).toEqual({ '0': '[[5.1,3.5,1.4,0.2]]' });
    const rows = parseJsonPayload('{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8]]}');
    expect(initialValues(form, tensors, rows)).toEqual({ '0': '[\n  [1,2,3,4],\n  [5,6,7,8]\n]' });
    const two = signatureForm(named)!;
    expect(initialValues(two, named, parseJsonPayload('{"inputs": {"a": [1], "b": [2]}}'))).toEqual({ a: '[1]', b: '[2]' });
  });
});

describe('readForm', () => {
  test('typed values become a one-row dataframe payload; empty boxes are left out', () => {
    const form = signatureForm(columns)!;
    const { payload, params } = readForm(form, { 'fixed acidity': '7.4', n: '3', flag: 'true', '<b>name</b>': '', vec: '[1, 2]', when: ' ', 'param:temperature': '0.2' });
    expect(payload).toEqual({ format: 'dataframe', frame: { columns: ['fixed acidity', 'n', 'flag', 'vec'], data: { 'fixed acidity': [7.4], n: [3], flag: [true], vec: [[1, 2]] }, length: 1 } });
    expect(params).toEqual({ temperature: 0.2 });
  });

  test('every unreadable field is named in one error', () => {
    const form = signatureForm(columns)!;
    expect(() => readForm(form, { 'fixed acidity': 'abc', vec: '[1,', flag: 'false' })).toThrow(/'fixed acidity': 'abc' is not a number; 'vec': not valid JSON/);
  });

  test('tensors become an inputs payload: bare for one tensor, by name for several', () => {
    expect(readForm(signatureForm(tensors)!, { '0': '[[1,2,3,4]]' }).payload).toEqual({ format: 'inputs', value: [[1, 2, 3, 4]] });
    expect(readForm(signatureForm(named)!, { a: '[1]', b: '[2]' }).payload).toEqual({ format: 'inputs', value: { a: [1], b: [2] } });
  });
});
