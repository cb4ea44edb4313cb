// The metrics worker's entry: exposes the pure pipeline in ./metrics over Comlink and nothing
// else. Results go back as transferred buffers, so a chart's arrays are moved, not copied.
import * as Comlink from 'comlink';
import { prepareOverlay, transferablesOf } from './metrics/prepare-overlay';
import type { MetricsWorkerApi, OverlayRequest, OverlayResult } from './metrics/types';

const api: MetricsWorkerApi = {
  prepareOverlay(request: OverlayRequest): OverlayResult {
    const result = prepareOverlay(request);
    return Comlink.transfer(result, transferablesOf(result));
  },
};

Comlink.expose(api);
