// Tags and aliases under clock skew: concurrent edits go to the higher HLC (so a clock ahead wins
// them, deterministically on every peer), while an edit made after seeing another's wins whatever
// the clocks say, because every peer's clock moves past the stamps it has seen (up to 1 day + 1 h).
import { afterEach, expect, test } from 'vitest';
import { type Peer, closeAll, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function setup(skews: number[]): Promise<Peer[]> {
  peers = [];
  for (const [i, skewMs] of skews.entries()) peers.push(await openPeer(String.fromCharCode(97 + i), { skewMs }));
  const a = peers[0] as Peer;
  await a.client.createRegisteredModel('m', { tags: { env: 'start' } });
  await a.client.createModelVersion('m', 'runs:/1/model', { tags: { q: 'start' } });
  await a.client.createModelVersion('m', 'runs:/2/model');
  await syncAll(peers);
  return peers;
}

async function expectSame(key: string, expected: string | undefined): Promise<void> {
  for (const p of peers) expect((await p.client.getRegisteredModel('m')).tags[key], p.id).toBe(expected);
  const tables = await registryTables(peers[0] as Peer);
  for (const p of peers.slice(1)) expect(await registryTables(p)).toEqual(tables);
}

for (const [label, skew] of [['+10 min', 10 * MINUTE], ['-10 min', -10 * MINUTE], ['+1 day', DAY]] as const) {
  test(`concurrent tag edits with b's clock ${label}: the higher stamp wins on every peer`, async () => {
    const [a, b, c] = await setup([0, skew, 0]);
    // a edits after b in real time; with b ahead, b's stamp is still the higher one.
    await b?.client.setRegisteredModelTag('m', 'env', 'from-b');
    await sleep(3);
    await a?.client.setRegisteredModelTag('m', 'env', 'from-a');
    await c?.client.deleteRegisteredModelTag('m', 'env'); // a third, concurrent write: a delete
    await syncAll(peers);
    await expectSame('env', skew > 0 ? 'from-b' : undefined);
  });

  test(`an edit made after seeing another's wins, b's clock ${label}`, async () => {
    const [a, b] = await setup([0, skew]);
    await b?.client.setRegisteredModelTag('m', 'env', 'from-b');
    await b?.client.setModelVersionTag('m', 1, 'q', 'from-b');
    await syncAll(peers);
    // a has seen b's stamps: its clock moved past them, however far ahead b's clock is.
    await a?.client.setRegisteredModelTag('m', 'env', 'from-a');
    await a?.client.deleteModelVersionTag('m', 1, 'q');
    await syncAll(peers);
    await expectSame('env', 'from-a');
    for (const p of peers) expect((await p.client.getModelVersion('m', 1)).tags, p.id).toEqual({});
  });
}

test('alias moves: concurrent moves go to the higher stamp; an alias moved to a version deleted elsewhere drops', async () => {
  const [a, b] = await setup([0, 0]);
  await a?.client.setRegisteredModelAlias('m', 'champion', 1);
  await a?.client.setRegisteredModelAlias('m', 'shadow', 1);
  await syncAll(peers);
  await a?.client.setRegisteredModelAlias('m', 'champion', 2);
  await sleep(3);
  await b?.client.setRegisteredModelAlias('m', 'champion', 1); // b never saw a's move; later stamp
  await syncAll(peers);
  for (const p of peers) expect((await p.client.getRegisteredModel('m')).aliases, p.id).toEqual([{ alias: 'champion', version: '1' }, { alias: 'shadow', version: '1' }]);

  await a?.client.deleteModelVersion('m', 2);
  await b?.client.setRegisteredModelAlias('m', 'shadow', 2);
  await syncAll(peers);
  for (const p of peers) {
    expect((await p.client.getRegisteredModel('m')).aliases, p.id).toEqual([{ alias: 'champion', version: '1' }]);
    expect((await p.client.getRegistryEvents({ name: 'm' })).filter((e) => e.kind === 'alias/set').length).toBe(5);
  }
  expect(await registryTables(b as Peer)).toEqual(await registryTables(a as Peer));
});
