// The SDK's door to model inference for the SDK's own model code and features: features and ui
// import sdk/, never compute/ (tests/architecture.test.ts). Never reachable from sdk/core.ts:
// the service worker bundles that, and can neither start a Worker nor import() ORT's glue.
export { makeWorkerInferenceEngine, type WorkerInferenceOptions } from '../compute/inference-worker';
export { makeInProcessInferenceEngine, type InProcessInferenceOptions } from '../compute/node-inference';
export type * from '../compute/inference-engine';
