// Inference params checked against a signature's params schema, as MLflow does before predict
// (mlflow/models/utils.py `_enforce_params_schema`, `_enforce_param_datatype`; mlflow/types/schema.py
// `ParamSpec.validate_type_and_shape`): unknown params dropped with a warning, missing ones take
// the default, int -> long/float/double and float -> double accepted, bool never a number, every
// failure collected into one "Invalid parameters found: {(name, message), ...}".
import { invalidParameter } from '../errors';
import type { ParamSpec } from './signature-types';
import { isoformat, pyRepr, pyStr, pyStrRepr, pyTypeName, PyFloat } from './python-text';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !ArrayBuffer.isView(v);
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

function pyClass(value: unknown): string {
  return `<class '${pyTypeName(value)}'>`;
}

/** How Python would print the value a param holds (floats of a float param as `1.0`). */
function pythonValue(type: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => pythonValue(type, v));
  if ((type === 'float' || type === 'double') && typeof value === 'number') return new PyFloat(value);
  if (value instanceof Date) return isoformat(value, ' ');
  return value;
}

/** `repr(ParamSpec)`: `'temperature': float (default: 0.8)`, with ` (shape: (-1,))` for lists. */
export function paramSpecRepr(spec: ParamSpec): string {
  const shape = spec.shape === null ? '' : ' (shape: (-1,))';
  return `${pyStrRepr(spec.name)}: ${spec.type} (default: ${pyStr(pythonValue(spec.type, spec.default))})${shape}`;
}

function parseDatetime(value: unknown): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const m = typeof value === 'string' ? ISO_DATETIME.exec(value.trim()) : null;
  if (m) {
    const [, y, mo, d, h, mi, s, frac] = m;
    const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms));
    if (!Number.isNaN(date.getTime()) && date.getUTCDate() === Number(d)) return date;
  }
  throw new Error(`Failed to convert value \`${pyStr(value)}\` from type \`${pyClass(value)}\` to \`DataType.datetime\``);
}

/** `_enforce_param_datatype`: one scalar against a DataType, converted to what Python would hold. */
function enforceParamDatatype(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'datetime') return parseDatetime(value);
  if (typeof value === 'object') throw new Error(`Value must be a scalar for type \`DataType.${type}\`, got \`${pyStr(value)}\``);
  const isInt = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'integer':
    case 'long':
      if (isInt) return value;
      break;
    case 'float':
    case 'double':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      break;
    case 'string':
      if (typeof value === 'string') return value;
      break;
  }
  throw new Error(`Can not safely convert \`${pyClass(value)}\` to \`DataType.${type}\` for value \`${pyStr(value)}\``);
}

/** `_enforce_object` for object params: required and unknown properties, primitive property types. */
function enforceObjectParam(value: unknown, spec: ParamSpec): unknown {
  if (!isDict(value)) throw new Error(`Failed to enforce schema of '${pyStr(value)}' with type 'object'. Expected data to be dictionary, got ${pyTypeName(value)}`);
  const props = spec.properties ?? {};
  const missing = Object.entries(props).filter(([k, p]) => !(isDict(p) && p.required === false) && !(k in value)).map(([k]) => k);
  if (missing.length > 0) throw new Error(`Missing required properties: {${missing.map(pyStrRepr).join(', ')}}`);
  const unknown = Object.keys(value).filter((k) => !(k in props));
  if (unknown.length > 0) throw new Error(`Invalid properties not defined in the schema found: {${unknown.map(pyStrRepr).join(', ')}}`);
  for (const [k, v] of Object.entries(value)) {
    const prop = props[k];
    const type = isDict(prop) && typeof prop.type === 'string' ? prop.type : 'any';
    if (['array', 'object', 'map', 'any'].includes(type) || (v === null && isDict(prop) && prop.required === false)) continue;
    try {
      enforceParamDatatype(v, type);
    } catch {
      throw new Error(`Failed to enforce schema for key \`${k}\`. Expected type ${type}, received type ${pyTypeName(v)}`);
    }
  }
  return value;
}

function ndim(value: unknown): number {
  return Array.isArray(value) ? 1 + Math.max(0, ...value.map(ndim)) : 0;
}

/**
 * `ParamSpec.validate_type_and_shape`: the value converted, or a plain Error with MLflow's message.
 * Also checks a spec's own default when a signature is read.
 */
export function validateParamValue(spec: ParamSpec, value: unknown): unknown {
  const repr = paramSpecRepr(spec);
  if (spec.shape !== null && !(Array.isArray(value) && ndim(value) === 1)) {
    throw new Error(`Value must be a 1D array with shape (-1,) for param ${repr}, received ${pyTypeName(value)} with ndim ${ndim(value)}`);
  }
  try {
    if (spec.shape !== null) return (value as unknown[]).map((v) => enforceParamDatatype(v, spec.type));
    if (spec.type === 'object') return enforceObjectParam(value, spec);
    if (Array.isArray(value)) throw new Error(`Value must be a scalar for type \`DataType.${spec.type}\`, got \`${pyStr(value)}\``);
    return enforceParamDatatype(value, spec.type);
  } catch (e) {
    throw new Error(`Failed to validate type and shape for ${repr}, error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * `_enforce_params_schema`. Returns the params the model receives: known params converted,
 * missing ones at their defaults. Ignored params are reported in `warnings` (MLflow logs them).
 * @example enforceParams({ temperature: 1, foo: 2 }, [{ name: 'temperature', type: 'float', default: 0.8, shape: null }], w)
 * // { temperature: 1 }, w = ["Unrecognized params ['foo'] are ignored for inference. ..."]
 */
export function enforceParams(params: Record<string, unknown> | undefined, schema: ParamSpec[] | undefined, warnings: string[] = []): Record<string, unknown> {
  if (schema === undefined || schema.length === 0) {
    if (params === undefined || params === null || (isDict(params) && Object.keys(params).length === 0)) return {};
    const info = isDict(params) ? `Ignoring provided params: ${pyRepr(Object.keys(params))}` : 'Ignoring invalid params (not a dictionary).';
    warnings.push(`\`params\` can only be specified at inference time if the model signature defines a params schema. This model does not define a params schema. ${info}`);
    return {};
  }
  const given: unknown = params ?? {};
  if (!isDict(given)) throw invalidParameter(`Parameters must be a dictionary. Got type '${pyTypeName(given)}'.`);
  const allowed = new Set(schema.map((s) => s.name));
  const ignored = Object.keys(given).filter((k) => !allowed.has(k));
  if (ignored.length > 0) {
    warnings.push(
      `Unrecognized params ${pyRepr(ignored)} are ignored for inference. Supported params are: {${[...allowed].map(pyStrRepr).join(', ')}}. ` +
        'To enable them, please add corresponding schema in ModelSignature.',
    );
  }
  const result: Record<string, unknown> = Object.fromEntries(Object.entries(given).filter(([k]) => allowed.has(k)));
  const invalid: string[] = [];
  for (const spec of schema) {
    try {
      result[spec.name] = spec.name in result ? validateParamValue(spec, result[spec.name]) : validateParamValue(spec, spec.default);
    } catch (e) {
      invalid.push(`(${pyStrRepr(spec.name)}, ${pyStrRepr(e instanceof Error ? e.message : String(e))})`);
    }
  }
  if (invalid.length > 0) throw invalidParameter(`Invalid parameters found: {${invalid.join(', ')}}`);
  return result;
}
