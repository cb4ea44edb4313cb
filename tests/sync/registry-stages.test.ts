// Stage transitions across peers: the headline case (two offline peers both move a
// different version to Production with archive_existing_versions) in both delivery orders.
import { afterEach, expect, test } from 'vitest';
import type { Activity } from '../../src/sync/adapter';
import { type Peer, closeAll, deliver, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

async function stages(p: Peer, name: string): Promise<Record<string, string>> {
  const { modelVersions } = await p.client.searchModelVersions({ filterString: `name = '${name}'` });
  return Object.fromEntries(modelVersions.map((v) => [v.version, v.currentStage]));
}

test('a model registered on one peer arrives whole on another, rows identical', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('churn', { description: 'churn model', tags: { team: 'ml' } });
  await a.client.createModelVersion('churn', 'runs:/r1/model', { runId: 'r1', tags: { data: 'v1' } });
  await a.client.createModelVersion('churn', 'runs:/r2/model', { runId: 'r2' });
  await a.client.transitionModelVersionStage('churn', 1, 'Production');
  await a.client.transitionModelVersionStage('churn', 2, 'Production', true);
  await a.client.setRegisteredModelAlias('churn', 'champion', 2);
  await a.client.setRegisteredModelAlias('churn', 'previous', 1);
  await a.client.setRegisteredModelAlias('churn', 'champion', 1);
  await deliver(a, b);
  expect(await registryTables(b)).toEqual(await registryTables(a));
  expect(await stages(b, 'churn')).toEqual({ 1: 'Archived', 2: 'Production' });
  expect((await b.client.getRegisteredModel('churn')).aliases).toEqual([{ alias: 'champion', version: '1' }, { alias: 'previous', version: '1' }]);
  // b's activity feed says who did what, with links.
  const registry = (p: Peer): Activity[] => p.activity.filter((x) => x.href?.startsWith('/models/'));
  expect(registry(b).map((x) => [x.peer, x.text])).toEqual(expect.arrayContaining([[a.peerId, 'user-a created model churn'], [a.peerId, 'user-a moved churn version 2 to Production']]));
  expect(registry(b).find((x) => x.text.includes('version 2 to'))?.href).toBe('/models/churn/versions/2');
  expect(registry(a)).toEqual([]);
});

for (const order of ['a first', 'b first'] as const) {
  test(`concurrent Production transitions with archive (${order}): one Production version everywhere, both events in the trail`, async () => {
    const a = await openPeer('a');
    const b = await openPeer('b');
    const c = await openPeer('c');
    peers = [a, b, c];
    await a.client.createRegisteredModel('churn');
    for (const run of ['r1', 'r2', 'r3']) await a.client.createModelVersion('churn', `runs:/${run}/model`);
    await a.client.transitionModelVersionStage('churn', 1, 'Production');
    await syncAll(peers);

    // Offline: a promotes 2, b promotes 3, both archiving the existing Production version.
    await a.client.transitionModelVersionStage('churn', 2, 'Production', true);
    await sleep(3); // b's stamp is then surely the higher one
    await b.client.transitionModelVersionStage('churn', 3, 'Production', true);
    const [first, second] = order === 'a first' ? [a, b] : [b, a];
    await deliver(first, c);
    await deliver(second, c);
    await syncAll(peers);

    // b's transition has the higher stamp (it happened later), so 3 ends in Production.
    for (const p of peers) {
      expect(await stages(p, 'churn'), p.id).toEqual({ 1: 'Archived', 2: 'Archived', 3: 'Production' });
      expect((await p.client.getLatestVersions('churn', ['Production'])).map((v) => v.version)).toEqual(['3']);
      const moves = (await p.client.getRegistryEvents({ name: 'churn' })).filter((e) => e.kind === 'version/stage' && e.to === 'Production').map((e) => e.version);
      expect(moves.sort()).toEqual(['1', '2', '3']);
    }
    const tables = await registryTables(a);
    expect(await registryTables(b)).toEqual(tables);
    expect(await registryTables(c)).toEqual(tables);
  });
}

test('archive_existing only archives for Staging/Production; a transition of a version deleted elsewhere is ignored', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('m');
  for (const run of ['r1', 'r2', 'r3']) await a.client.createModelVersion('m', `runs:/${run}/model`);
  await a.client.transitionModelVersionStage('m', 1, 'Staging');
  await a.client.transitionModelVersionStage('m', 2, 'Staging');
  await a.client.transitionModelVersionStage('m', 3, 'Production');
  await syncAll(peers);
  // Offline: b moves 3 to Staging with archive (archives 1 and 2), a deletes 3.
  await a.client.deleteModelVersion('m', 3);
  await b.client.transitionModelVersionStage('m', 3, 'Staging', true);
  await syncAll(peers);
  for (const p of peers) expect(await stages(p, 'm'), p.id).toEqual({ 1: 'Staging', 2: 'Staging' });
  expect(await registryTables(b)).toEqual(await registryTables(a));
});
