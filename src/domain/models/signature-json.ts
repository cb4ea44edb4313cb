// A signature as MLflow writes it into MLmodel (mlflow/models/signature.py `ModelSignature.to_dict`):
// each part a `json.dumps` string of the spec dicts in MLflow's key order (ColSpec: type,
// [items|properties|values], name, required; TensorSpec: [name], type, tensor-spec; ParamSpec:
// name, default, shape, type), or null.
import { PyFloat, isoformat, pythonJson } from './python-text';
import { isTensorSpec, type ColSpec, type ModelSignature, type ParamSpec, type TensorSpec } from './signature';

function specDict(spec: ColSpec | TensorSpec): Record<string, unknown> {
  if (isTensorSpec(spec)) {
    const tensor = { dtype: spec['tensor-spec'].dtype, shape: spec['tensor-spec'].shape };
    return spec.name === undefined ? { type: 'tensor', 'tensor-spec': tensor } : { name: spec.name, type: 'tensor', 'tensor-spec': tensor };
  }
  const d: Record<string, unknown> = { type: spec.type };
  if (spec.items !== undefined) d.items = spec.items;
  if (spec.properties !== undefined) d.properties = spec.properties;
  if (spec.values !== undefined) d.values = spec.values;
  if (spec.name !== undefined) d.name = spec.name;
  if (spec.required !== undefined) d.required = spec.required;
  return d;
}

/** A default as Python holds it: floats stay floats (`1.0`), datetimes become ISO text. */
function defaultValue(type: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => defaultValue(type, v));
  if ((type === 'float' || type === 'double') && typeof value === 'number') return new PyFloat(value);
  if (type === 'datetime' && value instanceof Date) return isoformat(value);
  return value;
}

function paramDict(p: ParamSpec): Record<string, unknown> {
  const d: Record<string, unknown> = { name: p.name, default: defaultValue(p.type, p.default), shape: p.shape, type: p.type };
  if (p.properties !== undefined) d.properties = p.properties;
  return d;
}

/**
 * ModelSignature.to_dict: the three JSON strings of the MLmodel `signature` block.
 * @example signatureToMlflowDict({ inputs: [{ type: 'double', name: 'x', required: true }] })
 * // { inputs: '[{"type": "double", "name": "x", "required": true}]', outputs: null, params: null }
 */
export function signatureToMlflowDict(sig: ModelSignature): { inputs: string | null; outputs: string | null; params: string | null } {
  return {
    inputs: sig.inputs && sig.inputs.length > 0 ? pythonJson(sig.inputs.map(specDict)) : null,
    outputs: sig.outputs && sig.outputs.length > 0 ? pythonJson(sig.outputs.map(specDict)) : null,
    params: sig.params && sig.params.length > 0 ? pythonJson(sig.params.map(paramDict)) : null,
  };
}
