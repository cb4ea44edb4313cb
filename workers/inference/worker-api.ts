// The inference worker's API over the shared engine core. Separate from the entry (which only
// picks ORT's browser build) so tests can run it on a MessageChannel with ORT's Node build.
// Output tensors go back as transferred buffers: ORT allocates a fresh array per output.
import { createInferenceCore } from '../../src/domain/inference/inference-core';
import type { OrtRuntime } from '../../src/domain/inference/ort-like';
import { settle } from '../../src/domain/outcome';
import { transferableBuffers } from '../../src/domain/inference/transfer';
import type { InferenceWorkerApi, InferenceWorkerOptions, RunReply, RunRequest } from './types';

export function createInferenceWorkerApi(startRuntime: (options: InferenceWorkerOptions) => Promise<OrtRuntime>): InferenceWorkerApi {
  let options: InferenceWorkerOptions = {};
  const core = createInferenceCore(() => startRuntime(options));
  return {
    start(next, runPort) {
      options = { ...next };
      runPort.onmessage = async (e: MessageEvent<RunRequest>) => {
        const { id, key, feeds, outputNames } = e.data;
        // The core queues runs per session, so replies for one model come back in request order.
        const outcome = await settle(() => core.run(key, feeds, outputNames));
        const reply: RunReply = { id, outcome };
        runPort.postMessage(reply, outcome.ok ? transferableBuffers(Object.values(outcome.value)) : []);
      };
    },
    describe: (key) => core.describe(key),
    load: (key, model) => settle(() => core.load(key, model)),
    release: (key) => settle(() => core.release(key)),
  };
}
