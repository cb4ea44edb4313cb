// Which inference engine runs models. The page installs the worker engine at start-up
// (src/app/main.tsx), so inference never blocks the UI; anywhere else (Node, tests, a plain
// script) the in-process engine runs ORT on the calling thread. One engine per realm: sessions
// are cached in it by the model's content hash.
import { makeInProcessInferenceEngine, type InferenceEngine } from '../inference';

let factory: (() => InferenceEngine) | undefined;
let engine: InferenceEngine | undefined;

/** Chooses how models run from now on (ends the current engine and its sessions). */
export function setInferenceEngineFactory(make: () => InferenceEngine): void {
  engine?.dispose();
  engine = undefined;
  factory = make;
}

export function engineFor(): InferenceEngine {
  engine ??= (factory ?? makeInProcessInferenceEngine)();
  return engine;
}
