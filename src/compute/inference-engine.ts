// The inference contract for the SDK and features (the types live in domain/inference so the
// worker, which may import only domain/, shares them). Two engines implement it:
// makeWorkerInferenceEngine (compute/inference-worker.ts: ORT in a Web Worker, the page's
// default) and makeInProcessInferenceEngine (compute/node-inference.ts: ORT in this thread, for
// Node and anywhere a worker cannot be started).
export type {
  GraphIO,
  InferenceBackend,
  InferenceEngine,
  LoadedSession,
  ModelSource,
  RunOutputs,
  SequenceData,
  TensorData,
  TensorDtype,
  TensorValues,
} from '../domain/inference/types';
