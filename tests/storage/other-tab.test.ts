// Two stores on one database stand in for two tabs: a run written through one becomes visible to
// the other's search cache (via the mutation layer's BroadcastChannel), without a reload.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { WorkspaceStore } from '../../src/storage/workspace-store';
import type { Run } from '../../src/domain/entities';

const run = (runId: string, experimentId = '0'): Run => ({
  info: { runId, runName: 'r', experimentId, userId: 'u', status: 'RUNNING', startTime: 1, endTime: null, artifactUri: '', lifecycleStage: 'active' },
  data: { metrics: {}, params: {}, tags: {} },
  inputs: { datasetInputs: [] },
});

test('a run created in one tab appears in the other tab\'s run cache', async () => {
  const name = `tabs-${Date.now()}`;
  const tabA = await WorkspaceStore.open(name);
  const tabB = await WorkspaceStore.open(name);
  expect(await tabB.runCache.runsOf(['0'])).toEqual([]);
  const heard = new Promise<string[]>((resolve) => tabB.mutations.onOtherTab((e) => resolve(e.runIds)));
  await tabA.mutations.apply({ type: 'run/create', run: run('b'.repeat(32)) });
  expect(await heard).toEqual(['b'.repeat(32)]);
  expect((await tabB.runCache.runsOf(['0'])).map((r) => r.runId)).toEqual(['b'.repeat(32)]);
  tabA.close();
  tabB.close();
});

test('a failed mutation batch leaves nothing behind and notifies no one', async () => {
  const store = await WorkspaceStore.open(`atomic-${Date.now()}`);
  let notified = 0;
  store.mutations.onMutation(() => notified++);
  await expect(
    store.mutations.apply([{ type: 'run/create', run: run('c'.repeat(32)) }, { type: 'run/create', run: run('d'.repeat(32), '999') }]),
  ).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
  expect(await store.db.runs.count()).toBe(0);
  expect(notified).toBe(0);
  store.close();
});
