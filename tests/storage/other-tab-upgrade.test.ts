// Schema upgrades across tabs never deadlock: a tab holding an older schema closes its connection
// when a newer tab upgrades the database (IndexedDB's versionchange), says so, and does not reopen
// under a schema it does not know. Two Dexie connections on one fake-indexeddb database stand in
// for two tabs.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, test } from 'vitest';
import { makeCloseOnOtherTabUpgrade, type ClosedByOtherTab } from '../../src/storage/other-tab-upgrade';
import { SCHEMA_VERSIONS, databaseName } from '../../src/storage/schema';
import { WorkspaceStore } from '../../src/storage/workspace-store';

let n = 0;
const uniqueName = (): string => `tab-upgrade-${process.pid}-${n++}`;

/** A Dexie connection declaring the schema versions up to `upTo` (an older Orchard), or every version plus `extra` (a newer one). */
function connection(name: string, upTo: number, extra?: Record<string, string>): Dexie {
  const db = new Dexie(databaseName(name));
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= upTo)) {
    const version = db.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  if (extra) db.version(upTo + 1).stores(extra);
  return db;
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (blocked?)`)), ms))]);

test('an old tab at v4 closes when a new tab opens v5: the upgrade goes through and the old tab is told', async () => {
  const name = uniqueName();
  const oldTab = connection(name, 4);
  const heard: ClosedByOtherTab[] = [];
  makeCloseOnOtherTabUpgrade(oldTab, (why) => heard.push(why));
  await oldTab.open();
  await oldTab.table('experiments').add({ experimentId: '7', name: 'from-old-tab', artifactLocation: 'x', lifecycleStage: 'active', creationTime: 1, lastUpdateTime: 1, tags: {} });

  const newTab = await within(WorkspaceStore.open(name), 2000, 'opening v5 while a v4 tab is open');
  expect(newTab.db.verno).toBe(5);
  expect(heard).toEqual(['upgraded']);
  expect(oldTab.isOpen()).toBe(false);
  expect((await newTab.db.experiments.get('7'))?.name).toBe('from-old-tab');
  // The old tab does not quietly reopen under the newer schema: its reads fail until it reloads.
  await expect(oldTab.table('experiments').count()).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  expect(oldTab.isOpen()).toBe(false);
  newTab.close();
});

test('the current store is the old tab when a future version opens: it closes, says why, and writes fail', async () => {
  const name = uniqueName();
  const current = await WorkspaceStore.open(name);
  const heard: ClosedByOtherTab[] = [];
  current.onClosedByOtherTab((why) => heard.push(why));
  const last = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;
  const future = connection(name, last, { futureTable: 'id' });
  await within(future.open(), 2000, 'opening a future schema while the current store is open');
  expect(heard).toEqual(['upgraded']);
  expect(current.closedByOtherTab).toBe('upgraded');
  await expect(current.mutations.apply({ type: 'experiment/setTag', experimentId: '0', key: 'k', value: 'v' })).rejects.toMatchObject({ name: 'DatabaseClosedError' });
  expect(future.verno).toBe(last + 1);
  future.close();
  current.close();
});

test('deleting the database from another tab is not blocked either', async () => {
  const name = uniqueName();
  const current = await WorkspaceStore.open(name);
  const heard: ClosedByOtherTab[] = [];
  current.onClosedByOtherTab((why) => heard.push(why));
  await within(Dexie.delete(databaseName(name)), 2000, 'deleting the database');
  expect(heard).toEqual(['deleted']);
  current.close();
});
