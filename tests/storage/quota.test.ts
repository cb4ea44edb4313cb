// A write that hits the browser's quota fails with RESOURCE_EXHAUSTED and a message saying what to
// do, and leaves nothing half-written: the mutation layer's one transaction per batch is rolled
// back by IndexedDB when a put fails mid-way (fake-indexeddb made to fail like a full disk).
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { artifactPut } from '../../src/sdk/artifacts';
import { newRunId } from '../../src/domain/ids';
import type { Mutation } from '../../src/domain/mutations';
import { expectMlflowError, freshClient } from '../sdk/helpers';
import { isQuotaExceeded } from '../../src/storage/quota-exceeded';
import { failWritesTo, type QuotaFault } from './quota-fault';

let fault: QuotaFault | undefined;
afterEach(() => fault?.restore());

const QUOTA_MESSAGE = /storage quota exceeded\). Nothing from this write was kept; free space \(delete runs or artifacts\) or grant persistent storage/;

test('a metric batch that overflows mid-way stores no point, no overview and no param', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  const db = ws.store.db;
  // 20,000 points of one key make two chunks: the first put succeeds, the second hits the quota.
  const n = 20_000;
  const steps = Float64Array.from({ length: n }, (_, i) => i);
  const batch: Mutation = { type: 'run/logBatch', runId: info.runId, params: [{ key: 'lr', value: '0.1' }], tags: [], metrics: [{ key: 'loss', steps, timestamps: steps, values: steps }] };
  fault = failWritesTo('metricChunks', 1);
  await expectMlflowError(ws.store.mutations.apply(batch), 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE);
  expect(fault.refused).toBe(1);
  fault.restore();
  expect(await db.metricChunks.count()).toBe(0);
  expect(await db.metricOverviews.count()).toBe(0);
  expect((await client.getRun(info.runId)).data).toEqual({ metrics: {}, params: {}, tags: expect.any(Object) });
  expect(await client.getMetricHistory(info.runId, 'loss')).toEqual([]);
  // Space freed: the same batch goes through.
  await ws.store.mutations.apply(batch);
  expect((await client.getMetricSummaries(info.runId)).loss?.count).toBe(n);
  await ws.close();
});

test('queued metric points that overflow: flush() rejects with the quota message, nothing is stored', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  fault = failWritesTo('metricChunks');
  for (let step = 0; step < 500; step++) await client.logMetric(info.runId, 'acc', step / 500, { step, synchronous: false });
  await expectMlflowError(client.flush(), 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE);
  fault.restore();
  expect(await ws.store.db.metricChunks.count()).toBe(0);
  expect((await client.getRun(info.runId)).data.metrics).toEqual({});
  await ws.close();
});

test('a run created with its metrics and an artifact in one batch: the blob overflows, no run is left', async () => {
  const { ws } = await freshClient();
  const db = ws.store.db;
  const runId = newRunId();
  const run: Extract<Mutation, { type: 'run/create' }>['run'] = {
    info: { runId, runName: 'whole', experimentId: '0', userId: 'u', status: 'RUNNING', startTime: 1, endTime: null, artifactUri: 'x', lifecycleStage: 'active' },
    data: { metrics: {}, params: {}, tags: {} },
    inputs: { datasetInputs: [] },
  };
  const batch: Mutation[] = [
    { type: 'run/create', run },
    { type: 'run/logBatch', runId, params: [{ key: 'p', value: '1' }], tags: [], metrics: [{ key: 'm', steps: Float64Array.of(0, 1), timestamps: Float64Array.of(1, 2), values: Float64Array.of(3, 4) }] },
    await artifactPut(runId, 'model/weights.bin', new Uint8Array(4096)),
  ];
  fault = failWritesTo('blobs');
  await expectMlflowError(ws.store.mutations.apply(batch), 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE);
  expect(fault.refused).toBe(1);
  expect(await db.runs.get(runId)).toBeUndefined();
  expect(await db.metricChunks.count()).toBe(0);
  expect(await db.artifacts.count()).toBe(0);
  expect(await db.blobs.count()).toBe(0);
  await ws.close();
});

test('an artifact that overflows leaves neither its row nor its bytes; the run is untouched', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  await client.logArtifact(info.runId, 'kept.txt', 'small');
  fault = failWritesTo('artifacts');
  await expectMlflowError(client.logArtifact(info.runId, 'big.bin', new Uint8Array(1 << 16)), 'RESOURCE_EXHAUSTED', QUOTA_MESSAGE);
  fault.restore();
  expect((await client.listArtifacts(info.runId)).map((f) => f.path)).toEqual(['kept.txt']);
  expect(await ws.store.db.blobs.count()).toBe(1); // the new bytes were put first, then rolled back
  expect((await client.getRun(info.runId)).info.lifecycleStage).toBe('active');
  await ws.close();
});

test('a full disk is recognised in each shape Dexie reports it', () => {
  const quota = new DOMException('full', 'QuotaExceededError');
  expect(isQuotaExceeded(quota)).toBe(true);
  expect(isQuotaExceeded({ name: 'AbortError', inner: quota })).toBe(true); // aborted at commit
  expect(isQuotaExceeded({ name: 'BulkError', failures: [new Error('x'), quota] })).toBe(true); // bulkPut
  expect(isQuotaExceeded({ name: 'AbortError', inner: new DOMException('x', 'AbortError') })).toBe(false);
  expect(isQuotaExceeded(null)).toBe(false);
});

test('with the disk full, clean-up still previews and frees space (queued points that cannot be written do not block it)', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  await client.logArtifact(info.runId, 'big.bin', new Uint8Array(10_000));
  await client.deleteRun(info.runId);
  const other = await client.createRun('0');
  fault = failWritesTo('metricChunks');
  await client.logMetric(other.info.runId, 'acc', 1, { synchronous: false });
  const plan = await client.planRetention({ deletedForDays: 0 });
  expect(plan.runs.map((r) => r.runId)).toEqual([info.runId]);
  await client.applyRetention(plan);
  expect(await ws.store.db.blobs.count()).toBe(0);
  await ws.close();
});
