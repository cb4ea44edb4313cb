import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from './helpers';

describe('experiments', () => {
  test('the default experiment 0 named Default exists in a new workspace', async () => {
    const { client } = await freshClient();
    const e = await client.getExperiment('0');
    expect(e.name).toBe('Default');
    expect(e.lifecycleStage).toBe('active');
    expect((await client.getExperimentByName('Default'))?.experimentId).toBe('0');
  });

  test('create gives a random 18-digit numeric id and keeps tags and artifact location', async () => {
    const { client } = await freshClient();
    const id = await client.createExperiment('dl_model_chapter02', { tags: { team: 'vision' }, artifactLocation: 's3://bucket/x' });
    expect(id).toMatch(/^[1-9]\d{17}$/);
    const e = await client.getExperiment(id);
    expect(e).toMatchObject({ name: 'dl_model_chapter02', tags: { team: 'vision' }, artifactLocation: 's3://bucket/x' });
    const other = await client.createExperiment('second');
    expect((await client.getExperiment(other)).artifactLocation).toBe(`mlflow-artifacts:/${other}`);
  });

  test('names are unique across active and deleted experiments', async () => {
    const { client } = await freshClient();
    const id = await client.createExperiment('dup');
    await expectMlflowError(client.createExperiment('dup'), 'RESOURCE_ALREADY_EXISTS', /already exists/);
    await client.deleteExperiment(id);
    await expectMlflowError(client.createExperiment('dup'), 'RESOURCE_ALREADY_EXISTS', /deleted/);
    expect((await client.getExperimentByName('dup'))?.lifecycleStage).toBe('deleted');
  });

  test('invalid names are rejected', async () => {
    const { client } = await freshClient();
    await expectMlflowError(client.createExperiment(''), 'INVALID_PARAMETER_VALUE', /Invalid experiment name/);
    await expectMlflowError(client.createExperiment('x'.repeat(501)), 'INVALID_PARAMETER_VALUE', /maximum length of 500/);
    await expectMlflowError(client.createExperiment('x', { artifactLocation: 'runs:/abc' }), 'INVALID_PARAMETER_VALUE', /runs:\//);
  });

  test('unknown ids are RESOURCE_DOES_NOT_EXIST', async () => {
    const { client } = await freshClient();
    await expectMlflowError(client.getExperiment('123'), 'RESOURCE_DOES_NOT_EXIST', /No Experiment with id=123/);
    expect(await client.getExperimentByName('nope')).toBeUndefined();
  });

  test('rename checks clashes and only applies to active experiments', async () => {
    const { client } = await freshClient();
    const a = await client.createExperiment('a');
    await client.createExperiment('b');
    await expectMlflowError(client.renameExperiment(a, 'b'), 'RESOURCE_ALREADY_EXISTS');
    await client.renameExperiment(a, 'a2');
    expect((await client.getExperiment(a)).name).toBe('a2');
    await client.deleteExperiment(a);
    await expectMlflowError(client.renameExperiment(a, 'a3'), 'INVALID_PARAMETER_VALUE', /non-active/);
  });

  test('delete cascades to active runs; restore brings back every deleted run', async () => {
    const { client } = await freshClient();
    const id = await client.createExperiment('cascade');
    const r1 = await client.createRun(id);
    const r2 = await client.createRun(id);
    await client.deleteRun(r2.info.runId);
    await client.deleteExperiment(id);
    expect((await client.getRun(r1.info.runId)).info.lifecycleStage).toBe('deleted');
    await expectMlflowError(client.deleteExperiment(id), 'RESOURCE_DOES_NOT_EXIST');
    await client.restoreExperiment(id);
    expect((await client.getRun(r1.info.runId)).info.lifecycleStage).toBe('active');
    expect((await client.getRun(r2.info.runId)).info.lifecycleStage).toBe('active');
    await expectMlflowError(client.restoreExperiment(id), 'RESOURCE_DOES_NOT_EXIST', /deleted experiment/);
  });

  test('the default experiment cannot be deleted', async () => {
    const { client } = await freshClient();
    await expectMlflowError(client.deleteExperiment('0'), 'INVALID_PARAMETER_VALUE', /default experiment/);
  });

  test('tags: set, overwrite, delete, limits, only on active experiments', async () => {
    const { client } = await freshClient();
    const id = await client.createExperiment('tagged');
    await client.setExperimentTag(id, 'k', 'v1');
    await client.setExperimentTag(id, 'k', 'v2');
    expect((await client.getExperiment(id)).tags).toEqual({ k: 'v2' });
    await client.deleteExperimentTag(id, 'k');
    expect((await client.getExperiment(id)).tags).toEqual({});
    await expectMlflowError(client.deleteExperimentTag(id, 'k'), 'RESOURCE_DOES_NOT_EXIST', /No tag with name: k/);
    await expectMlflowError(client.setExperimentTag(id, 'k', 'x'.repeat(5001)), 'INVALID_PARAMETER_VALUE', /length limit of 5000/);
    await expectMlflowError(client.setExperimentTag(id, 'bad*key', 'v'), 'INVALID_PARAMETER_VALUE', /Invalid tag name/);
    await client.deleteExperiment(id);
    await expectMlflowError(client.setExperimentTag(id, 'k', 'v'), 'INVALID_PARAMETER_VALUE', /active/);
  });
});
