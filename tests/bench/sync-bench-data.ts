// Deterministic content for the sync benchmark (sync.bench.ts), shared by the Orchard peers and the
// bare-Yjs baselines in sync-peer.worker.ts so both sides carry the same runs and points.

/** Scenario a/b: 1,000 runs' metadata; 10 of them log 10 keys x 1,000 steps = 100,000 points. */
export const A_RUNS = 1_000;
export const A_PARAMS = 10;
export const A_TAGS = 10;
export const METRIC_RUNS = 10;
export const METRIC_KEYS = 10;
export const METRIC_STEPS = 1_000;
export const POINTS = METRIC_RUNS * METRIC_KEYS * METRIC_STEPS;

/** Scenario c/d: a workspace of 10,000 runs over 4 experiments, ~10 params, ~10 tags, 3 latest metrics each. */
export const BIG_RUNS = 10_000;
export const BIG_EXPERIMENTS = 4;
export const BIG_METRICS = ['loss', 'accuracy', 'f1'] as const;

const T0 = 1_760_000_000_000;

/** A float in [0, 1) from integers (splitmix-like), so values look like real, incompressible metrics. */
export function noise(a: number, b: number, c: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

export interface RunMeta {
  runName: string;
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** Scenario a's run `i`: 10 params, 10 tags (values vary like a hyperparameter sweep). */
export function runMeta(i: number): RunMeta {
  const params: Record<string, string> = {};
  const tags: Record<string, string> = {};
  for (let p = 0; p < A_PARAMS; p++) params[`param_${p}`] = p % 3 === 0 ? String((i * (p + 3)) % 97) : (noise(i, p, 1) * 0.1).toFixed(6);
  for (let t = 0; t < A_TAGS; t++) tags[`tag_${t}`] = ['baseline', 'sweep', 'ablation', 'final'][(i + t) % 4]! + `-${(i * 31 + t) % 50}`;
  return { runName: `run-${i}`, params, tags };
}

/** Metric point of scenario a/b: run index (0..METRIC_RUNS-1, plus an offset per phase), key, step. */
export function pointValue(run: number, key: number, step: number): number {
  return Math.exp(-step / (200 + key * 30)) + 0.05 * noise(run, key, step);
}
export function pointTimestamp(run: number, step: number): number {
  return T0 + run * 1_000_000 + step * 137;
}

/** Scenario c/d run `i`: experiment index, 10 params, 10 tags, 3 latest metrics at one step. */
export function bigRun(i: number): RunMeta & { experiment: number; metrics: Array<{ key: string; value: number; step: number; timestamp: number }> } {
  const meta = runMeta(i);
  return {
    ...meta,
    experiment: i % BIG_EXPERIMENTS,
    metrics: BIG_METRICS.map((key, k) => ({ key, value: noise(i, k, 7), step: 100, timestamp: T0 + i * 1000 + k })),
  };
}
