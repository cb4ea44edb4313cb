// Main-thread facade of the inference worker (workers/inference.worker.ts): owns its lifetime -
// the worker (and ORT's 14 MB wasm) starts on the first load, not on import, and ends with
// dispose(). Model bytes and feeds are moved to the worker, outputs moved back (see
// domain/inference/transfer.ts for which buffers move and which are copied first).
import * as Comlink from 'comlink';
import { MlflowError } from '../domain/errors';
import { unwrap, type Outcome } from '../domain/inference/outcome';
import { compactFeeds } from '../domain/inference/transfer';
import type { InferenceWorkerApi } from '../../workers/inference/types';
import type { InferenceEngine, LoadedSession, ModelSource, TensorData } from './inference-engine';

/** What the facade needs of a worker; a MessagePort with a terminate() stands in for one in tests. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface WorkerInferenceOptions {
  connect?: () => WorkerLike;
}

function startWorker(): WorkerLike {
  return new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'orchard-inference' });
}

/** Our own copy of the model, so transferring it leaves the caller's bytes intact. */
async function ownedBytes(onnx: ModelSource): Promise<Uint8Array> {
  if (typeof onnx === 'function') return new Uint8Array(await onnx()); // fetched for us: ours to move
  return onnx instanceof Uint8Array ? onnx.slice() : new Uint8Array(onnx.slice(0));
}

function feedBuffers(feeds: Record<string, TensorData>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { data } of Object.values(feeds)) {
    if (!Array.isArray(data) && data.buffer instanceof ArrayBuffer) buffers.add(data.buffer);
  }
  return [...buffers];
}

/** `make*`: not reactive; call dispose() when done. */
export function makeWorkerInferenceEngine(options: WorkerInferenceOptions = {}): InferenceEngine {
  const connect = options.connect ?? startWorker;
  let live: { worker: WorkerLike; api: Comlink.Remote<InferenceWorkerApi>; failed: Promise<never> } | undefined;
  /** Loads by key, so concurrent loads fetch and send the bytes once. Cleared with the worker. */
  const loads = new Map<string, Promise<LoadedSession>>();

  const stop = (): void => {
    if (!live) return;
    live.api[Comlink.releaseProxy]();
    live.worker.terminate();
    live = undefined;
    loads.clear();
  };

  const ensure = (): NonNullable<typeof live> => {
    if (live) return live;
    const worker = connect();
    // Comlink never settles a call whose worker died (a chunk that failed to load, an OOM):
    // race every call against the worker's error event, and start afresh next time.
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e: Event) => {
        if (live?.worker === worker) stop();
        else worker.terminate();
        reject(new MlflowError(`inference worker failed: ${(e as Partial<ErrorEvent>).message ?? e.type}`, 'INTERNAL_ERROR'));
      });
    });
    failed.catch(() => undefined); // observed by the calls that race it
    live = { worker, api: Comlink.wrap<InferenceWorkerApi>(worker), failed };
    return live;
  };

  const call = async <T>(request: (api: Comlink.Remote<InferenceWorkerApi>) => Promise<Outcome<T>>): Promise<T> => {
    const { api, failed } = ensure();
    return unwrap(await Promise.race([request(api), failed]));
  };

  return {
    load(key, onnx) {
      const pending = loads.get(key);
      if (pending) return pending;
      const loading = (async () => {
        const { api, failed } = ensure();
        const known = await Promise.race([api.describe(key), failed]);
        if (known) return known;
        const bytes = await ownedBytes(onnx);
        return call((a) => a.load(key, Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])));
      })();
      loads.set(key, loading);
      loading.catch(() => loads.get(key) === loading && loads.delete(key));
      return loading;
    },
    run(key, feeds, outputNames) {
      const sendable = compactFeeds(feeds);
      return call((api) => api.run(key, Comlink.transfer(sendable, feedBuffers(sendable)), outputNames));
    },
    async release(key) {
      loads.delete(key);
      if (live) await call((api) => api.release(key));
    },
    dispose: stop,
  };
}
