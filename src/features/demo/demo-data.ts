// "Load demo data": realistic experiments written through the public SDK only (so the demo
// exercises the same paths a user's script does, and shows live in every open view). Seeded:
// every load writes the same params, metrics and files; only ids and experiment-name suffixes
// differ.
//
//   const result = await loadDemoData(client, { onProgress: ({ done, total }) => ... });
import type { MlflowClient } from '../../sdk/index';
import type { DemoContext, DemoProgress } from './demo-context';
import { loadLongTraining, LONG_TRAINING_RUNS } from './demo-long-training';
import { loadRegression, REGRESSION_RUNS } from './demo-regression';
import { loadSweep, SWEEP_RUNS } from './demo-sweep';
import { seededRandom } from './random';

export type { DemoProgress } from './demo-context';

export const DEMO_RUN_COUNT = SWEEP_RUNS + LONG_TRAINING_RUNS + REGRESSION_RUNS;

export interface DemoOptions {
  /** default 42 */
  seed?: number;
  /** runs are dated in the hours before this; default Date.now() */
  now?: number;
  /** points per metric in the long-curve runs; default 20,000 */
  longSteps?: number;
  onProgress?: (progress: DemoProgress) => void;
}

export interface DemoResult {
  /** sweep, long training, house prices */
  experimentIds: string[];
  runIds: string[];
}

export async function loadDemoData(client: MlflowClient, options: DemoOptions = {}): Promise<DemoResult> {
  let done = 0;
  const report = (label: string): void => options.onProgress?.({ done, total: DEMO_RUN_COUNT, label });
  const ctx: DemoContext = {
    client,
    rng: seededRandom(options.seed ?? 42),
    now: options.now ?? Date.now(),
    longSteps: options.longSteps ?? 20_000,
    runDone(label) {
      done++;
      report(label);
    },
  };
  report('starting');
  const parts = [await loadSweep(ctx), await loadLongTraining(ctx), await loadRegression(ctx)];
  return { experimentIds: parts.map((p) => p.experimentId), runIds: parts.flatMap((p) => p.runIds) };
}
