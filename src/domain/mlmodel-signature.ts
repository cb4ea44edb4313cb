// The `signature` block of an MLmodel file, read for display. MLflow stores inputs, outputs and
// params as JSON strings inside the YAML (mlflow/models/signature.py `to_dict`); each is a list of
// ColSpecs (`{"type": "double", "name": "x", "required": true}`), TensorSpecs
// (`{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 28, 28]}}`) or, for
// params, ParamSpecs (`{"name", "type", "default", "shape"}`), per mlflow/types/schema.py.
// Lenient by design (a bad part is a warning); models/signature.ts is the strict reader.
import { describeSchemaType } from './models/describe';

export { describeSchemaType };

export interface SchemaField {
  /** Absent for unnamed specs (MLflow allows a schema of unnamed columns or tensors). */
  name?: string;
  /** Readable type: `double`, `array<string>`, `object{role: string, content?: string}`, `tensor<float64> [-1, 10]`. */
  type: string;
  /** MLflow files before 2.x omit `required`; MLflow reads that as required. */
  required: boolean;
}

export interface SchemaSummary {
  kind: 'columns' | 'tensors';
  fields: SchemaField[];
}

export interface ParamSpecSummary {
  name: string;
  type: string;
  /** The default as JSON text (`0.8`, `true`, `"greedy"`). */
  default: string;
  /** `[-1]` for a list param; absent for a scalar. */
  shape?: string;
}

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON list behind one signature part, or undefined with a warning when it is not one. */
function specList(part: string, raw: unknown, warnings: string[]): Dict[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      warnings.push(`signature.${part} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
  if (value === null) return undefined;
  if (!Array.isArray(value) || !value.every(isDict)) {
    warnings.push(`signature.${part} is not a list of specs.`);
    return undefined;
  }
  return value;
}

export function summariseSchema(part: 'inputs' | 'outputs', raw: unknown, warnings: string[]): SchemaSummary | undefined {
  const specs = specList(part, raw, warnings);
  if (!specs) return undefined;
  return {
    kind: specs.length > 0 && specs.every((s) => s.type === 'tensor') ? 'tensors' : 'columns',
    fields: specs.map((s) => ({
      ...(typeof s.name === 'string' || typeof s.name === 'number' ? { name: String(s.name) } : {}),
      type: describeSchemaType(s),
      required: s.required !== false,
    })),
  };
}

export function summariseParams(raw: unknown, warnings: string[]): ParamSpecSummary[] | undefined {
  const specs = specList('params', raw, warnings);
  if (!specs) return undefined;
  return specs.map((s) => ({
    name: String(s.name ?? ''),
    type: describeSchemaType(s.type),
    default: JSON.stringify(s.default ?? null),
    ...(Array.isArray(s.shape) ? { shape: `[${s.shape.map(String).join(', ')}]` } : {}),
  }));
}
