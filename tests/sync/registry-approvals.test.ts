// Approval gates and requests across peers: a request approved on one peer is decided (and its
// change applied) on the other; concurrent decisions end one way everywhere; replayed transitions
// are facts, not re-checked against a gate; deletes cancel pending requests everywhere.
import { afterEach, expect, test } from 'vitest';
import { type Peer, closeAll, openPeer, registryTables, sleep, syncAll } from './registry-harness';

let peers: Peer[] = [];
afterEach(async () => {
  await closeAll(peers);
  peers = [];
});

async function gatedModel(): Promise<[Peer, Peer, Peer]> {
  const a = await openPeer('a', { user: { name: 'Ann', email: 'ann@example.org' } });
  const b = await openPeer('b', { user: { name: 'Bo', email: 'bo@example.org' } });
  const c = await openPeer('c', { user: { name: 'Cy', email: 'cy@example.org' } });
  peers = [a, b, c];
  await a.client.createRegisteredModel('churn');
  await a.client.createModelVersion('churn', 'runs:/1/model');
  await a.client.createModelVersion('churn', 'runs:/2/model');
  await a.client.transitionModelVersionStage('churn', 1, 'Production');
  await a.client.setApprovalGate('churn', { stages: ['Production'], aliases: ['champion'] });
  await syncAll(peers);
  return [a, b, c];
}

test('a request made on one peer and approved on another is approved, and applied, everywhere', async () => {
  const [a, b, c] = await gatedModel();
  expect(await b.client.getApprovalGate('churn')).toEqual({ name: 'churn', stages: ['Production'], aliases: ['champion'] });
  const request = await a.client.requestTransition('churn', 2, { stage: 'Production', archiveExistingVersions: true }, { comment: 'ship it' });
  const aliasRequest = await a.client.requestTransition('churn', 2, { alias: 'champion' });
  await syncAll(peers);
  expect((await b.client.listTransitionRequests({ status: 'PENDING' })).map((r) => r.id).sort()).toEqual([request.id, aliasRequest.id].sort());
  await b.client.approveTransition(request.id, { comment: 'ok' });
  await b.client.approveTransition(aliasRequest.id);
  await syncAll(peers);
  for (const p of peers) {
    const decided = (await p.client.listTransitionRequests({ name: 'churn' })).find((r) => r.id === request.id);
    expect(decided, p.id).toMatchObject({ status: 'APPROVED', decidedBy: { name: 'Bo', email: 'bo@example.org' }, decisionComment: 'ok', comment: 'ship it' });
    expect((await p.client.getModelVersion('churn', 2)).currentStage).toBe('Production');
    expect((await p.client.getModelVersion('churn', 1)).currentStage).toBe('Archived');
    expect((await p.client.getRegisteredModel('churn')).aliases).toEqual([{ alias: 'champion', version: '2' }]);
    expect((await p.client.getRegistryEvents({ name: 'churn' })).map((e) => e.kind)).toEqual(expect.arrayContaining(['approval/request', 'approval/approve', 'version/stage', 'alias/set']));
  }
  const tables = await registryTables(a);
  expect(await registryTables(b)).toEqual(tables);
  expect(await registryTables(c)).toEqual(tables);
});

test('approved on one peer, rejected on another at the same time: the first decision wins everywhere', async () => {
  const [a, b, c] = await gatedModel();
  const request = await a.client.requestTransition('churn', 2, { stage: 'Production' });
  await syncAll(peers);
  await c.client.rejectTransition(request.id, { comment: 'not yet' });
  await sleep(3);
  await b.client.approveTransition(request.id); // b applies it locally, but c decided first
  expect((await b.client.getModelVersion('churn', 2)).currentStage).toBe('Production');
  await syncAll(peers);
  for (const p of peers) {
    expect((await p.client.listTransitionRequests({ name: 'churn' }))[0], p.id).toMatchObject({ status: 'REJECTED', decisionComment: 'not yet' });
    expect((await p.client.getModelVersion('churn', 2)).currentStage).toBe('None');
    // Both decisions stay in the trail.
    expect((await p.client.getRegistryEvents({ name: 'churn' })).filter((e) => e.kind === 'approval/approve' || e.kind === 'approval/reject').length).toBe(2);
  }
  expect(await registryTables(b)).toEqual(await registryTables(c));
});

test('a transition made before a gate arrived is a fact on every peer, not re-checked', async () => {
  const a = await openPeer('a');
  const b = await openPeer('b');
  peers = [a, b];
  await a.client.createRegisteredModel('m');
  await a.client.createModelVersion('m', 'runs:/1/model');
  await syncAll(peers);
  await a.client.setApprovalGate('m', { stages: ['Production'], aliases: [] });
  await b.client.transitionModelVersionStage('m', 1, 'Production'); // b has no gate yet
  await syncAll(peers);
  for (const p of peers) {
    expect((await p.client.getModelVersion('m', 1)).currentStage, p.id).toBe('Production');
    expect((await p.client.getApprovalGate('m')).stages).toEqual(['Production']);
  }
  // From now on the gate holds on b too.
  await expect(b.client.transitionModelVersionStage('m', 1, 'Staging')).resolves.toBeDefined();
  await expect(b.client.transitionModelVersionStage('m', 1, 'Production')).rejects.toMatchObject({ errorCode: 'PERMISSION_DENIED' });
  await syncAll(peers);
  expect(await registryTables(b)).toEqual(await registryTables(a));
});

test('a pending request on a version deleted concurrently ends CANCELLED everywhere', async () => {
  const [a, b] = await gatedModel();
  await a.client.deleteModelVersion('churn', 2);
  const request = await b.client.requestTransition('churn', 2, { stage: 'Production' });
  await syncAll(peers);
  for (const p of peers) {
    expect((await p.client.listTransitionRequests())[0], p.id).toMatchObject({ id: request.id, status: 'CANCELLED', decisionComment: 'version 2 was deleted', decidedBy: { name: 'Ann' } });
  }
  expect(await registryTables(b)).toEqual(await registryTables(a));
});
