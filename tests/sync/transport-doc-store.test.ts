// The sync documents' local copies: appended updates load back into an equal document, bursts
// share one write, and compaction merges rows without losing anything, also across reopen.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DocStore } from '../../src/sync/doc-store';
import { countDocRows } from '../../src/storage/sync-doc-rows';
import { WorkspaceStore } from '../../src/storage/workspace-store';

const stores: WorkspaceStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

async function open(name = `docstore-${Math.random().toString(36).slice(2)}`): Promise<WorkspaceStore> {
  const s = await WorkspaceStore.open(name);
  stores.push(s);
  return s;
}

/** A doc whose every update is appended to `ds` under `name`. */
function tracked(ds: DocStore, name: string): { doc: Y.Doc; writes: Promise<void>[] } {
  const doc = new Y.Doc();
  const writes: Promise<void>[] = [];
  doc.on('update', (u: Uint8Array) => writes.push(ds.append(name, u)));
  return { doc, writes };
}

function restored(updates: Uint8Array[]): Y.Doc {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d;
}

test('updates written one by one are compacted above the threshold and load back equal', async () => {
  const store = await open();
  const ds = new DocStore(store.db, { compactAbove: 8 });
  const { doc, writes } = tracked(ds, 'w/runs/1');
  const runs = doc.getMap('runs');
  for (let i = 0; i < 30; i++) {
    runs.set(`r${i}`, { i });
    await writes[writes.length - 1]; // one update per write: exercises the row threshold
  }
  runs.delete('r3');
  await ds.flush();
  expect(await countDocRows(store.db, 'w/runs/1')).toBeLessThanOrEqual(8);
  const back = restored(await ds.load('w/runs/1'));
  expect(back.getMap('runs').toJSON()).toEqual(runs.toJSON());
  expect(Y.encodeStateVector(back)).toEqual(Y.encodeStateVector(doc));
  expect(await ds.names()).toEqual(['w/runs/1']);
});

test('a burst of updates in one task is stored as one merged row', async () => {
  const store = await open();
  const ds = new DocStore(store.db);
  const { doc } = tracked(ds, 'root');
  for (let i = 0; i < 50; i++) doc.getMap('experiments').set(`e${i}`, i);
  await ds.flush();
  expect(await countDocRows(store.db, 'root')).toBe(1);
  expect(restored(await ds.load('root')).getMap('experiments').size).toBe(50);
});

test('documents are kept apart and survive closing and reopening the database', async () => {
  const name = `docstore-reopen-${Date.now()}`;
  const first = await open(name);
  const ds = new DocStore(first.db, { compactAbove: 3 });
  const a = tracked(ds, 'w');
  const b = tracked(ds, 'w/runs/2');
  for (let i = 0; i < 10; i++) {
    a.doc.getMap('m').set(`a${i}`, i);
    b.doc.getArray('l').push([i]);
    await ds.flush();
  }
  first.close();
  stores.splice(stores.indexOf(first), 1);
  const again = await open(name);
  const ds2 = new DocStore(again.db);
  expect(restored(await ds2.load('w')).getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());
  expect(restored(await ds2.load('w/runs/2')).getArray('l').toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect((await ds2.names()).sort()).toEqual(['w', 'w/runs/2']);
});

test('updates appended while a compaction runs land after the merged row', async () => {
  const store = await open();
  const ds = new DocStore(store.db, { compactAbove: 1000 });
  const { doc } = tracked(ds, 'd');
  for (let i = 0; i < 5; i++) {
    doc.getMap('m').set(`k${i}`, i);
    await ds.flush();
  }
  const compacting = ds.compact('d');
  doc.getMap('m').set('late', true);
  await compacting;
  await ds.flush();
  expect(await countDocRows(store.db, 'd')).toBe(2);
  expect(restored(await ds.load('d')).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
});
