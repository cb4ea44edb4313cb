// The inference contract shared by the worker engine (compute/inference-worker.ts), the in-process
// engine (compute/node-inference.ts) and their callers (the SDK's loadModel/predict, the scoring
// handler). Pure types: ORT itself is never imported here (see ort-like.ts).

export type TensorDtype =
  | 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32'
  | 'int64' | 'uint64' | 'bool' | 'string';

export type TensorValues =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | boolean[] | string[];

/** A dense tensor, row-major. `data.length` is the product of `dims`. */
export interface TensorData {
  dtype: TensorDtype;
  dims: number[];
  data: TensorValues;
}

/**
 * A non-tensor output rebuilt as plain JS. Today only ZipMap's seq(map): one object per row,
 * class label -> probability (see zipmap.ts for why ORT cannot return it itself).
 */
export interface SequenceData {
  dtype: 'sequence';
  dims: number[];
  data: unknown[];
}

export type RunOutputs = Record<string, TensorData | SequenceData>;

/** A graph input or output as ORT reports it. */
export interface GraphIO {
  name: string;
  /** ORT's tensor type ('float32', 'int64', 'string', ...), or 'sequence' / 'map' / 'optional' / 'sparse_tensor'. */
  dtype: string;
  /** Symbolic dims as strings, unknown as -1; [] when the model declares no shape. */
  dims: Array<number | string>;
}

export type InferenceBackend = 'wasm' | 'webgpu';

export interface LoadedSession {
  key: string;
  inputs: GraphIO[];
  outputs: GraphIO[];
  backend: InferenceBackend;
  /** ORT's wasm threads as it really runs (it falls back to 1 when not crossOriginIsolated). */
  threads: number;
}

/** Model bytes, or a function that fetches them only when the session is not cached yet. */
export type ModelSource = ArrayBuffer | Uint8Array | (() => Promise<ArrayBuffer>);

export interface InferenceEngine {
  /**
   * Loads (or reuses, cached by key, e.g. the model's sha256) a session. Bad bytes reject with an
   * MlflowError INVALID_PARAMETER_VALUE "Could not load ONNX model: ...". Bytes passed directly
   * are not modified; the function form is only called on a cache miss.
   */
  load(key: string, onnx: ModelSource): Promise<LoadedSession>;
  /**
   * Runs a loaded session; feeds by input name; returns every requested (default: all) output.
   * ZipMap outputs (seq(map)) come back as { dtype: 'sequence', dims: [rows], data: [{label: p}] }.
   * Calls on one session run one at a time, in call order. Feeds are consumed: an engine may
   * take ownership of (detach) a feed's buffer, so do not reuse feed arrays after the call.
   */
  run(key: string, feeds: Record<string, TensorData>, outputNames?: string[]): Promise<RunOutputs>;
  /** Releases a session once the runs queued on it have finished. Unknown keys are ignored. */
  release(key: string): Promise<void>;
  /** Drops every session (and the worker, if any); later loads start afresh. */
  dispose(): void;
}
