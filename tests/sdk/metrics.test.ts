import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { CHUNK_SIZE } from '../../src/domain/metric-history';
import { expectMlflowError, freshClient } from './helpers';

describe('metrics', () => {
  test('logMetric defaults step to 0 and timestamp to now; history keeps logging order', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const before = Date.now();
    await client.logMetric(info.runId, 'val_f1', 0.5);
    await client.logMetric(info.runId, 'val_f1', 0.7, { step: 2, timestamp: 1646000000000 });
    await client.logMetric(info.runId, 'val_f1', 0.6, { step: 1, timestamp: 1646000000001 });
    const history = await client.getMetricHistory(info.runId, 'val_f1');
    expect(history.map((m) => [m.value, m.step])).toEqual([[0.5, 0], [0.7, 2], [0.6, 1]]);
    expect(history[0]?.timestamp).toBeGreaterThanOrEqual(before);
    // Latest = largest (step, timestamp, value), not last logged.
    expect((await client.getRun(info.runId)).data.metrics.val_f1).toBe(0.7);
  });

  test('latest value ties broken by timestamp then value', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logBatch(info.runId, {
      metrics: [
        { key: 'm', value: 5, step: 3, timestamp: 10 },
        { key: 'm', value: 1, step: 3, timestamp: 20 },
        { key: 'm', value: 2, step: 3, timestamp: 20 },
        { key: 'm', value: 9, step: 2, timestamp: 99 },
      ],
    });
    expect((await client.getRun(info.runId)).data.metrics.m).toBe(2);
  });

  test('NaN and ±Infinity are stored and returned exactly', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logMetric(info.runId, 'a', Number.NaN, { step: 0 });
    await client.logMetric(info.runId, 'b', Number.POSITIVE_INFINITY);
    await client.logMetric(info.runId, 'c', Number.NEGATIVE_INFINITY);
    const run = await client.getRun(info.runId);
    expect(run.data.metrics.a).toBeNaN();
    expect(run.data.metrics.b).toBe(Infinity);
    expect(run.data.metrics.c).toBe(-Infinity);
    expect((await client.getMetricHistory(info.runId, 'a'))[0]?.value).toBeNaN();
  });

  test('invalid values, timestamps and steps are rejected', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await expectMlflowError(client.logMetric(info.runId, 'm', '1' as never), 'INVALID_PARAMETER_VALUE', /Got invalid value 1 for metric 'm'/);
    await expectMlflowError(client.logMetric(info.runId, 'm', true as never), 'INVALID_PARAMETER_VALUE');
    await expectMlflowError(client.logMetric(info.runId, 'm', 1, { timestamp: -1 }), 'INVALID_PARAMETER_VALUE', /invalid timestamp/);
    await expectMlflowError(client.logMetric(info.runId, 'm', 1, { timestamp: Infinity }), 'INVALID_PARAMETER_VALUE', /invalid timestamp/);
    await expectMlflowError(client.logMetric(info.runId, 'm', 1, { step: Number.NaN }), 'INVALID_PARAMETER_VALUE', /invalid step/);
    await expectMlflowError(client.logMetric(info.runId, 'a//b', 1), 'INVALID_PARAMETER_VALUE', /Invalid metric name/);
  });

  test('long histories span chunks and read back whole and downsampled (min/max kept)', async () => {
    const { client, ws } = await freshClient();
    const { info } = await client.createRun('0');
    const n = CHUNK_SIZE * 2 + 123;
    for (let step = 0; step < n; step++) {
      client.logMetric(info.runId, 'loss', step === 7777 ? 1000 : step === 9999 ? -1000 : Math.sin(step / 100), { step, timestamp: step, synchronous: false });
    }
    await client.flush();
    const chunks = await ws.store.db.metricChunks.where('runId').equals(info.runId).count();
    expect(chunks).toBe(3);
    const full = await client.getMetricColumns(info.runId, 'loss');
    expect(full.values.length).toBe(n);
    expect(Array.from(full.steps.subarray(0, 3))).toEqual([0, 1, 2]);
    const small = await client.getMetricColumns(info.runId, 'loss', { maxPoints: 2000 });
    expect(small.values.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...small.values)).toBe(1000);
    expect(Math.min(...small.values)).toBe(-1000);
    const run = await ws.store.db.runs.get(info.runId);
    expect(run?.metricSummaries.loss).toMatchObject({ min: -1000, max: 1000, count: n, latestStep: n - 1 });
  });

  test('queued points survive a flush across several writes in order; errors surface from flush()', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    for (let i = 0; i < 10; i++) await client.logMetric(info.runId, 'acc', i / 10, { step: i, synchronous: false });
    await client.flush();
    expect((await client.getMetricHistory(info.runId, 'acc')).map((m) => m.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await client.logMetric('0123456789abcdef0123456789abcdef', 'acc', 1, { synchronous: false });
    await expectMlflowError(client.flush(), 'RESOURCE_DOES_NOT_EXIST');
    // A failed write leaves the queue usable.
    await client.logMetric(info.runId, 'acc', 1, { step: 10, synchronous: false });
    await client.flush();
    expect(await client.getMetricHistory(info.runId, 'acc')).toHaveLength(11);
  });

  test('setTerminated flushes queued metrics before ending the run', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logMetric(info.runId, 'x', 1, { synchronous: false });
    await client.setTerminated(info.runId);
    expect((await client.getRun(info.runId)).data.metrics.x).toBe(1);
  });
});
