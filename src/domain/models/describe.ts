// Signature types as people read them (`array<string>`, `object{role: string, content?: string}`,
// `tensor<float32> [-1, 4]`), and schemas as MLflow's Python repr prints them in error messages
// (mlflow/types/schema.py `ColSpec.__repr__`, `TensorSpec.__repr__`, `Schema.__repr__`).
import { pyRepr, pyShape } from './python-text';

const MAX_DEPTH = 32;

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * @example describeSchemaType({ type: 'array', items: { type: 'string' } }) // 'array<string>'
 * @example describeSchemaType({ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] } }) // 'tensor<float32> [-1, 4]'
 */
export function describeSchemaType(spec: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) return '…';
  if (typeof spec === 'string') return spec;
  if (!isDict(spec)) return 'unknown';
  const type = spec.type;
  if (type === 'tensor') {
    const tensor = isDict(spec['tensor-spec']) ? spec['tensor-spec'] : {};
    const dtype = typeof tensor.dtype === 'string' ? tensor.dtype : 'unknown';
    const shape = Array.isArray(tensor.shape) ? ` [${tensor.shape.map(String).join(', ')}]` : '';
    return `tensor<${dtype}>${shape}`;
  }
  if (type === 'array') return `array<${describeSchemaType(spec.items, depth + 1)}>`;
  if (type === 'map') return `map<string, ${describeSchemaType(spec.values, depth + 1)}>`;
  if (type === 'object') {
    const props = isDict(spec.properties) ? Object.entries(spec.properties) : [];
    const inner = props.map(([k, v]) => `${k}${isDict(v) && v.required === false ? '?' : ''}: ${describeSchemaType(v, depth + 1)}`);
    return `object{${inner.join(', ')}}`;
  }
  if (typeof type === 'string') return type;
  // Some writers put a whole spec object in a ParamSpec's `type`.
  if (isDict(type)) return describeSchemaType(type, depth + 1);
  return 'unknown';
}

/** Python's repr of one ColSpec or TensorSpec: `'x': double (required)`, `Tensor('float32', (-1, 4))`. */
export function specRepr(spec: unknown): string {
  if (!isDict(spec)) return 'unknown';
  const name = spec.name === undefined || spec.name === null ? undefined : pyRepr(spec.name);
  if (spec.type === 'tensor') {
    const tensor = isDict(spec['tensor-spec']) ? spec['tensor-spec'] : {};
    const shape = Array.isArray(tensor.shape) ? pyShape(tensor.shape.map(Number)) : '()';
    const text = `Tensor(${pyRepr(String(tensor.dtype))}, ${shape})`;
    return name === undefined ? text : `${name}: ${text}`;
  }
  const text = `${describeSchemaType(spec)} (${spec.required === false ? 'optional' : 'required'})`;
  return name === undefined ? text : `${name}: ${text}`;
}

/** Python's repr of a Schema: the list of its specs. */
export function schemaRepr(specs: readonly unknown[]): string {
  return `[${specs.map(specRepr).join(', ')}]`;
}
