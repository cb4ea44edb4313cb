// Local changes are drained in bursts: a run of SDK calls within the drain window goes into the
// documents together (one Yjs update per document instead of one per call), which is what keeps
// logging with sync on close to logging alone. idle() and drain() do not wait out the window, and
// a change waiting in it is published before remote changes are folded.
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { runDocName } from '../../src/domain/sync/doc-names';
import { Network, newWorkspaceId, openPeer } from './harness';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

test('a burst of calls is published in a few updates, not one per call, and arrives whole', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  const b = await openPeer(w, 1);
  net = new Network([a, b]);
  const run = await a.client.createRun('0');
  await net.settle();
  const shard = runDocName(w, run.info.runId);
  const before = a.stored.get(shard)?.length ?? 0;

  const CALLS = 40;
  for (let i = 0; i < CALLS; i++) await a.client.setTag(run.info.runId, `t${i}`, String(i));
  await a.rep.idle(); // does not wait out the window: the last calls go out now
  const updates = (a.stored.get(shard)?.length ?? 0) - before;
  console.log(`${CALLS} setTag calls -> ${updates} updates of the run's shard`);
  expect(updates).toBeGreaterThan(0);
  expect(updates).toBeLessThan(CALLS / 4);
  expect(await a.ws.store.db.journal.count()).toBe(0);

  await net.settle();
  const tags = (await b.client.getRun(run.info.runId)).data.tags;
  for (let i = 0; i < CALLS; i++) expect(tags[`t${i}`]).toBe(String(i));
});

test('without idle() or drain(), a change goes out by itself once the window has passed', async () => {
  const w = newWorkspaceId();
  const a = await openPeer(w, 0);
  const run = await a.client.createRun('0');
  await a.rep.idle();
  await a.client.setTag(run.info.runId, 'later', 'yes');
  for (let i = 0; i < 100 && (await a.ws.store.db.journal.count()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await a.ws.store.db.journal.count()).toBe(0);
  await a.rep.stop();
});
