// Main-thread facade of the metrics worker (workers/metrics.worker.ts): owns its lifetime, so
// the worker starts on the first request, not on import, and ends with dispose(). Requests move
// their typed arrays to the worker (Comlink.transfer) and results come back the same way, so a
// chart of a million points copies nothing on the main thread.
import * as Comlink from 'comlink';
import type { MetricsWorkerApi, OverlayRequest, OverlayResult } from '../../workers/metrics/types';

export type { GroupResult, OverlayRequest, OverlayResult, SeriesInput, SeriesResult, XAxis, XY } from '../../workers/metrics/types';

/** What the facade needs of a worker; a MessagePort with a terminate() stands in for one in tests. */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

export interface MetricsWorker {
  /**
   * Chart-ready series for one metric of several runs. The request's column arrays are
   * transferred: they are unusable (detached) once this is called.
   */
  prepareOverlay(request: OverlayRequest): Promise<OverlayResult>;
  /** Ends the worker; later requests start a new one. */
  dispose(): void;
}

function startWorker(): WorkerLike {
  return new Worker(new URL('../../workers/metrics.worker.ts', import.meta.url), { type: 'module', name: 'orchard-metrics' });
}

/** `make*`: not reactive; call dispose() when done (a Solid view does so in onCleanup). */
export function makeMetricsWorker(options: { connect?: () => WorkerLike } = {}): MetricsWorker {
  const connect = options.connect ?? startWorker;
  let live: { worker: WorkerLike; api: Comlink.Remote<MetricsWorkerApi>; failed: Promise<never> } | undefined;

  const ensure = (): NonNullable<typeof live> => {
    if (live) return live;
    const worker = connect();
    // Comlink never settles a call whose worker died (a script that failed to load, say):
    // race every call against the worker's error event, and start afresh next time.
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e: Event) => {
        if (live?.worker === worker) live = undefined;
        worker.terminate();
        reject(new Error(`metrics worker failed: ${(e as Partial<ErrorEvent>).message ?? e.type}`));
      });
    });
    failed.catch(() => undefined); // observed by the calls that race it
    live = { worker, api: Comlink.wrap<MetricsWorkerApi>(worker), failed };
    return live;
  };

  return {
    prepareOverlay(request) {
      const { api, failed } = ensure();
      return Promise.race([api.prepareOverlay(Comlink.transfer(request, transferablesOf(request))), failed]);
    },
    dispose() {
      if (!live) return;
      live.api[Comlink.releaseProxy]();
      live.worker.terminate();
      live = undefined;
    },
  };
}

/** The distinct buffers behind a request's columns (a buffer listed twice makes postMessage throw). */
export function transferablesOf(request: OverlayRequest): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { columns } of request.series) {
    for (const a of [columns.steps, columns.timestamps, columns.values]) {
      // A SharedArrayBuffer cannot be transferred (and need not be).
      if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
    }
  }
  return [...buffers];
}
