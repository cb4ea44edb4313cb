// The SDK's door to the import worker for the import page: features import sdk/, never compute/
// (tests/architecture.test.ts). Not re-exported from index.ts: the service worker bundles that
// and cannot start a Worker.
export { makeWorkerMlrunsParser, parseMlrunsInWorker } from '../compute/import-worker';
