// The storage report (storage/storage-report.ts via client.storageReport): sizes per run and per
// experiment, largest first; artifact bytes count each file once per run / experiment / workspace;
// metric history sized from point counts and chunk keys, close to the bytes actually stored.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { BYTES_PER_POINT } from '../../src/domain/stored-size';
import { freshClient } from '../sdk/helpers';

test('runs and experiments largest first; a file shared by runs counts once per run and once overall', async () => {
  const { client, ws } = await freshClient();
  const expId = await client.createExperiment('sizes');
  const small = await client.createRun(expId, { runName: 'small' });
  const big = await client.createRun(expId, { runName: 'big' });
  const other = await client.createRun('0', { runName: 'other' });
  const shared = 'x'.repeat(10_000);
  await client.logArtifact(big.info.runId, 'data.txt', shared);
  await client.logArtifact(big.info.runId, 'copy/data.txt', shared); // same bytes twice in one run
  await client.logArtifact(big.info.runId, 'own.txt', 'y'.repeat(5_000));
  await client.logArtifact(small.info.runId, 'data.txt', shared); // same bytes in another run
  await client.logArtifact(other.info.runId, 'note.txt', 'z'.repeat(100));
  await client.logBatch(small.info.runId, { metrics: Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step })) });

  const report = await client.storageReport();
  expect(report.runs.map((r) => r.runName)).toEqual(['big', 'small', 'other']);
  const byName = new Map(report.runs.map((r) => [r.runName, r]));
  expect(byName.get('big')).toMatchObject({ artifactFiles: 3, artifactBytes: 15_000, metricPoints: 0, metricBytes: 0 });
  expect(byName.get('small')).toMatchObject({ artifactFiles: 1, artifactBytes: 10_000, metricPoints: 50 });
  for (const r of report.runs) expect(r.totalBytes).toBe(r.artifactBytes + r.metricBytes + r.recordBytes);
  expect(report.experiments.map((e) => e.name)).toEqual(['sizes', 'Default']);
  expect(report.experiments[0]).toMatchObject({ runs: 2, artifactBytes: 15_000 }); // shared file once
  expect(report.totals).toMatchObject({ runs: 3, experiments: 2, artifactBytes: 15_100, unreferencedFiles: 0, syncBytes: 0 });
  expect(report.madeAt).toBeGreaterThan(0);
  await ws.close();
});

test('metric history bytes follow what is stored (2 chunks, overviews) within a small margin', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  const n = 20_000; // 16,384 + 3,616: two chunks
  const steps = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i += 1000) {
    await client.logBatch(info.runId, { metrics: steps.slice(i, i + 1000).map((step) => ({ key: 'loss', value: Math.sin(step), step, timestamp: step })) });
  }
  const [run] = (await client.storageReport()).runs;
  const chunks = await ws.store.db.metricChunks.where('runId').equals(info.runId).toArray();
  const overviews = await ws.store.db.metricOverviews.where('runId').equals(info.runId).toArray();
  expect(chunks.length).toBe(2);
  const stored = chunks.reduce((b, c) => b + c.values.byteLength * 3, 0) + overviews.reduce((b, o) => b + o.values.byteLength * 3, 0);
  expect(run?.metricPoints).toBe(n);
  expect(run?.metricBytes).toBeGreaterThanOrEqual(stored);
  expect(run?.metricBytes).toBeLessThan(stored * 1.05);
  expect(stored).toBeGreaterThan(n * BYTES_PER_POINT);
  await ws.close();
});

test('bytes no artifact points at are reported as unreferenced; sync chunk bytes separately', async () => {
  const { client, ws } = await freshClient();
  await client.createRun('0');
  const db = ws.store.db;
  await db.blobs.put({ sha256: 'a'.repeat(64), size: 1234, data: new Blob(['x']) });
  await db.blobs.put({ sha256: 'b'.repeat(64), size: 99, data: new Blob(['y']) });
  await db.syncApplied.put({ hash: 'b'.repeat(64), at: 1 });
  const { totals } = await client.storageReport();
  expect(totals).toMatchObject({ unreferencedFiles: 1, unreferencedBytes: 1234, syncBytes: 99 });
  await ws.close();
});
