// The SDK's view of a param two peers logged differently: getParamConflicts says what else was
// logged and by which peer, the same on every peer, while getRun keeps MLflow's Run shape (the
// first value logged, no extra fields).
import 'fake-indexeddb/auto';
import { afterEach, expect, test } from 'vitest';
import { Network, newWorkspaceId, openPeer, type Peer } from './harness';

let net: Network | undefined;
afterEach(async () => {
  await net?.close();
  net = undefined;
});

test('getParamConflicts lists the losing values with their peer on every peer; getRun is unchanged', async () => {
  const w = newWorkspaceId();
  const ps: Peer[] = [];
  for (let i = 0; i < 3; i++) ps.push(await openPeer(w, i, {}));
  const n = (net = new Network(ps));
  const [a, b, c] = ps as [Peer, Peer, Peer];
  const run = await a.client.createRun('0');
  const id = run.info.runId;
  const calm = (await a.client.createRun('0')).info.runId;
  await a.client.logParam(calm, 'lr', '0.5');
  await n.settle();
  n.partition(new Set([0]));
  await a.client.logParam(id, 'lr', '0.1');
  await a.rep.drain();
  await new Promise((r) => setTimeout(r, 3));
  await b.client.logParam(id, 'lr', '0.2');
  await c.client.logParam(id, 'lr', '0.1'); // the same value as the winner: not a conflict
  await b.rep.drain();
  await c.rep.drain();
  await n.settle();
  for (const p of ps) {
    expect(await p.client.getParamConflicts(id)).toEqual({ lr: [{ value: '0.2', peer: b.id }] });
    expect(await p.client.getParamConflicts(calm)).toEqual({});
    const got = await p.client.getRun(id);
    expect(got.data.params).toEqual({ lr: '0.1' });
    expect(Object.keys(got).sort()).toEqual(['data', 'info', 'inputs']);
  }
  await expect(a.client.getParamConflicts('f'.repeat(32))).rejects.toMatchObject({ errorCode: 'RESOURCE_DOES_NOT_EXIST' });
});
