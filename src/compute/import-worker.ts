// Main-thread facade of the import worker (workers/import.worker.ts): the parse phase of an
// mlruns import (unzip, read, check, hash: seconds of CPU for a big tree) runs off the page's
// thread. One worker per import: it ends when the parse is done, and a cancel (the signal) ends it
// at once, wherever it is, instead of waiting for the parser's next look at the signal.
import * as Comlink from 'comlink';
import type { MlrunsParser } from '../domain/mlruns/parse-import';
import { unwrap } from '../domain/outcome';
import type { ImportWorkerApi } from '../../workers/import/worker-api';

/** What the facade needs of a worker; tests may pass a MessagePort with a terminate(). */
export type WorkerLike = Comlink.Endpoint & { terminate(): void };

function startWorker(): WorkerLike {
  return new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'orchard-import' });
}

const abortError = (signal: AbortSignal): unknown => signal.reason ?? new DOMException('The import was cancelled.', 'AbortError');

/** A parser for importMlruns / prepareMlrunsImport that parses in a Web Worker. */
export function makeWorkerMlrunsParser(connect: () => WorkerLike = startWorker): MlrunsParser {
  return async (source, { onProgress, signal }) => {
    signal?.throwIfAborted();
    const worker = connect();
    const api = Comlink.wrap<ImportWorkerApi>(worker);
    const cleanups: Array<() => void> = [];
    try {
      // Comlink never settles a call whose worker died: race it against the worker's error event and the signal.
      const stopped = new Promise<never>((_, reject) => {
        const onError = (e: Event): void => reject(new Error(`The import worker failed: ${(e as Partial<ErrorEvent>).message ?? e.type}`));
        worker.addEventListener('error', onError);
        cleanups.push(() => worker.removeEventListener('error', onError));
        if (signal) {
          const onAbort = (): void => reject(abortError(signal));
          signal.addEventListener('abort', onAbort, { once: true });
          cleanups.push(() => signal.removeEventListener('abort', onAbort));
        }
      });
      const report = Comlink.proxy((p: Parameters<NonNullable<typeof onProgress>>[0]) => onProgress?.(p));
      return unwrap(await Promise.race([api.parse(source, report), stopped]));
    } finally {
      for (const c of cleanups) c();
      api[Comlink.releaseProxy]();
      worker.terminate();
    }
  };
}

/** The page's import parser: one Web Worker per import. */
export const parseMlrunsInWorker: MlrunsParser = (source, options) => makeWorkerMlrunsParser()(source, options);
