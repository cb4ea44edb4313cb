// A local change made while a remote change already sits in the document but is not projected yet:
// the published change must mean what the user saw (their version 2, their model's old name), not
// what the document would call by that name or number.
import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { type Peer, closeAll, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

/**
 * Runs `local` (the user acting on what they see), then — before the replicator has published it —
 * puts `from`'s document changes into `to`'s document: the publish then meets a document that
 * already holds remote changes this peer has not projected.
 */
async function whileUnprojected(from: Peer, to: Peer, local: () => Promise<unknown>): Promise<void> {
  await from.idle();
  const update = Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc));
  const journalled = await to.ws.store.db.journal.count();
  await local();
  // The commit woke the replicator, which is still reading its journal (IndexedDB is asynchronous).
  expect(await to.ws.store.db.journal.count()).toBe(journalled + 1);
  Y.applyUpdate(to.doc, update, 'relay');
  await to.idle();
}

test("a transition of 'version 2' made before a concurrent registration is projected moves the version the user saw", async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('m');
  await a.client.createModelVersion('m', 'runs:/1/model');
  await syncAll(peers);
  await b.client.createModelVersion('m', 'runs:/from-b/model'); // b's is older: it keeps number 2
  await sleep(3);
  await a.client.createModelVersion('m', 'runs:/from-a/model');
  await whileUnprojected(b, a, () => a.client.transitionModelVersionStage('m', 2, 'Production'));
  await syncAll(peers);
  for (const p of peers) {
    const versions = (await p.client.searchModelVersions({ filterString: "name = 'm'" })).modelVersions;
    expect(versions.map((v) => [v.version, v.source, v.currentStage]).sort(), p.id).toEqual([
      ['1', 'runs:/1/model', 'None'],
      ['2', 'runs:/from-b/model', 'None'],
      ['3', 'runs:/from-a/model', 'Production'],
    ]);
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});

test('a tag set by the old name while a remote rename is not projected yet lands on the renamed model', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('old');
  await syncAll(peers);
  await b.client.renameRegisteredModel('old', 'new');
  await b.client.createRegisteredModel('old'); // the old name is taken again, by another model
  await whileUnprojected(b, a, () => a.client.setRegisteredModelTag('old', 'who', 'a'));
  await syncAll(peers);
  for (const p of peers) {
    expect((await p.client.getRegisteredModel('new')).tags, p.id).toEqual({ who: 'a' });
    expect((await p.client.getRegisteredModel('old')).tags, p.id).toEqual({});
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});
