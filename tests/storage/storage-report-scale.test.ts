// The storage report at 10,000 runs reads run rows (through the run cache) and artifact rows,
// never the metric histories. Measured here, cold and warm, beside the alternative (reading every
// chunk) on fake-indexeddb; the e2e suite measures it in Chromium. Timings are printed, and only
// loosely asserted.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { MetricChunk } from '../../src/domain/metric-history';
import type { RunRow } from '../../src/storage/schema';
import { readWorkspaceSizes } from '../../src/storage/storage-report';
import { freshClient } from '../sdk/helpers';

const RUNS = 10_000;
const KEYS = ['loss', 'acc', 'lr'];
const POINTS = 100;

test(`storage report over ${RUNS.toLocaleString('en')} runs reads run rows, not histories`, async () => {
  const { client, ws } = await freshClient();
  const experimentId = await client.createExperiment('ten-thousand');
  // Setup only: rows written straight into the tables (the mutation path is measured elsewhere).
  const steps = Float64Array.from({ length: POINTS }, (_, i) => i);
  const summary = { latest: 99, latestStep: 99, latestTimestamp: 99, min: 0, max: 99, count: POINTS };
  const runs: RunRow[] = Array.from({ length: RUNS }, (_, i) => {
    const runId = i.toString(16).padStart(32, '0');
    return {
      runId,
      info: { runId, runName: `run-${i}`, experimentId, userId: 'u', status: 'FINISHED', startTime: i, endTime: i + 1, artifactUri: '', lifecycleStage: 'active' },
      data: { metrics: {}, params: Object.fromEntries(Array.from({ length: 10 }, (_, p) => [`param_${p}`, String(i * p)])), tags: { team: 'vision' } },
      inputs: { datasetInputs: [] },
      deletedTime: null,
      metricSummaries: Object.fromEntries(KEYS.map((k) => [k, summary])),
    };
  });
  const chunks: MetricChunk[] = runs.flatMap((r) => KEYS.map((key) => ({ runId: r.runId, key, seq: 0, count: POINTS, steps, timestamps: steps, values: steps, minStep: 0, maxStep: 99, minValue: 0, maxValue: 99 })));
  const db = ws.store.db;
  await db.runs.bulkPut(runs);
  await db.metricChunks.bulkPut(chunks);

  const t0 = performance.now();
  const sizes = await readWorkspaceSizes(ws.store);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  await readWorkspaceSizes(ws.store);
  const warmMs = performance.now() - t1;
  const t2 = performance.now();
  let stored = 0;
  await db.metricChunks.each((c) => void (stored += c.values.byteLength * 3));
  const chunkReadMs = performance.now() - t2;
  console.log(`[storage report, fake-indexeddb] ${RUNS} runs x ${KEYS.length} keys: ${coldMs.toFixed(0)} ms cold, ${warmMs.toFixed(0)} ms warm (run cache); reading every chunk instead: ${chunkReadMs.toFixed(0)} ms`);
  expect(sizes.runs).toHaveLength(RUNS);
  expect(sizes.totals.metricBytes).toBeGreaterThan(stored);
  expect(coldMs).toBeLessThan(20_000);
  expect(warmMs).toBeLessThan(coldMs);
  await ws.close();
});
