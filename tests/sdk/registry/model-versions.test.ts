// Model versions through MlflowClient with MLflow's SQL-store semantics
// (tests/store/model_registry/test_sqlalchemy_store.py: create_model_version numbering,
// transition_model_version_stage with archive_existing_versions, delete, tags,
// search_model_versions) and where registered files can be loaded from.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { expectMlflowError, freshClient } from '../helpers';

async function withModel(versions = 0) {
  const fresh = await freshClient();
  await fresh.client.createRegisteredModel('m');
  for (let i = 1; i <= versions; i++) await fresh.client.createModelVersion('m', `s3://bucket/m/${i}`);
  return fresh;
}

describe('model versions', () => {
  test('numbers are 1, 2, 3 ... and never reused after deletes; any source is stored', async () => {
    const { client } = await withModel();
    const v1 = await client.createModelVersion('m', 's3://bucket/a', { runId: 'r1', description: 'first', tags: { k: 'v' }, runLink: 'http://x' });
    expect(v1).toMatchObject({ name: 'm', version: '1', currentStage: 'None', source: 's3://bucket/a', runId: 'r1', runLink: 'http://x', description: 'first', tags: { k: 'v' }, status: 'READY', statusMessage: '', aliases: [] });
    expect((await client.createModelVersion('m', 'https://host/model')).version).toBe('2');
    expect((await client.createModelVersion('m', 'file:///etc')).version).toBe('3');
    await client.deleteModelVersion('m', 3);
    await client.deleteModelVersion('m', '2');
    expect((await client.createModelVersion('m', 'gs://b/m')).version).toBe('4');
    expect((await client.searchModelVersions({ filterString: "name = 'm'" })).modelVersions.map((v) => v.version).sort()).toEqual(['1', '4']);
    const model = await client.getRegisteredModel('m');
    expect(model.lastUpdatedTimestamp).toBeGreaterThanOrEqual(v1.creationTimestamp);
  });

  test("MLflow's errors for unknown models and versions, bad version numbers, bad tags", async () => {
    const { client } = await withModel(1);
    await expectMlflowError(client.createModelVersion('nope', 's3://x'), 'RESOURCE_DOES_NOT_EXIST', /^Registered Model with name=nope not found$/);
    await expectMlflowError(client.createModelVersion('m', ''), 'INVALID_PARAMETER_VALUE', /'source'/);
    await expectMlflowError(client.getModelVersion('m', 9), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=m, version=9\) not found$/);
    await expectMlflowError(client.getModelVersion('nope', 1), 'RESOURCE_DOES_NOT_EXIST', /^Model Version \(name=nope, version=1\) not found$/);
    await expectMlflowError(client.getModelVersion('m', 'abc'), 'INVALID_PARAMETER_VALUE', /^Parameter 'version' must be an integer, got 'abc'\.$/);
    await expectMlflowError(client.getModelVersion('m', 1.5), 'INVALID_PARAMETER_VALUE', /must be an integer/);
    expect((await client.getModelVersion('m', ' 1 ')).version).toBe('1');
    await expectMlflowError(client.updateModelVersion('m', 9, { description: 'x' }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.deleteModelVersion('m', 9), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.transitionModelVersionStage('m', 9, 'Staging'), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.setModelVersionTag('m', 9, 'k', 'v'), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.deleteModelVersionTag('m', 9, 'k'), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.createModelVersion('m', 's3://x', { tags: { 'a/../b': 'v' } }), 'INVALID_PARAMETER_VALUE', /Invalid tag name/);
    await expectMlflowError(client.setModelVersionTag('m', 1, 'k', 'x'.repeat(5001)), 'INVALID_PARAMETER_VALUE', /^'value' exceeds the maximum length of 5000 characters$/);
    // A deleted version is gone for every operation.
    await client.deleteModelVersion('m', 1);
    await expectMlflowError(client.getModelVersion('m', 1), 'RESOURCE_DOES_NOT_EXIST', /version=1\) not found/);
    await expectMlflowError(client.updateModelVersion('m', 1, { description: 'x' }), 'RESOURCE_DOES_NOT_EXIST');
    await expectMlflowError(client.transitionModelVersionStage('m', 1, 'Staging'), 'RESOURCE_DOES_NOT_EXIST');
  });

  test('update description and tags (deleting a missing tag is a no-op)', async () => {
    const { client } = await withModel(1);
    const before = await client.getModelVersion('m', 1);
    await new Promise((r) => setTimeout(r, 3));
    const updated = await client.updateModelVersion('m', 1, { description: 'retrained' });
    expect(updated.description).toBe('retrained');
    expect(updated.lastUpdatedTimestamp).toBeGreaterThan(before.lastUpdatedTimestamp);
    await client.setModelVersionTag('m', 1, 'validated', 'true');
    await client.setModelVersionTag('m', '1', 'validated', 'false');
    await client.deleteModelVersionTag('m', 1, 'missing');
    expect((await client.getModelVersion('m', 1)).tags).toEqual({ validated: 'false' });
    await client.deleteModelVersionTag('m', 1, 'validated');
    expect((await client.getModelVersion('m', 1)).tags).toEqual({});
  });
});

describe('transitionModelVersionStage', () => {
  test('stages are case-insensitive and canonicalised; bad stages refused', async () => {
    const { client } = await withModel(1);
    expect((await client.transitionModelVersionStage('m', 1, 'staging')).currentStage).toBe('Staging');
    expect((await client.transitionModelVersionStage('m', 1, 'PRODUCTION')).currentStage).toBe('Production');
    expect((await client.transitionModelVersionStage('m', 1, 'none')).currentStage).toBe('None');
    await expectMlflowError(client.transitionModelVersionStage('m', 1, 'Deleted_Internal'), 'INVALID_PARAMETER_VALUE', /^Invalid Model Version stage: Deleted_Internal\. Value must be one of None, Staging, Production, Archived\.$/);
    await expectMlflowError(client.transitionModelVersionStage('m', 1, 'prod'), 'INVALID_PARAMETER_VALUE', /Invalid Model Version stage: prod/);
  });

  test('archive_existing_versions archives every OTHER version in the target stage only', async () => {
    const { client } = await withModel(5);
    await client.transitionModelVersionStage('m', 1, 'Production');
    await client.transitionModelVersionStage('m', 2, 'Production');
    await client.transitionModelVersionStage('m', 3, 'Staging');
    await client.transitionModelVersionStage('m', 4, 'Archived');
    const moved = await client.transitionModelVersionStage('m', 5, 'production', true);
    const stages = async () => (await client.searchModelVersions({ orderBy: ['version_number'] })).modelVersions.map((v) => v.currentStage);
    expect(await stages()).toEqual(['Archived', 'Archived', 'Staging', 'Archived', 'Production']);
    const archived = await client.getModelVersion('m', 1);
    expect(archived.lastUpdatedTimestamp).toBe(moved.lastUpdatedTimestamp);
    expect((await client.getModelVersion('m', 3)).lastUpdatedTimestamp).toBeLessThan(moved.lastUpdatedTimestamp + 1);
    expect((await client.getRegisteredModel('m')).lastUpdatedTimestamp).toBe(moved.lastUpdatedTimestamp);
    // Re-transitioning the version already there with archive keeps it (it is not "another" version).
    expect((await client.transitionModelVersionStage('m', 5, 'Production', true)).currentStage).toBe('Production');
    // Without the flag, versions pile up in a stage.
    await client.transitionModelVersionStage('m', 3, 'Production');
    expect(await stages()).toEqual(['Archived', 'Archived', 'Production', 'Archived', 'Production']);
  });

  test("archive_existing_versions only for Staging / Production, with MLflow's code-less error", async () => {
    const { client } = await withModel(1);
    for (const stage of ['None', 'archived']) {
      await expectMlflowError(
        client.transitionModelVersionStage('m', 1, stage, true),
        'INTERNAL_ERROR',
        new RegExp(`^Model version transition cannot archive existing model versions because '${stage}' is not an Active stage\\. Valid stages are \\['Staging', 'Production'\\]$`),
      );
    }
    expect((await client.getModelVersion('m', 1)).currentStage).toBe('None');
  });
});

describe('searchModelVersions', () => {
  async function seeded() {
    const { client } = await freshClient();
    const runA = 'a'.repeat(32);
    const runB = 'b'.repeat(32);
    const tick = () => new Promise((r) => setTimeout(r, 2));
    for (const name of ['m1', 'm2']) await client.createRegisteredModel(name);
    await client.createModelVersion('m1', `runs:/${runA}/model`, { runId: runA, tags: { stage: 'exp' } });
    await tick();
    await client.createModelVersion('m1', `runs:/${runB}/model`, { runId: runB });
    await tick();
    await client.createModelVersion('m2', 's3://bucket/m2', { runId: runA, tags: { stage: 'prod' } });
    await tick();
    await client.createModelVersion('m2', 's3://bucket/m2b', { tags: { 'mlflow.prompt.is_prompt': 'true' } });
    return { client, runA, runB };
  }
  const ids = (p: { modelVersions: Array<{ name: string; version: string }> }) => p.modelVersions.map((v) => `${v.name}/${v.version}`);

  test("MLflow's filters, the default order and tie-breaks", async () => {
    const { client, runA, runB } = await seeded();
    const q = async (filterString: string, orderBy?: string[]) => ids(await client.searchModelVersions({ filterString, ...(orderBy ? { orderBy } : {}) }));
    expect(ids(await client.searchModelVersions())).toEqual(['m2/1', 'm1/2', 'm1/1']);
    expect(await q("name = 'm1'")).toEqual(['m1/2', 'm1/1']);
    expect(await q('version_number >= 2', ['name', 'version_number'])).toEqual(['m1/2']);
    expect(await q('version_number <= 1', ['name'])).toEqual(['m1/1', 'm2/1']);
    expect(await q(`run_id = '${runA}'`, ['name'])).toEqual(['m1/1', 'm2/1']);
    expect(await q(`run_id IN ('${runB}', '${runA.toUpperCase()}')`)).toEqual(['m1/2']);
    expect(await q("source_path LIKE 's3://%'")).toEqual(['m2/1']);
    expect(await q("tags.stage = 'prod'")).toEqual(['m2/1']);
    expect(await q("tags.`mlflow.prompt.is_prompt` = 'true'")).toEqual(['m2/2']);
    expect(await q("current_stage = 'None' AND (name = 'm2' OR version_number = 2)", ['name'])).toEqual(['m1/2', 'm2/1']);
    expect(await q("name = 'm1'", ['version_number ASC'])).toEqual(['m1/1', 'm1/2']);
    expect(await q("name = 'm1'", ['creation_timestamp DESC'])).toEqual(['m1/2', 'm1/1']);
    await expectMlflowError(client.searchModelVersions({ filterString: "stage = 'x'" }), 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'stage' specified/);
    await expectMlflowError(client.searchModelVersions({ filterString: "version_number LIKE '1'" }), 'INVALID_PARAMETER_VALUE', /Expected numeric value type/);
    await expectMlflowError(client.searchModelVersions({ orderBy: ['run_id'] }), 'INVALID_PARAMETER_VALUE', /Invalid attribute key 'run_id' specified/);
    await expectMlflowError(client.searchModelVersions({ orderBy: ['name', 'name DESC'] }), 'INTERNAL_ERROR', /duplicate fields/);
    await expectMlflowError(client.searchModelVersions({ maxResults: 200_001 }), 'INVALID_PARAMETER_VALUE', /at most 200000, but got value 200001/);
  });

  test('paging with page tokens', async () => {
    const { client } = await seeded();
    const first = await client.searchModelVersions({ maxResults: 2, orderBy: ['name', 'version_number ASC'] });
    expect(ids(first)).toEqual(['m1/1', 'm1/2']);
    const second = await client.searchModelVersions({ maxResults: 2, orderBy: ['name', 'version_number ASC'], pageToken: first.nextPageToken });
    expect(ids(second)).toEqual(['m2/1']);
    expect(second.nextPageToken).toBeUndefined();
  });
});

describe('loading a registered version', () => {
  test('files elsewhere are reported clearly; local file sources are never read', async () => {
    const { client } = await withModel();
    await client.createModelVersion('m', 's3://bucket/models/churn');
    await client.createModelVersion('m', 'file:///etc');
    await client.createModelVersion('m', '/etc/passwd');
    await expectMlflowError(client.loadModel('models:/m/1'), 'RESOURCE_DOES_NOT_EXIST', /Version 1 of registered model 'm' has its files at 's3:\/\/bucket\/models\/churn', which is not in this workspace/);
    await expectMlflowError(client.loadModel('models:/m/2'), 'RESOURCE_DOES_NOT_EXIST', /'file:\/\/\/etc', which is not in this workspace \(Orchard never reads local files\)/);
    await expectMlflowError(client.loadModel('models:/m/3'), 'RESOURCE_DOES_NOT_EXIST', /never reads local files/);
  });

  test("a run's own artifact location works as a source, and a models:/ source points where its target did", async () => {
    const { client } = await withModel();
    const run = await client.createRun('0');
    await client.createModelVersion('m', `${run.info.artifactUri}/model`, { runId: run.info.runId });
    const resolved = await client.loadModel('models:/m/1').catch((e: Error) => e);
    // No MLmodel was logged there, so the loader says the run lacks it: the location was found.
    expect(String(resolved)).toMatch(new RegExp(`run ${run.info.runId} has no 'model/MLmodel' artifact`));
    await client.createModelVersion('m', 'models:/m/1');
    await client.deleteModelVersion('m', 1);
    const again = await client.loadModel('models:/m/2').catch((e: Error) => e);
    expect(String(again)).toMatch(/model\/MLmodel/);
    await expectMlflowError(client.createModelVersion('m', 'models:/m/9'), 'INTERNAL_ERROR', /^Unable to fetch model from model URI source artifact location 'models:\/m\/9'\.Error: Model Version \(name=m, version=9\) not found$/);
  });
});
