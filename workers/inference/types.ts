// What the inference worker exposes over Comlink. Failures come back as outcomes (see
// src/domain/inference/outcome.ts) so the facade can rethrow the MlflowError with its code.
import type { Outcome } from '../../src/domain/inference/outcome';
import type { LoadedSession, RunOutputs, TensorData } from '../../src/domain/inference/types';

export interface InferenceWorkerApi {
  /** The session under `key` if already loaded: lets the facade skip fetching and sending bytes. */
  describe(key: string): LoadedSession | undefined;
  /** `model` is transferred by the facade (it sends its own copy). */
  load(key: string, model: Uint8Array): Promise<Outcome<LoadedSession>>;
  run(key: string, feeds: Record<string, TensorData>, outputNames?: string[]): Promise<Outcome<RunOutputs>>;
  release(key: string): Promise<Outcome<void>>;
}
