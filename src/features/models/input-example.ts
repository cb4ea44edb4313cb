// A model's saved input example as the scoring payload it stands for (mlflow/models/utils.py
// _Example, reference §5.6). MLflow 2.16+ writes serving_input_example.json, a ready /invocations
// body; older models only have input_example.json, whose shape depends on
// saved_input_example_info.type and pandas_orient, so it is wrapped the way MLflow would have.

export interface ExampleFiles {
  /** input_example.json (relative to the model directory) */
  example?: string;
  /** serving_input_example.json, when MLflow wrote one */
  serving?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the example files are, from the MLmodel's saved_input_example_info (snake or camel keys). */
export function exampleFiles(info: Record<string, unknown> | undefined): ExampleFiles {
  if (!info) return {};
  const example = str(info.artifact_path) ?? str(info.artifactPath);
  const serving = str(info.serving_input_path) ?? str(info.servingInputPath);
  return { ...(example ? { example } : {}), ...(serving ? { serving } : {}) };
}

/**
 * The scoring payload for an input_example.json: DataFrames (split, values or records orient) as
 * dataframe_split / dataframe_records, everything else as `inputs`, with params kept.
 * @example servingPayload({ columns: ['x'], data: [[1]] }, { type: 'dataframe', pandas_orient: 'split' })
 *   // { dataframe_split: { columns: ['x'], data: [[1]] } }
 */
export function servingPayload(example: unknown, info: Record<string, unknown> | undefined): Record<string, unknown> {
  let data = example;
  let params: unknown;
  // With params, MLflow stores {"inputs": <data>, "params": {...}} (info.params == 'true').
  if ((info?.params === 'true' || info?.params === true) && isRecord(example) && 'inputs' in example) {
    data = example.inputs;
    params = example.params;
  }
  const withParams = (p: Record<string, unknown>): Record<string, unknown> => (params === undefined ? p : { ...p, params });
  if (info?.type === 'dataframe') {
    if (Array.isArray(data)) {
      const records = data.every(isRecord);
      return withParams(records ? { dataframe_records: data } : { dataframe_split: { data } });
    }
    if (isRecord(data) && 'data' in data) return withParams({ dataframe_split: data });
  }
  // A tf-serving example ({"inputs": ...} or {"instances": ...}) is already a payload.
  if (isRecord(data) && params === undefined && Object.keys(data).length === 1 && ('inputs' in data || 'instances' in data)) return data;
  return withParams({ inputs: data });
}

/** Above this size the example is shown compact: a 100 KB split-orient example should not become 1 MB of indentation. */
const PRETTY_LIMIT = 20_000;

/** The payload as text for the paste box. */
export function payloadText(payload: unknown): string {
  const compact = JSON.stringify(payload);
  return compact.length > PRETTY_LIMIT ? compact : JSON.stringify(payload, null, 2);
}
