// The status tracker's gathering, with the session's parts replaced by stand-ins: "received" needs
// every document's first sync, an idle replicator and no wanted blob, and "synced" needs
// "received" (a copy that just joined is trivially "stored" before the relay's state arrives); a
// read-only session's journal and unsent writes are counted as `unshared`, never as pending.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { StatusTracker, type StatusSources } from '../../src/sync/status-tracker';
import { WorkspaceStore } from '../../src/storage/workspace-store';
import type { LinkState } from '../../src/sync/transport/doc-connection';

const stores: WorkspaceStore[] = [];
const trackers: StatusTracker[] = [];
afterEach(() => {
  for (const t of trackers.splice(0)) t.stop();
  for (const s of stores.splice(0)) s.close();
});

function parts() {
  const state = { links: ['connected', 'connected'] as LinkState[], allSynced: false, unsharedWrites: 0, wanted: 0, busy: undefined as undefined | { done: () => void; promise: Promise<void> } };
  const pool = {
    links: () => state.links,
    refusal: () => undefined,
    failures: () => [],
    allSynced: () => state.allSynced,
    unsharedWrites: () => state.unsharedWrites,
  };
  const coverage = { uncovered: () => 0, allCovered: () => true };
  const blobs = { uploads: undefined, wantedCount: () => state.wanted };
  const replicator = { idle: () => state.busy?.promise ?? Promise.resolve() };
  const busy = (): void => {
    let done = (): void => undefined;
    const promise = new Promise<void>((r) => (done = r));
    state.busy = { done: () => ((state.busy = undefined), done()), promise };
  };
  return { state, pool, coverage, blobs, replicator, busy };
}

async function tracker(role: 'read-write' | 'read-only', p: ReturnType<typeof parts>): Promise<{ t: StatusTracker; store: WorkspaceStore }> {
  const store = await WorkspaceStore.open(`status-${Math.random().toString(36).slice(2)}`);
  stores.push(store);
  const sources = { db: store.db, pool: p.pool, coverage: p.coverage, blobs: p.blobs, role, replicator: () => p.replicator, throttleMs: 5, tickMs: 60_000 } as unknown as StatusSources;
  const t = new StatusTracker(sources);
  trackers.push(t);
  return { t, store };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

test('connected and stored is not synced until every document synced, the replicator is idle and wanted blobs are here', async () => {
  const p = parts();
  const { t } = await tracker('read-write', p);
  expect(await t.recompute()).toMatchObject({ state: 'connected', received: false, synced: false });

  p.state.allSynced = true;
  p.busy(); // folding what arrived
  expect(await t.recompute()).toMatchObject({ received: false, synced: false });
  p.state.busy?.done(); // the tracker hears the fold end by itself
  await until(() => t.status.get().synced);
  expect(t.status.get()).toMatchObject({ received: true, pendingItems: 0 });

  p.state.wanted = 2; // chunk refs arrived before their bytes
  expect(await t.recompute()).toMatchObject({ received: false, synced: false, pendingItems: 2 });
  p.state.wanted = 0;
  expect(await t.recompute()).toMatchObject({ received: true, synced: true });
});

test("a read-only session's journal and unsent writes are unshared, not pending", async () => {
  const p = parts();
  p.state.allSynced = true;
  p.state.unsharedWrites = 3;
  const { t, store } = await tracker('read-only', p);
  await store.db.journal.bulkAdd([
    { mutation: { type: 'run/deleteTag', runId: 'a'.repeat(32), key: 'k' }, at: 1 },
    { mutation: { type: 'run/deleteTag', runId: 'a'.repeat(32), key: 'j' }, at: 2 },
  ]);
  expect(await t.recompute()).toMatchObject({ role: 'read-only', pendingItems: 0, unshared: 5, synced: true });

  // the same for a read-write session is work in flight
  const q = parts();
  q.state.allSynced = true;
  q.state.unsharedWrites = 3; // (a read-write pool never reports any; ignored if it did)
  const rw = await tracker('read-write', q);
  await rw.store.db.journal.add({ mutation: { type: 'run/deleteTag', runId: 'a'.repeat(32), key: 'k' }, at: 1 });
  expect(await rw.t.recompute()).toMatchObject({ pendingItems: 1, unshared: 0, synced: false });
});
