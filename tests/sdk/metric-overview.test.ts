// client.getMetricOverview: the stored per-chunk overviews for charts that downsample in the
// metrics worker (every spike kept, ~1 point in 16 read), or the full history for short series.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { CHUNK_SIZE, OVERVIEW_BUCKET } from '../../src/domain/metric-history';
import { expectMlflowError, freshClient } from './helpers';

describe('getMetricOverview', () => {
  test('a long history comes back as its overview: in order, ends, spikes and dips kept, ~4 per 64 points', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const n = CHUNK_SIZE * 3 + 500;
    const values = Float64Array.from({ length: n }, (_, i) => (i === 12_345 ? 1e6 : i === 40_000 ? -1e6 : Math.sin(i / 300)));
    values.forEach((value, i) => void client.logMetric(info.runId, 'loss', value, { step: i, timestamp: 1000 + i, synchronous: false }));
    await client.flush();
    // A neighbouring key must not leak in (the range is [runId, key, *], not a prefix).
    await client.logMetric(info.runId, 'loss2', 42);
    const o = await client.getMetricOverview(info.runId, 'loss', { minPoints: 2000 });
    // At least first and last of every 64-point bucket, at most first, min, max and last.
    const buckets = Math.ceil(n / OVERVIEW_BUCKET);
    expect(o.values.length).toBeGreaterThanOrEqual(buckets * 2 - 4);
    expect(o.values.length).toBeLessThanOrEqual(buckets * 4);
    expect(Math.max(...o.values)).toBe(1e6);
    expect(Math.min(...o.values)).toBe(-1e6);
    expect(o.steps[0]).toBe(0);
    expect(o.steps.at(-1)).toBe(n - 1);
    for (let i = 1; i < o.steps.length; i++) expect(o.steps[i]).toBeGreaterThan(o.steps[i - 1] as number);
    // Every point is a logged one.
    o.steps.forEach((s, i) => expect(o.values[i]).toBe(values[s]));
    expect(o.timestamps[0]).toBe(1000);
  });

  test('a history whose overview is too coarse for minPoints comes back whole', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    for (let i = 0; i < 3000; i++) void client.logMetric(info.runId, 'acc', i, { step: i, timestamp: i, synchronous: false });
    await client.flush();
    expect((await client.getMetricOverview(info.runId, 'acc', { minPoints: 500 })).values.length).toBe(3000);
    expect((await client.getMetricOverview(info.runId, 'acc')).values.length).toBe(3000);
  });

  test('an unlogged key is empty; an unknown run is RESOURCE_DOES_NOT_EXIST', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    expect((await client.getMetricOverview(info.runId, 'nothing')).values.length).toBe(0);
    await expectMlflowError(client.getMetricOverview('0123456789abcdef0123456789abcdef', 'loss'), 'RESOURCE_DOES_NOT_EXIST');
  });
});
