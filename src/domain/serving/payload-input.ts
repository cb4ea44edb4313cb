// From a parsed invocations payload to the model input the signature asks for (MLflow's
// parse_tf_serving_input and _dataframe_from_json): TF-serving `inputs`/`instances` become named
// tensors for tensor signatures and a DataFrame for column signatures.
import { MlflowError } from '../errors';
import { isTensorSchema, tensorFromJson, toModelInput, type DataFrame, type ModelInput, type ModelSignature, type TensorSpec, type TensorValue } from '../models';
import type { ScoringPayload } from './scoring-payload';

const badRequest = (message: string): MlflowError => new MlflowError(message, 'BAD_REQUEST');

function frameFromColumns(dict: Record<string, unknown>): DataFrame {
  const columns = Object.keys(dict);
  const data: Record<string, unknown[]> = {};
  let length = -1;
  for (const c of columns) {
    const v = dict[c];
    data[c] = Array.isArray(v) ? v : [v];
    const n = (data[c] as unknown[]).length;
    if (length >= 0 && n !== length) throw badRequest('The length of values for each input/column name are not the same');
    length = n;
  }
  return { columns, data, length: Math.max(length, 0) };
}

function frameFromRecords(rows: unknown[], names: string[]): DataFrame {
  const data: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const row of rows) {
    if (Array.isArray(row)) names.forEach((n, i) => data[n]?.push(row[i] ?? null));
    else if (row && typeof row === 'object') names.forEach((n) => data[n]?.push((row as Record<string, unknown>)[n] ?? null));
    else throw badRequest(`Each instance must be an object or a list of values, got ${JSON.stringify(row)}.`);
  }
  return { columns: names, data, length: rows.length };
}

/** The model input a payload carries, interpreted with the model's input schema. */
export function payloadToModelInput(payload: ScoringPayload, signature: ModelSignature | undefined): ModelInput {
  const schema = signature?.inputs;
  if (payload.format === 'dataframe') {
    if (schema && isTensorSchema(schema) && schema.length === 1) {
      const spec = schema[0] as TensorSpec;
      const f = payload.frame;
      const rows = Array.from({ length: f.length }, (_, r) => f.columns.map((c) => f.data[c]?.[r]));
      return { kind: 'tensor', tensor: tensorFromJson(rows, spec['tensor-spec'].dtype) };
    }
    return { kind: 'dataframe', frame: payload.frame };
  }
  const value = payload.value;
  if (schema && isTensorSchema(schema)) {
    const specs = schema as TensorSpec[];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tensors: Record<string, TensorValue> = {};
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        const spec = specs.find((s) => s.name === name);
        tensors[name] = tensorFromJson(v, spec?.['tensor-spec'].dtype ?? 'float64');
      }
      return { kind: 'tensors', tensors };
    }
    if (specs.length === 1) return { kind: 'tensor', tensor: tensorFromJson(value, (specs[0] as TensorSpec)['tensor-spec'].dtype) };
    // instances as a list of {name: value} rows -> one tensor per name
    if (Array.isArray(value) && value.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
      const tensors: Record<string, TensorValue> = {};
      for (const s of specs) tensors[s.name ?? ''] = tensorFromJson(value.map((r) => (r as Record<string, unknown>)[s.name ?? '']), s['tensor-spec'].dtype);
      return { kind: 'tensors', tensors };
    }
    throw badRequest(`The model takes ${specs.length} named tensors (${specs.map((s) => s.name).join(', ')}); send them as a dictionary.`);
  }
  if (schema && schema.length > 0) {
    const names = schema.map((s, i) => String(s.name ?? i));
    if (value && typeof value === 'object' && !Array.isArray(value)) return { kind: 'dataframe', frame: frameFromColumns(value as Record<string, unknown>) };
    if (Array.isArray(value)) {
      if (value.every((r) => r !== null && typeof r === 'object')) return { kind: 'dataframe', frame: frameFromRecords(value, names) };
      if (names.length === 1) return { kind: 'dataframe', frame: { columns: names, data: { [names[0] as string]: value }, length: value.length } };
    }
    throw badRequest(`Could not read '${payload.format}' as the model's columns (${names.join(', ')}).`);
  }
  return toModelInput(value);
}
