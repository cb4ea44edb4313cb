// Retention (sdk/retention.ts, storage/mutations/retention.ts): a preview that changes nothing,
// then exactly what it listed removed for good in one transaction: rows, metric chunks, overviews,
// artifact rows, the run cache's copy, and the bytes nothing else points at.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { applyRetention, planRetention } from '../../src/sdk/retention';
import { expectMlflowError, freshClient } from '../sdk/helpers';

const DAY = 86_400_000;
const later = (days: number): number => Date.now() + days * DAY;

async function runWith(client: Awaited<ReturnType<typeof freshClient>>['client'], experimentId: string, name: string, files: Record<string, string>) {
  const run = await client.createRun(experimentId, { runName: name });
  await client.logBatch(run.info.runId, { metrics: Array.from({ length: 100 }, (_, step) => ({ key: 'loss', value: step, step })) });
  for (const [path, text] of Object.entries(files)) await client.logArtifact(run.info.runId, path, text);
  await client.setTerminated(run.info.runId);
  return run.info.runId;
}

test('deleted runs older than N days go with everything they hold; a file another run uses stays', async () => {
  const { client, ws } = await freshClient();
  const db = ws.store.db;
  const expId = await client.createExperiment('gc');
  const gone = await runWith(client, expId, 'gone', { 'shared.txt': 'shared bytes', 'own.txt': 'only mine' });
  const kept = await runWith(client, expId, 'kept', { 'shared.txt': 'shared bytes' });
  await client.deleteRun(gone);
  expect((await client.searchRuns({ experimentIds: [expId], runViewType: 'ALL' })).runs).toHaveLength(2); // warms the run cache

  // Deleted just now: not yet 30 days old, so the preview is empty.
  expect((await client.planRetention({ deletedForDays: 30 })).runs).toEqual([]);
  const plan = await planRetention(ws, { deletedForDays: 30 }, later(31));
  expect(plan.runs.map((r) => [r.runName, r.reason, r.experimentName])).toEqual([['gone', 'deleted', 'gc']]);
  expect(plan.files.map((f) => [f.size, f.unreferenced])).toEqual([[9, false]]); // own.txt only
  expect(plan.bytes.artifacts).toBe(9);
  expect(plan.bytes.total).toBe(plan.bytes.records + plan.bytes.metrics + 9);
  expect(await db.runs.get(gone)).toBeDefined(); // a preview changes nothing

  const heard: string[][] = [];
  ws.onChange((c) => heard.push(c.runIds));
  expect(await applyRetention(ws, plan)).toEqual({ runs: 1, experiments: 0, files: 1, bytes: plan.bytes.total });
  expect(await db.runs.get(gone)).toBeUndefined();
  expect(await db.metricChunks.where('runId').equals(gone).count()).toBe(0);
  expect(await db.metricOverviews.where('runId').equals(gone).count()).toBe(0);
  expect(await db.artifacts.where('runId').equals(gone).count()).toBe(0);
  expect(await db.blobs.count()).toBe(1);
  expect(await (await client.downloadArtifact(kept, 'shared.txt')).text()).toBe('shared bytes');
  expect(heard).toEqual([[gone]]);
  expect((await client.searchRuns({ experimentIds: [expId], runViewType: 'ALL' })).runs.map((r) => r.info.runName)).toEqual(['kept']);
  await expectMlflowError(client.getRun(gone), 'RESOURCE_DOES_NOT_EXIST');
  // The same plan again removes nothing more and does not fail.
  await applyRetention(ws, plan);
  expect(await db.runs.count()).toBe(1);
  await ws.close();
});

test('a deleted experiment goes with all its runs after N days, and its name is free again', async () => {
  const { client, ws } = await freshClient();
  const expId = await client.createExperiment('old-project');
  const a = await runWith(client, expId, 'a', { 'a.txt': 'aaa' });
  await runWith(client, expId, 'b', {});
  await client.deleteExperiment(expId);
  const plan = await planRetention(ws, { deletedForDays: 7 }, later(8));
  expect(plan.experiments).toEqual([{ experimentId: expId, name: 'old-project', deletedAt: expect.any(Number), runs: 2 }]);
  expect(new Set(plan.runs.map((r) => r.reason))).toEqual(new Set(['deleted']));
  await applyRetention(ws, plan);
  await expectMlflowError(client.getExperiment(expId), 'RESOURCE_DOES_NOT_EXIST');
  await expectMlflowError(client.getRun(a), 'RESOURCE_DOES_NOT_EXIST');
  expect(await ws.store.db.blobs.count()).toBe(0);
  expect(await client.createExperiment('old-project')).not.toBe(expId);
  await ws.close();
});

test('a run restored after the preview: nothing at all is removed (ABORTED)', async () => {
  const { client, ws } = await freshClient();
  const a = await runWith(client, '0', 'a', { 'a.txt': 'aaa' });
  const b = await runWith(client, '0', 'b', { 'b.txt': 'bbb' });
  await client.deleteRun(a);
  await client.deleteRun(b);
  const plan = await planRetention(ws, { deletedForDays: 0 }, later(0));
  expect(plan.runs).toHaveLength(2);
  await client.restoreRun(b);
  await expectMlflowError(applyRetention(ws, plan), 'ABORTED', /Run [0-9a-f]+ is active now, not deleted as in the preview; nothing was deleted/);
  expect(await ws.store.db.runs.count()).toBe(2);
  expect(await ws.store.db.blobs.count()).toBe(2);
  await ws.close();
});

test('keep the last N runs and drop runs started before a date, never a running run; registered versions are named', async () => {
  const { client, ws } = await freshClient();
  const expId = await client.createExperiment('sweep');
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await client.createRun(expId, { runName: `t${i}`, startTime: 1000 + i });
    if (i > 0) await client.setTerminated(r.info.runId); // t0 is still RUNNING
    ids.push(r.info.runId);
  }
  await client.createRegisteredModel('m');
  await client.createModelVersion('m', `runs:/${ids[1]}/model`, { runId: ids[1] });
  const keep = await client.planRetention({ keepLastRuns: 2 });
  expect(keep.runs.map((r) => r.runName).sort()).toEqual(['t1', 't2']);
  expect(keep.runs.every((r) => r.reason === 'beyond-last-runs')).toBe(true);
  expect(keep.modelVersions).toEqual([{ name: 'm', version: 1, runId: ids[1] }]);
  const before = await client.planRetention({ startedBefore: 1002, experimentIds: [expId] });
  expect(before.runs.map((r) => r.runName)).toEqual(['t1']);
  expect((await client.planRetention({ startedBefore: 1002, experimentIds: ['0'] })).runs).toEqual([]);
  await client.applyRetention(keep);
  expect((await client.searchRuns({ experimentIds: [expId] })).runs.map((r) => r.info.runName).sort()).toEqual(['t0', 't3', 't4']);
  await ws.close();
});

test('files nothing points at are listed and removed even with no rule for runs', async () => {
  const { client, ws } = await freshClient();
  await ws.store.db.blobs.put({ sha256: 'c'.repeat(64), size: 3, data: new Blob(['abc']) });
  const plan = await client.planRetention({});
  expect(plan.files).toEqual([{ sha256: 'c'.repeat(64), size: 3, unreferenced: true }]);
  expect(plan.runs).toEqual([]);
  await client.applyRetention(plan);
  expect(await ws.store.db.blobs.count()).toBe(0);
  await ws.close();
});

test('in a shared workspace runs are not purged (the peers would bring them back); loose files still go', async () => {
  const { client, ws } = await freshClient();
  const a = await runWith(client, '0', 'a', {});
  await client.deleteRun(a);
  await ws.store.mutations.setJournaling(true); // what a replicator's start does
  await ws.store.db.blobs.put({ sha256: 'd'.repeat(64), size: 4, data: new Blob(['abcd']) });
  const plan = await planRetention(ws, { deletedForDays: 0 }, later(1));
  expect(plan.refused).toMatch(/shared/);
  expect(plan.runs).toEqual([]);
  expect(plan.files).toHaveLength(1);
  await client.applyRetention(plan);
  expect(await ws.store.db.blobs.count()).toBe(0);
  // A hand-made purge is refused by the handler itself.
  await expectMlflowError(ws.store.mutations.apply({ type: 'retention/purgeRuns', runs: [{ runId: a, lifecycleStage: 'deleted' }] }), 'INVALID_STATE', /shared/);
  expect(await ws.store.db.runs.get(a)).toBeDefined();
  await ws.close();
});
