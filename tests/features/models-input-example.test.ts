// A saved input example as the scoring payload it stands for, for every layout MLflow has written.
import { describe, expect, test } from 'vitest';
import { exampleFiles, payloadText, servingPayload } from '../../src/features/models/input-example';

describe('input examples', () => {
  test('file names come from saved_input_example_info', () => {
    expect(exampleFiles({ artifact_path: 'input_example.json', type: 'dataframe', serving_input_path: 'serving_input_example.json' })).toEqual({ example: 'input_example.json', serving: 'serving_input_example.json' });
    expect(exampleFiles({ artifactPath: 'input_example.json' })).toEqual({ example: 'input_example.json' });
    expect(exampleFiles(undefined)).toEqual({});
  });

  test('dataframes: split, values and records orient', () => {
    const split = { columns: ['x'], data: [[1]] };
    expect(servingPayload(split, { type: 'dataframe', pandas_orient: 'split' })).toEqual({ dataframe_split: split });
    expect(servingPayload([[1, 2]], { type: 'dataframe', pandas_orient: 'values' })).toEqual({ dataframe_split: { data: [[1, 2]] } });
    expect(servingPayload([{ x: 1 }], { type: 'dataframe', pandas_orient: 'records' })).toEqual({ dataframe_records: [{ x: 1 }] });
  });

  test('arrays and tf-serving examples; params kept', () => {
    expect(servingPayload([[5.1, 3.5]], { type: 'ndarray' })).toEqual({ inputs: [[5.1, 3.5]] });
    expect(servingPayload({ inputs: [[1]] }, { type: 'ndarray', format: 'tf-serving' })).toEqual({ inputs: [[1]] });
    expect(servingPayload({ inputs: { columns: ['q'], data: [['hi']] }, params: { k: 2 } }, { type: 'dataframe', params: 'true' })).toEqual({ dataframe_split: { columns: ['q'], data: [['hi']] }, params: { k: 2 } });
    expect(servingPayload({ inputs: ['hi'], params: { k: 2 } }, { type: 'json_object', params: 'true' })).toEqual({ inputs: ['hi'], params: { k: 2 } });
  });

  test('small payloads are indented, large ones compact', () => {
    expect(payloadText({ inputs: [1] })).toContain('\n');
    expect(payloadText({ inputs: Array.from({ length: 10_000 }, (_, i) => i) })).not.toContain('\n');
  });
});
