// Predictions as tables and the batch result file: shapes MLflow's pyfunc returns, column
// naming, and that the CSV written chunk by chunk is one well-formed file.
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { csvChunk, outputLayout, outputRow, predictionRecords } from '../../src/features/models/batch-output';
import { cellText, predictionTable } from '../../src/features/models/prediction-table';

describe('predictionTable', () => {
  test('records, dicts of equal-length outputs and plain lists are tables', () => {
    expect(predictionTable([{ variable: 5.1 }, { variable: 6 }])).toEqual({ columns: ['variable'], rows: [[5.1], [6]] });
    expect(predictionTable({ label: [0, 2], probabilities: [{ 0: 0.9 }, { 2: 0.8 }] })).toEqual({ columns: ['label', 'probabilities'], rows: [[0, { 0: 0.9 }], [2, { 2: 0.8 }]] });
    expect(predictionTable([1, 2])).toEqual({ columns: ['prediction'], rows: [[1], [2]] });
  });

  test('ragged dicts and scalars are not', () => {
    expect(predictionTable({ a: [1, 2], b: [1] })).toBeUndefined();
    expect(predictionTable({ a: 1 })).toBeUndefined();
    expect(predictionTable(3)).toBeUndefined();
  });

  test('cells: numbers in full, structures as JSON, long ones cut', () => {
    expect(cellText(0.123456789)).toBe('0.123456789');
    expect(cellText({ 0: 0.5 })).toBe('{"0":0.5}');
    expect(cellText(null)).toBe('');
    expect(cellText('x'.repeat(500)).length).toBe(500);
    expect(cellText(['y'.repeat(500)]).endsWith('…')).toBe(true);
  });
});

describe('batch output', () => {
  test('an output named like an input column gets a suffix', () => {
    expect(outputLayout(['a', 'variable'], ['variable', 'b']).columns).toEqual(['a', 'variable', 'variable_prediction', 'b']);
  });

  test('one prediction per row or an error', () => {
    expect(predictionRecords([{ v: 1 }, { v: 2 }], 2)).toEqual([{ v: 1 }, { v: 2 }]);
    expect(() => predictionRecords([{ v: 1 }], 2)).toThrow(/1 predictions for 2 rows/);
    expect(() => predictionRecords({ v: 1 }, 1)).toThrow(/no table/);
  });

  test('chunks concatenate into one CSV with a header, quoting hostile text', () => {
    const layout = outputLayout(['name', 'x'], ['variable']);
    const part1 = csvChunk(layout, [outputRow(layout, { name: 'a,"b"', x: 1 }, { variable: 0.5 })], true);
    const part2 = csvChunk(layout, [outputRow(layout, { name: '<script>', x: null }, { variable: { 1: 0.2 } })], false);
    const parsed = Papa.parse<string[]>(part1 + part2, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([['name', 'x', 'variable'], ['a,"b"', '1', '0.5'], ['<script>', '', '{"1":0.2}']]);
  });
});
