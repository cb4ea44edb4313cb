// The relay is not the only copy: killed mid-sync it comes back and every change converges;
// wiped, it is refilled by the peers (documents through sync, blobs through reconcile) so a
// fresh peer still gets everything. Each test runs its own relay process, since it kills it.
import { afterEach, expect, test } from 'vitest';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { RelayProcess } from './relay-process';
import { type SessionPeer, restartPeer, startPeer, statusOf, stopPeer, until, untilSynced } from './session-peers';

const peers: SessionPeer[] = [];
const relays: RelayProcess[] = [];
afterEach(async () => {
  for (const p of peers.splice(0)) await stopPeer(p);
  for (const r of relays.splice(0)) await r.dispose();
});

async function setup(): Promise<{ relay: RelayProcess; a: SessionPeer; b: SessionPeer; workspace: string; token: string }> {
  const relay = await RelayProcess.start();
  relays.push(relay);
  const { workspace, token } = await new RelayHttp(relay.url).createRoom();
  const a = await startPeer(relay.url, workspace, token, 'Ada');
  const b = await startPeer(relay.url, workspace, token, 'Bob');
  peers.push(a, b);
  return { relay, a, b, workspace, token };
}

const points = (n: number, from: number) => Array.from({ length: n }, (_, i) => ({ key: 'loss', value: from + i, step: from + i, timestamp: 1000 + from + i }));

/** What must match on every peer: runs (info, params, tags, latest metrics) and every history
 * (as a sorted list of steps: chunks may arrive in another order on each peer). */
async function content(p: SessionPeer, runIds: string[]): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const id of [...runIds].sort()) {
    const run = await p.client.getRun(id);
    out[id] = { info: { ...run.info }, data: run.data, history: (await p.client.getMetricHistory(id, 'loss')).map((m) => m.step).sort((x, y) => x - y).join(',') };
  }
  return out;
}

test('relay killed mid-sync and restarted: both peers converge and nothing is lost', async () => {
  const { relay, a, b } = await setup();
  const exp = await a.client.createExperiment('crash');
  const runA = (await a.client.createRun(exp, { runName: 'a' })).info.runId;
  await until('B has the experiment and the run', async () => (await b.ws.store.db.experiments.get(exp)) !== undefined && (await b.ws.store.db.runs.get(runA)) !== undefined);
  const runIds = [runA];
  for (let i = 0; i < 20; i++) {
    await a.client.logBatch(runA, { metrics: points(100, i * 100) });
    if (i === 5) await relay.kill(); // no graceful shutdown: whatever was in flight is cut
    if (i === 8) {
      await until('A shows offline', () => statusOf(a).state === 'offline');
      expect(statusOf(a).offlineSince).toBeGreaterThan(0);
      expect(statusOf(a).synced).toBe(false);
      // B works offline too
      const r = (await b.client.createRun(exp, { runName: 'b-offline' })).info.runId;
      await b.client.logBatch(r, { params: [{ key: 'p', value: '1' }], metrics: points(30, 0) });
      runIds.push(r);
    }
    if (i === 14) await relay.launch();
    await new Promise((r) => setTimeout(r, 20));
  }
  await a.client.setTerminated(runA);
  await until('B has all 2,000 points of A', async () => (await b.client.getMetricHistory(runA, 'loss')).length === 2000);
  await until('A has B\'s offline run', async () => (await a.ws.store.db.runs.get(runIds[1] as string)) !== undefined && (await a.client.getMetricHistory(runIds[1] as string, 'loss')).length === 30);
  await untilSynced(a);
  await untilSynced(b);
  expect(statusOf(a)).toMatchObject({ state: 'connected', offlineSince: null, pendingItems: 0 });
  expect(await content(b, runIds)).toEqual(await content(a, runIds));
});

test('relay data wiped: peers re-upload documents and blobs, and a fresh peer gets everything', async () => {
  const { relay, a, b, workspace, token } = await setup();
  const exp = await a.client.createExperiment('wiped');
  const run = (await a.client.createRun(exp, { runName: 'keep' })).info.runId;
  await a.client.logBatch(run, { params: [{ key: 'lr', value: '0.1' }], metrics: points(400, 0) });
  const bytes = new Uint8Array(50_000).map((_, i) => i % 253);
  await a.client.logArtifact(run, 'data.bin', bytes);
  await a.client.setTerminated(run);
  await until('B has the experiment', async () => (await b.ws.store.db.experiments.get(exp)) !== undefined);
  const runB = (await b.client.createRun(exp, { runName: 'from-b' })).info.runId;
  await untilSynced(a);
  await untilSynced(b);

  await relay.stop();
  relay.wipe();
  await relay.launch();
  const blobHashes = (await a.ws.store.db.blobs.toCollection().primaryKeys()).map(String);
  const head = (h: string) => fetch(`${relay.url}/blobs/${workspace}/${h}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  await until('the relay has every blob again', async () => (await Promise.all(blobHashes.map(head))).every((s) => s === 200));
  await untilSynced(a);
  await untilSynced(b);
  // only the relay is left: the fresh peer must get everything from it
  for (const p of peers.splice(0)) await stopPeer(p);

  const c = await startPeer(relay.url, workspace, token, 'Cy');
  peers.push(c);
  await until('C has both runs and the history', async () => (await c.ws.store.db.runs.get(runB)) !== undefined && (await c.client.getMetricHistory(run, 'loss').catch(() => [])).length === 400);
  expect((await c.client.getRun(run)).data.params).toEqual({ lr: '0.1' });
  const blob = await c.session.fetchArtifact(run, 'data.bin');
  expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
  await untilSynced(c);
});

test('a reload in the middle keeps everything: documents come back from the local doc-store', async () => {
  const { a, b } = await setup();
  const run = (await a.client.createRun('0', { runName: 'reload' })).info.runId;
  await a.client.logBatch(run, { metrics: points(100, 0) });
  await untilSynced(a);
  const rows = await a.ws.store.db.syncDocs.count();
  expect(rows).toBeGreaterThan(0);
  const again = await restartPeer(a);
  peers[0] = again;
  // nothing new is sent or stored for what was already there
  await untilSynced(again);
  expect(await again.ws.store.db.syncDocs.count()).toBeLessThanOrEqual(rows + 2);
  await again.client.setTag(run, 'after', 'reload');
  await until('B sees the tag', async () => (await b.client.getRun(run)).data.tags.after === 'reload');
});
