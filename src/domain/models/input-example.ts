// Input examples as MLflow 3 stores them beside a model (mlflow/models/utils.py `_Example`,
// `_save_example`, `_read_example`): `input_example.json` (DataFrames in pandas split orient,
// ndarrays as nested lists, dicts and lists verbatim as `json_object`, `{"inputs", "params"}` when
// params are given), `serving_input_example.json` (a ready /invocations body, indent=2) and the
// `saved_input_example_info` block. Reading also accepts MLflow 2.x's `{"inputs": ...}` tf-serving files.
import { doesNotExist, invalidParameter } from '../errors';
import { dtypeInfo, isTypedArray } from './dtypes';
import { toModelInput, type DataFrame, type ModelInput, type TensorValue } from './model-input';
import { PyFloat, pythonJson } from './python-text';
import { isTensorSchema, isTensorSpec, type ColSpec, type TensorSpec } from './signature';
import { tensorFromJson, tensorToNested } from './tensor-data';

export const EXAMPLE_FILENAME = 'input_example.json';
export const SERVING_INPUT_FILENAME = 'serving_input_example.json';
const UNIFIED_LLM_KEYS = ['messages', 'prompt', 'input'];

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Date);
const isMissing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** Values as json.dumps(cls=NumpyEncoder) writes them; NaN becomes null (never a bare NaN token). */
function jsonable(value: unknown, depth = 0): unknown {
  if (depth > 64) throw invalidParameter('The input example is nested more than 64 levels deep.');
  if (isMissing(value)) return null;
  if (isTypedArray(value) && !(value instanceof Uint8Array)) return Array.from<number | bigint, unknown>(value, (v) => jsonable(v, depth + 1));
  if (Array.isArray(value)) return value.map((v) => jsonable(v, depth + 1));
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonable(v, depth + 1)]));
  if (typeof value === 'function' || typeof value === 'symbol') throw invalidParameter('The input example holds a value JSON cannot represent.');
  return value;
}

function tensorJson(tensor: TensorValue): unknown {
  const isFloat = dtypeInfo(tensor.dtype)?.kind === 'f';
  const wrap = (v: unknown): unknown => (Array.isArray(v) ? v.map(wrap) : isFloat && typeof v === 'number' ? new PyFloat(v) : v);
  return wrap(tensorToNested(tensor));
}

/** `_convert_dataframe_to_split_dict`: rows, NaN as null, floats of float columns as `1.0`. */
function splitDict(frame: DataFrame): Dict {
  const floatColumn = (c: string): boolean => {
    const declared = frame.dtypes?.[c];
    if (declared !== undefined) return dtypeInfo(declared)?.kind === 'f';
    const values = frame.data[c] ?? [];
    return values.some((v) => typeof v === 'number') && values.some((v) => isMissing(v) || (typeof v === 'number' && !Number.isInteger(v)));
  };
  const floats = new Set(frame.columns.filter(floatColumn));
  const data = Array.from({ length: frame.length }, (_, r) =>
    frame.columns.map((c) => {
      const v = jsonable(frame.data[c]?.[r]);
      return floats.has(c) && typeof v === 'number' ? new PyFloat(v) : v;
    }),
  );
  const defaultLabels = frame.columns.every((c, i) => c === String(i));
  return defaultLabels ? { data } : { columns: frame.columns, data };
}

function asModelInput(example: unknown): ModelInput | undefined {
  if (isDict(example) && ['dataframe', 'tensor', 'tensors'].includes(String(example.kind))) return toModelInput(example);
  if (isDict(example) && Array.isArray(example.columns) && isDict(example.data) && typeof example.length === 'number') return toModelInput(example);
  if (ArrayBuffer.isView(example) || (isDict(example) && 'data' in example && ('dtype' in example || 'shape' in example))) return toModelInput(example);
  if (isDict(example) && Object.keys(example).length > 0 && Object.values(example).every((v) => ArrayBuffer.isView(v) || (isDict(v) && 'dtype' in v && 'data' in v))) return toModelInput(example);
  return undefined;
}

/**
 * The files MLflow writes for an input example, and the MLmodel `saved_input_example_info`.
 * DataFrames, tensors and named tensors are written as MLflow writes pandas/numpy data; records,
 * columns objects, scalars and other JSON as `json_object`, verbatim (MLflow 3 does the same
 * for Python dicts and lists).
 * @example inputExampleFiles([{ x: 1.5 }]).info // { artifact_path: 'input_example.json', type: 'json_object', serving_input_path: 'serving_input_example.json' }
 */
export function inputExampleFiles(example: unknown, params?: Record<string, unknown>): { files: Array<{ path: string; text: string }>; info: Record<string, unknown> } {
  const info: Record<string, unknown> = { artifact_path: EXAMPLE_FILENAME };
  if (params !== undefined) info.params = 'true';
  const input = asModelInput(example);
  let data: unknown;
  let serving: Dict;
  let unifiedLlm = false;
  if (input?.kind === 'dataframe') {
    data = splitDict(input.frame);
    Object.assign(info, { type: 'dataframe', pandas_orient: 'columns' in (data as Dict) ? 'split' : 'values' });
    serving = { dataframe_split: data };
  } else if (input) {
    data = input.kind === 'tensor' ? tensorJson(input.tensor) : Object.fromEntries(Object.entries(input.tensors).map(([k, t]) => [k, tensorJson(t)]));
    info.type = 'ndarray';
    serving = { inputs: data };
  } else {
    const json = jsonable(example);
    data = json;
    info.type = 'json_object';
    unifiedLlm = isDict(json) && UNIFIED_LLM_KEYS.some((k) => k in json);
    serving = isDict(json) && unifiedLlm ? json : { inputs: json };
  }
  if (params !== undefined) {
    data = { inputs: data, params: jsonable(params) };
    serving = unifiedLlm ? { ...serving, ...(jsonable(params) as Dict) } : { ...serving, params: jsonable(params) };
  }
  info.serving_input_path = SERVING_INPUT_FILENAME;
  return {
    files: [
      { path: EXAMPLE_FILENAME, text: pythonJson(data) },
      { path: SERVING_INPUT_FILENAME, text: pythonJson(serving, 2) },
    ],
    info,
  };
}

function frameFromSplit(parsed: unknown, inputs: ReadonlyArray<ColSpec | TensorSpec> | undefined): ModelInput {
  const body = Array.isArray(parsed) ? { data: parsed } : parsed;
  if (!isDict(body) || !Array.isArray(body.data) || !body.data.every(Array.isArray)) throw invalidParameter('A dataframe input example must hold {"columns": [...], "data": [[...], ...]}.');
  const rows = body.data as unknown[][];
  const width = Array.isArray(body.columns) ? body.columns.length : Math.max(0, ...rows.map((r) => r.length));
  const named = inputs && !isTensorSchema(inputs) && inputs[0]?.name !== undefined && inputs.length === width ? inputs.map((s) => String(s.name)) : undefined;
  const columns = Array.isArray(body.columns) ? body.columns.map(String) : (named ?? Array.from({ length: width }, (_, i) => String(i)));
  const specOf = new Map((inputs ?? []).filter((s): s is ColSpec => !isTensorSpec(s)).map((s) => [String(s.name), s.type]));
  const convert = (column: string, v: unknown): unknown => {
    const type = specOf.get(column);
    if (type === 'binary' && typeof v === 'string') return Uint8Array.from(atob(v), (ch) => ch.charCodeAt(0));
    if (type === 'datetime' && typeof v === 'string') return new Date(v);
    return v;
  };
  const data = Object.fromEntries(columns.map((c, i) => [c, rows.map((r) => convert(c, r[i] ?? null))]));
  return toModelInput({ kind: 'dataframe', frame: { columns, data, length: rows.length } });
}

function tensorsFromJson(parsed: unknown, inputs: ReadonlyArray<ColSpec | TensorSpec> | undefined): ModelInput {
  const specs = (inputs ?? []).filter(isTensorSpec);
  const dtypeFor = (name?: string): string | undefined => (name === undefined ? specs[0] : specs.find((s) => s.name === name))?.['tensor-spec'].dtype;
  let body = parsed;
  if (isDict(body) && Object.keys(body).length === 1 && ('inputs' in body || 'instances' in body)) body = body.inputs ?? body.instances;
  if (Array.isArray(body) && body.length > 0 && body.every(isDict)) {
    const names = Object.keys(body[0] as Dict);
    body = Object.fromEntries(names.map((n) => [n, (body as Dict[]).map((row) => row[n])]));
  }
  try {
    if (isDict(body)) return { kind: 'tensors', tensors: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, tensorFromJson(v, dtypeFor(k))])) };
    return { kind: 'tensor', tensor: tensorFromJson(body, specs.length === 1 ? dtypeFor(specs[0]?.name) : undefined) };
  } catch (e) {
    throw invalidParameter(`The ndarray input example could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Reads a saved input example back as a ModelInput (`Model.load_input_example`). `files` maps
 * paths inside the model directory to their text. With the signature's inputs, values are read
 * into the declared types (tensor dtypes, base64 binary columns, datetime columns), as MLflow does.
 */
export function readInputExample(
  info: Record<string, unknown> | undefined,
  files: Record<string, string>,
  inputs?: ReadonlyArray<ColSpec | TensorSpec>,
): ModelInput | undefined {
  if (info === undefined || info === null) return undefined;
  const type = info.type;
  if (!['dataframe', 'ndarray', 'json_object', 'sparse_matrix_csc', 'sparse_matrix_csr'].includes(String(type))) {
    throw invalidParameter(`This version of mlflow can not load example of type ${String(type)}`);
  }
  if (String(type).startsWith('sparse_matrix')) throw invalidParameter(`Orchard can not load an input example of type ${String(type)} (sparse matrices) yet.`);
  const path = typeof info.artifact_path === 'string' ? info.artifact_path : EXAMPLE_FILENAME;
  const text = files[path];
  if (text === undefined) throw doesNotExist(`The input example file '${path}' named in saved_input_example_info is missing.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw invalidParameter(`The input example '${path}' is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (info.params) {
    if (!isDict(parsed) || !('inputs' in parsed)) throw invalidParameter(`The input example '${path}' should hold {"inputs": ..., "params": ...}.`);
    parsed = parsed.inputs;
  }
  if (type === 'dataframe') return frameFromSplit(parsed, inputs);
  if (type === 'ndarray') return tensorsFromJson(parsed, inputs);
  return toModelInput(parsed);
}

/** The params saved with an input example (`Model.load_input_example_params`), if any. */
export function readInputExampleParams(info: Record<string, unknown> | undefined, files: Record<string, string>): Record<string, unknown> | undefined {
  if (!info?.params) return undefined;
  const text = files[typeof info.artifact_path === 'string' ? info.artifact_path : EXAMPLE_FILENAME];
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw invalidParameter(`The input example is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return isDict(parsed) && isDict(parsed.params) ? parsed.params : undefined;
}
