// The import worker's entry: exposes the parse phase of an mlruns import over Comlink. One worker
// per import; cancelling ends it (compute/import-worker.ts).
import * as Comlink from 'comlink';
import { importWorkerApi } from './import/worker-api';

Comlink.expose(importWorkerApi);
