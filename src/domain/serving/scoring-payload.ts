// The body of a POST .../invocations, as MLflow's scoring server reads it
// (mlflow/pyfunc/scoring_server/__init__.py, mlflow/utils/proto_json_utils.py
// parse_tf_serving_input / dataframe_from_parsed_json): exactly one of dataframe_split,
// dataframe_records, instances, inputs (+ optional params), or a CSV table. Errors use MLflow's
// BAD_REQUEST wording.
import Papa from 'papaparse';
import { MlflowError } from '../errors';
import type { DataFrame } from '../models';

export type ScoringPayload =
  | { format: 'dataframe'; frame: DataFrame; params?: Record<string, unknown> }
  /** TF-serving style: interpreted against the model's signature later */
  | { format: 'inputs' | 'instances'; value: unknown; params?: Record<string, unknown> };

const FIELDS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs'] as const;
const badRequest = (message: string): MlflowError => new MlflowError(message, 'BAD_REQUEST');
const FORMAT_HINT =
  `The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}. ` +
  'For more information, see the MLflow documentation on deploying models.';

/** A DataFrame from rows that are arrays (split orient) or objects (records orient). */
function frameFromRows(rows: unknown[], columns?: string[]): DataFrame {
  const names = columns ? [...columns] : [];
  const seen = new Set(names);
  if (!columns) {
    for (const row of rows) {
      if (Array.isArray(row)) row.forEach((_, i) => !seen.has(String(i)) && (seen.add(String(i)), names.push(String(i))));
      else if (row && typeof row === 'object') for (const k of Object.keys(row)) if (!seen.has(k)) (seen.add(k), names.push(k));
    }
  }
  const data: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, new Array<unknown>(rows.length).fill(null)]));
  rows.forEach((row, r) => {
    if (Array.isArray(row)) {
      if (columns && row.length !== columns.length) {
        throw badRequest(`Provided dataframe_split field is not a valid dataframe representation in 'split' format. Row ${r} has ${row.length} values for ${columns.length} columns.`);
      }
      row.forEach((v, i) => {
        const col = data[names[i] as string];
        if (col) col[r] = v;
      });
    } else if (row && typeof row === 'object') {
      for (const [k, v] of Object.entries(row)) {
        const col = data[k];
        if (col) col[r] = v;
      }
    } else {
      throw badRequest(`Dataframe records format must be a list of records. Row ${r} is ${JSON.stringify(row)}.`);
    }
  });
  return { columns: names, data, length: rows.length };
}

function parseSplit(value: unknown): DataFrame {
  if (Array.isArray(value)) throw badRequest('Dataframe split format must be a dictionary. Got list.');
  if (!value || typeof value !== 'object') throw badRequest('Dataframe split format must be a dictionary.');
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => k !== 'data' && k !== 'columns' && k !== 'index');
  if (!('data' in v) || extra.length > 0) {
    throw badRequest("Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields.");
  }
  if (!Array.isArray(v.data)) throw badRequest("Provided dataframe_split field is not a valid dataframe representation in 'split' format. 'data' must be a list of rows.");
  if (v.columns !== undefined && !Array.isArray(v.columns)) throw badRequest("Provided dataframe_split field is not a valid dataframe representation in 'split' format. 'columns' must be a list.");
  // A bare list of scalars is one column, as pandas reads it.
  const rows = (v.data as unknown[]).map((row) => (Array.isArray(row) ? row : [row]));
  return frameFromRows(rows, (v.columns as unknown[] | undefined)?.map(String));
}

function parseParams(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`Invalid params: expected a JSON dictionary, got ${JSON.stringify(v)}.`);
  return v as Record<string, unknown>;
}

/** Parses an application/json invocations body. */
export function parseJsonPayload(text: string): ScoringPayload {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw badRequest(`Invalid input. Ensure that input is a valid JSON formatted string. Error: '${(e as Error).message}'. ${FORMAT_HINT}`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`Invalid input. ${FORMAT_HINT}`);
  const obj = body as Record<string, unknown>;
  const present = FIELDS.filter((f) => f in obj);
  if (present.length !== 1) throw badRequest(`Invalid input. ${FORMAT_HINT} Received: ${present.length ? present.join(', ') : Object.keys(obj).join(', ') || 'an empty dictionary'}.`);
  const params = parseParams(obj.params);
  const field = present[0] as (typeof FIELDS)[number];
  const withParams = <T extends object>(p: T): T & { params?: Record<string, unknown> } => (params ? { ...p, params } : p);
  switch (field) {
    case 'dataframe_split':
      return withParams({ format: 'dataframe', frame: parseSplit(obj.dataframe_split) });
    case 'dataframe_records':
      if (!Array.isArray(obj.dataframe_records)) throw badRequest('Dataframe records format must be a list of records. Got dictionary.');
      return withParams({ format: 'dataframe', frame: frameFromRows(obj.dataframe_records) });
    case 'instances':
    case 'inputs':
      return withParams({ format: field, value: obj[field] });
  }
}

/** Parses a text/csv invocations body: a header row, then one row per record. Numbers stay
 * strings here; the signature's types convert them during enforcement, as pandas dtypes would. */
export function parseCsvPayload(text: string): ScoringPayload {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const rows = parsed.data;
  const header = rows[0];
  if (!header || header.length === 0 || parsed.errors.some((e) => e.type === 'Quotes')) {
    throw badRequest('Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method.');
  }
  const body = rows.slice(1);
  const ragged = body.findIndex((r) => r.length !== header.length);
  if (ragged >= 0) {
    throw badRequest(`Failed to parse input as a Pandas DataFrame: line ${ragged + 2} has ${body[ragged]?.length} fields, the header has ${header.length}.`);
  }
  const frame = frameFromRows(body, header);
  for (const name of frame.columns) frame.data[name] = csvColumn(frame.data[name] as string[]);
  return { format: 'dataframe', frame };
}

const MISSING = new Set(['', 'NaN', 'nan', 'NA', 'N/A', 'null', 'NULL']);

/** pandas.read_csv's default inference, per column: all numeric (missing cells as NaN) becomes
 * numbers; otherwise strings, with missing cells as null. */
function csvColumn(cells: string[]): unknown[] {
  const numeric = cells.every((c) => MISSING.has(c) || (c.trim() !== '' && !Number.isNaN(Number(c))));
  if (numeric && cells.some((c) => !MISSING.has(c))) return cells.map((c) => (MISSING.has(c) ? Number.NaN : Number(c)));
  return cells.map((c) => (c === '' ? null : c));
}
