// Two relays sharing one Redis and one data dir (Hocuspocus's Redis extension behind the bridge).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { allStored, type Client, connect, newWorkspace, redisCommand, type Relay, removeDir, startRedis, startRelay, synced, tempDir, token, waitFor } from './helpers';

let redis: Awaited<ReturnType<typeof startRedis>>;
let r1: Relay;
let r2: Relay;
const dataDir = tempDir();

beforeAll(async () => {
  redis = await startRedis();
  // r1 never flushes on its own (10 min delay): whatever its clients write reaches the disk only
  // because r2 stores what it receives over Redis too. So killing r1 loses nothing.
  [r1, r2] = await Promise.all([startRelay({ dataDir, args: ['--redis', redis.url, '--flush-ms', '600000', '--redis-resync-ms', '1000'] }), startRelay({ dataDir, args: ['--redis', redis.url, '--redis-resync-ms', '1000'] })]);
}, 30_000);
afterAll(async () => {
  if (process.env.DUMP_RELAY_LOGS) for (const r of [r1, r2]) console.log(r.logs.map((l) => JSON.stringify(l)).join('\n'), r.stderr.join(''));
  await Promise.all([r1?.stop(), r2?.stop()]);
  await redis?.stop();
  removeDir(dataDir);
}, 30_000);

/** Runs `steps` with a new workspace and one synced peer on each relay (a on r1, b on r2); closes both after. */
async function withPeerOnEachRelay(steps: (peers: { w: string; t: string; a: Client; b: Client }) => Promise<void>): Promise<void> {
  const w = newWorkspace();
  const t = await token(w);
  const a = connect(r1.ws, w, t);
  const b = connect(r2.ws, w, t);
  try {
    await Promise.all([synced(a), synced(b)]);
    await steps({ w, t, a, b });
  } finally {
    a.destroy();
    b.destroy();
  }
}

test('changes published while the relays were not subscribed still reach the other relay', async () => {
  await withPeerOnEachRelay(async ({ a, b }) => {
    a.doc.getMap('m').set('before', 1);
    await waitFor(() => b.doc.getMap('m').get('before') === 1);
    // Drop both relays' subscriber connections: until they resubscribe, every publish reaches
    // nobody (Redis pub/sub does not queue), and neither relay would ever ask again.
    expect(await redisCommand(redis.port, 'CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(':2');
    a.doc.getMap('m').set('a-lost', 1);
    b.doc.getMap('m').set('b-lost', 1);
    // No further edits: only the relays' resync (on reconnect, and every --redis-resync-ms) helps.
    await waitFor(() => a.doc.getMap('m').size === 3 && b.doc.getMap('m').size === 3, 10_000, 'convergence after lost messages');
  });
});

test('Redis restarting does not stop the relays', async () => {
  await withPeerOnEachRelay(async ({ a, b }) => {
    await redis.kill();
    a.doc.getMap('m').set('a-while-down', 1);
    b.doc.getMap('m').set('b-while-down', 1);
    await redis.restart();
    await waitFor(() => a.doc.getMap('m').size === 2 && b.doc.getMap('m').size === 2, 10_000, 'convergence after Redis came back');
  });
});

test('peers on different relays converge, and survive kill -9 of one relay by moving to the other', async () => {
  await withPeerOnEachRelay(async ({ w, t, a, b }) => {
    a.doc.getMap('m').set('a', 1);
    b.doc.getMap('m').set('b', 2);
    await waitFor(() => a.doc.getMap('m').size === 2 && b.doc.getMap('m').size === 2, 10_000, 'convergence across relays');
    for (let i = 0; i < 50; i++) a.doc.getMap('m').set(`a${i}`, i);
    await waitFor(() => b.doc.getMap('m').size === 52, 10_000, 'a burst across relays');
    await waitFor(() => allStored(r2, w, t, a.doc), 10_000, 'stored');

    await r1.kill9();
    // a keeps editing while its relay is gone, then moves to the other relay (a client given a
    // list of relay URLs does exactly this).
    a.doc.getMap('m').set('offline', true);
    a.provider.destroy();
    const a2 = connect(r2.ws, w, t, a.doc);
    try {
      await synced(a2);
      await waitFor(() => b.doc.getMap('m').get('offline') === true, 10_000, 'offline edit through the surviving relay');
      b.doc.getMap('m').set('after', 3);
      await waitFor(() => a.doc.getMap('m').get('after') === 3);
      await waitFor(() => allStored(r2, w, t, a.doc), 10_000, 'stored after failover');
      expect(a.doc.getMap('m').toJSON()).toEqual(b.doc.getMap('m').toJSON());
    } finally {
      a2.provider.destroy();
    }
  });
  // Idle documents are unloaded here too (the Redis extension delays the unload by 1 s).
  await waitFor(async () => /^orchard_relay_docs_loaded 0$/m.test(await (await fetch(`${r2.http}/metrics`)).text()), 5000, 'unload on r2');
});
