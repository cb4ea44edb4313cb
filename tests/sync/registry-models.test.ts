// Model-level conflicts: delete vs a concurrent edit (decided by HLC: the delete wins over edits
// stamped below it, an edit stamped above it brings the model back), re-creation after a delete,
// and renames concurrent with edits and with each other.
import { afterEach, expect, test } from 'vitest';
import { type Peer, closeAll, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

const MINUTE = 60_000;
const names = async (p: Peer): Promise<string[]> => (await p.client.searchRegisteredModels()).registeredModels.map((m) => m.name);

async function twoPeersWithModel(skewB = 0): Promise<[Peer, Peer]> {
  const a = await openPeer('a');
  const b = await openPeer('b', { skewMs: skewB });
  peers = [a, b];
  await a.client.createRegisteredModel('churn', { description: 'first' });
  await a.client.createModelVersion('churn', 'runs:/1/model');
  await a.client.setRegisteredModelAlias('churn', 'champion', 1);
  await syncAll(peers);
  return [a, b];
}

test('delete wins over a concurrent edit stamped below it (editor 10 minutes behind)', async () => {
  const [a, b] = await twoPeersWithModel(-10 * MINUTE);
  await a.client.deleteRegisteredModel('churn');
  await sleep(3);
  // Later in real time, but b's clock is behind: its stamp sorts below the delete.
  await b.client.setRegisteredModelTag('churn', 'late', 'edit');
  await syncAll(peers);
  for (const p of peers) expect(await names(p), p.id).toEqual([]);
  expect(await registryTables(b)).toEqual(await registryTables(a));
  // Both sides' events are in the trail.
  expect((await b.client.getRegistryEvents()).map((e) => e.kind)).toEqual(expect.arrayContaining(['model/delete', 'model/tag']));
});

test('an edit stamped above a concurrent delete brings the model back with only the later writes', async () => {
  const [a, b] = await twoPeersWithModel(10 * MINUTE);
  await a.client.deleteRegisteredModel('churn');
  await b.client.setRegisteredModelTag('churn', 'kept', 'yes');
  await b.client.createModelVersion('churn', 'runs:/2/model');
  await syncAll(peers);
  for (const p of peers) {
    const m = await p.client.getRegisteredModel('churn');
    // description, alias and version 1 were written before the delete: gone. Version 2 keeps its number.
    expect(m, p.id).toMatchObject({ description: '', tags: { kept: 'yes' }, aliases: [] });
    expect((await p.client.searchModelVersions({ filterString: "name = 'churn'" })).modelVersions.map((v) => v.version)).toEqual(['2']);
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});

test('a model created again after a delete is a new model; the old one stays deleted', async () => {
  const [a, b] = await twoPeersWithModel();
  await a.client.deleteRegisteredModel('churn');
  await syncAll(peers);
  expect(await names(b)).toEqual([]);
  await b.client.createRegisteredModel('churn', { description: 'second' });
  await b.client.createModelVersion('churn', 'runs:/new/model');
  await syncAll(peers);
  for (const p of peers) {
    expect(await p.client.getRegisteredModel('churn'), p.id).toMatchObject({ description: 'second', aliases: [] });
    expect((await p.client.getModelVersion('churn', 1)).source).toBe('runs:/new/model');
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});

test('a rename concurrent with edits: the edits follow the model to its new name', async () => {
  const [a, b] = await twoPeersWithModel();
  await a.client.renameRegisteredModel('churn', 'churn-v2');
  await b.client.setRegisteredModelTag('churn', 'team', 'risk');
  await b.client.createModelVersion('churn', 'runs:/2/model');
  await b.client.transitionModelVersionStage('churn', 1, 'Staging');
  await syncAll(peers);
  for (const p of peers) {
    expect(await names(p), p.id).toEqual(['churn-v2']);
    const m = await p.client.getRegisteredModel('churn-v2');
    expect(m).toMatchObject({ description: 'first', tags: { team: 'risk' }, aliases: [{ alias: 'champion', version: '1' }] });
    expect((await p.client.getModelVersion('churn-v2', 1)).currentStage).toBe('Staging');
    expect((await p.client.getModelVersion('churn-v2', 2)).source).toBe('runs:/2/model');
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
  // Editing after the merge, by the new name, works on both sides.
  await b.client.updateRegisteredModel('churn-v2', { description: 'renamed' });
  await syncAll(peers);
  expect((await a.client.getRegisteredModel('churn-v2')).description).toBe('renamed');
});

test('two concurrent renames: the later one (by HLC) wins everywhere, with both in the trail', async () => {
  const [a, b] = await twoPeersWithModel();
  await a.client.renameRegisteredModel('churn', 'from-a');
  await sleep(3);
  await b.client.renameRegisteredModel('churn', 'from-b');
  await syncAll(peers);
  for (const p of peers) {
    expect(await names(p), p.id).toEqual(['from-b']);
    expect((await p.client.getRegistryEvents()).filter((e) => e.kind === 'model/rename').map((e) => e.to).sort()).toEqual(['from-a', 'from-b']);
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});
