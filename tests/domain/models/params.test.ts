// Inference params against a params schema, ported from MLflow's test_enforce_params_schema* and
// test_param_spec_* (tests/pyfunc/test_pyfunc_schema_enforcement.py), with today's messages from
// mlflow/models/utils.py `_enforce_param_datatype` and mlflow/types/schema.py.
import { describe, expect, test } from 'vitest';
import { MlflowError } from '../../../src/domain/errors';
import { enforceParams, parseSignature, type ParamSpec } from '../../../src/domain/models';

const schema: ParamSpec[] = [
  { name: 'str_param', type: 'string', default: 'string', shape: null },
  { name: 'int_param', type: 'integer', default: 1, shape: null },
  { name: 'long_param', type: 'long', default: 100, shape: null },
  { name: 'float_param', type: 'float', default: 0.5, shape: null },
  { name: 'double_param', type: 'double', default: 1, shape: null },
  { name: 'bool_param', type: 'boolean', default: true, shape: null },
  { name: 'datetime_param', type: 'datetime', default: '2023-06-26T00:00:00', shape: null },
  { name: 'str_list', type: 'string', default: ['a', 'b'], shape: [-1] },
];

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

describe('enforceParams', () => {
  test('missing params take their defaults (datetimes as dates)', () => {
    expect(enforceParams(undefined, schema)).toEqual({
      str_param: 'string', int_param: 1, long_param: 100, float_param: 0.5, double_param: 1, bool_param: true, datetime_param: new Date('2023-06-26T00:00:00Z'), str_list: ['a', 'b'],
    });
  });

  test('int -> long/float/double and float -> double are accepted; any -> datetime is tried', () => {
    expect(enforceParams({ double_param: 1, float_param: 1, long_param: 5, datetime_param: '2023-06-26 01:02:03' }, schema)).toMatchObject({
      double_param: 1, float_param: 1, long_param: 5, datetime_param: new Date('2023-06-26T01:02:03Z'),
    });
    expect(enforceParams({ long_param: 2n ** 62n }, schema).long_param).toBe(2n ** 62n);
  });

  test('a null param stays null, as in MLflow', () => expect(enforceParams({ str_param: null }, schema).str_param).toBeNull());

  test('unknown params are ignored with a warning; params without a schema are ignored with a warning', () => {
    const warnings: string[] = [];
    expect(enforceParams({ new_param: 'x', int_param: 2 }, schema, warnings)).toMatchObject({ int_param: 2 });
    expect(warnings[0]).toMatch(/^Unrecognized params \['new_param'\] are ignored for inference\. Supported params are: \{'str_param', 'int_param', /);
    const none: string[] = [];
    expect(enforceParams({ str_param: 'string', int_array: [1, 2, 3], 123: 123 }, undefined, none)).toEqual({});
    expect(none).toEqual([
      "`params` can only be specified at inference time if the model signature defines a params schema. This model does not define a params schema. Ignoring provided params: ['123', 'str_param', 'int_array']",
    ]);
    expect(enforceParams({}, undefined, none)).toEqual({});
  });

  test.each([
    [{ float_param: 'a' }, "Invalid parameters found: {('float_param', \"Failed to validate type and shape for 'float_param': float (default: 0.5), error: Can not safely convert `<class 'str'>` to `DataType.float` for value `a`\")}"],
    [{ int_param: 1.5 }, "Invalid parameters found: {('int_param', \"Failed to validate type and shape for 'int_param': integer (default: 1), error: Can not safely convert `<class 'float'>` to `DataType.integer` for value `1.5`\")}"],
    [{ long_param: true }, "Invalid parameters found: {('long_param', \"Failed to validate type and shape for 'long_param': long (default: 100), error: Can not safely convert `<class 'bool'>` to `DataType.long` for value `True`\")}"],
    [{ str_param: 1 }, "Invalid parameters found: {('str_param', \"Failed to validate type and shape for 'str_param': string (default: string), error: Can not safely convert `<class 'int'>` to `DataType.string` for value `1`\")}"],
    [{ double_param: [1] }, "Invalid parameters found: {('double_param', \"Failed to validate type and shape for 'double_param': double (default: 1.0), error: Value must be a scalar for type `DataType.double`, got `[1]`\")}"],
    [{ datetime_param: 1 }, "Invalid parameters found: {('datetime_param', \"Failed to validate type and shape for 'datetime_param': datetime (default: 2023-06-26T00:00:00), error: Failed to convert value `1` from type `<class 'int'>` to `DataType.datetime`\")}"],
    [{ str_list: 'a' }, "Invalid parameters found: {('str_list', \"Value must be a 1D array with shape (-1,) for param 'str_list': string (default: ['a', 'b']) (shape: (-1,)), received str with ndim 0\")}"],
    [{ str_list: [['a']] }, "Invalid parameters found: {('str_list', \"Value must be a 1D array with shape (-1,) for param 'str_list': string (default: ['a', 'b']) (shape: (-1,)), received list with ndim 2\")}"],
  ])('%j is refused with MLflow\'s message', (params, message) => expect(refusal(() => enforceParams(params, schema))).toBe(message));

  test('every invalid param is listed in one error', () => {
    const message = refusal(() => enforceParams({ int_param: 'x', bool_param: 1 }, schema));
    expect(message).toMatch(/^Invalid parameters found: \{\('int_param', .*\), \('bool_param', .*\)\}$/);
  });

  test('params must be a dictionary', () => {
    // What a caller outside TypeScript (the REST handler, a script) can pass.
    const notADict = (v: unknown) => v as Record<string, unknown>;
    expect(refusal(() => enforceParams(notADict([1, 2, 3]), schema))).toBe("Parameters must be a dictionary. Got type 'list'.");
    expect(refusal(() => enforceParams(notADict(100), schema))).toBe("Parameters must be a dictionary. Got type 'int'.");
  });

  test('object params: required and unknown properties, property types', () => {
    const sig = parseSignature({ params: '[{"name": "cfg", "default": {"k": 1}, "shape": null, "type": "object", "properties": {"k": {"type": "long", "required": true}, "s": {"type": "string", "required": false}}}]' });
    expect(enforceParams({ cfg: { k: 2, s: 'x' } }, sig.params)).toEqual({ cfg: { k: 2, s: 'x' } });
    expect(refusal(() => enforceParams({ cfg: { s: 'x' } }, sig.params))).toContain("Missing required properties: {'k'}");
    expect(refusal(() => enforceParams({ cfg: { k: 1, z: 1 } }, sig.params))).toContain("Invalid properties not defined in the schema found: {'z'}");
    expect(refusal(() => enforceParams({ cfg: { k: 'one' } }, sig.params))).toContain('Failed to enforce schema for key `k`. Expected type long, received type str');
  });
});
