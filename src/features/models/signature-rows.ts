// A signature as the rows of the model page's tables: name, type, shape and required for each
// input and output spec (MLflow's ColSpec / TensorSpec, reference §5.5), and name, type, default
// and shape for each param. Tensor specs show dtype and shape apart, since the shape is what a
// person has to match when typing a tensor in.
import { describeSchemaType } from '../../domain/mlmodel-signature';

export interface SpecRow {
  /** undefined for an unnamed column or tensor */
  name?: string;
  type: string;
  /** `[-1, 4]` for tensors and list params, '' otherwise */
  shape: string;
  required: boolean;
}

export interface ParamRow {
  name: string;
  type: string;
  /** the default as JSON text */
  default: string;
  shape: string;
}

type Spec = Record<string, unknown>;
const isRecord = (v: unknown): v is Spec => typeof v === 'object' && v !== null && !Array.isArray(v);
const shapeText = (shape: unknown): string => (Array.isArray(shape) ? `[${shape.map(String).join(', ')}]` : '');

/** @example specRows([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] } }]) // [{ type: 'tensor<float32>', shape: '[-1, 4]', required: true }] */
export function specRows(specs: readonly unknown[] | undefined): SpecRow[] {
  return (specs ?? []).filter(isRecord).map((s) => {
    const tensor = s.type === 'tensor' && isRecord(s['tensor-spec']) ? s['tensor-spec'] : undefined;
    const row: SpecRow = {
      type: tensor ? `tensor<${String(tensor.dtype ?? 'unknown')}>` : describeSchemaType(s),
      shape: tensor ? shapeText(tensor.shape) : '',
      required: s.required !== false,
    };
    if (s.name !== undefined && s.name !== null) row.name = String(s.name);
    return row;
  });
}

export function paramRows(specs: readonly unknown[] | undefined): ParamRow[] {
  return (specs ?? []).filter(isRecord).map((p) => ({
    name: String(p.name ?? ''),
    type: describeSchemaType(p.type),
    default: JSON.stringify(p.default ?? null),
    shape: shapeText(p.shape),
  }));
}
