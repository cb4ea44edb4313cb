// How a model input reaches an ONNX graph and how its outputs come back, following MLflow's onnx
// pyfunc (mlflow/onnx/__init__.py _OnnxModelWrapper.predict): a DataFrame is one 2-D tensor when
// the graph has one input, else one column per input of the same name (extra columns ignored);
// tensors are fed by name; float64 data is cast to float32 for tensor(float) inputs. Outputs of a
// DataFrame input come back as records when every output flattens to one value per row,
// otherwise (and for tensor input) as a dict name -> nested arrays.
import { MlflowError } from '../errors';
import type { GraphIO, SequenceData, TensorData, TensorDtype, TensorValues } from '../inference/types';
import type { DataFrame, ModelInput, TensorValue } from '../models';

type OnnxGraphInput = GraphIO;
type OnnxData = TensorValues;
type OnnxTensor = TensorData;
type OnnxOutput = TensorData | SequenceData;

const TENSOR_DTYPES: ReadonlySet<string> = new Set(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool', 'string']);

function tensorDtype(g: GraphIO): TensorDtype {
  if (!TENSOR_DTYPES.has(g.dtype)) throw invalid(`ONNX input '${g.name}' is a ${g.dtype}, not a tensor; only tensor inputs can be fed from a request.`);
  return g.dtype as TensorDtype;
}

const invalid = (message: string): MlflowError => new MlflowError(message, 'INVALID_PARAMETER_VALUE');

function toNumber(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return Number.NaN;
  const n = Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(n)) return n;
  throw invalid(`Cannot feed ${JSON.stringify(v)} (${where}) to a numeric ONNX input.`);
}

/** Flat JS values -> the typed array ORT wants for `dtype`. */
export function typedData(dtype: string, values: ArrayLike<unknown>, where: string): OnnxData {
  const n = values.length;
  const fill = <A extends { [i: number]: number }>(arr: A): A => {
    for (let i = 0; i < n; i++) arr[i] = toNumber(values[i], where);
    return arr;
  };
  switch (dtype) {
    case 'float32': return fill(new Float32Array(n));
    case 'float64': return fill(new Float64Array(n));
    case 'int8': return fill(new Int8Array(n));
    case 'uint8': return fill(new Uint8Array(n));
    case 'int16': return fill(new Int16Array(n));
    case 'uint16': return fill(new Uint16Array(n));
    case 'int32': return fill(new Int32Array(n));
    case 'uint32': return fill(new Uint32Array(n));
    case 'int64':
    case 'uint64': {
      const out = dtype === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
      for (let i = 0; i < n; i++) {
        const x = toNumber(values[i], where);
        if (!Number.isFinite(x)) throw invalid(`Cannot feed ${x} (${where}) to an integer ONNX input.`);
        out[i] = BigInt(Math.trunc(x));
      }
      return out;
    }
    case 'bool': return Array.from(values as ArrayLike<unknown>, (v) => Boolean(v));
    case 'string': return Array.from(values as ArrayLike<unknown>, (v) => (v === null || v === undefined ? '' : String(v)));
    default:
      throw invalid(`ONNX input type '${dtype}' is not supported in the browser (${where}).`);
  }
}

/** The graph's dims with the batch (first symbolic or -1) dim set to `rows`. */
function shapeFor(input: OnnxGraphInput, rows: number, perRow: number): number[] {
  const rank = input.dims.length;
  if (rank <= 1) return [rows * perRow];
  if (rank === 2) return [rows, perRow];
  throw invalid(`ONNX input '${input.name}' has rank ${rank}; a DataFrame can only feed rank 1 or 2 inputs. Send a tensor ('inputs') instead.`);
}

function frameFeeds(frame: DataFrame, graph: readonly OnnxGraphInput[], columnOrder?: readonly string[]): Record<string, OnnxTensor> {
  if (graph.length === 1) {
    const input = graph[0] as OnnxGraphInput;
    const cols = (columnOrder ?? frame.columns).filter((c) => frame.columns.includes(c));
    const flat = new Array<unknown>(frame.length * cols.length);
    for (let r = 0; r < frame.length; r++) for (let c = 0; c < cols.length; c++) flat[r * cols.length + c] = frame.data[cols[c] as string]?.[r];
    return { [input.name]: { dtype: tensorDtype(input), dims: shapeFor(input, frame.length, cols.length), data: typedData(input.dtype, flat, `input '${input.name}'`) } };
  }
  const missing = graph.filter((g) => !frame.columns.includes(g.name)).map((g) => g.name);
  if (missing.length > 0) {
    throw invalid(`The model has ${graph.length} inputs and takes each from the column of the same name; missing column(s): ${missing.map((m) => `'${m}'`).join(', ')}.`);
  }
  const feeds: Record<string, OnnxTensor> = {};
  for (const g of graph) {
    feeds[g.name] = { dtype: tensorDtype(g), dims: shapeFor(g, frame.length, 1), data: typedData(g.dtype, frame.data[g.name] ?? [], `column '${g.name}'`) };
  }
  return feeds;
}

function tensorFeed(t: TensorValue, g: OnnxGraphInput): OnnxTensor {
  // MLflow casts float64 to float32 for tensor(float) inputs; everything else keeps its values.
  return { dtype: tensorDtype(g), dims: [...t.shape], data: typedData(g.dtype, t.data as ArrayLike<unknown>, `input '${g.name}'`) };
}

/** Feeds for `graph` from an (already schema-enforced) model input. */
export function onnxFeeds(input: ModelInput, graph: readonly OnnxGraphInput[], columnOrder?: readonly string[]): Record<string, OnnxTensor> {
  switch (input.kind) {
    case 'dataframe':
      return frameFeeds(input.frame, graph, columnOrder);
    case 'tensor': {
      if (graph.length !== 1) throw invalid(`The model has ${graph.length} inputs (${graph.map((g) => g.name).join(', ')}); send a dictionary of named tensors.`);
      return { [(graph[0] as OnnxGraphInput).name]: tensorFeed(input.tensor, graph[0] as OnnxGraphInput) };
    }
    case 'tensors': {
      const feeds: Record<string, OnnxTensor> = {};
      const missing = graph.filter((g) => !(g.name in input.tensors)).map((g) => g.name);
      if (missing.length > 0) throw invalid(`Missing tensor input(s): ${missing.map((m) => `'${m}'`).join(', ')}.`);
      for (const g of graph) feeds[g.name] = tensorFeed(input.tensors[g.name] as TensorValue, g);
      return feeds;
    }
  }
}

/** JSON-friendly scalars: int64 as numbers (exact below 2^53), typed arrays as plain arrays. */
function plain(data: OnnxData | unknown[]): unknown[] {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, (b) => Number(b));
  return Array.from(data as ArrayLike<unknown>);
}

function nest(values: unknown[], dims: readonly number[]): unknown {
  if (dims.length <= 1) return values;
  const [, ...rest] = dims;
  const size = rest.reduce((a, b) => a * b, 1);
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i += size) out.push(nest(values.slice(i, i + size), rest));
  return out;
}

/** MLflow's predictions for `outputs` (in graph output order). */
export function onnxPredictions(outputs: Record<string, OnnxOutput>, outputNames: readonly string[], input: ModelInput): unknown {
  const flat = outputNames.map((name) => [name, plain((outputs[name] as OnnxOutput).data)] as const);
  const rows = input.kind === 'dataframe' ? input.frame.length : -1;
  if (rows >= 0 && flat.every(([, values]) => values.length === rows)) {
    return Array.from({ length: rows }, (_, r) => Object.fromEntries(flat.map(([name, values]) => [name, values[r]])));
  }
  return Object.fromEntries(outputNames.map((name) => {
    const o = outputs[name] as OnnxOutput;
    return [name, o.dtype === 'sequence' ? plain(o.data) : nest(plain(o.data), o.dims)];
  }));
}
