import { describe, expect, test } from 'vitest';
import { parseCsvPayload, parseJsonPayload } from '../../../src/domain/serving/scoring-payload';
import { invocationTarget, readContentType, ScoringHttpError } from '../../../src/sdk/serving/scoring-request';
import { MlflowError } from '../../../src/domain/errors';

const bad = (fn: () => unknown, message: RegExp): void => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(MlflowError);
  expect((err as MlflowError).errorCode).toBe('BAD_REQUEST');
  expect((err as MlflowError).message).toMatch(message);
};

describe('JSON payloads (MLflow scoring protocol)', () => {
  test('dataframe_split with columns, data and params', () => {
    const p = parseJsonPayload(JSON.stringify({ dataframe_split: { columns: ['fixed acidity', 'pH'], data: [[7.4, 3.51], [7.8, 3.2]] }, params: { k: 1 } }));
    expect(p).toEqual({ format: 'dataframe', frame: { columns: ['fixed acidity', 'pH'], data: { 'fixed acidity': [7.4, 7.8], pH: [3.51, 3.2] }, length: 2 }, params: { k: 1 } });
  });

  test('dataframe_records keeps first-seen column order and fills gaps with null', () => {
    const p = parseJsonPayload(JSON.stringify({ dataframe_records: [{ a: 1, b: 'x' }, { b: 'y', c: true }] }));
    expect(p.format === 'dataframe' && p.frame).toEqual({ columns: ['a', 'b', 'c'], data: { a: [1, null], b: ['x', 'y'], c: [null, true] }, length: 2 });
  });

  test('inputs and instances are kept raw for the signature to interpret', () => {
    expect(parseJsonPayload('{"inputs": [[1, 2]], "signature_name": "x"}')).toEqual({ format: 'inputs', value: [[1, 2]] });
    expect(parseJsonPayload('{"instances": [{"a": 1}]}')).toEqual({ format: 'instances', value: [{ a: 1 }] });
  });

  test('MLflow\'s error messages for malformed bodies', () => {
    bad(() => parseJsonPayload('{not json'), /Invalid input. Ensure that input is a valid JSON formatted string/);
    bad(() => parseJsonPayload('[1, 2]'), /exactly one of the input fields/);
    bad(() => parseJsonPayload('{"inputs": 1, "instances": 2}'), /exactly one of the input fields/);
    bad(() => parseJsonPayload('{}'), /exactly one of the input fields/);
    bad(() => parseJsonPayload('{"dataframe_split": [1]}'), /Dataframe split format must be a dictionary. Got list./);
    bad(() => parseJsonPayload('{"dataframe_split": {"data": [], "extra": 1}}'), /must have 'data' field and optionally 'columns' and 'index'/);
    bad(() => parseJsonPayload('{"dataframe_split": {"columns": ["a", "b"], "data": [[1]]}}'), /not a valid dataframe representation in 'split' format/);
    bad(() => parseJsonPayload('{"dataframe_records": {"a": 1}}'), /Dataframe records format must be a list of records. Got dictionary./);
    bad(() => parseJsonPayload('{"inputs": [1], "params": [1]}'), /Invalid params/);
  });
});

describe('CSV payloads', () => {
  test('header plus rows; numeric columns become numbers, missing cells NaN', () => {
    const p = parseCsvPayload('sepal_length,species\n5.1,setosa\n,virginica\n');
    expect(p.format === 'dataframe' && p.frame.data.species).toEqual(['setosa', 'virginica']);
    expect(p.format === 'dataframe' && p.frame.data.sepal_length?.[0]).toBe(5.1);
    expect(p.format === 'dataframe' && p.frame.data.sepal_length?.[1]).toBeNaN();
  });

  test('ragged rows and empty bodies are refused with the line number', () => {
    bad(() => parseCsvPayload('a,b\n1,2\n3\n'), /line 3 has 1 fields, the header has 2/);
    bad(() => parseCsvPayload(''), /Failed to parse input as a Pandas DataFrame/);
  });
});

describe('request line', () => {
  test('content types as MLflow accepts them', () => {
    expect(readContentType('application/json')).toBe('json');
    expect(readContentType('text/csv; charset=UTF-8')).toBe('csv');
    expect(() => readContentType('text/plain')).toThrow(ScoringHttpError);
    expect(() => readContentType('application/json; charset=utf8')).toThrow(/only supports UTF-8/);
    expect(() => readContentType('application/json; format=pandas-split')).toThrow(/Unrecognized content type parameters: format/);
  });

  test('invocation paths name runs:/ and models:/ targets', () => {
    expect(invocationTarget('/run/abc/model/invocations')).toEqual({ kind: 'runs', runId: 'abc', path: 'model' });
    expect(invocationTarget('/model/iris/3/invocations')).toEqual({ kind: 'models', name: 'iris', version: '3' });
    expect(invocationTarget('/model/iris/Production/invocations')).toEqual({ kind: 'models', name: 'iris', stage: 'Production' });
    expect(invocationTarget('/model/iris/@champion/invocations')).toEqual({ kind: 'models', name: 'iris', alias: 'champion' });
    expect(invocationTarget('/model/iris/latest/invocations')).toEqual({ kind: 'models', name: 'iris', latest: true });
    expect(invocationTarget('/model/iris/3/predict')).toBeUndefined();
  });
});
