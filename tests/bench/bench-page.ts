// Entry of the bench page (built with `vite build --mode bench`, never part of dist/).
// Exposes window.runBenchmarks(filter?) for run-bench.mjs.
import { benchmarks } from './benchmarks';
import type { BenchResult } from './harness';

export interface BenchRun extends BenchResult {
  benchmark: string;
  error?: string;
}

declare global {
  interface Window {
    runBenchmarks: (filter?: string) => Promise<BenchRun[]>;
    benchmarkNames: () => string[];
  }
}

const out = document.getElementById('out')!;

window.benchmarkNames = () => benchmarks.map((b) => b.name);

window.runBenchmarks = async (filter) => {
  const all: BenchRun[] = [];
  for (const b of benchmarks.filter((x) => !filter || x.name.includes(filter))) {
    out.textContent += `running ${b.name}...\n`;
    try {
      for (const r of await b.run()) all.push({ benchmark: b.name, ...r });
    } catch (e) {
      // Keep going: one broken benchmark should not hide the others' numbers.
      all.push({ benchmark: b.name, name: '(failed)', value: NaN, unit: '', error: String((e as Error)?.stack ?? e) });
    }
  }
  out.textContent += JSON.stringify(all, null, 2);
  return all;
};
