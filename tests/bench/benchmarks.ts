// The benchmark list run by `npm run bench` (in headless Chromium, see run-bench.mjs).
// Add an entry: { name, run: async () => BenchResult[] } - see harness.ts for helpers.
// `npm run bench -- <substring>` runs only the benchmarks whose name contains it.
import type { Benchmark } from './harness';
import { dexieChunks } from './dexie-chunks.bench';
import { loggingBench } from './logging.bench';
import { searchBench } from './search.bench';
import { runsTableBench } from './runs-table.bench';
import { chartsBench } from './charts.bench';
import { inferenceBench } from './inference.bench';
import { syncJoinBench, syncPeersBench } from './sync.bench';

export const benchmarks: Benchmark[] = [dexieChunks, loggingBench, searchBench, runsTableBench, chartsBench, inferenceBench, syncPeersBench, syncJoinBench];
import { exportBench } from './export.bench';
benchmarks.push(exportBench);
import { importBench } from './import.bench';
benchmarks.push(importBench);
