// The inference worker's API over the shared engine core. Separate from the entry (which only
// picks ORT's browser build) so tests can run it on a MessageChannel with ORT's Node build.
// Output tensors go back as transferred buffers: ORT allocates a fresh array per output.
import * as Comlink from 'comlink';
import { createInferenceCore } from '../../src/domain/inference/inference-core';
import type { OrtRuntime } from '../../src/domain/inference/ort-like';
import { settle } from '../../src/domain/inference/outcome';
import { transferableBuffers } from '../../src/domain/inference/transfer';
import type { InferenceWorkerApi } from './types';

export function createInferenceWorkerApi(startRuntime: () => Promise<OrtRuntime>): InferenceWorkerApi {
  const core = createInferenceCore(startRuntime);
  return {
    describe: (key) => core.describe(key),
    load: (key, model) => settle(() => core.load(key, model)),
    async run(key, feeds, outputNames) {
      const outcome = await settle(() => core.run(key, feeds, outputNames));
      return outcome.ok ? Comlink.transfer(outcome, transferableBuffers(Object.values(outcome.value))) : outcome;
    },
    release: (key) => settle(() => core.release(key)),
  };
}
