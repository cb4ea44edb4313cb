// Column (ColSpec) schema enforcement, after mlflow/models/utils.py `_enforce_named_col_schema`,
// `_enforce_unnamed_col_schema` and `_enforce_mlflow_datatype`. Typed columns (a dtype from a typed
// array or an earlier enforcement) follow MLflow's numpy upcast table exactly. Plain JS values have
// no width, so they are checked by value, like the JSON values MLflow's scoring server casts:
// any number into float/double, whole numbers in range into integer/long, never a fraction,
// a missing value or a boolean into an integer. Every problem is collected, not just the first.
import { dtypeInfo, isColSpecType, NUMPY_OF, type ColSpecType } from './dtypes';
import { describeSchemaType } from './describe';
import type { DataFrame } from './model-input';
import { pyRepr } from './python-text';
import type { ColSpec } from './signature';
import { castValue } from './tensor-data';

export interface SchemaProblem {
  /** The column or tensor name (its position for unnamed schemas). */
  input: string;
  /** What the signature declares there: `long`, `tensor<float32> [-1, 4]`. */
  expected: string;
  message: string;
}

const MISSING_VALUES_HINT =
  ' Hint: the type mismatch is likely caused by missing values. Integer columns in python can not represent missing values and are therefore ' +
  'encoded as floats. The best way to avoid this problem is to infer the model schema based on a realistic data sample (training dataset) that ' +
  'includes missing values. Alternatively, you can declare integer columns as doubles (float64) whenever these columns may have missing values. ' +
  'See `Handling Integers With Missing Values <https://www.mlflow.org/docs/latest/models.html#handling-integers-with-missing-values>`_ for more details.';

const isMissing = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
const dtypeName = (d: string): string => (d === 'str' ? '<U0' : d);

/** The dtype pandas would give a column of these plain JS values. */
function valuesDtype(values: readonly unknown[]): string {
  const present = values.filter((v) => !isMissing(v));
  const hasMissing = present.length < values.length;
  if (present.length > 0 && present.every((v) => typeof v === 'bigint')) return hasMissing ? 'object' : 'int64';
  if (present.every((v) => typeof v === 'number' || typeof v === 'bigint')) {
    return hasMissing || present.some((v) => typeof v === 'number' && !Number.isInteger(v)) ? 'float64' : 'int64';
  }
  if (present.every((v) => typeof v === 'boolean')) return hasMissing ? 'object' : 'bool';
  if (present.every((v) => v instanceof Date)) return 'datetime64[ns]';
  return 'object';
}

type Outcome = { values: unknown[] } | { error: string };

/** `_enforce_mlflow_datatype` for a column that carries a numpy dtype. */
function enforceTyped(values: unknown[], dtype: string, type: ColSpecType): Outcome {
  const target = NUMPY_OF[type];
  const from = dtypeInfo(dtype);
  const to = dtypeInfo(target);
  if (dtype === target || (type === 'string' && dtype === 'object')) return { values };
  if (type === 'binary' && (from?.kind === 'S' || dtype === 'object') && values.every((v) => isMissing(v) || v instanceof Uint8Array)) return { values };
  if (type === 'datetime' && from?.kind === 'M') return { values };
  if (type === 'boolean' && dtype === 'object' && values.every((v) => isMissing(v) || typeof v === 'boolean')) return { values };
  if (!from || !to) return { error: `Can not safely convert ${dtypeName(dtype)} to ${dtypeName(target)}.` };
  let upcast = false;
  if (from.kind === to.kind) upcast = from.itemsize <= to.itemsize;
  else if (from.kind === 'u' && to.kind === 'i') upcast = from.itemsize < to.itemsize;
  else if ((from.kind === 'i' || from.kind === 'u') && target === 'float64') upcast = from.itemsize <= 6;
  const toNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
  if (upcast) return { values: to.kind === 'f' ? values.map(toNumber) : values };
  const zeroOrOne = (v: unknown) => isMissing(v) || v === 0 || v === 1 || v === 0n || v === 1n;
  if (dtype === 'int64' && to.kind === 'f' && values.every(zeroOrOne)) return { values: values.map(toNumber) };
  const wholeOrMissing = values.every((v) => isMissing(v) || (typeof v === 'number' && Number.isInteger(v)));
  const hint = dtype === 'float64' && (to.kind === 'i' || to.kind === 'u') && values.some(isMissing) && wholeOrMissing ? MISSING_VALUES_HINT : '';
  return { error: `Can not safely convert ${dtypeName(dtype)} to ${dtypeName(target)}.${hint}` };
}

/** Plain JS values into a DataType, checked value by value. */
function enforceUntyped(values: unknown[], type: ColSpecType, name: string): Outcome {
  const target = NUMPY_OF[type];
  const pandasDtype = valuesDtype(values);
  const refuse = (): Outcome => enforceTyped(values, pandasDtype, type);
  // A bigint is a 64-bit integer: it takes numpy's int64 rules, not the by-value ones.
  if (values.some((v) => typeof v === 'bigint')) return refuse();
  switch (type) {
    case 'string':
      return values.every((v) => isMissing(v) || typeof v === 'string') ? { values } : refuse();
    case 'boolean':
      return values.every((v) => isMissing(v) || typeof v === 'boolean') ? { values } : refuse();
    case 'binary':
      return values.every((v) => isMissing(v) || v instanceof Uint8Array) ? { values } : refuse();
    case 'datetime': {
      if (!values.every((v) => isMissing(v) || v instanceof Date || typeof v === 'string')) return refuse();
      try {
        return { values: values.map((v) => (isMissing(v) ? null : castValue(v, target))) };
      } catch {
        return { error: `Failed to convert column ${name} from type object to datetime.` };
      }
    }
    default: {
      if (!values.every((v) => isMissing(v) || typeof v === 'number' || typeof v === 'bigint')) return refuse();
      if (type === 'float' || type === 'double') return { values: values.map((v) => castValue(v, target)) };
      if (values.some((v) => isMissing(v) || (typeof v === 'number' && !Number.isInteger(v)))) return refuse();
      try {
        return { values: values.map((v) => castValue(v, target)) };
      } catch {
        return { error: `Can not safely convert int64 to ${target}.` };
      }
    }
  }
}

export interface ColumnsResult {
  frame: DataFrame;
  problems: SchemaProblem[];
}

/** One column against one ColSpec; pushes a problem or returns the enforced values and dtype. */
function enforceColumn(frame: DataFrame, column: string, spec: ColSpec, label: string, problems: SchemaProblem[]): [unknown[], string | undefined] | undefined {
  const values = frame.data[column] ?? [];
  const declared = frame.dtypes?.[column];
  const expected = describeSchemaType(spec);
  if (spec.type === 'any') return [values, declared];
  if (!isColSpecType(spec.type)) {
    problems.push({ input: label, expected, message: `Column ${label} has type ${expected}, which schema enforcement in the browser does not support yet (array, object, map and sparkml_vector types).` });
    return undefined;
  }
  const outcome = declared === undefined || declared === 'object' ? enforceUntyped(values, spec.type, label) : enforceTyped(values, declared, spec.type);
  if ('error' in outcome) {
    const message = outcome.error.startsWith('Failed to convert') ? outcome.error : `Incompatible input types for column ${label}. ${outcome.error}`;
    problems.push({ input: label, expected, message });
    return undefined;
  }
  return [outcome.values, NUMPY_OF[spec.type]];
}

/**
 * Enforces a ColSpec schema on a DataFrame: required columns present, columns in signature order,
 * extra columns dropped (reported in `warnings`), each column's type checked and converted.
 */
export function enforceColumns(frame: DataFrame, specs: readonly ColSpec[], warnings: string[]): ColumnsResult {
  const problems: SchemaProblem[] = [];
  const named = specs[0]?.name !== undefined;
  const pairs: Array<[string, ColSpec]> = [];
  if (named) {
    const present = new Set(frame.columns);
    const wanted = new Set(specs.map((s) => String(s.name)));
    const missing = specs.filter((s) => s.required !== false && !present.has(String(s.name)));
    const extra = frame.columns.filter((c) => !wanted.has(c));
    if (missing.length > 0) {
      const note = extra.length > 0 ? ` Note that there were extra inputs: ${pyRepr(extra)}` : '';
      const message = `Model is missing inputs ${pyRepr(missing.map((s) => String(s.name)))}.${note}`;
      // One problem per column (the UI marks each), one sentence in the error (MLflow's).
      for (const spec of missing) problems.push({ input: String(spec.name), expected: describeSchemaType(spec), message });
    } else if (extra.length > 0) {
      warnings.push(`Found extra inputs in the model input that are not defined in the model signature: \`${pyRepr(extra)}\`. These inputs will be ignored.`);
    }
    for (const spec of specs) if (present.has(String(spec.name))) pairs.push([String(spec.name), spec]);
  } else {
    if (frame.columns.length < specs.length) {
      problems.push({
        input: `${frame.columns.length} columns`,
        expected: `${specs.length} columns`,
        message: `Model inference is missing inputs. The model signature declares ${specs.length} inputs  but the provided value only has ${frame.columns.length} inputs. Note: the inputs were not named in the signature so we can only verify their count.`,
      });
    }
    specs.forEach((spec, i) => {
      const column = frame.columns[i];
      if (column !== undefined) pairs.push([column, spec]);
    });
  }
  const data: Record<string, unknown[]> = {};
  const dtypes: Record<string, string> = {};
  for (const [column, spec] of pairs) {
    const enforced = enforceColumn(frame, column, spec, column, problems);
    if (!enforced) continue;
    data[column] = enforced[0];
    if (enforced[1] !== undefined) dtypes[column] = enforced[1];
  }
  const columns = pairs.map(([c]) => c);
  return { frame: { columns, data, length: frame.length, ...(Object.keys(dtypes).length > 0 ? { dtypes } : {}) }, problems };
}
