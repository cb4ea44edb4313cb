// Benchmark framework, runs in the browser (tests/bench/bench-page.ts, driven by run-bench.mjs).
// Add benchmarks in tests/bench/benchmarks.ts.

export interface BenchResult {
  name: string;
  value: number;
  unit: string; // 'ms', 'rows/s', 'MB', ...
  /** The same measurement for the approach we compare against (same unit). */
  baseline?: number;
  /** baseline / value for costs (ms, bytes): "how many times better than the baseline". */
  ratio?: number;
  /** What we aim for (same unit); run-bench prints whether it is met. */
  target?: number;
  notes?: string;
}

export interface Benchmark {
  name: string;
  run: () => Promise<BenchResult[]>;
}

/** Wall time of one call, in ms. */
export async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Median wall time (ms) over `repeat` calls, after `warmup` unmeasured calls. */
export async function median(
  fn: (i: number) => unknown | Promise<unknown>,
  { repeat = 5, warmup = 1 } = {},
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const ts: number[] = [];
  for (let i = 0; i < repeat; i++) ts.push(await time(() => fn(i)));
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

/** A cost (lower is better) measured against a baseline: fills in ratio = baseline / value. */
export function vsBaseline(r: Omit<BenchResult, 'ratio'> & { baseline: number }): BenchResult {
  return { ...r, ratio: r.baseline / r.value };
}
