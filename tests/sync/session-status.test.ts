// The status line's two notions against a real relay: "received" (every document had its first
// sync, what arrived is folded into the tables, every metric chunk is here) gates "synced", so a
// peer that just joined is never up to date before the workspace is in its tables; and a
// read-only peer's own changes, which are never sent, are counted apart instead of as pending.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { statusOf, until, untilSynced } from './session-peers';
import { sharedRelay } from './shared-relay';

const relay = sharedRelay();
const { peer } = relay;

const points = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ key: 'loss', value: 1 / (from + i + 1), step: from + i, timestamp: 1000 + from + i }));

test('a peer joining is synced only once every run and metric chunk is in its tables', async () => {
  const { workspace, token } = await new RelayHttp(relay.url).createRoom();
  const a = await peer(workspace, token, 'Ada');
  const ids: string[] = [];
  for (let e = 0; e < 3; e++) {
    const exp = await a.client.createExperiment(`exp ${e}`);
    for (let r = 0; r < 3; r++) {
      const run = await a.client.createRun(exp, { runName: `r${e}.${r}` });
      await a.client.logBatch(run.info.runId, { params: [{ key: 'lr', value: String(r) }], metrics: points(300, r * 300) });
      await a.client.setTerminated(run.info.runId);
      ids.push(run.info.runId);
    }
  }
  await untilSynced(a);

  const b = await peer(workspace, token, 'Bob');
  expect(statusOf(b).received).toBe(false);
  // What B has at the first moment its status says synced (read right then, before anything else).
  const seen = new Promise<{ runs: number; points: number }>((resolve) => {
    const stop = b.session.status.subscribe((s) => {
      if (!s.synced) return;
      stop();
      void (async () => {
        const rows = await b.ws.store.db.runs.bulkGet(ids);
        let total = 0;
        for (const id of ids) total += (await b.client.getMetricHistory(id, 'loss').catch(() => [])).length;
        resolve({ runs: rows.filter(Boolean).length, points: total });
      })();
    });
  });
  const at = await seen;
  expect(at).toEqual({ runs: 9, points: 9 * 300 });
  expect(statusOf(b)).toMatchObject({ received: true, pendingItems: 0, unshared: 0 });
});

test("a read-only peer's own changes are counted apart, never as pending, after a reload too", async () => {
  const { workspace, token } = await new RelayHttp(relay.url).createRoom();
  const { token: readOnly } = await new RelayHttp(relay.url, token).createInvite('read-only');
  const a = await peer(workspace, token, 'Ada');
  let r = await peer(workspace, readOnly, 'Reader');
  const shared = (await a.client.createRun('0', { runName: 'shared' })).info.runId;
  await until('the reader has the run', async () => (await r.ws.store.db.runs.get(shared)) !== undefined);
  await untilSynced(r);
  expect(statusOf(r).unshared).toBe(0);

  const local = (await r.client.createRun('0', { runName: 'reader-only' })).info.runId;
  await r.client.logBatch(local, { params: [{ key: 'k', value: 'v' }], metrics: points(20) });
  await r.client.setTerminated(local);
  await r.session.flushed();
  await until('the changes are counted as not shared', () => statusOf(r).unshared > 0, 20_000, () => statusOf(r));
  await untilSynced(r); // synced: everything the relay takes from this peer (nothing) is there
  const unshared = statusOf(r).unshared;
  expect(statusOf(r).pendingItems).toBe(0);

  // a reload counts the same changes (they are in the stored documents, not in memory)
  r = await relay.reload(r);
  await untilSynced(r);
  expect(statusOf(r)).toMatchObject({ unshared, pendingItems: 0, synced: true });

  // others' changes still arrive and are not added to the count
  await a.client.setTag(shared, 'later', 'yes');
  await until('the reader receives', async () => (await r.client.getRun(shared)).data.tags.later === 'yes');
  await untilSynced(r);
  expect(statusOf(r).unshared).toBe(unshared);
});
