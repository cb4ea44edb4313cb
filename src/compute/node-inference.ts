// The inference engine with ORT in the current thread: Node (SDK scripts, tests) and any context
// that cannot start a worker. Same contract and core as the worker engine
// (domain/inference/inference-core.ts), so both behave the same, errors included.
//
// 'onnxruntime-web/wasm' everywhere: in Node it runs as is (it reads the .wasm next to itself),
// and in a browser build it pulls in only the 14 MB CPU wasm - plain 'onnxruntime-web' would add
// the 28 MB JSEP one to the app (TOOLCHAIN pitfall 5).
import { createInferenceCore } from '../domain/inference/inference-core';
import type { OrtModule } from '../domain/inference/ort-like';
import type { InferenceEngine } from './inference-engine';

export interface InProcessInferenceOptions {
  /**
   * The ORT namespace, or a function that imports it. Default: `import('onnxruntime-web/wasm')`.
   * A service worker, where import() is forbidden, passes a statically imported bundle build.
   */
  ort?: OrtModule | (() => Promise<OrtModule>);
  /** ORT's wasm threads (default 1: this thread is often a UI thread or a test runner). */
  numThreads?: number;
}

/** `make*`: not reactive; call dispose() when done. */
export function makeInProcessInferenceEngine(options: InProcessInferenceOptions = {}): InferenceEngine {
  const core = createInferenceCore(async () => {
    const given = options.ort;
    const ort = given === undefined ? await import('onnxruntime-web/wasm') : typeof given === 'function' ? await given() : given;
    // Only honoured before ORT's first session in this realm: ORT reads env once, at init.
    ort.env.wasm.numThreads = options.numThreads ?? 1;
    return { ort, backends: ['wasm'] };
  });
  // describe() is the worker's business; callers see exactly the contract.
  return { load: core.load, run: core.run, release: core.release, dispose: core.dispose };
}
