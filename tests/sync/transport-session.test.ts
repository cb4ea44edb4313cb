// Two (and three) real workspaces syncing through a real relay process with the full session:
// runs reach the other peer's tables, metric chunks travel as verified blobs, artifacts are
// fetched lazily with progress, and the status line, presence and activity feed follow.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { MlflowClient, openWorkspace } from '../../src/sdk/index';
import { createInvite, joinWorkspace, loadSyncConfig, shareWorkspace } from '../../src/sync/sync-config';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { type SessionPeer, statusOf, until, untilSynced } from './session-peers';
import { sharedRelay } from './shared-relay';

const relay = sharedRelay();

async function pair(): Promise<{ a: SessionPeer; b: SessionPeer; workspace: string; token: string }> {
  const { workspace, token } = await new RelayHttp(relay.url).createRoom();
  const a = await relay.peer(workspace, token, 'Ada');
  const b = await relay.peer(workspace, token, 'Bob');
  return { a, b, workspace, token };
}

const points = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ key: 'loss', value: 1 / (from + i + 1), step: from + i, timestamp: 1000 + from + i }));

test('a run created on A, with metrics, appears in B\'s tables; both end synced and see each other', async () => {
  const { a, b, workspace } = await pair();
  const exp = await a.client.createExperiment('iris');
  const run = await a.client.createRun(exp, { runName: 'first' });
  const id = run.info.runId;
  await a.client.logBatch(id, { params: [{ key: 'lr', value: '0.1' }], metrics: points(500) });
  await a.client.setTerminated(id);

  await until('B has the run with its history', async () => (await b.ws.store.db.runs.get(id)) !== undefined && (await b.client.getMetricHistory(id, 'loss').catch(() => [])).length === 500);
  const got = await b.client.getRun(id);
  expect(got.info.runName).toBe('first');
  expect(got.info.status).toBe('FINISHED');
  expect(got.data.params).toEqual({ lr: '0.1' });
  expect(await b.client.getMetricSummaries(id)).toEqual(await a.client.getMetricSummaries(id));

  // the chunk went through the relay's blob store, verified on B (stored under its hash)
  const hashes = (await a.ws.store.db.blobs.toCollection().primaryKeys()).map(String);
  expect(hashes.length).toBeGreaterThan(0);
  for (const h of hashes) {
    const res = await fetch(`${relay.url}/blobs/${workspace}/${h}`, { method: 'HEAD', headers: { authorization: `Bearer ${a.config.token}` } });
    expect(res.status).toBe(200);
    expect(await b.ws.store.db.blobs.get(h)).toBeDefined();
  }
  expect(await a.ws.store.db.syncUploads.count()).toBe(0);

  await untilSynced(a);
  await untilSynced(b);
  expect(statusOf(a)).toMatchObject({ state: 'connected', pendingItems: 0, offlineSince: null, role: 'read-write' });
  expect(statusOf(a).lastSyncedAt).toBeGreaterThan(0);

  b.session.setView(`/runs/${id}`);
  await until('A sees Bob on the run page', () => a.session.peers.get().some((p) => p.name === 'Bob' && p.view === `/runs/${id}`));
  expect(b.session.peers.get().map((p) => p.name)).toEqual(['Ada']);
  await until('B\'s activity feed names the new run', () => b.session.activity.get().length > 0);
  expect(b.session.activity.get()[0]?.user).toBe('Ada');

  // leaving tells the others at once (not after awareness' 30 s timeout)
  await relay.stop(b);
  await until('A sees Bob leave', () => a.session.peers.get().length === 0, 3000);
});

test('an artifact is fetched lazily on B with progress, once, and verified', async () => {
  const { a, b } = await pair();
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
  await a.client.logArtifact(id, 'model/weights.bin', bytes);
  await until('B lists the artifact', async () => (await b.client.listArtifacts(id, 'model').catch(() => [])).length === 1);
  await until('A uploaded it', async () => (await a.ws.store.db.syncUploads.count()) === 0);
  await expect(b.client.downloadArtifact(id, 'model/weights.bin')).rejects.toThrow(/not in this workspace yet/);

  const progress: Array<[number, number]> = [];
  const [blob, again] = await Promise.all([
    b.session.fetchArtifact(id, 'model/weights.bin', (p) => progress.push([p.loaded, p.total])),
    b.session.fetchArtifact(id, 'model/weights.bin'),
  ]);
  expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
  expect(again.size).toBe(300_000);
  expect(progress.length).toBeGreaterThan(1);
  expect(progress[progress.length - 1]).toEqual([300_000, 300_000]);
  expect(progress.every(([, total]) => total === 300_000)).toBe(true);
  // stored now: the SDK reads it locally
  expect((await b.client.downloadArtifact(id, 'model/weights.bin')).size).toBe(300_000);
  await expect(b.session.fetchArtifact(id, 'nope.txt')).rejects.toThrow(/No artifact/);
});

test('a third peer joining later gets the whole workspace, and changes flow both ways', async () => {
  const { a, b, workspace, token } = await pair();
  const exp = await a.client.createExperiment('later');
  await until('B has the experiment', async () => (await b.ws.store.db.experiments.get(exp)) !== undefined);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await (i % 2 ? b : a).client.createRun(exp, { runName: `r${i}` });
    await (i % 2 ? b : a).client.logBatch(r.info.runId, { metrics: points(50, i * 50) });
    ids.push(r.info.runId);
  }
  await untilSynced(a);
  await untilSynced(b);
  const c = await relay.peer(workspace, token, 'Cy');
  await until('C has every run with its metrics', async () => {
    for (const id of ids) if ((await c.client.getMetricHistory(id, 'loss').catch(() => [])).length !== 50) return false;
    return true;
  });
  await c.client.setTag(ids[0] as string, 'seen-by', 'cy');
  await until('A sees C\'s tag', async () => (await a.client.getRun(ids[0] as string)).data.tags['seen-by'] === 'cy');
  await untilSynced(c);
});

test('share, invite, join and leave: runs logged before sharing reach the joiner; leaving keeps the data', async () => {
  const wsA = await openWorkspace({ name: `share-a-${Date.now()}` });
  const before = await new MlflowClient(wsA).createRun('0', { runName: 'before-sharing' });
  const shared = await shareWorkspace(wsA.store, `${relay.url}/`);
  expect(shared).toMatchObject({ relayUrl: relay.url, detached: false, workspaceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  await expect(shareWorkspace(wsA.store, relay.url)).rejects.toThrow(/already shared/);
  const invite = await createInvite(shared, 'read-write', { appOrigin: 'https://orchard.example' });
  expect(invite.link.startsWith('https://orchard.example/join#relay=')).toBe(true);
  await wsA.close();

  const wsB = await openWorkspace({ name: `share-b-${Date.now()}` });
  const joined = await joinWorkspace(wsB.store, invite.link);
  expect(joined.workspaceId).toBe(shared.workspaceId);
  expect(joined.peerId).not.toBe(shared.peerId);
  await wsB.close();

  // the app starts sessions from the stored configurations
  const a = await relay.peer(shared.workspaceId, shared.token, 'Ada', { name: wsA.name, peerId: shared.peerId });
  const b = await relay.peer(joined.workspaceId, joined.token, 'Bob', { name: wsB.name, peerId: joined.peerId });
  await until('B has the run logged before sharing', async () => (await b.ws.store.db.runs.get(before.info.runId)) !== undefined);

  await b.session.leave();
  expect(statusOf(b).state).toBe('detached');
  expect((await loadSyncConfig(b.ws.store))?.detached).toBe(true);
  expect(await b.ws.store.db.runs.get(before.info.runId)).toBeDefined();
});
