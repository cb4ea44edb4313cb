// @vitest-environment jsdom
// A page being hidden may be frozen or discarded next: queued metric points are written then,
// without anyone calling flush().
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { freshClient } from './helpers';

test('hiding the page flushes queued metrics', async () => {
  const { client, ws } = await freshClient();
  const { info } = await client.createRun('0');
  await client.logMetric(info.runId, 'loss', 0.5, { synchronous: false });
  expect(ws.metricQueue.pendingPoints).toBe(1);
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  expect(ws.metricQueue.pendingPoints).toBe(0);
  await expect.poll(async () => (await client.getRun(info.runId)).data.metrics.loss, { timeout: 2000 }).toBe(0.5);
});
