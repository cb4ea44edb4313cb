import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from './helpers';

describe('runs', () => {
  test('createRun: MLflow-shaped run with generated name, RUNNING status and artifact uri', async () => {
    const { client, ws } = await freshClient();
    await ws.store.setUserProfile({ name: 'ana', email: 'ana@example.org' });
    const run = await client.createRun('0');
    expect(run.info.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info.runName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(run.info.runName.length).toBeLessThanOrEqual(20);
    expect(run.info).toMatchObject({ experimentId: '0', status: 'RUNNING', endTime: null, lifecycleStage: 'active', userId: 'ana' });
    expect(run.info.artifactUri).toBe(`mlflow-artifacts:/0/${run.info.runId}/artifacts`);
    expect(run.data.tags['mlflow.runName']).toBe(run.info.runName);
    expect(await client.getRun(run.info.runId)).toEqual(run);
  });

  test('omitted experiment id means the default experiment; missing experiment is an error', async () => {
    const { client } = await freshClient();
    expect((await client.createRun()).info.experimentId).toBe('0');
    await expectMlflowError(client.createRun('424242'), 'RESOURCE_DOES_NOT_EXIST', /No Experiment with id=424242/);
  });

  test('run name from the mlflow.runName tag; conflicting name and tag rejected; mlflow.user sets userId', async () => {
    const { client } = await freshClient();
    const r = await client.createRun('0', { tags: { 'mlflow.runName': 'from-tag', 'mlflow.user': 'bwin' } });
    expect(r.info.runName).toBe('from-tag');
    expect(r.info.userId).toBe('bwin');
    await expectMlflowError(client.createRun('0', { runName: 'a', tags: { 'mlflow.runName': 'b' } }), 'INVALID_PARAMETER_VALUE', /run_name/);
  });

  test('creating a run in a deleted experiment is rejected', async () => {
    const { client } = await freshClient();
    const id = await client.createExperiment('gone');
    await client.deleteExperiment(id);
    await expectMlflowError(client.createRun(id), 'INVALID_PARAMETER_VALUE', /must be in the 'active' state/);
  });

  test('updateRun and setTerminated; renaming rewrites the mlflow.runName tag', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0', { runName: 'first' });
    const updated = await client.updateRun(info.runId, { runName: 'second', status: 'SCHEDULED' });
    expect(updated.info).toMatchObject({ runName: 'second', status: 'SCHEDULED' });
    expect(updated.data.tags['mlflow.runName']).toBe('second');
    await client.setTerminated(info.runId, 'FAILED', 1234);
    expect((await client.getRun(info.runId)).info).toMatchObject({ status: 'FAILED', endTime: 1234 });
    await expectMlflowError(client.updateRun(info.runId, { status: 'DONE' as never }), 'INVALID_PARAMETER_VALUE', /Invalid run status/);
    await client.setTag(info.runId, 'mlflow.runName', 'third');
    expect((await client.getRun(info.runId)).info.runName).toBe('third');
  });

  test('delete and restore; mutations need an active run; getRun works on deleted runs', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.deleteRun(info.runId);
    expect((await client.getRun(info.runId)).info.lifecycleStage).toBe('deleted');
    await expectMlflowError(client.logParam(info.runId, 'a', 1), 'INVALID_PARAMETER_VALUE', /must be in the 'active' state/);
    await expectMlflowError(client.setTag(info.runId, 'a', 1), 'INVALID_PARAMETER_VALUE');
    await client.restoreRun(info.runId);
    await client.logParam(info.runId, 'a', 1);
    expect((await client.getRun(info.runId)).data.params).toEqual({ a: '1' });
  });

  test('unknown and malformed run ids', async () => {
    const { client } = await freshClient();
    await expectMlflowError(client.getRun('0123456789abcdef0123456789abcdef'), 'RESOURCE_DOES_NOT_EXIST', /not found/);
    await expectMlflowError(client.getRun('../etc'), 'INVALID_PARAMETER_VALUE', /Invalid run ID/);
  });

  test('params are write-once: same value is a no-op, a different value is an error', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.logParam(info.runId, 'optimizer_name', 'Adam');
    await client.logParam(info.runId, 'optimizer_name', 'Adam');
    await expectMlflowError(
      client.logParam(info.runId, 'optimizer_name', 'SGD'),
      'INVALID_PARAMETER_VALUE',
      /Changing param values is not allowed. Param with key='optimizer_name' was already logged with value='Adam'.*Attempted logging new value 'SGD'/,
    );
    await expectMlflowError(client.logBatch(info.runId, { params: [{ key: 'x', value: 1 }, { key: 'x', value: 2 }] }), 'INVALID_PARAMETER_VALUE', /Duplicate parameter keys/);
  });

  test('key validation and length limits follow MLflow', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    for (const bad of ['a//b', 'a/./b', '/a', 'a/', '..', '', 'a*b', 'bad\nkey']) {
      await expectMlflowError(client.logParam(info.runId, bad, 'v'), 'INVALID_PARAMETER_VALUE', /Invalid parameter name/);
    }
    await client.logParam(info.runId, 'ok key/with.dots-and:colon_ünïcode', 'v');
    await expectMlflowError(client.logParam(info.runId, 'k'.repeat(251), 'v'), 'INVALID_PARAMETER_VALUE', /length limit of 250/);
    await client.logParam(info.runId, 'long', 'x'.repeat(7000));
    expect((await client.getRun(info.runId)).data.params.long).toHaveLength(6000);
    await client.setTag(info.runId, 'longtag', 'y'.repeat(9000));
    expect((await client.getRun(info.runId)).data.tags.longtag).toHaveLength(8000);
  });

  test('logBatch limits and all-or-nothing application', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, step: i, timestamp: 1 }));
    await expectMlflowError(client.logBatch(info.runId, { metrics }), 'INVALID_PARAMETER_VALUE', /at most 1000 metrics/);
    const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: i }));
    await expectMlflowError(client.logBatch(info.runId, { params }), 'INVALID_PARAMETER_VALUE', /at most 100 params/);
    await client.logParam(info.runId, 'fixed', 'a');
    await expectMlflowError(
      client.logBatch(info.runId, { params: [{ key: 'fixed', value: 'b' }], metrics: [{ key: 'loss', value: 1 }], tags: [{ key: 't', value: 'v' }] }),
      'INVALID_PARAMETER_VALUE',
    );
    const after = await client.getRun(info.runId);
    expect(after.data.metrics).toEqual({});
    expect(after.data.tags.t).toBeUndefined();
  });

  test('tags: set, delete, deleting a missing tag', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    await client.setTag(info.runId, 'pipeline_step', 'fine_tuning');
    expect((await client.getRun(info.runId)).data.tags.pipeline_step).toBe('fine_tuning');
    await client.deleteTag(info.runId, 'pipeline_step');
    expect((await client.getRun(info.runId)).data.tags.pipeline_step).toBeUndefined();
    await expectMlflowError(client.deleteTag(info.runId, 'pipeline_step'), 'RESOURCE_DOES_NOT_EXIST', /No tag with name: pipeline_step/);
  });

  test('logInputs stores datasets with input tags and merges repeats', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const dataset = { name: 'iris', digest: 'd41d8cd9', sourceType: 'http', source: '{"url": "https://example.org/iris.csv"}' };
    await client.logInputs(info.runId, [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'training' }] }]);
    await client.logInputs(info.runId, [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'evaluation' }] }]);
    const run = await client.getRun(info.runId);
    expect(run.inputs.datasetInputs).toEqual([{ dataset, tags: [{ key: 'mlflow.data.context', value: 'evaluation' }] }]);
    await expectMlflowError(client.logInputs(info.runId, [{ dataset: { ...dataset, digest: 'x'.repeat(37) }, tags: [] }]), 'INVALID_PARAMETER_VALUE', /digest exceeds/);
    await expectMlflowError(client.logInputs(info.runId, [{ dataset: { name: 'a' } as never, tags: [] }]), 'INVALID_PARAMETER_VALUE', /cannot be None/);
  });

  test('moveRuns moves runs between experiments atomically and search follows', async () => {
    const { client } = await freshClient();
    const target = await client.createExperiment('target');
    const a = await client.createRun('0');
    const b = await client.createRun('0');
    expect((await client.searchRuns({ experimentIds: ['0'] })).runs).toHaveLength(2);
    await client.moveRuns([a.info.runId], target);
    const moved = await client.getRun(a.info.runId);
    expect(moved.info.experimentId).toBe(target);
    expect(moved.info.artifactUri).toBe(`mlflow-artifacts:/${target}/${a.info.runId}/artifacts`);
    expect((await client.searchRuns({ experimentIds: ['0'] })).runs.map((r) => r.info.runId)).toEqual([b.info.runId]);
    expect((await client.searchRuns({ experimentIds: [target] })).runs.map((r) => r.info.runId)).toEqual([a.info.runId]);
    await client.deleteRun(b.info.runId);
    await expectMlflowError(client.moveRuns([b.info.runId], target), 'INVALID_PARAMETER_VALUE', /active/);
    await expectMlflowError(client.moveRuns([a.info.runId], '999'), 'RESOURCE_DOES_NOT_EXIST');
  });
});
