// Version registration across offline peers: distinct numbers after the merge, the same on every
// peer whatever the delivery order, the renumbering said in the audit trail, and concurrent
// registrations of a model name that did not exist yet merged into one model.
import { afterEach, expect, test } from 'vitest';
import { type Peer, closeAll, deliver, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

const sources = async (p: Peer, name: string): Promise<Record<string, string>> =>
  Object.fromEntries((await p.client.searchModelVersions({ filterString: `name = '${name}'` })).modelVersions.map((v) => [v.version, v.source]));

test('two peers register a version offline: distinct numbers, identical everywhere, the trail says who was renumbered', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  const c = await openPeer('c');
  peers = [a, b, c];
  await a.client.createRegisteredModel('churn');
  await a.client.createModelVersion('churn', 'runs:/base/model');
  await syncAll(peers);

  const va = await a.client.createModelVersion('churn', 'runs:/from-a/model');
  await sleep(3);
  const vb = await b.client.createModelVersion('churn', 'runs:/from-b/model');
  expect([va.version, vb.version]).toEqual(['2', '2']);
  // c hears b first, then a: the result must not depend on it.
  await deliver(b, c);
  await deliver(a, c);
  await syncAll(peers);

  for (const p of peers) {
    expect(await sources(p, 'churn'), p.id).toEqual({ 1: 'runs:/base/model', 2: 'runs:/from-a/model', 3: 'runs:/from-b/model' });
    expect((await p.client.getRegisteredModel('churn')).latestVersions.map((v) => v.version)).toEqual(['3']);
    const renumbered = (await p.client.getRegistryEvents({ name: 'churn' })).filter((e) => e.kind === 'version/create' && e.from !== undefined);
    expect(renumbered.map((e) => [e.from, e.version, e.to])).toEqual([['2', '3', 'runs:/from-b/model']]);
    expect(renumbered[0]?.comment).toMatch(/registered concurrently/);
  }
  // b's next registration continues after the merged numbers.
  expect((await b.client.createModelVersion('churn', 'runs:/next/model')).version).toBe('4');
  await syncAll(peers);
  const tables = await registryTables(a);
  expect(await registryTables(b)).toEqual(tables);
  expect(await registryTables(c)).toEqual(tables);
});

test('a version deleted on one peer keeps its number taken when another peer registers concurrently', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('m');
  await a.client.createModelVersion('m', 'runs:/1/model');
  await a.client.createModelVersion('m', 'runs:/2/model');
  await syncAll(peers);
  await a.client.deleteModelVersion('m', 2);
  await b.client.createModelVersion('m', 'runs:/3/model');
  await syncAll(peers);
  for (const p of peers) expect(await sources(p, 'm'), p.id).toEqual({ 1: 'runs:/1/model', 3: 'runs:/3/model' });
  expect((await a.client.createModelVersion('m', 'runs:/4/model')).version).toBe('4');
  await syncAll(peers);
  expect(await registryTables(b)).toEqual(await registryTables(a));
});

test('registering the same new model name on two offline peers makes one model with both versions', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  // MLflow's registerModel creates the model when it is missing: both peers do.
  await a.client.createRegisteredModel('fraud', { description: 'a' });
  await a.client.createModelVersion('fraud', 'runs:/a/model');
  await sleep(3);
  await b.client.createRegisteredModel('fraud', { description: 'b', tags: { owner: 'bob' } });
  await b.client.createModelVersion('fraud', 'runs:/b/model');
  await syncAll(peers);
  for (const p of peers) {
    const m = await p.client.getRegisteredModel('fraud');
    expect(m, p.id).toMatchObject({ description: 'b', tags: { owner: 'bob' }, userId: 'user-a' });
    expect(await sources(p, 'fraud')).toEqual({ 1: 'runs:/a/model', 2: 'runs:/b/model' });
    expect((await p.client.searchRegisteredModels()).registeredModels.map((r) => r.name)).toEqual(['fraud']);
    // Both creations stay in the trail.
    expect((await p.client.getRegistryEvents()).filter((e) => e.kind === 'model/create').length).toBe(2);
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
  // Later edits from either side land on the one model.
  await b.client.setRegisteredModelTag('fraud', 'stage', 'beta');
  await a.client.createModelVersion('fraud', 'runs:/a2/model');
  await syncAll(peers);
  expect((await a.client.getRegisteredModel('fraud')).tags).toEqual({ owner: 'bob', stage: 'beta' });
  expect(await sources(b, 'fraud')).toEqual({ 1: 'runs:/a/model', 2: 'runs:/b/model', 3: 'runs:/a2/model' });
  expect(await registryTables(b)).toEqual(await registryTables(a));
});
