// Retention in a shared workspace: purges are refused (the documents would bring the runs back), a
// files-only plan is applied and journalled like any local mutation, and the replicator skips the
// 'retention/*' entry (no adapter publishes it) without a problem. Sync's own blobs (sealed metric
// chunks) are never taken for unreferenced files.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { newWorkspaceId, openPeer } from './harness';

test('a shared peer drops loose files, keeps chunk bytes, and its replicator skips the retention entry', async () => {
  const peer = await openPeer(newWorkspaceId(), 0);
  const { client, ws, rep } = peer;
  const run = await client.createRun('0', { runName: 'shared-run' });
  await client.logBatch(run.info.runId, { metrics: Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: step, step })) });
  await client.deleteRun(run.info.runId);
  await rep.drain(); // seals the points: chunk bytes in blobs, marked in syncApplied
  const chunkBlobs = await ws.store.db.blobs.count();
  expect(chunkBlobs).toBeGreaterThan(0);
  await ws.store.db.blobs.put({ sha256: 'e'.repeat(64), size: 5, data: new Blob(['loose']) });

  const plan = await client.planRetention({ deletedForDays: 0 });
  expect(plan.refused).toMatch(/shared/);
  expect(plan.runs).toEqual([]);
  expect(plan.files.map((f) => f.sha256)).toEqual(['e'.repeat(64)]);
  await client.applyRetention(plan);
  expect((await ws.store.db.journal.toArray()).map((r) => r.mutation.type)).toContain('retention/dropOrphanBlobs');

  await rep.drain();
  expect(await ws.store.db.journal.count()).toBe(0);
  expect(rep.problems()).toEqual([]);
  expect(await ws.store.db.blobs.count()).toBe(chunkBlobs);
  expect((await client.getRun(run.info.runId)).info.lifecycleStage).toBe('deleted');
  await rep.stop();
  await ws.close();
});
