// Bad input on one socket: that socket is closed with a clear code, other rooms carry on, the
// process stays up, and nothing of it is stored.
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type Client, connect, newWorkspace, rawSocket, type Relay, removeDir, startRelay, storedStateVector, synced, token, waitFor } from './helpers';

let relay: Relay;
let bystanders: [Client, Client];
let room: string;
beforeAll(async () => {
  relay = await startRelay({ args: ['--deps-timeout-ms', '300', '--max-sync-frame', '64KiB', '--max-awareness-frame', '4KiB', '--rate-limit', '50', '--rate-burst', '100'] });
  room = newWorkspace();
  const t = await token(room);
  bystanders = [connect(relay.ws, room, t), connect(relay.ws, room, t)];
  await Promise.all(bystanders.map((c) => synced(c)));
}, 30_000);
afterAll(async () => {
  bystanders?.forEach((c) => c.destroy());
  await relay?.stop();
  removeDir(relay.dataDir);
}, 30_000);

let edits = 0;
/** The other room still works, and the relay process is alive. */
async function othersUnaffected() {
  const [a, b] = bystanders;
  const key = `edit${edits++}`;
  a.doc.getMap('m').set(key, true);
  await waitFor(() => b.doc.getMap('m').get(key) === true, 5000, 'bystander room still syncing');
  expect(a.closes).toEqual([]);
  expect(relay.proc.exitCode).toBeNull();
  expect((await fetch(`${relay.http}/healthz`)).status).toBe(200);
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return Buffer.from(encoding.toUint8Array(e));
};
const syncFrame = (sub: number, payload: Uint8Array) => frame((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
});

/** Sends frames on a fresh authenticated socket for a fresh workspace; resolves with the close. */
async function sendBad(frames: Buffer[], opts: { binary?: boolean; w?: string } = {}) {
  const w = opts.w ?? newWorkspace();
  const t = await token(w);
  const s = await rawSocket(`${relay.ws}/${w}?token=${t}`);
  for (const f of frames) s.ws.send(f, { binary: opts.binary ?? true });
  return { ...(await s.closed), w, t };
}

function updates(n: number, clientID: number) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getText('t').insert(0, `chunk ${i} `);
  doc.destroy();
  return out;
}

test('random bytes, unknown types and text frames close only that socket (4400)', async () => {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
  const random = Buffer.from(Array.from({ length: 300 }, rnd));
  random[0] = 0; // a "sync" frame with a random sub type and body
  expect(await sendBad([random])).toMatchObject({ code: 4400 });
  expect(await sendBad([Buffer.from([9, 1, 2, 3])])).toMatchObject({ code: 4400, reason: 'unknown message type 9' });
  expect(await sendBad([Buffer.from([0, 7, 1, 0])])).toMatchObject({ code: 4400, reason: 'unknown sync message type 7' });
  expect(await sendBad([Buffer.from('hello')], { binary: false })).toMatchObject({ code: 4400 });
  expect(await sendBad([frame((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 123, 120, 125])); })])).toMatchObject({ code: 4400 });
  await othersUnaffected();
});

test('a truncated update is refused and nothing of it is stored', async () => {
  const [u] = updates(1, 1001) as [Uint8Array];
  const r = await sendBad([syncFrame(2, u.subarray(0, u.length - 3))]);
  expect(r).toMatchObject({ code: 4400, reason: 'malformed message' });
  expect(await storedStateVector(relay, r.w, r.t)).toEqual(new Map());
  await othersUnaffected();
});

test('an update whose dependencies never arrive: closed after the timeout, never applied or stored', async () => {
  const [, u2, u3] = updates(3, 2002) as [Uint8Array, Uint8Array, Uint8Array];
  const w = newWorkspace();
  const t = await token(w);
  const watcher = connect(relay.ws, w, t);
  try {
    await synced(watcher);
    const started = Date.now();
    const r = await sendBad([syncFrame(2, u2), syncFrame(2, u3)], { w });
    expect(r).toMatchObject({ code: 4400, reason: 'update dependencies missing' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // A good edit afterwards still goes through and is stored; the orphan never is.
    watcher.doc.getMap('m').set('ok', 1);
    await waitFor(async () => (await storedStateVector(relay, w, t)).has(watcher.doc.clientID));
    const stored = await storedStateVector(relay, w, t);
    expect(stored.has(2002)).toBe(false);
    const late = connect(relay.ws, w, t);
    try {
      await synced(late);
      await waitFor(() => late.doc.getMap('m').get('ok') === 1);
      expect(late.doc.store.pendingStructs).toBeNull(); // the relay did not pass the orphan on
      expect(late.doc.getText('t').length).toBe(0);
    } finally {
      late.destroy();
    }
  } finally {
    watcher.destroy();
  }
  await othersUnaffected();
});

test('items of two clients naming each other as origin (a cycle): closed, nothing pending is kept or passed on', async () => {
  // Hand-encoded v1 update: client 500's item has origin 600:0 and client 600's item has origin 500:0.
  const u = frame((e) => {
    encoding.writeVarUint(e, 2);
    for (const [client, other] of [[500, 600], [600, 500]] as const) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, 0);
      encoding.writeUint8(e, 0x84); // has origin | ContentString
      encoding.writeVarUint(e, other);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, 'x');
    }
    encoding.writeVarUint(e, 0); // empty delete set
  });
  const r = await sendBad([syncFrame(2, u)]);
  expect(r).toMatchObject({ code: 4400, reason: 'update dependencies missing' });
  const late = connect(relay.ws, r.w, r.t);
  try {
    await synced(late);
    expect(late.doc.store.pendingStructs).toBeNull();
  } finally {
    late.destroy();
  }
  expect(await storedStateVector(relay, r.w, r.t)).toEqual(new Map());
  await othersUnaffected();
});

test('an update whose dependencies arrive later in the same socket is held, then applied', async () => {
  const [u1, u2] = updates(2, 3003) as [Uint8Array, Uint8Array];
  const w = newWorkspace();
  const t = await token(w);
  const s = await rawSocket(`${relay.ws}/${w}?token=${t}`);
  s.ws.send(syncFrame(2, u2));
  await new Promise((r) => setTimeout(r, 100));
  s.ws.send(syncFrame(2, u1));
  const both = new Y.Doc();
  Y.applyUpdate(both, u1);
  Y.applyUpdate(both, u2);
  const full = Y.getState(both.store, 3003);
  await waitFor(async () => (await storedStateVector(relay, w, t)).get(3003) === full, 5000, 'held update applied and stored');
  expect(s.ws.readyState).toBe(s.ws.OPEN);
  s.ws.close();
  both.destroy();
});

test('limits: awareness frame size (4413), sync frame size (1009), message rate (4429)', async () => {
  const big = frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, new Uint8Array(5000));
  });
  expect(await sendBad([big])).toMatchObject({ code: 4413 });
  expect(await sendBad([syncFrame(2, new Uint8Array(100 * 1024))])).toMatchObject({ code: 1009 });
  const step1 = syncFrame(0, Y.encodeStateVector(new Y.Doc()));
  expect(await sendBad(Array.from({ length: 400 }, () => step1))).toMatchObject({ code: 4429, reason: 'message rate limit exceeded' });
  await othersUnaffected();
});

test('sockets per address are limited', async () => {
  const limited = await startRelay({ args: ['--max-sockets-per-ip', '2'] });
  try {
    const w = newWorkspace();
    const t = await token(w);
    const a = await rawSocket(`${limited.ws}/${w}?token=${t}`);
    const b = await rawSocket(`${limited.ws}/${w}/exp/1?token=${t}`);
    const c = await rawSocket(`${limited.ws}/${w}/exp/2?token=${t}`);
    expect(await c.closed).toEqual({ code: 1013, reason: 'too many connections from this address' });
    a.ws.close();
    await a.closed;
    await waitFor(async () => {
      const d = await rawSocket(`${limited.ws}/${w}/exp/3?token=${t}`);
      const open = d.ws.readyState === d.ws.OPEN;
      d.ws.close();
      await d.closed;
      return open;
    }, 5000, 'a slot frees up');
    b.ws.close();
  } finally {
    await limited.stop();
    removeDir(limited.dataDir);
  }
});
