// Document connections against a real relay process with real y-websocket clients: two peers
// converge, presence shows who looks at what, the relay's stored state vector covers what we
// sent, refused tokens stop reconnecting with the relay's close code, and read-only peers receive
// everything while their local edits never reach the relay.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { signToken } from '../../src/domain/sync/token';
import { ConnectionPool } from '../../src/sync/transport/connection-pool';
import { DocConnection } from '../../src/sync/transport/doc-connection';
import { Presence } from '../../src/sync/transport/presence';
import { RelayHttp } from '../../src/sync/transport/relay-http';
import { syncSocketUrl } from '../../src/sync/transport/relay-url';
import { covers } from '../../src/sync/transport/stored-coverage';
import { RELAY_SECRET, RelayProcess } from './relay-process';
import { WebSocketPolyfill } from './socket-polyfill';

let relay: RelayProcess;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  // a small frame limit, so the "too large" close is cheap to provoke
  relay = await RelayProcess.start({ args: ['--max-sync-frame', '256KiB'] });
});
afterAll(async () => {
  await relay?.dispose();
});
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nrelay log:\n${relay.log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function pool(token: string, readOnly = false): ConnectionPool {
  const p = new ConnectionPool({ socketUrl: syncSocketUrl(relay.url), token, readOnly, WebSocketPolyfill, disableBc: true, maxBackoffTime: 300 });
  cleanups.push(() => p.destroy());
  return p;
}

function doc(): Y.Doc {
  const d = new Y.Doc();
  cleanups.push(() => d.destroy());
  return d;
}

async function room(): Promise<{ workspace: string; token: string }> {
  return new RelayHttp(relay.url).createRoom();
}

test('two peers converge through the relay, see each other, and the relay reports what it stored', async () => {
  const { workspace, token } = await room();
  const a = pool(token);
  const b = pool(token);
  const [rootA, shardA, rootB, shardB] = [doc(), doc(), doc(), doc()];
  a.add(workspace, rootA);
  a.add(`${workspace}/runs/1`, shardA);
  b.add(workspace, rootB);
  b.add(`${workspace}/runs/1`, shardB);
  rootA.getMap('experiments').set('1|aaaa', { f: { name: ['exp', 'x'] } });
  shardB.getMap('runs').set('r1|bbbb', { f: { status: ['RUNNING', 'y'] } });
  await until('both documents converge', () => rootB.getMap('experiments').has('1|aaaa') && shardA.getMap('runs').has('r1|bbbb'));
  expect(a.links()).toEqual(['connected', 'connected']);

  const presenceA = new Presence(a.get(workspace)!.provider.awareness, 'aaaa', { name: 'Ada' });
  const presenceB = new Presence(b.get(workspace)!.provider.awareness, 'bbbb', { name: 'Bob', color: '#123456' });
  presenceB.setView('/runs/r1');
  await until('A sees B looking at the run', () => presenceA.peers().some((p) => p.name === 'Bob' && p.view === '/runs/r1' && p.color === '#123456'));
  expect(presenceB.peers().map((p) => p.peer)).toEqual(['aaaa']);

  const http = new RelayHttp(relay.url, token);
  await until('the relay stores both documents', async () => covers(await http.storedStateVector(workspace), Y.encodeStateVector(rootA)) && covers(await http.storedStateVector(`${workspace}/runs/1`), Y.encodeStateVector(shardA)));
  rootA.getMap('experiments').set('2|aaaa', {});
  expect(covers(await http.storedStateVector(workspace), Y.encodeStateVector(rootA))).toBe(false);
});

test('an expired token and a token of another workspace are refused with 4401 / 4403 and not retried', async () => {
  const { workspace } = await room();
  const other = await room();
  const expired = await signToken(RELAY_SECRET, { workspace, role: 'read-write', ttlSeconds: 1, now: Date.now() - 10_000 });
  const p = pool(expired);
  const c = p.add(workspace, doc());
  await until('refusal', () => c.state === 'refused');
  expect(c.refusal?.code).toBe(4401);
  expect(c.refusal?.reason).toMatch(/expired/i);
  const q = pool(other.token);
  const d = q.add(workspace, doc());
  await until('refusal', () => d.state === 'refused');
  expect(d.refusal?.code).toBe(4403);
  await new Promise((r) => setTimeout(r, 800)); // several backoff periods: still no new socket
  expect(c.provider.ws).toBeNull();
  expect(d.provider.ws).toBeNull();
});

test('a read-only peer receives everything; its local edits stay local and its socket stays open', async () => {
  const { workspace, token } = await room();
  const { token: readOnly } = await new RelayHttp(relay.url, token).createInvite('read-only');
  const writer = pool(token);
  const reader = pool(readOnly, true);
  const w = doc();
  const r = doc();
  writer.add(workspace, w);
  const conn = reader.add(workspace, r);
  w.getMap('runs').set('x|w', 1);
  await until('reader receives', () => r.getMap('runs').get('x|w') === 1);
  r.getMap('runs').set('y|r', 2); // a local edit on the read-only peer
  w.getMap('runs').set('z|w', 3);
  await until('reader still receives', () => r.getMap('runs').get('z|w') === 3);
  expect(conn.state).toBe('connected');
  const fresh = pool(token);
  const f = doc();
  fresh.add(workspace, f);
  await until('a fresh peer has the writer\'s entries', () => f.getMap('runs').has('z|w'));
  expect(f.getMap('runs').has('y|r')).toBe(false);
  expect(w.getMap('runs').has('y|r')).toBe(false);
  // what the reader shares is only what came from the relay: covered without its local edit
  const stored = await new RelayHttp(relay.url, readOnly).storedStateVector(workspace);
  await until('stored', async () => covers(await new RelayHttp(relay.url, readOnly).storedStateVector(workspace), conn.sharedStateVector()));
  expect(covers(stored, Y.encodeStateVector(r))).toBe(false);
});

test('a read-only token that writes anyway is closed by the relay with 4403', async () => {
  const { workspace, token } = await room();
  const { token: readOnly } = await new RelayHttp(relay.url, token).createInvite('read-only');
  const d = doc();
  const c = new DocConnection(workspace, d, { socketUrl: syncSocketUrl(relay.url), token: readOnly, readOnly: false, WebSocketPolyfill, disableBc: true, maxBackoffTime: 300 });
  cleanups.push(() => c.destroy());
  await until('connected', () => c.state === 'connected');
  d.getMap('runs').set('evil|r', 1);
  await until('refused', () => c.state === 'refused');
  expect(c.refusal?.code).toBe(4403);
  const check = doc();
  const p = pool(token);
  p.add(workspace, check);
  await until('fresh peer synced', () => p.allSynced());
  expect(check.getMap('runs').has('evil|r')).toBe(false);
});

test('a frame the relay cannot take (1009/4413) stops that document only, reported, not as a token refusal', async () => {
  const { workspace, token } = await room();
  const p = pool(token);
  const big = doc();
  const small = doc();
  const bigConn = p.add(`${workspace}/runs/b`, big);
  const smallConn = p.add(workspace, small);
  await until('connected', () => bigConn.state === 'connected' && smallConn.state === 'connected');
  big.getMap('runs').set('huge|p', 'x'.repeat(400_000));
  await until('closed for good', () => bigConn.failure !== undefined);
  expect([1009, 4413]).toContain(bigConn.failure?.code);
  expect(bigConn.state).toBe('offline');
  expect(bigConn.refusal).toBeUndefined();
  expect(p.refusal()).toBeUndefined();
  expect(p.failures()[0]).toMatch(/runs\/b cannot sync.*(1009|4413)/);
  await new Promise((r) => setTimeout(r, 800));
  expect(bigConn.provider.ws).toBeNull(); // not retried: it would send the same frame again
  small.getMap('m').set('still', 'works');
  const other = doc();
  pool(token).add(workspace, other);
  await until('the other document still syncs', () => other.getMap('m').get('still') === 'works');
});
