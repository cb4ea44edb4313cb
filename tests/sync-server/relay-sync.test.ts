// One relay, real y-websocket clients: convergence, awareness, read-only tokens, idle unloading,
// health and metrics.
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { allStored, connect, newWorkspace, type Relay, startRelay, stopRelay, storedStateVector, synced, token, waitFor } from './helpers';

let relay: Relay;
beforeAll(async () => {
  relay = await startRelay();
}, 30_000);
afterAll(() => stopRelay(relay), 30_000);

const metric = async (name: string) => {
  const text = await (await fetch(`${relay.http}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
};

test('two clients on a root and an experiment document converge, with awareness', async () => {
  const w = newWorkspace();
  const t = await token(w);
  for (const name of [w, `${w}/exp/123456789012345678`]) {
    const a = connect(relay.ws, name, t);
    const b = connect(relay.ws, name, t);
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getMap('runs').set('r1', { name: 'one' });
      b.doc.getMap('runs').set('r2', { name: 'two' });
      a.doc.getArray('log').push(['x']);
      await waitFor(() => a.doc.getMap('runs').size === 2 && b.doc.getMap('runs').size === 2 && b.doc.getArray('log').length === 1);
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
      a.provider.awareness.setLocalStateField('user', { name: 'ada' });
      await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'ada', 5000, 'awareness');
      await waitFor(() => allStored(relay, name, t, a.doc), 5000, 'stored');
    } finally {
      a.destroy();
      b.destroy();
    }
  }
  // A late joiner gets everything from the relay alone.
  const c = connect(relay.ws, w, t);
  try {
    await synced(c);
    await waitFor(() => c.doc.getMap('runs').size === 2);
  } finally {
    c.destroy();
  }
});

test('read-only tokens receive updates but every write closes the socket with 4403', async () => {
  const w = newWorkspace();
  const rw = await token(w, 'read-write');
  const ro = await token(w, 'read-only');
  const writer = connect(relay.ws, w, rw);
  const reader = connect(relay.ws, w, ro);
  try {
    await Promise.all([synced(writer), synced(reader)]);
    writer.doc.getMap('m').set('a', 1);
    await waitFor(() => reader.doc.getMap('m').get('a') === 1, 5000, 'reader receives');
    // An update message from the reader.
    reader.doc.getMap('m').set('evil', 1);
    await waitFor(() => reader.closes[0], 5000, 'reader closed');
    expect(reader.closes[0]).toEqual({ code: 4403, reason: 'read-only token cannot write' });

    // Sync step 2 carrying changes: a read-only client that has offline edits.
    const offline = new Y.Doc();
    offline.getMap('m').set('sneaky', 1);
    const late = connect(relay.ws, w, ro, offline);
    try {
      await waitFor(() => late.closes[0], 5000, 'late reader closed');
      expect(late.closes[0]).toEqual({ code: 4403, reason: 'read-only token cannot write' });
      await new Promise((r) => setTimeout(r, 100));
      expect(writer.doc.getMap('m').toJSON()).toEqual({ a: 1 });
      const stored = await storedStateVector(relay, w, rw);
      expect(stored.has(reader.doc.clientID) || stored.has(offline.clientID)).toBe(false);
    } finally {
      late.destroy();
    }
    // A read-only client with nothing new stays connected.
    const quiet = connect(relay.ws, w, ro);
    try {
      await synced(quiet);
      await waitFor(() => quiet.doc.getMap('m').get('a') === 1);
      writer.doc.getMap('m').set('b', 2);
      await waitFor(() => quiet.doc.getMap('m').get('b') === 2);
      expect(quiet.closes).toEqual([]);
    } finally {
      quiet.destroy();
    }
  } finally {
    writer.destroy();
    reader.destroy();
  }
});

test('a document is unloaded when its last client leaves; health and metrics report it', async () => {
  const w = newWorkspace();
  const t = await token(w);
  const a = connect(relay.ws, w, t);
  await synced(a);
  a.doc.getMap('m').set('k', 'v');
  await waitFor(async () => (await metric('orchard_relay_docs_loaded')) >= 1);
  expect(await metric('orchard_relay_connections')).toBeGreaterThanOrEqual(1);
  a.destroy();
  await waitFor(async () => (await metric('orchard_relay_docs_loaded')) === 0, 5000, 'unload');
  expect(await metric('orchard_relay_connections')).toBe(0);
  expect(await metric('orchard_relay_rooms')).toBe(0);

  const text = await (await fetch(`${relay.http}/metrics`)).text();
  for (const name of ['orchard_relay_bytes_in_total', 'orchard_relay_bytes_out_total', 'orchard_relay_store_seconds_bucket{le="0.01"}', 'orchard_relay_store_seconds_count', 'orchard_relay_connections_total']) {
    expect(text).toContain(name);
  }
  expect(await metric('orchard_relay_bytes_in_total')).toBeGreaterThan(0);
  expect(await metric('orchard_relay_store_seconds_count')).toBeGreaterThan(0);
  const health = await (await fetch(`${relay.http}/healthz`)).json();
  expect(health).toMatchObject({ status: 'ok', docsLoaded: 0, redis: 'off' });
  // Logs are JSON and carry no document contents or tokens.
  const all = relay.logs.map((l) => JSON.stringify(l)).join('\n');
  expect(relay.logs.every((l) => l.level !== 'raw')).toBe(true);
  expect(all).not.toContain('orc1.');
  expect(all).not.toContain('"v"');
});
