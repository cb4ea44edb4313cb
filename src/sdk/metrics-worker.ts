// The SDK's door to the metrics worker for views: features and ui import sdk/, never compute/
// (tests/architecture.test.ts). Deliberately not re-exported from index.ts: the service worker
// bundles index.ts, and a service worker can neither start nor use a Worker.
export {
  makeMetricsWorker,
  type GroupResult,
  type MetricsWorker,
  type OverlayRequest,
  type OverlayResult,
  type SeriesInput,
  type SeriesResult,
  type XAxis,
  type XY,
} from '../compute/metrics-worker';
