// When metric points are sealed into chunks without anyone calling drain(): after the window, at
// 50,000 points, when the run ends. And the replicator wakes for changes made by another tab.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { afterEach, expect, test } from 'vitest';
import { runDocName } from '../../src/domain/sync/doc-names';
import { WorkspaceStore } from '../../src/storage/workspace-store';
import { Network, newWorkspaceId, openPeer, type Peer } from './harness';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

/** metric chunk refs in every run shard */
const refsOf = (p: Peer): unknown[] => p.rep.docs.names().filter((name) => name.includes('/runs/')).flatMap((name) => [...(p.rep.docs.get(name)?.getMap('metricRefs').values() ?? [])]);

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('points are sealed once the window has passed, without drain()', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0, { sealAfterMs: 60 });
  net = new Network([a]);
  const run = await a.client.createRun('0');
  await a.client.logMetric(run.info.runId, 'loss', 1);
  await a.rep.idle();
  expect(refsOf(a)).toHaveLength(0); // waiting in the journal
  expect(await a.ws.store.db.journal.count()).toBe(1);
  await until(() => refsOf(a).length === 1);
  await until(async () => (await a.ws.store.db.journal.count()) === 0);
});

test('50,000 waiting points are sealed at once, and a run that ends is sealed right away', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0, { sealAfterMs: 60_000 });
  net = new Network([a]);
  const big = await a.client.createRun('0');
  const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'x', value: i, step: i, timestamp: 1 }));
  for (let i = 0; i < 50; i++) await a.client.logBatch(big.info.runId, { metrics });
  await until(() => refsOf(a).length === 1);
  const ended = await a.client.createRun('0');
  await a.client.logMetric(ended.info.runId, 'y', 1);
  await a.client.setTerminated(ended.info.runId);
  await until(() => refsOf(a).length === 2);
});

test('a change made by another tab on the same database is published by the tab that replicates', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  net = new Network([a]);
  const otherTab = await WorkspaceStore.open(a.ws.name);
  try {
    const run = await a.client.createRun('0');
    await a.rep.drain();
    await otherTab.mutations.apply({ type: 'run/deleteTag', runId: run.info.runId, key: 'mlflow.runName' });
    const doc = a.rep.docs.get(runDocName(w, run.info.runId)) as Y.Doc;
    await until(() => JSON.stringify(doc.getMap('runs').toJSON()).includes('"tag:mlflow.runName":[null'));
  } finally {
    otherTab.close();
  }
});
