// Schema enforcement at predict time: MLflow's `_enforce_schema` (mlflow/models/utils.py) and the
// error wrapping of pyfunc's `_validate_prediction_input`. Unlike MLflow, which stops at the first
// bad column, every problem is collected and reported in one INVALID_PARAMETER_VALUE error.
import { MlflowError } from '../errors';
import { schemaRepr } from './describe';
import { enforceColumns, type SchemaProblem } from './enforce-columns';
import { enforceTensors } from './enforce-tensors';
import { toModelInput, type DataFrame, type ModelInput } from './model-input';
import { pyShape } from './python-text';
import { isTensorSchema, isTensorSpec, type ColSpec, type TensorSpec } from './signature';
import { tensorToNested } from './tensor-data';

export type { SchemaProblem } from './enforce-columns';
const MAX_REPR = 2000;
const CAST_PREFIX = 'This model contains a column-based signature, which suggests a DataFrame input. There was an error casting the input data to a DataFrame: ';

/** Thrown by enforceSchema. `problems` lists each offending input with what the signature expects. */
export class SchemaEnforcementError extends MlflowError {
  readonly problems: SchemaProblem[];

  constructor(message: string, problems: SchemaProblem[]) {
    super(message, 'INVALID_PARAMETER_VALUE');
    this.problems = problems;
  }
}

/** pd.DataFrame(ndarray) / pd.DataFrame(dict of ndarrays), for a column signature given tensors. */
function tensorsToFrame(input: Exclude<ModelInput, { kind: 'dataframe' }>): DataFrame | string {
  const frame: DataFrame = { columns: [], data: {}, length: 0, dtypes: {} };
  const add = (name: string, values: unknown[], dtype?: string) => {
    frame.columns.push(name);
    frame.data[name] = values;
    if (dtype !== undefined && frame.dtypes) frame.dtypes[name] = dtype;
  };
  if (input.kind === 'tensor') {
    const { tensor } = input;
    const values = Array.from(tensor.data as ArrayLike<unknown>);
    if (tensor.shape.length > 2) return `${CAST_PREFIX}Must pass 2-d input. shape=${pyShape(tensor.shape)}`;
    const width = tensor.shape.length === 2 ? (tensor.shape[1] ?? 0) : 1;
    const columns = Array.from({ length: width }, (): unknown[] => []);
    values.forEach((v, i) => columns[i % width]?.push(v));
    columns.forEach((column, c) => add(String(c), column, tensor.dtype));
    frame.length = tensor.shape[0] ?? 1;
    return frame;
  }
  const lengths = new Set<number>();
  for (const [name, tensor] of Object.entries(input.tensors)) {
    const nested = tensorToNested(tensor);
    const values = Array.isArray(nested) ? nested : [nested];
    add(name, values, tensor.shape.length <= 1 ? tensor.dtype : undefined);
    lengths.add(values.length);
  }
  if (lengths.size > 1) return `${CAST_PREFIX}All arrays must be of the same length`;
  frame.length = [...lengths][0] ?? 0;
  return frame;
}

function enforce(input: ModelInput, inputs: ReadonlyArray<ColSpec | TensorSpec>, warnings: string[]): { input: ModelInput; problems: SchemaProblem[] } {
  if (isTensorSchema(inputs)) return enforceTensors(input, inputs.filter(isTensorSpec), warnings);
  const frame = input.kind === 'dataframe' ? input.frame : tensorsToFrame(input);
  if (typeof frame === 'string') return { input, problems: [{ input: 'input', expected: 'a DataFrame', message: frame }] };
  const result = enforceColumns(frame, inputs.filter((s): s is ColSpec => !isTensorSpec(s)), warnings);
  return { input: { kind: 'dataframe', frame: result.frame }, problems: result.problems };
}

/**
 * Checks and converts a model input against a signature's inputs, with MLflow's rules: required
 * columns present, extra columns dropped (noted in `warnings`), only safe type conversions,
 * tensor dtypes exact and shapes matching with -1 wildcards. Without a schema the input passes.
 * Throws SchemaEnforcementError (INVALID_PARAMETER_VALUE) naming every offending input.
 * @example enforceSchema(toModelInput([{ x: 1 }]), [{ type: 'double', name: 'x', required: true }])
 * // { kind: 'dataframe', frame: { columns: ['x'], data: { x: [1] }, length: 1, dtypes: { x: 'float64' } } }
 */
export function enforceSchema(input: ModelInput, inputs: ReadonlyArray<ColSpec | TensorSpec> | undefined, warnings: string[] = []): ModelInput {
  try {
    const normalised = toModelInput(input);
    if (inputs === undefined || inputs.length === 0) return normalised;
    const { input: enforced, problems } = enforce(normalised, inputs, warnings);
    if (problems.length === 0) return enforced;
    const repr = schemaRepr(inputs);
    const shown = repr.length > MAX_REPR ? `${repr.slice(0, MAX_REPR)}…` : repr;
    throw new SchemaEnforcementError(`Failed to enforce schema of data with schema '${shown}'. Error: ${[...new Set(problems.map((p) => p.message))].join('\n')}`, problems);
  } catch (e) {
    if (e instanceof MlflowError) throw e;
    throw new MlflowError(`Failed to enforce schema: ${e instanceof Error ? e.message : String(e)}`, 'INVALID_PARAMETER_VALUE');
  }
}
