// One demo load at a time for the whole page: every "Load demo data" button (sidebar, empty
// states) shows the same progress, and a second click joins the load in flight instead of
// writing the demo twice.
import { createSignal } from 'solid-js';
import type { MlflowClient } from '../../sdk/index';
import { loadDemoData, type DemoProgress, type DemoResult } from './demo-data';

const [progress, setProgress] = createSignal<DemoProgress>();
const [error, setError] = createSignal<unknown>();
let inFlight: Promise<DemoResult> | undefined;

/** Progress of the load in flight; undefined when idle. */
export const demoProgress = progress;
/** Why the last load failed; cleared when a new one starts. */
export const demoError = error;

export function startDemoLoad(client: MlflowClient): Promise<DemoResult> {
  if (inFlight) return inFlight;
  setError(undefined);
  setProgress({ done: 0, total: 1, label: 'starting' });
  inFlight = loadDemoData(client, { onProgress: (p) => setProgress(p) });
  inFlight.then(
    () => undefined,
    (e: unknown) => setError(() => e),
  ).finally(() => {
    inFlight = undefined;
    setProgress(undefined);
  });
  return inFlight;
}
