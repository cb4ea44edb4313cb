// Orchard's approval gates (beyond MLflow): with a gate, a change to a gated stage or alias is a
// request that a DIFFERENT user approves; two users = two local profiles, switched between calls.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { MlflowClient, Workspace } from '../../../src/sdk/index';
import { expectMlflowError, freshClient } from '../helpers';

const ANA = { name: 'Ana', email: 'ana@example.com' };
const BO = { name: 'Bo', email: 'bo@example.com' };

async function gated(): Promise<{ client: MlflowClient; ws: Workspace; as: (who: typeof ANA) => Promise<void> }> {
  const { client, ws } = await freshClient();
  const as = (who: typeof ANA) => ws.store.setUserProfile(who);
  await as(ANA);
  await client.createRegisteredModel('churn');
  for (let i = 1; i <= 3; i++) await client.createModelVersion('churn', `s3://b/${i}`);
  await client.setApprovalGate('churn', { stages: ['production'], aliases: ['champion'] });
  return { client, ws, as };
}

describe('approval gates', () => {
  test('without a gate transitions are immediate; the gate is stored canonicalised and validated', async () => {
    const { client } = await freshClient();
    await client.createRegisteredModel('m');
    await client.createModelVersion('m', 's3://x');
    expect(await client.getApprovalGate('m')).toEqual({ name: 'm', stages: [], aliases: [] });
    expect((await client.transitionModelVersionStage('m', 1, 'Production')).currentStage).toBe('Production');
    await client.setRegisteredModelAlias('m', 'champion', 1);
    await client.setApprovalGate('m', { stages: ['production', 'Production', 'STAGING'], aliases: ['champion'] });
    expect(await client.getApprovalGate('m')).toEqual({ name: 'm', stages: ['Production', 'Staging'], aliases: ['champion'] });
    await expectMlflowError(client.setApprovalGate('m', { stages: ['Prod'], aliases: [] }), 'INVALID_PARAMETER_VALUE', /Invalid Model Version stage: Prod/);
    await expectMlflowError(client.setApprovalGate('m', { stages: [], aliases: ['latest'] }), 'INVALID_PARAMETER_VALUE', /reserved/);
    await expectMlflowError(client.setApprovalGate('nope', { stages: [], aliases: [] }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.getApprovalGate('nope'), 'RESOURCE_DOES_NOT_EXIST');
    await client.setApprovalGate('m', { stages: [], aliases: [] });
    expect(await client.getApprovalGate('m')).toEqual({ name: 'm', stages: [], aliases: [] });
  });

  test('a gated stage or alias refuses direct changes; ungated ones stay immediate', async () => {
    const { client } = await gated();
    await expectMlflowError(client.transitionModelVersionStage('churn', 2, 'Production', true), 'PERMISSION_DENIED', /^Moving version 2 of 'churn' to Production needs approval: use requestTransition/);
    await expectMlflowError(client.setRegisteredModelAlias('churn', 'champion', 2), 'PERMISSION_DENIED', /^Pointing alias 'champion' of 'churn' at version 2 needs approval: use requestTransition/);
    expect((await client.getModelVersion('churn', 2)).currentStage).toBe('None');
    expect((await client.transitionModelVersionStage('churn', 2, 'Staging')).currentStage).toBe('Staging');
    await client.setRegisteredModelAlias('churn', 'challenger', 2);
  });

  test('request -> a different user approves -> applied, with archive_existing_versions', async () => {
    const { client, as } = await gated();
    await as(BO);
    await client.setApprovalGate('churn', { stages: [], aliases: [] });
    await client.transitionModelVersionStage('churn', 1, 'Production');
    await client.setApprovalGate('churn', { stages: ['Production'], aliases: ['champion'] });

    await as(ANA);
    const req = await client.requestTransition('churn', 2, { stage: 'production', archiveExistingVersions: true }, { comment: 'beats v1 by 3%' });
    expect(req).toMatchObject({ name: 'churn', version: '2', target: { kind: 'stage', stage: 'Production' }, archiveExistingVersions: true, requestedBy: ANA, comment: 'beats v1 by 3%', status: 'PENDING' });
    expect(await client.listTransitionRequests({ name: 'churn', status: 'PENDING' })).toEqual([req]);
    await expectMlflowError(client.requestTransition('churn', '2', { stage: 'Production' }), 'RESOURCE_ALREADY_EXISTS', /already requested/);

    // The requester cannot approve their own request.
    await expectMlflowError(client.approveTransition(req.id), 'PERMISSION_DENIED', /a different user must approve it/);
    // Same person, another spelling of the name: still the same email.
    await as({ name: 'ana', email: 'ANA@example.com' });
    await expectMlflowError(client.approveTransition(req.id), 'PERMISSION_DENIED');
    expect((await client.getModelVersion('churn', 2)).currentStage).toBe('None');

    await as(BO);
    const approved = await client.approveTransition(req.id, { comment: 'lgtm' });
    expect(approved).toMatchObject({ status: 'APPROVED', decidedBy: BO, decisionComment: 'lgtm' });
    expect(approved.decidedAt).toBeGreaterThanOrEqual(req.requestedAt);
    expect((await client.getModelVersion('churn', 2)).currentStage).toBe('Production');
    expect((await client.getModelVersion('churn', 1)).currentStage).toBe('Archived');
    await expectMlflowError(client.approveTransition(req.id), 'RESOURCE_CONFLICT', /already APPROVED/);
    expect(await client.listTransitionRequests({ status: 'PENDING' })).toEqual([]);
  });

  test('alias requests: approve moves the alias; reject and cancel leave everything as it was', async () => {
    const { client, as } = await gated();
    const first = await client.requestTransition('churn', 1, { alias: 'champion' });
    await as(BO);
    await client.approveTransition(first.id);
    expect((await client.getModelVersionByAlias('churn', 'champion')).version).toBe('1');

    await as(ANA);
    const moveTo3 = await client.requestTransition('churn', 3, { alias: 'champion' }, { comment: 'new data' });
    await expectMlflowError(client.rejectTransition(moveTo3.id), 'PERMISSION_DENIED', /cancelTransition/);
    await as(BO);
    await expectMlflowError(client.cancelTransition(moveTo3.id), 'PERMISSION_DENIED', /^Only the requester \(Ana <ana@example\.com>\) can cancel/);
    const rejected = await client.rejectTransition(moveTo3.id, { comment: 'not yet' });
    expect(rejected).toMatchObject({ status: 'REJECTED', decidedBy: BO, decisionComment: 'not yet' });
    expect((await client.getModelVersionByAlias('churn', 'champion')).version).toBe('1');

    await as(ANA);
    const again = await client.requestTransition('churn', 3, { alias: 'champion' });
    const cancelled = await client.cancelTransition(again.id, { comment: 'wrong version' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', decidedBy: ANA, decisionComment: 'wrong version' });
    await as(BO);
    await expectMlflowError(client.approveTransition(again.id), 'RESOURCE_CONFLICT', /already CANCELLED/);
    expect((await client.listTransitionRequests({ name: 'churn' })).map((r) => r.status)).toEqual(['CANCELLED', 'REJECTED', 'APPROVED']);
  });

  test('errors: unknown requests and versions, bad targets, anonymous approvers', async () => {
    const { client, ws, as } = await gated();
    await expectMlflowError(client.approveTransition('nope'), 'RESOURCE_DOES_NOT_EXIST', /^Transition request nope not found$/);
    await expectMlflowError(client.requestTransition('churn', 9, { stage: 'Production' }), 'RESOURCE_DOES_NOT_EXIST', /version=9\) not found/);
    await expectMlflowError(client.requestTransition('nope', 1, { stage: 'Production' }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.requestTransition('churn', 1, { stage: 'Prod' }), 'INVALID_PARAMETER_VALUE', /Invalid Model Version stage/);
    await expectMlflowError(client.requestTransition('churn', 1, { stage: 'None', archiveExistingVersions: true }), 'INTERNAL_ERROR', /not an Active stage/);
    await expectMlflowError(client.requestTransition('churn', 1, { alias: 'v2' }), 'INVALID_PARAMETER_VALUE', /reserved/);
    const req = await client.requestTransition('churn', 1, { stage: 'Production' });
    await ws.store.setUserProfile({ name: '', email: '' });
    await expectMlflowError(client.approveTransition(req.id), 'UNAUTHENTICATED', /set your user profile/);
    await as(BO);
    await client.approveTransition(req.id);
  });

  test('deleting a version or the model cancels its pending requests; rename carries requests and gate', async () => {
    const { client, as } = await gated();
    const onV1 = await client.requestTransition('churn', 1, { stage: 'Production' });
    const onV2 = await client.requestTransition('churn', 2, { alias: 'champion' });
    await client.deleteModelVersion('churn', 1);
    expect((await client.listTransitionRequests({ name: 'churn' })).find((r) => r.id === onV1.id)).toMatchObject({ status: 'CANCELLED', decisionComment: 'version 1 was deleted' });
    await client.renameRegisteredModel('churn', 'churn2');
    expect(await client.getApprovalGate('churn2')).toEqual({ name: 'churn2', stages: ['Production'], aliases: ['champion'] });
    expect((await client.listTransitionRequests({ name: 'churn2', status: 'PENDING' })).map((r) => r.id)).toEqual([onV2.id]);
    await as(BO);
    await client.approveTransition(onV2.id);
    expect((await client.getModelVersionByAlias('churn2', 'champion')).version).toBe('2');
    await as(ANA);
    const onV3 = await client.requestTransition('churn2', 3, { stage: 'Production' });
    await client.deleteRegisteredModel('churn2');
    expect((await client.listTransitionRequests({ name: 'churn2' })).find((r) => r.id === onV3.id)?.status).toBe('CANCELLED');
  });
});
