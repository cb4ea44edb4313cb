// One metrics worker shared by every chart on screen: the first chart that needs it starts it,
// the last one to go away ends it. (A worker per chart would mean a dozen threads on a run page.)
import { onCleanup } from 'solid-js';
import { makeMetricsWorker, type MetricsWorker } from '../../sdk/metrics-worker';

let shared: MetricsWorker | undefined;
let users = 0;

/** `use*`: for the life of the calling component. */
export function useSharedMetricsWorker(): MetricsWorker {
  shared ??= makeMetricsWorker();
  users++;
  const mine = shared;
  onCleanup(() => {
    users--;
    if (users === 0 && shared === mine) {
      shared.dispose();
      shared = undefined;
    }
  });
  return mine;
}
