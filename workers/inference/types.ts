// What the inference worker exposes. Rare calls (start, load, release) go over Comlink; runs go
// over a MessagePort of their own with an id-matched request/reply: a batch keeps dozens of runs
// in flight, and Comlink adds a message listener per pending call (every reply is offered to all
// of them) on top of its wire-value wrapping. Measured single-row round trips: 0.16-0.22 ms on
// the port vs 0.21-0.22 ms through Comlink (tests/bench/inference.bench.ts has the floor).
// Failures come back as outcomes (src/domain/outcome.ts) so the facade can rethrow the
// MlflowError with its code.
import type { Outcome } from '../../src/domain/outcome';
import type { LoadedSession, RunOutputs, TensorData } from '../../src/domain/inference/types';

/** How the worker runs ORT; set once, before its first load. */
export interface InferenceWorkerOptions {
  /** ORT wasm threads. Default min(4, cores); always 1 unless crossOriginIsolated. */
  numThreads?: number;
  /** Use WebGPU when an adapter exists (default true). */
  webgpu?: boolean;
}

/** main -> worker on the run port; the feeds' buffers are transferred. */
export interface RunRequest {
  id: number;
  key: string;
  feeds: Record<string, TensorData>;
  outputNames?: string[];
}

/** worker -> main on the run port; the outputs' buffers are transferred. */
export interface RunReply {
  id: number;
  outcome: Outcome<RunOutputs>;
}

export interface InferenceWorkerApi {
  /** Sent by the facade right after starting the worker, so it precedes any load. */
  start(options: InferenceWorkerOptions, runPort: MessagePort): void;
  /** The session under `key` if already loaded: lets the facade skip fetching and sending bytes. */
  describe(key: string): LoadedSession | undefined;
  /** `model` is transferred by the facade (it sends its own copy). */
  load(key: string, model: Uint8Array): Promise<Outcome<LoadedSession>>;
  release(key: string): Promise<Outcome<void>>;
}
