// Metric histories read for export: a run of short histories in one query, long ones chunk by
// chunk; both give every point in logging order.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { metricHistoriesOf } from '../../../src/sdk/export/run-reads';
import { freshClient } from '../helpers';

test('one query or chunk by chunk, the same points in the same order', async () => {
  const { ws, client } = await freshClient();
  const { info } = await client.createRun('0');
  for (let i = 0; i < 40_000; i++) await client.logMetric(info.runId, i % 2 ? 'b' : 'a/x', i, { step: -i, timestamp: i, synchronous: false });
  await ws.flush();
  const row = await ws.store.db.runs.get(info.runId);
  if (!row) throw new Error('no row');
  const read = async (oneReadPoints?: number) => {
    const out: Record<string, { whole: boolean; values: number[]; steps: number[]; pieces: number }> = {};
    for await (const h of metricHistoriesOf(ws, row, oneReadPoints)) {
      const entry = { whole: h.whole, values: [] as number[], steps: [] as number[], pieces: 0 };
      for await (const c of h.columns) {
        entry.values.push(...c.values);
        entry.steps.push(...c.steps);
        entry.pieces++;
      }
      out[h.key] = entry;
    }
    return out;
  };
  const once = await read();
  const streamed = await read(0);
  expect(Object.keys(once)).toEqual(['a/x', 'b']);
  expect(once['a/x']?.whole).toBe(true);
  expect(streamed['a/x']?.whole).toBe(false);
  expect(streamed['b']?.pieces).toBeGreaterThan(1);
  expect(streamed['a/x']?.values).toEqual(once['a/x']?.values);
  expect(once['a/x']?.values).toEqual(Array.from({ length: 20_000 }, (_, i) => 2 * i));
  expect(once['b']?.steps.slice(0, 3)).toEqual([-1, -3, -5]);
});
