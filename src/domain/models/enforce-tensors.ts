// Tensor (TensorSpec) schema enforcement, after mlflow/models/utils.py `_enforce_tensor_spec`,
// `_enforce_tensor_schema` and `_reshape_and_cast_pandas_column_values`: shapes match with -1 as
// a wildcard, dtypes match exactly for tensors (no casting, as MLflow), DataFrame columns are
// converted into the spec's dtype and shape (refusing casts that would change a value).
import { describeSchemaType } from './describe';
import { isTypedArray } from './dtypes';
import type { SchemaProblem } from './enforce-columns';
import type { DataFrame, ModelInput, TensorValue } from './model-input';
import { pyRepr, pyShape } from './python-text';
import type { TensorSpec } from './signature';
import { nestedShape, tensorFromValues } from './tensor-data';

const dims = (spec: TensorSpec): number[] => spec['tensor-spec'].shape;
const dtypeOf = (spec: TensorSpec): string => spec['tensor-spec'].dtype;
const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array;

/** `_enforce_tensor_spec`: the problems with one tensor, empty when it fits. */
export function tensorProblems(tensor: TensorValue, spec: TensorSpec): string[] {
  const expected = dims(spec);
  const dtype = dtypeOf(spec);
  // Ragged specs: Tensor('object', (-1,)) takes anything; (-1, -1, 3) takes a 1-D object array.
  if (expected.length === 1 && expected[0] === -1 && dtype === 'object') return [];
  if (expected.length > 1 && expected.slice(1).includes(-1) && tensor.shape.length === 1 && tensor.dtype === 'object') return [];
  const problems: string[] = [];
  const fits = expected.length === tensor.shape.length && expected.every((d, i) => d === -1 || d === tensor.shape[i]);
  if (!fits) problems.push(`Shape of input ${pyShape(tensor.shape)} does not match expected shape ${pyShape(expected)}.`);
  if (tensor.dtype !== dtype) problems.push(`dtype of input ${tensor.dtype} does not match expected dtype ${dtype}`);
  return problems;
}

function columnToTensor(name: string | undefined, values: unknown[], spec: TensorSpec): TensorValue {
  const shape = dims(spec);
  const dtype = dtypeOf(spec);
  const label = name === undefined ? 'the unnamed input' : `input ${name}`;
  if (shape[0] !== -1 || shape.slice(1).includes(-1)) {
    throw new Error(
      'For pandas dataframe input, the first dimension of shape must be a variable dimension and other dimensions must be fixed, ' +
        `but in model signature the shape of ${label} is ${pyShape(shape)}.`,
    );
  }
  const rows = values.length;
  if (rows === 0 || isScalar(values[0])) {
    const fitted = shape.length === 1 ? [rows] : shape.length === 2 && shape[1] === 1 ? [rows, 1] : undefined;
    if (!fitted) {
      throw new Error(
        `The input pandas dataframe column ${pyRepr(name ?? null)} contains scalar values, which requires the shape to be (-1,) or (-1, 1), but got tensor spec shape of ${pyShape(shape)}.`,
      );
    }
    try {
      return tensorFromValues(values, fitted, dtype);
    } catch (e) {
      throw new Error(`Incompatible input types for column ${name ?? 0}. ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const reshapeError = new Error(
    `The value in the Input DataFrame column ${pyRepr(name ?? null)} could not be converted to the expected shape of: '${pyShape(shape)}'. ` +
      `Ensure that each of the input list elements are of uniform length and that the data can be coerced to the tensor type '${dtype}'`,
  );
  const perRow = shape.slice(1).reduce((a, b) => a * b, 1);
  const flat: unknown[] = [];
  for (const row of values) {
    const list: unknown = isTypedArray(row) ? Array.from<number | bigint>(row) : row;
    if (!Array.isArray(list)) throw new Error('Because the model signature requires tensor spec input, the input pandas dataframe values should be either scalar value, python list containing scalar values or numpy array containing scalar values, other types are not supported.');
    let rowShape: number[];
    try {
      rowShape = nestedShape(list);
    } catch {
      throw reshapeError;
    }
    if (rowShape.reduce((a, b) => a * b, 1) !== perRow) throw reshapeError;
    flat.push(...(list as unknown[]).flat(Math.max(0, rowShape.length - 1)));
  }
  try {
    return tensorFromValues(flat, [rows, ...shape.slice(1)], dtype);
  } catch {
    throw reshapeError;
  }
}

/** A DataFrame with several columns fed to one unnamed TensorSpec: `df.to_numpy()`. */
function frameToTensor(frame: DataFrame, spec: TensorSpec): TensorValue {
  const shape = dims(spec);
  const n = frame.columns.length;
  if (shape.length !== 2 || shape[0] !== -1 || shape[1] !== n) {
    throw new Error(
      'This model contains a model signature with an unnamed input. Since the input data is a pandas DataFrame containing multiple columns, ' +
        'the input shape must be of the structure (-1, number_of_dataframe_columns). ' +
        `Instead, the input DataFrame passed had ${n} columns and an input shape of ${pyShape(shape)} with all values within the ` +
        'DataFrame of scalar type. Please adjust the passed in DataFrame to match the expected structure',
    );
  }
  const declared = new Set(frame.columns.map((c) => frame.dtypes?.[c]));
  const rowMajor: unknown[] = [];
  for (let r = 0; r < frame.length; r++) for (const c of frame.columns) rowMajor.push(frame.data[c]?.[r] ?? null);
  if (!(declared.size === 1 && declared.has(undefined))) {
    // Typed columns keep their dtype, as numpy's to_numpy() does; only an exact match passes.
    const only = declared.size === 1 ? [...declared][0] : 'object';
    if (only !== dtypeOf(spec)) throw new Error(`dtype of input ${only ?? 'object'} does not match expected dtype ${dtypeOf(spec)}`);
  }
  try {
    return tensorFromValues(rowMajor, [frame.length, n], dtypeOf(spec));
  } catch (e) {
    throw new Error(`Incompatible input types for the unnamed input. ${e instanceof Error ? e.message : String(e)}`);
  }
}

function missingInputs(specs: readonly TensorSpec[], names: string[]): SchemaProblem[] {
  const message = `Model is missing inputs ${pyRepr(names)}.`;
  return specs.filter((s) => names.includes(s.name ?? '')).map((s) => ({ input: s.name ?? '', expected: describeSchemaType(s), message }));
}

/** `_enforce_schema` + `_enforce_tensor_schema` for a schema of TensorSpecs. */
export function enforceTensors(input: ModelInput, specs: readonly TensorSpec[], warnings: string[]): { input: ModelInput; problems: SchemaProblem[] } {
  const problems: SchemaProblem[] = [];
  const check = (tensor: TensorValue, spec: TensorSpec, label: string): void => {
    const prefix = spec.name === undefined ? '' : `Input '${spec.name}': `;
    for (const message of tensorProblems(tensor, spec)) problems.push({ input: label, expected: describeSchemaType(spec), message: prefix + message });
  };
  const attempt = <T>(label: string, spec: TensorSpec, make: () => T): T | undefined => {
    try {
      return make();
    } catch (e) {
      problems.push({ input: label, expected: describeSchemaType(spec), message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  };
  const [first] = specs;
  if (first === undefined) return { input, problems };
  if (first.name === undefined) {
    if (input.kind === 'tensors') {
      const message = "This model contains a tensor-based model signature with no input names, which suggests a numpy array input or a pandas dataframe input with proper column values, but an input of type <class 'dict'> was found.";
      return { input, problems: [{ input: 'input', expected: describeSchemaType(first), message }] };
    }
    if (input.kind === 'dataframe' && input.frame.columns.length === 0) return { input, problems: [{ input: 'input', expected: describeSchemaType(first), message: 'Input DataFrame is empty.' }] };
    const frame = input.kind === 'dataframe' ? input.frame : undefined;
    const tensor =
      input.kind === 'tensor'
        ? input.tensor
        : attempt('input', first, () => (frame?.columns.length === 1 ? columnToTensor(undefined, frame.data[frame.columns[0] ?? ''] ?? [], first) : frameToTensor(input.frame, first)));
    if (tensor) check(tensor, first, 'input');
    return { input: tensor ? { kind: 'tensor', tensor } : input, problems };
  }
  const names = specs.map((s) => s.name ?? '');
  let given: Record<string, TensorValue | unknown[]>;
  if (input.kind === 'tensor') given = specs.length === 1 ? { [names[0] ?? '']: input.tensor } : {};
  else if (input.kind === 'tensors') given = input.tensors;
  else given = input.frame.data;
  const missing = names.filter((n) => !(n in given));
  if (missing.length > 0) return { input, problems: missingInputs(specs, missing) };
  const extra = Object.keys(given).filter((k) => !names.includes(k));
  if (extra.length > 0) warnings.push(`Found extra inputs in the model input that are not defined in the model signature: \`${pyRepr(extra)}\`. These inputs will be ignored.`);
  const tensors: Record<string, TensorValue> = {};
  for (const spec of specs) {
    const name = spec.name ?? '';
    const value = given[name];
    const tensor = Array.isArray(value) ? attempt(name, spec, () => columnToTensor(name, value, spec)) : value;
    if (!tensor) continue;
    check(tensor, spec, name);
    tensors[name] = tensor;
  }
  return { input: { kind: 'tensors', tensors }, problems };
}

