import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { BASE, fails, freshApi, invalid, missing, ok, type Api, send } from './helpers';

// Registered model, alias and tag names from a real file store
// (fixtures/mlflow-filestore/shisian512-mlops/mlruns/models/sk-learn-random-forest-reg-model).
const MODEL = 'sk-learn-random-forest-reg-model';

type Json = Record<string, unknown>;

/** PATCH / DELETE with a JSON body, as MLflow's clients send them. */
async function withUser(): Promise<Api> {
  const api = await freshApi();
  await api.ws.store.setUserProfile({ name: 'alice', email: 'alice@example.com' });
  return api;
}

const getModel = async (api: Api, name: string) => ((await ok(api.get('registered-models/get', { name }))) as { registered_model: Json }).registered_model;

describe('registered-models/create and get', () => {
  test('create returns the registered_model; get returns the same JSON', async () => {
    const api = await withUser();
    const created = await ok(
      api.post('registered-models/create', {
        name: MODEL,
        tags: [{ key: 'problem_type', value: 'regression' }],
        description: 'Random forest on the diabetes data',
      }),
    );
    expect(created).toEqual({
      registered_model: {
        name: MODEL,
        creation_timestamp: expect.any(Number),
        last_updated_timestamp: expect.any(Number),
        user_id: 'alice',
        description: 'Random forest on the diabetes data',
        tags: [{ key: 'problem_type', value: 'regression' }],
      },
    });
    expect(await ok(api.get('registered-models/get', { name: MODEL }))).toEqual(created);
  });

  test('unset description and empty lists are left out', async () => {
    const api = await withUser();
    await ok(api.post('registered-models/create', { name: MODEL }));
    const model = await getModel(api, MODEL);
    expect(Object.keys(model).sort()).toEqual(['creation_timestamp', 'last_updated_timestamp', 'name', 'user_id']);
  });

  test('duplicate -> 400 RESOURCE_ALREADY_EXISTS; missing or mistyped fields -> 400', async () => {
    const api = await withUser();
    await ok(api.post('registered-models/create', { name: MODEL }));
    await fails(api.post('registered-models/create', { name: MODEL }), 400, 'RESOURCE_ALREADY_EXISTS', `Registered Model (name=${MODEL}) already exists.`);
    await fails(api.post('registered-models/create', {}), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(api.post('registered-models/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(api.post('registered-models/create', { name: 5 }), 400, 'INVALID_PARAMETER_VALUE', invalid('name', '5', 'int'));
    await fails(api.post('registered-models/create', { name: 'x', tags: { a: 'b' } }), 400, 'INVALID_PARAMETER_VALUE', invalid('tags', '{"a":"b"}', 'dict'));
    await fails(api.post('registered-models/create', { name: 'x', description: 1 }), 400, 'INVALID_PARAMETER_VALUE', invalid('description', '1', 'int'));
  });

  test('unknown model -> 404 RESOURCE_DOES_NOT_EXIST; missing name -> 400', async () => {
    const api = await withUser();
    await fails(api.get('registered-models/get', { name: 'nope' }), 404, 'RESOURCE_DOES_NOT_EXIST', /nope/);
    await fails(api.get('registered-models/get'), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
  });
});

describe('registered-models/rename, update, delete', () => {
  test('rename returns the renamed model and moves its versions', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    await api.client.createModelVersion(MODEL, 's3://bucket/rf/model');
    const res = await ok(api.post('registered-models/rename', { name: MODEL, new_name: 'rf-regressor' }));
    expect((res.registered_model as Json).name).toBe('rf-regressor');
    await fails(api.get('registered-models/get', { name: MODEL }), 404, 'RESOURCE_DOES_NOT_EXIST');
    const { model_version } = (await ok(api.get('model-versions/get', { name: 'rf-regressor', version: '1' }))) as { model_version: Json };
    expect(model_version.name).toBe('rf-regressor');
  });

  test('rename: duplicate -> 400, unknown -> 404, missing new_name -> 400', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    await api.client.createRegisteredModel('other');
    await fails(api.post('registered-models/rename', { name: MODEL, new_name: 'other' }), 400, 'RESOURCE_ALREADY_EXISTS');
    await fails(api.post('registered-models/rename', { name: 'nope', new_name: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('registered-models/rename', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('new_name'));
  });

  test('PATCH update sets the description; no description clears it, as in MLflow', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    const res = await ok(send(api, 'PATCH', 'registered-models/update', { name: MODEL, description: 'v2 features' }));
    expect((res.registered_model as Json).description).toBe('v2 features');
    expect((await getModel(api, MODEL)).description).toBe('v2 features');
    await ok(send(api, 'PATCH', 'registered-models/update', { name: MODEL }));
    expect('description' in (await getModel(api, MODEL))).toBe(false);
    await fails(send(api, 'PATCH', 'registered-models/update', { name: 'nope', description: 'x' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'PATCH', 'registered-models/update', {}), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
  });

  test('DELETE delete removes the model and its versions; unknown -> 404', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    await api.client.createModelVersion(MODEL, 's3://bucket/rf/model');
    expect(await ok(send(api, 'DELETE', 'registered-models/delete', { name: MODEL }))).toEqual({});
    await fails(api.get('registered-models/get', { name: MODEL }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.get('model-versions/get', { name: MODEL, version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'DELETE', 'registered-models/delete', { name: MODEL }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'DELETE', 'registered-models/delete', {}), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
  });
});

describe('registered-models/set-tag and delete-tag', () => {
  test('set overwrites; value may be absent (""); DELETE delete-tag removes; a missing tag is a no-op', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    expect(await ok(api.post('registered-models/set-tag', { name: MODEL, key: 'problem_type', value: 'classification' }))).toEqual({});
    await ok(api.post('registered-models/set-tag', { name: MODEL, key: 'problem_type', value: 'regression' }));
    await ok(api.post('registered-models/set-tag', { name: MODEL, key: 'reviewed' }));
    expect((await getModel(api, MODEL)).tags).toEqual([
      { key: 'problem_type', value: 'regression' },
      { key: 'reviewed', value: '' },
    ]);
    expect(await ok(send(api, 'DELETE', 'registered-models/delete-tag', { name: MODEL, key: 'reviewed' }))).toEqual({});
    expect((await getModel(api, MODEL)).tags).toEqual([{ key: 'problem_type', value: 'regression' }]);
    expect(await ok(send(api, 'DELETE', 'registered-models/delete-tag', { name: MODEL, key: 'reviewed' }))).toEqual({});
  });

  test('unknown model -> 404; missing key -> 400; wrongly typed value -> 400', async () => {
    const api = await withUser();
    await api.client.createRegisteredModel(MODEL);
    await fails(api.post('registered-models/set-tag', { name: 'nope', key: 'k', value: 'v' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('registered-models/set-tag', { name: MODEL, value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(api.post('registered-models/set-tag', { name: MODEL, key: 'k', value: 1 }), 400, 'INVALID_PARAMETER_VALUE', invalid('value', '1', 'int'));
    await fails(send(api, 'DELETE', 'registered-models/delete-tag', { name: 'nope', key: 'k' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(send(api, 'DELETE', 'registered-models/delete-tag', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
  });
});

describe('registered-models/search', () => {
  async function threeModels(): Promise<Api> {
    const api = await withUser();
    for (const name of ['sk-learn-random-forest-reg-model', 'sk-learn-linear-model', 'onnx-resnet']) await api.client.createRegisteredModel(name);
    return api;
  }
  const names = (body: Json): string[] => ((body.registered_models ?? []) as Json[]).map((m) => m.name as string);

  test('filter and order_by from the query string (repeated keys)', async () => {
    const api = await threeModels();
    expect(names(await ok(api.get('registered-models/search')))).toEqual(['onnx-resnet', 'sk-learn-linear-model', 'sk-learn-random-forest-reg-model']);
    const body = await ok(api.get('registered-models/search', { filter: "name LIKE 'sk-%'", order_by: ['name DESC'] }));
    expect(names(body)).toEqual(['sk-learn-random-forest-reg-model', 'sk-learn-linear-model']);
    expect('next_page_token' in body).toBe(false);
  });

  test('max_results pages with next_page_token; no match is {}', async () => {
    const api = await threeModels();
    const first = await ok(api.get('registered-models/search', { max_results: 2 }));
    expect(names(first)).toEqual(['onnx-resnet', 'sk-learn-linear-model']);
    expect(first.next_page_token).toEqual(expect.any(String));
    const second = await ok(api.get('registered-models/search', { max_results: 2, page_token: first.next_page_token as string }));
    expect(names(second)).toEqual(['sk-learn-random-forest-reg-model']);
    expect(await ok(api.get('registered-models/search', { filter: "name = 'nope'" }))).toEqual({});
  });

  test('max_results over 1000 or not an integer -> 400 with the value as sent; bad filter -> 400', async () => {
    const api = await threeModels();
    await fails(api.get('registered-models/search', { max_results: 1001 }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '"1001"', 'str'));
    await fails(api.get('registered-models/search', { max_results: 'ten' }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '"ten"', 'str'));
    await fails(api.get('registered-models/search', { filter: 'creation_timestamp > 0' }), 400, 'INVALID_PARAMETER_VALUE');
  });
});
