// Main-thread facade of the inference worker (workers/inference.worker.ts): owns its lifetime -
// the worker (and ORT's 14 MB wasm) starts on the first load, not on import, and ends with
// dispose(). Model bytes and feeds are moved to the worker, outputs moved back (see
// domain/inference/transfer.ts for which buffers move and which are copied first).
import * as Comlink from 'comlink';
import { MlflowError } from '../domain/errors';
import { unwrap, type Outcome } from '../domain/outcome';
import { compactFeeds } from '../domain/inference/transfer';
import type { InferenceWorkerApi, InferenceWorkerOptions, RunReply, RunRequest } from '../../workers/inference/types';
import type { InferenceEngine, LoadedSession, ModelSource, RunOutputs, TensorData } from './inference-engine';

/** What the facade needs of a worker; a MessagePort with a terminate() stands in for one in tests. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface WorkerInferenceOptions extends InferenceWorkerOptions {
  /** Starts the worker (tests pass a MessagePort-backed fake). */
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

/** The main side of the run port: requests by id, answered in any order. */
function makeRunClient(port: MessagePort): { run(request: Omit<RunRequest, 'id'>): Promise<Outcome<RunOutputs>>; close(): void } {
  let nextId = 0;
  const pending = new Map<number, (outcome: Outcome<RunOutputs>) => void>();
  port.onmessage = (e: MessageEvent<RunReply>) => {
    const settle = pending.get(e.data.id);
    pending.delete(e.data.id);
    settle?.(e.data.outcome);
  };
  return {
    run(request) {
      const id = nextId++;
      const message: RunRequest = { id, ...request };
      return new Promise((resolve) => {
        pending.set(id, resolve);
        port.postMessage(message, feedBuffers(request.feeds));
      });
    },
    close() {
      pending.clear(); // their callers are released by the `failed` race
      port.close();
    },
  };
}

interface LiveWorker {
  worker: WorkerLike;
  api: Comlink.Remote<InferenceWorkerApi>;
  runs: ReturnType<typeof makeRunClient>;
  /** Rejects when the worker dies or the engine is disposed; every call races it. */
  failed: Promise<never>;
  end(reason: MlflowError): void;
}

/** `make*`: not reactive; call dispose() when done. */
export function makeWorkerInferenceEngine(options: WorkerInferenceOptions = {}): InferenceEngine {
  const { connect = startWorker, ...workerOptions } = options;
  let live: LiveWorker | undefined;
  /** Loads by key, so concurrent loads fetch and send the bytes once. Cleared with the worker. */
  const loads = new Map<string, Promise<LoadedSession>>();

  const stop = (): void => {
    if (!live) return;
    live.end(new MlflowError('The inference engine was disposed before the call finished', 'CANCELLED'));
    live.api[Comlink.releaseProxy]();
    live.runs.close();
    live.worker.terminate();
    live = undefined;
    loads.clear();
  };

  const ensure = (): LiveWorker => {
    if (live) return live;
    const worker = connect();
    // Comlink (and the run port) never settle a call whose worker died (a chunk that failed to
    // load, an OOM): race every call against the worker's error event, and start afresh next time.
    let end!: (reason: MlflowError) => void;
    const failed = new Promise<never>((_, reject) => {
      end = reject;
      worker.addEventListener('error', (e: Event) => {
        reject(new MlflowError(`inference worker failed: ${(e as Partial<ErrorEvent>).message ?? e.type}`, 'INTERNAL_ERROR'));
        if (live?.worker === worker) stop();
        else worker.terminate();
      });
    });
    failed.catch(() => undefined); // observed by the calls that race it
    const api = Comlink.wrap<InferenceWorkerApi>(worker);
    const { port1, port2 } = new MessageChannel();
    // Posted before anything else, so options apply before the first load starts ORT.
    void api.start(workerOptions, Comlink.transfer(port2, [port2])).catch(() => undefined);
    live = { worker, api, runs: makeRunClient(port1), failed, end };
    return live;
  };

  const call = async <T>(request: (w: LiveWorker) => Promise<Outcome<T>>): Promise<T> => {
    const w = ensure();
    return unwrap(await Promise.race([request(w), w.failed]));
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
        return call((w) => w.api.load(key, Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])));
      })();
      loads.set(key, loading);
      loading.catch(() => loads.get(key) === loading && loads.delete(key));
      return loading;
    },
    run(key, feeds, outputNames) {
      return call((w) => w.runs.run({ key, feeds: compactFeeds(feeds), outputNames }));
    },
    async release(key) {
      loads.delete(key);
      if (live) await call((w) => w.api.release(key));
    },
    dispose: stop,
  };
}
