// The Try-it form of a model page, generated from the model's signature: one control per column
// (chosen by its MLflow type) or one JSON box per tensor (with its dtype and shape), prefilled from
// the input example, and read back into the scoring payload MLflow's /invocations endpoint takes.
// The form, the paste box and the REST API then share one path (payloadToModelInput), so a value
// the form accepts is exactly one the scoring server would accept.
import { MlflowError } from '../../domain/errors';
import { describeSchemaType } from '../../domain/mlmodel-signature';
import { isTensorSpec, type ColSpec, type ModelSignature, type ParamSpec } from '../../domain/models';
import type { ScoringPayload } from '../../domain/serving/scoring-payload';

/** How a value is typed in: a number box, a whole-number box, a checkbox, one line, or JSON. */
export type Control = 'number' | 'integer' | 'checkbox' | 'text' | 'json';

export interface FormField {
  /** The column, tensor or param the value goes to ('0', '1', ... for unnamed columns). */
  name: string;
  label: string;
  control: Control;
  /** Readable MLflow type: `double`, `array<string>`, `tensor<float32> [-1, 4]`. */
  type: string;
  required: boolean;
  /** A hint shown in an empty box: the tensor shape to type, a datetime format. */
  placeholder?: string;
  /** a tensor: its box takes the form's whole width */
  wide?: boolean;
}

export interface SignatureForm {
  kind: 'columns' | 'tensors';
  inputs: FormField[];
  params: FormField[];
}

/** Field values as typed: strings, checkboxes as 'true' / 'false'. */
export type FormValues = Record<string, string>;

function controlFor(type: unknown): Control {
  switch (type) {
    case 'boolean': return 'checkbox';
    case 'integer': case 'long': return 'integer';
    case 'float': case 'double': return 'number';
    case 'string': case 'binary': case 'datetime': return 'text';
    default: return 'json'; // array, object, map, any: structured values are typed as JSON
  }
}

function placeholderFor(type: unknown): string | undefined {
  if (type === 'datetime') return 'YYYY-MM-DD HH:MM:SS';
  if (type === 'binary') return 'base64';
  return undefined;
}

function paramField(p: ParamSpec): FormField {
  const shape = Array.isArray(p.shape) ? p.shape : undefined;
  const type = describeSchemaType(p.type) + (shape ? `[${shape.join(', ')}]` : '');
  return { name: p.name, label: p.name, control: shape ? 'json' : controlFor(p.type), type, required: false };
}

/** The form for a signature; undefined when the model has no input schema to build one from. */
export function signatureForm(signature: ModelSignature | undefined): SignatureForm | undefined {
  const inputs = signature?.inputs ?? [];
  if (inputs.length === 0) return undefined;
  const params = (signature?.params ?? []).map(paramField);
  const tensors = inputs.filter(isTensorSpec);
  if (tensors.length > 0) {
    return {
      kind: 'tensors',
      params,
      inputs: tensors.map((t, i) => ({
        name: t.name ?? String(i),
        label: t.name ?? (tensors.length === 1 ? 'tensor' : `tensor ${i}`),
        control: 'json' as const,
        type: describeSchemaType(t),
        required: true,
        wide: true,
        placeholder: `nested JSON array of ${t['tensor-spec'].dtype}, shape [${t['tensor-spec'].shape.join(', ')}]`,
      })),
    };
  }
  const columns = inputs.filter((s): s is ColSpec => !isTensorSpec(s));
  return {
    kind: 'columns',
    params,
    inputs: columns.map((c, i) => {
      const named = c.name !== undefined;
      const placeholder = placeholderFor(c.type);
      return {
        name: named ? String(c.name) : String(i),
        label: named ? String(c.name) : `column ${i}`,
        control: controlFor(c.type),
        type: describeSchemaType(c),
        required: c.required !== false,
        ...(placeholder ? { placeholder } : {}),
      };
    }),
  };
}

function asText(v: unknown, control: Control): string {
  if (v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v))) return control === 'checkbox' ? 'false' : '';
  if (control === 'checkbox') return String(v === true || v === 'true' || v === 1);
  if (control === 'json') {
    // A batch of rows reads best one row per line, as it would be typed.
    if (Array.isArray(v) && v.length > 1 && v.every(Array.isArray)) return `[\n${v.map((row) => `  ${JSON.stringify(row)}`).join(',\n')}\n]`;
    return JSON.stringify(v);
  }
  return String(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first row of a column-based example, by column name. */
function firstRow(form: SignatureForm, example: ScoringPayload): Record<string, unknown> {
  if (example.format === 'dataframe') {
    const f = example.frame;
    const positional = form.inputs.every((field, i) => field.name === String(i));
    return Object.fromEntries(form.inputs.map((field, i) => [field.name, f.data[positional ? (f.columns[i] ?? '') : field.name]?.[0]]));
  }
  const v = example.value;
  const row = Array.isArray(v) ? v[0] : isRecord(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x[0] : x])) : undefined;
  if (Array.isArray(row)) return Object.fromEntries(form.inputs.map((field, i) => [field.name, row[i]]));
  return isRecord(row) ? row : {};
}

/** The tensor example for each tensor field. */
function tensorValues(form: SignatureForm, example: ScoringPayload): Record<string, unknown> {
  if (example.format === 'dataframe') {
    const f = example.frame;
    const rows = Array.from({ length: f.length }, (_, r) => f.columns.map((c) => f.data[c]?.[r]));
    return { [form.inputs[0]?.name ?? '0']: rows };
  }
  const v = example.value;
  if (form.inputs.length === 1 && !(isRecord(v) && (form.inputs[0]?.name ?? '') in v)) return { [form.inputs[0]?.name ?? '0']: v };
  return isRecord(v) ? v : {};
}

/** Initial values: the input example's first row (or tensors) and the params' defaults. */
export function initialValues(form: SignatureForm, signature: ModelSignature | undefined, example?: ScoringPayload): FormValues {
  const values: FormValues = {};
  const source = example ? (form.kind === 'tensors' ? tensorValues(form, example) : firstRow(form, example)) : {};
  for (const f of form.inputs) values[f.name] = asText(source[f.name], f.control);
  const specs = signature?.params ?? [];
  for (const f of form.params) {
    const fromExample = example?.params?.[f.name];
    values[`param:${f.name}`] = asText(fromExample !== undefined ? fromExample : specs.find((p) => p.name === f.name)?.default, f.control);
  }
  return values;
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseValue(text: string, control: Control): Parsed {
  switch (control) {
    case 'checkbox': return { ok: true, value: text === 'true' };
    case 'text': return { ok: true, value: text };
    case 'number': case 'integer': {
      const n = Number(text.trim());
      return Number.isNaN(n) ? { ok: false, problem: `'${text}' is not a number` } : { ok: true, value: n };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (e) {
        return { ok: false, problem: `not valid JSON (${(e as Error).message})` };
      }
  }
}

/**
 * The scoring payload and params the form describes. Empty boxes are left out, so a missing
 * required column is reported by schema enforcement in MLflow's words; text that cannot be read
 * as its control's type is refused here, naming every such field at once.
 */
export function readForm(form: SignatureForm, values: FormValues): { payload: ScoringPayload; params?: Record<string, unknown> } {
  const problems: string[] = [];
  const read = (f: FormField, key: string): Parsed | undefined => {
    const text = values[key] ?? '';
    if (f.control !== 'checkbox' && text.trim() === '') return undefined;
    const parsed = parseValue(text, f.control);
    if (!parsed.ok) problems.push(`'${f.label}': ${parsed.problem}`);
    return parsed;
  };
  const inputs: Array<[string, unknown]> = [];
  for (const f of form.inputs) {
    const p = read(f, f.name);
    if (p?.ok) inputs.push([f.name, p.value]);
  }
  const params: Record<string, unknown> = {};
  for (const f of form.params) {
    const p = read(f, `param:${f.name}`);
    if (p?.ok) params[f.name] = p.value;
  }
  if (problems.length > 0) throw new MlflowError(`Cannot read the form: ${problems.join('; ')}.`, 'INVALID_PARAMETER_VALUE');
  const withParams = Object.keys(params).length > 0 ? { params } : {};
  if (form.kind === 'tensors') {
    const single = form.inputs.length === 1 && inputs.length === 1;
    return { payload: { format: 'inputs', value: single ? inputs[0]?.[1] : Object.fromEntries(inputs) }, ...withParams };
  }
  const frame = { columns: inputs.map(([n]) => n), data: Object.fromEntries(inputs.map(([n, v]) => [n, [v]])), length: 1 };
  return { payload: { format: 'dataframe', frame }, ...withParams };
}
