import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { BASE, fails, freshApi, invalid, missing, ok, type Api, send } from './helpers';

// Names from fixtures/mlflow-filestore/shisian512-mlops/mlruns/models/sk-learn-random-forest-reg-model.
const MODEL = 'sk-learn-random-forest-reg-model';
const STAGE_ERROR = 'Invalid Model Version stage: Prod. Value must be one of None, Staging, Production, Archived.';

type Json = Record<string, unknown>;

/** PATCH / DELETE with a JSON body, as MLflow's clients send them. */
async function withModel() {
  const api = await freshApi();
  await api.ws.store.setUserProfile({ name: 'alice', email: 'alice@example.com' });
  await api.client.createRegisteredModel(MODEL);
  const { info } = await api.client.createRun('0');
  const source = `runs:/${info.runId}/model`;
  const create = async (extra: Json = {}) =>
    ((await ok(api.post('model-versions/create', { name: MODEL, source, run_id: info.runId, ...extra }))) as { model_version: Json }).model_version;
  const getVersion = async (version: string) =>
    ((await ok(api.get('model-versions/get', { name: MODEL, version }))) as { model_version: Json }).model_version;
  return { api, runId: info.runId, source, create, getVersion };
}

describe('model-versions/create and get', () => {
  test('create returns the model_version with version as a string; get returns the same JSON', async () => {
    const { api, runId, source, create, getVersion } = await withModel();
    const v1 = await create();
    expect(v1).toEqual({
      name: MODEL,
      version: '1',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      user_id: 'alice',
      current_stage: 'None',
      source,
      run_id: runId,
      status: 'READY',
    });
    expect(await getVersion('1')).toEqual(v1);
    expect((await create()).version).toBe('2');
    const v3 = await create({ tags: [{ key: 'problem_type', value: 'regression' }], description: 'retrained', run_link: 'http://mlflow.example/#/runs/1' });
    expect(v3).toMatchObject({ version: '3', description: 'retrained', run_link: 'http://mlflow.example/#/runs/1', tags: [{ key: 'problem_type', value: 'regression' }] });
    const model = ((await ok(api.get('registered-models/get', { name: MODEL }))) as { registered_model: Json }).registered_model;
    expect(model.latest_versions).toEqual([v3]);
  });

  test('unknown model -> 404; missing or mistyped fields -> 400', async () => {
    const { api, source } = await withModel();
    await fails(api.post('model-versions/create', { name: 'nope', source }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('model-versions/create', { source }), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(api.post('model-versions/create', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('source'));
    await fails(api.post('model-versions/create', { name: MODEL, source, run_id: 7 }), 400, 'INVALID_PARAMETER_VALUE', invalid('run_id', '7', 'int'));
  });

  test('sources: local paths need a run whose local artifact directory holds them; no relative parts', async () => {
    const { api, runId } = await withModel();
    const local = "To use a local path as a model version source, the run_id request parameter has to be specified";
    await fails(api.post('model-versions/create', { name: MODEL, source: '/tmp/model' }), 400, 'INVALID_PARAMETER_VALUE', new RegExp(`^Invalid model version source: '/tmp/model'. ${local}`));
    // this workspace's runs keep artifacts under mlflow-artifacts:/, never on a local path
    await fails(api.post('model-versions/create', { name: MODEL, source: 'file:///tmp/x/../model', run_id: runId }), 400, 'INVALID_PARAMETER_VALUE', new RegExp(`^Invalid model version source: '/tmp/model'`));
    await fails(api.post('model-versions/create', { name: MODEL, source: '/tmp/model', run_id: 'ffffffffffffffffffffffffffffffff' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    for (const source of ['s3://bucket/models/../secret', 'http://host/a/..%2f..%2fetc', 'mlflow-artifacts:/0/%252e%252e/x', 's3://bucket', 'gs://b/./x']) {
      await fails(api.post('model-versions/create', { name: MODEL, source }), 400, 'INVALID_PARAMETER_VALUE', new RegExp(`^Invalid model version source: '${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'. If supplying`));
    }
    const ok1 = await ok(api.post('model-versions/create', { name: MODEL, source: 'mlflow-artifacts:/0/abc/artifacts/model' }));
    expect((ok1.model_version as Json).source).toBe('mlflow-artifacts:/0/abc/artifacts/model');
  });

  test('a local source inside the run artifact directory, and prompt versions, are accepted', async () => {
    const { api } = await withModel();
    const expId = await api.client.createExperiment('local-artifacts', { artifactLocation: 'file:///tmp/orchard-exp' });
    const run = await api.client.createRun(expId);
    const source = `${run.info.artifactUri}/model`;
    await ok(api.post('model-versions/create', { name: MODEL, source, run_id: run.info.runId }));
    await ok(api.post('model-versions/create', { name: MODEL, source: '/prompts/p', tags: [{ key: 'mlflow.prompt.is_prompt', value: 'true' }] }));
  });

  test('unknown or deleted version -> 404; version not an integer -> 400; version must be a string', async () => {
    const { api, create } = await withModel();
    await create();
    await fails(api.get('model-versions/get', { name: MODEL, version: '9' }), 404, 'RESOURCE_DOES_NOT_EXIST', `Model Version (name=${MODEL}, version=9) not found`);
    await fails(api.get('model-versions/get', { name: MODEL, version: 'abc' }), 400, 'INVALID_PARAMETER_VALUE', /must be an integer/);
    await fails(api.get('model-versions/get', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('version'));
    await fails(api.post('model-versions/set-tag', { name: MODEL, version: 1, key: 'k', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', invalid('version', '1', 'int'));
  });
});

describe('model-versions/update, delete, tags', () => {
  test('PATCH update sets the description; absent clears it; unknown -> 404', async () => {
    const { api, create, getVersion } = await withModel();
    await create();
    const res = await ok(send(api, 'PATCH', 'model-versions/update', { name: MODEL, version: '1', description: 'champion candidate' }));
    expect((res.model_version as Json).description).toBe('champion candidate');
    await ok(send(api, 'PATCH', 'model-versions/update', { name: MODEL, version: '1' }));
    expect('description' in (await getVersion('1'))).toBe(false);
    await fails(send(api, 'PATCH', 'model-versions/update', { name: MODEL, version: '2', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'PATCH', 'model-versions/update', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('version'));
  });

  test('DELETE delete: the version is gone and its number is never reused', async () => {
    const { api, create } = await withModel();
    await create();
    await create();
    expect(await ok(send(api, 'DELETE', 'model-versions/delete', { name: MODEL, version: '2' }))).toEqual({});
    await fails(api.get('model-versions/get', { name: MODEL, version: '2' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'DELETE', 'model-versions/delete', { name: MODEL, version: '2' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await create()).version).toBe('3');
  });

  test('set-tag and DELETE delete-tag', async () => {
    const { api, create, getVersion } = await withModel();
    await create();
    expect(await ok(api.post('model-versions/set-tag', { name: MODEL, version: '1', key: 'problem_type', value: 'regression' }))).toEqual({});
    expect((await getVersion('1')).tags).toEqual([{ key: 'problem_type', value: 'regression' }]);
    expect(await ok(send(api, 'DELETE', 'model-versions/delete-tag', { name: MODEL, version: '1', key: 'problem_type' }))).toEqual({});
    expect('tags' in (await getVersion('1'))).toBe(false);
    await fails(api.post('model-versions/set-tag', { name: MODEL, version: '5', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('model-versions/set-tag', { name: MODEL, version: '1', value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(send(api, 'DELETE', 'model-versions/delete-tag', { name: MODEL, version: '1' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
  });
});

describe('model-versions/transition-stage and registered-models/get-latest-versions', () => {
  test('stages are case-insensitive; archive_existing_versions archives the others in that stage', async () => {
    const { api, create, getVersion } = await withModel();
    await create();
    await create();
    const res = await ok(api.post('model-versions/transition-stage', { name: MODEL, version: '1', stage: 'production', archive_existing_versions: false }));
    expect((res.model_version as Json).current_stage).toBe('Production');
    await ok(api.post('model-versions/transition-stage', { name: MODEL, version: '2', stage: 'Production', archive_existing_versions: true }));
    expect((await getVersion('1')).current_stage).toBe('Archived');
    expect((await getVersion('2')).current_stage).toBe('Production');
  });

  test('bad stage, missing stage, a string archive flag -> 400; unknown version -> 404', async () => {
    const { api, create } = await withModel();
    await create();
    const post = (body: Json) => api.post('model-versions/transition-stage', { name: MODEL, version: '1', ...body });
    await fails(post({ stage: 'Prod' }), 400, 'INVALID_PARAMETER_VALUE', STAGE_ERROR);
    await fails(post({}), 400, 'INVALID_PARAMETER_VALUE', missing('stage'));
    await fails(post({ stage: 'Staging', archive_existing_versions: 'true' }), 400, 'INVALID_PARAMETER_VALUE', invalid('archive_existing_versions', '"true"', 'str'));
    await fails(post({ stage: 'Staging', version: '4' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    // MLflow raises this one without an error code: 500 INTERNAL_ERROR, with its message
    await fails(post({ stage: 'Archived', archive_existing_versions: true }), 500, 'INTERNAL_ERROR', /cannot archive existing model versions because 'Archived' is not an Active stage/);
  });

  test('get-latest-versions by POST and GET: one per stage; stages filter; bad stage -> 400', async () => {
    const { api, create } = await withModel();
    for (let i = 0; i < 3; i++) await create();
    await api.client.transitionModelVersionStage(MODEL, '1', 'Staging');
    const versions = (body: Json) => ((body.model_versions ?? []) as Json[]).map((v) => [v.version, v.current_stage]);
    expect(versions(await ok(api.post('registered-models/get-latest-versions', { name: MODEL })))).toEqual(
      expect.arrayContaining([['3', 'None'], ['1', 'Staging']]),
    );
    expect(versions(await ok(api.get('registered-models/get-latest-versions', { name: MODEL, stages: ['staging'] })))).toEqual([['1', 'Staging']]);
    expect(await ok(api.post('registered-models/get-latest-versions', { name: MODEL, stages: ['Production'] }))).toEqual({});
    await fails(api.post('registered-models/get-latest-versions', { name: MODEL, stages: ['Prod'] }), 400, 'INVALID_PARAMETER_VALUE', STAGE_ERROR);
    await fails(api.post('registered-models/get-latest-versions', { name: MODEL, stages: 'None' }), 400, 'INVALID_PARAMETER_VALUE', invalid('stages', '"None"', 'str'));
    await fails(api.get('registered-models/get-latest-versions', { name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('model-versions/search and get-download-uri', () => {
  test('search filters and pages; max_results over 200000 -> 400', async () => {
    const { api, create, runId } = await withModel();
    for (let i = 0; i < 3; i++) await create();
    const list = (body: Json) => ((body.model_versions ?? []) as Json[]).map((v) => v.version);
    expect(list(await ok(api.get('model-versions/search', { filter: `run_id = '${runId}'`, order_by: ['version_number ASC'] })))).toEqual(['1', '2', '3']);
    const page = await ok(api.get('model-versions/search', { filter: `name = '${MODEL}'`, order_by: ['version_number DESC'], max_results: 2 }));
    expect(list(page)).toEqual(['3', '2']);
    expect(page.next_page_token).toEqual(expect.any(String));
    expect(await ok(api.get('model-versions/search', { filter: "name = 'nope'" }))).toEqual({});
    await fails(api.get('model-versions/search', { max_results: 200001 }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '"200001"', 'str'));
  });

  test('get-download-uri is the source; a models:/ source is resolved once, when the version is created', async () => {
    const { api, create, source } = await withModel();
    await create();
    const uri = (version: string) => api.get('model-versions/get-download-uri', { name: MODEL, version });
    expect(await ok(uri('1'))).toEqual({ artifact_uri: source });
    await ok(api.post('model-versions/create', { name: MODEL, source: 's3://bucket/rf/2' }));
    await api.client.transitionModelVersionStage(MODEL, '1', 'Production');
    const v3 = await ok(api.post('model-versions/create', { name: MODEL, source: `models:/${MODEL}/production` }));
    expect((v3.model_version as Json).source).toBe(`models:/${MODEL}/production`);
    expect(await ok(uri('3'))).toEqual({ artifact_uri: source });
    // the stage moves on; version 3's files stay where they were when it was registered
    await api.client.transitionModelVersionStage(MODEL, '2', 'Production', true);
    expect(await ok(uri('3'))).toEqual({ artifact_uri: source });
    await fails(uri('7'), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.get('model-versions/get-download-uri', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', /version/);
  });
});
