// Tokens and roles end to end: a read-only peer receives everything while its own changes stay
// local and the session says so; expired, expiring and forged tokens end in 'unauthorized' with
// the reason, and nothing keeps reconnecting.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { signToken } from '../../src/domain/sync/token';
import { READ_ONLY_NOTE } from '../../src/sync/sync-status';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { RELAY_SECRET } from './relay-process';
import { statusOf, until, untilSynced } from './session-peers';
import { sharedRelay } from './shared-relay';

const relay = sharedRelay();
const { peer } = relay;

test('a read-only peer receives everything; its writes are refused and the session shows it', async () => {
  const { workspace, token } = await new RelayHttp(relay.url).createRoom();
  const { token: readOnly } = await new RelayHttp(relay.url, token).createInvite('read-only');
  const a = await peer(workspace, token, 'Ada');
  const r = await peer(workspace, readOnly, 'Reader');
  expect(r.session.role).toBe('read-only');
  const run = (await a.client.createRun('0', { runName: 'shared' })).info.runId;
  await a.client.logBatch(run, { metrics: [{ key: 'acc', value: 0.9, step: 1, timestamp: 1 }] });
  await until('the reader has the run and its metric', async () => (await r.client.getMetricHistory(run, 'acc').catch(() => [])).length === 1);

  const local = (await r.client.createRun('0', { runName: 'reader-only' })).info.runId;
  await r.client.logArtifact(local, 'notes.txt', 'mine');
  await until('the session shows the refusal', () => statusOf(r).error === READ_ONLY_NOTE);
  expect(statusOf(r).state).toBe('connected');
  // later writes of A still arrive (the reader was not disconnected) ...
  await a.client.setTag(run, 'later', 'yes');
  await until('the reader still receives', async () => (await r.client.getRun(run)).data.tags.later === 'yes');
  // ... and nothing of the reader's reached the relay or A
  expect(await a.ws.store.db.runs.get(local)).toBeUndefined();
  const fresh = await peer(workspace, token, 'Fresh');
  await until('fresh peer has A\'s run', async () => (await fresh.client.getRun(run).catch(() => undefined))?.data.tags.later === 'yes');
  expect(await fresh.ws.store.db.runs.get(local)).toBeUndefined();
  const [hash] = (await r.ws.store.db.artifacts.where('runId').equals(local).toArray()).map((x) => x.sha256);
  const head = await fetch(`${relay.url}/blobs/${workspace}/${hash}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
  expect(head.status).toBe(404);
  await untilSynced(r); // synced: everything the relay accepts from this peer (nothing) is there
  expect(statusOf(r)).toMatchObject({ role: 'read-only', error: READ_ONLY_NOTE });
});

test('an expired token is unauthorized at once, with no connection attempt', async () => {
  const { workspace } = await new RelayHttp(relay.url).createRoom();
  const expired = await signToken(RELAY_SECRET, { workspace, role: 'read-write', ttlSeconds: 60, now: Date.now() - 120_000 });
  const p = await peer(workspace, expired, 'Late');
  await until('unauthorized', () => statusOf(p).state === 'unauthorized');
  expect(statusOf(p).error).toMatch(/expired/);
  // local work still goes on (journal -> documents, stored locally) for a later token
  await p.client.createRun('0');
  await p.session.flushed();
  expect(statusOf(p).state).toBe('unauthorized');
});

test('a token that expires during the session turns the status unauthorized', async () => {
  const { workspace } = await new RelayHttp(relay.url).createRoom();
  const short = await signToken(RELAY_SECRET, { workspace, role: 'read-write', ttlSeconds: 2 });
  const p = await peer(workspace, short, 'Brief');
  await until('connected', () => statusOf(p).state === 'connected');
  await until('unauthorized after expiry', () => statusOf(p).state === 'unauthorized', 6000);
  expect(statusOf(p).error).toMatch(/expired/);
});

test('a forged token is refused by the relay (4401) and the reason is shown; no retries', async () => {
  const { workspace } = await new RelayHttp(relay.url).createRoom();
  const forged = await signToken('some-other-secret-0123456789', { workspace, role: 'read-write', ttlSeconds: 3600 });
  const p = await peer(workspace, forged, 'Mallory');
  await until('unauthorized', () => statusOf(p).state === 'unauthorized');
  // the socket (4401) or an HTTP call (401) may be refused first; either names the reason
  expect(statusOf(p).error).toMatch(/\b4?401\b.*invalid token/);
  // a second of reconnect backoff periods adds no attempt
  const before = await refusals4401();
  await new Promise((r) => setTimeout(r, 1000));
  expect(await refusals4401()).toBe(before);
});

async function refusals4401(): Promise<number> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('orchard_relay_closes_total') && l.includes('"4401"'));
  return line ? Number(line.split(/\s+/).pop()) : 0;
}
