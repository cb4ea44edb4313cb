// The shapes of MLflow's signature JSON (mlflow/types/schema.py `ColSpec`, `TensorSpec`,
// `ParamSpec`; mlflow/models/signature.py `ModelSignature`), shared by the reader, the writer and
// enforcement. Names and keys are MLflow's, so the JSON in an MLmodel file maps one to one.
import type { ColSpecType } from './dtypes';

/** A column. `items`/`properties`/`values` hold the structure of array/object/map types verbatim. */
export interface ColSpec {
  type: ColSpecType | string;
  name?: string | number;
  /** Absent in files written before MLflow 2.x; MLflow reads that as required. */
  required?: boolean;
  items?: unknown;
  properties?: Record<string, unknown>;
  values?: unknown;
}
export interface TensorSpec {
  type: 'tensor';
  'tensor-spec': { dtype: string; shape: number[] };
  name?: string;
  required?: boolean;
}
export interface ParamSpec {
  name: string;
  type: string;
  default: unknown;
  shape: number[] | null;
  /** For `type: 'object'` params: the object's properties, as MLflow writes them. */
  properties?: Record<string, unknown>;
}
export interface ModelSignature {
  inputs?: Array<ColSpec | TensorSpec>;
  outputs?: Array<ColSpec | TensorSpec>;
  params?: ParamSpec[];
}
export type SchemaPart = 'inputs' | 'outputs' | 'params';
