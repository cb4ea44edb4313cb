// First share of a workspace whose registry already has history: the replicator's first start
// snapshots it into the root document, so a new peer gets the same tables; a second snapshot
// changes nothing; later edits of those models publish into the entities the snapshot made.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { HybridClock } from '../../src/domain/sync/hlc';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';
import { RegistryAdapter } from '../../src/sync/registry/registry-adapter';
import { type Peer, closeAll, openPeer, registryTables, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

test('snapshot of an existing registry: a new peer gets identical tables; idempotent; later edits land', async () => {
  // Used before sync was on: nothing of this is in any document.
  const ws = await openWorkspace({ name: `sync-registry-snapshot-${process.pid}-${Date.now()}` });
  await ws.store.setUserProfile({ name: 'Ann', email: 'ann@example.org' });
  const client = new MlflowClient(ws);
  await client.createRegisteredModel('old-name', { description: 'd', tags: { t: '1' } });
  for (const run of ['r1', 'r2', 'r3']) await client.createModelVersion('old-name', `runs:/${run}/model`, { tags: { run } });
  await client.renameRegisteredModel('old-name', 'churn');
  await client.transitionModelVersionStage('churn', 1, 'Production');
  await client.transitionModelVersionStage('churn', 2, 'Staging');
  await client.deleteModelVersion('churn', 3);
  await client.setRegisteredModelAlias('churn', 'next', 2);
  await client.setRegisteredModelAlias('churn', 'champion', 1);
  await client.setApprovalGate('churn', { stages: ['Production'], aliases: [] });
  await client.requestTransition('churn', 2, { stage: 'Production' }, { comment: 'pending' });
  await client.createRegisteredModel('other');
  await client.createModelVersion('other', 'runs:/x/model');

  const a = await openPeer('a', { ws, user: { name: 'Ann', email: 'ann@example.org' } });
  const b = await openPeer('b');
  peers = [a, b];
  // Snapshotting again (a second share) writes nothing new.
  const before = Y.encodeStateVector(a.doc);
  await new RegistryAdapter().snapshot({ store: ws.store, clock: new HybridClock('z'), by: { peer: 'z', user: '' }, root: () => a.doc, runDoc: () => new Y.Doc() });
  expect(Y.encodeStateVector(a.doc)).toEqual(before);

  await syncAll(peers);
  expect(await registryTables(b)).toEqual(await registryTables(a));
  expect((await b.client.getRegisteredModel('churn')).aliases).toEqual([{ alias: 'next', version: '2' }, { alias: 'champion', version: '1' }]);
  expect((await b.client.getRegisteredModel('churn')).latestVersions.map((v) => [v.version, v.currentStage])).toEqual([['1', 'Production'], ['2', 'Staging']]);
  expect((await b.client.getRegistryEvents({ name: 'churn' })).some((e) => e.kind === 'model/rename')).toBe(true);

  // Edits after sharing land in the same entities, on both sides.
  await client.createModelVersion('churn', 'runs:/r4/model');
  await b.client.setModelVersionTag('churn', 2, 'checked', 'yes');
  await syncAll(peers);
  expect(await registryTables(b)).toEqual(await registryTables(a));
  expect((await b.client.getModelVersion('churn', 4)).source).toBe('runs:/r4/model');
  expect((await client.getModelVersion('churn', 2)).tags).toEqual({ run: 'r2', checked: 'yes' });
});
