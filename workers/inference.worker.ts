// The inference worker's entry: exposes the engine of ./inference over Comlink, with ORT's
// browser build (ort-runtime.ts), and nothing else.
import * as Comlink from 'comlink';
import { startBrowserRuntime } from './inference/ort-runtime';
import { createInferenceWorkerApi } from './inference/worker-api';

Comlink.expose(createInferenceWorkerApi(startBrowserRuntime));
