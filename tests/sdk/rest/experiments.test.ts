import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { fails, freshApi, invalid, missing, ok } from './helpers';

// Names and tags from a real file store (fixtures/mlflow-filestore/manuelgilm-mlflow-for-ml-dev).
const EXP_NAME = 'testing_mlflow1';
const EXP_LOCATION = 'file:///C:/Users/manue/Documents/projects/mlflow_for_ml_dev/testing_mlflow1_artifacts';

describe('experiments/create, get, get-by-name', () => {
  test('create returns the id; get returns MLflow JSON with int64 times as numbers', async () => {
    const api = await freshApi();
    const created = await ok(
      api.post('experiments/create', {
        name: EXP_NAME,
        artifact_location: EXP_LOCATION,
        tags: [{ key: 'env', value: 'dev' }, { key: 'version', value: '1.0.0' }],
      }),
    );
    expect(Object.keys(created)).toEqual(['experiment_id']);
    const id = created.experiment_id as string;
    expect(id).toMatch(/^\d{18}$/);

    const { experiment } = (await ok(api.get('experiments/get', { experiment_id: id }))) as { experiment: Record<string, unknown> };
    expect(experiment).toEqual({
      experiment_id: id,
      name: EXP_NAME,
      artifact_location: EXP_LOCATION,
      lifecycle_stage: 'active',
      last_update_time: expect.any(Number),
      creation_time: expect.any(Number),
      tags: [{ key: 'env', value: 'dev' }, { key: 'version', value: '1.0.0' }],
    });
    expect(await ok(api.get('experiments/get-by-name', { experiment_name: EXP_NAME }))).toEqual({ experiment });
  });

  test('the default experiment has no tags field at all (empty lists are omitted)', async () => {
    const api = await freshApi();
    const { experiment } = (await ok(api.get('experiments/get', { experiment_id: '0' }))) as { experiment: Record<string, unknown> };
    expect(experiment.name).toBe('Default');
    expect(experiment.artifact_location).toBe('mlflow-artifacts:/0');
    expect('tags' in experiment).toBe(false);
  });

  test('duplicate name -> 400 RESOURCE_ALREADY_EXISTS', async () => {
    const api = await freshApi();
    await ok(api.post('experiments/create', { name: EXP_NAME }));
    await fails(api.post('experiments/create', { name: EXP_NAME }), 400, 'RESOURCE_ALREADY_EXISTS', /already exists/);
  });

  test('missing, empty and wrongly typed name', async () => {
    const api = await freshApi();
    await fails(api.post('experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(api.post('experiments/create', { name: '' }), 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(api.post('experiments/create', { name: 5 }), 400, 'INVALID_PARAMETER_VALUE', invalid('name', '5', 'int'));
    await fails(api.post('experiments/create', { name: 'x', tags: { env: 'dev' } }), 400, 'INVALID_PARAMETER_VALUE', invalid('tags', '{"env":"dev"}', 'dict'));
  });

  test('artifact_location with a fragment or ;params is refused like MLflow', async () => {
    const api = await freshApi();
    await fails(
      api.post('experiments/create', { name: 'a', artifact_location: 's3://bucket/path#frag' }),
      400,
      'INVALID_PARAMETER_VALUE',
      "'artifact_location' URL can't include fragments or params.",
    );
    await fails(api.post('experiments/create', { name: 'b', artifact_location: 'http://h/p;x=1' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.post('experiments/create', { name: 'c', artifact_location: 'http://h/p?q=%2e%2e/x' }), 400, 'INVALID_PARAMETER_VALUE', 'Invalid query string');
  });

  test('unknown id -> 404; unknown name -> 404 with MLflow message; missing params', async () => {
    const api = await freshApi();
    await fails(api.get('experiments/get', { experiment_id: '123456789012345678' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(
      api.get('experiments/get-by-name', { experiment_name: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      "Could not find experiment with name 'nope'",
    );
    await fails(api.get('experiments/get'), 400, 'INVALID_PARAMETER_VALUE', missing('experiment_id'));
    await fails(api.get('experiments/get-by-name'), 400, 'INVALID_PARAMETER_VALUE', missing('experiment_name'));
  });
});

describe('experiments/update, delete, restore, tags', () => {
  test('rename, then delete and restore: responses are {} and state follows', async () => {
    const api = await freshApi();
    const { experiment_id: id } = (await ok(api.post('experiments/create', { name: EXP_NAME }))) as { experiment_id: string };
    expect(await ok(api.post('experiments/update', { experiment_id: id, new_name: 'dl_model_chapter08' }))).toEqual({});
    expect((await api.client.getExperiment(id)).name).toBe('dl_model_chapter08');
    expect(await ok(api.post('experiments/delete', { experiment_id: id }))).toEqual({});
    expect((await api.client.getExperiment(id)).lifecycleStage).toBe('deleted');
    // get-by-name finds deleted experiments too
    const byName = (await ok(api.get('experiments/get-by-name', { experiment_name: 'dl_model_chapter08' }))) as { experiment: { lifecycle_stage: string } };
    expect(byName.experiment.lifecycle_stage).toBe('deleted');
    expect(await ok(api.post('experiments/restore', { experiment_id: id }))).toEqual({});
    expect((await api.client.getExperiment(id)).lifecycleStage).toBe('active');
  });

  test('update needs new_name; rename onto an existing name is RESOURCE_ALREADY_EXISTS', async () => {
    const api = await freshApi();
    const id = await api.client.createExperiment(EXP_NAME);
    await fails(api.post('experiments/update', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', missing('new_name'));
    await fails(api.post('experiments/update', { new_name: 'x' }), 400, 'INVALID_PARAMETER_VALUE', missing('experiment_id'));
    await fails(api.post('experiments/update', { experiment_id: id, new_name: 'Default' }), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  test('delete/restore errors: unknown id 404, restoring an active experiment 404', async () => {
    const api = await freshApi();
    const id = await api.client.createExperiment(EXP_NAME);
    await fails(api.post('experiments/delete', { experiment_id: '999' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('experiments/restore', { experiment_id: id }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('experiments/delete', {}), 400, 'INVALID_PARAMETER_VALUE', missing('experiment_id'));
  });

  test('set-experiment-tag and delete-experiment-tag', async () => {
    const api = await freshApi();
    const id = await api.client.createExperiment(EXP_NAME);
    expect(await ok(api.post('experiments/set-experiment-tag', { experiment_id: id, key: 'env', value: 'dev' }))).toEqual({});
    // value is optional on the wire: absent means ""
    await ok(api.post('experiments/set-experiment-tag', { experiment_id: id, key: 'version' }));
    expect((await api.client.getExperiment(id)).tags).toEqual({ env: 'dev', version: '' });
    expect(await ok(api.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'env' }))).toEqual({});
    expect((await api.client.getExperiment(id)).tags).toEqual({ version: '' });
    await fails(api.post('experiments/delete-experiment-tag', { experiment_id: id, key: 'env' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.post('experiments/set-experiment-tag', { experiment_id: id, value: 'v' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(api.post('experiments/delete-experiment-tag', { experiment_id: id }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await api.client.deleteExperiment(id);
    await fails(api.post('experiments/set-experiment-tag', { experiment_id: id, key: 'env', value: 'x' }), 400, 'INVALID_PARAMETER_VALUE', /active/);
  });
});

describe('experiments/search', () => {
  async function threeExperiments() {
    const api = await freshApi();
    const a = await api.client.createExperiment('dl_model_chapter08', { tags: { env: 'prod' } });
    const b = await api.client.createExperiment('testing_mlflow1', { tags: { env: 'dev' } });
    const c = await api.client.createExperiment('testing_mlflow2');
    await api.client.deleteExperiment(c);
    return { api, a, b, c };
  }

  test('POST and GET give the same result; filter and order_by (repeated query keys)', async () => {
    const { api, a, b } = await threeExperiments();
    const body = { filter: "name LIKE 'testing%' OR tags.env = 'prod'", order_by: ['name DESC'], max_results: 10 };
    const posted = (await ok(api.post('experiments/search', body))) as { experiments: Array<{ experiment_id: string }> };
    expect(posted.experiments.map((e) => e.experiment_id)).toEqual([b, a]);
    const got = await ok(api.get('experiments/search', { filter: body.filter, order_by: ['name DESC'], max_results: 10 }));
    expect(got).toEqual(posted);
  });

  test('view_type by name and by number; default is active only', async () => {
    const { api, c } = await threeExperiments();
    const names = async (q: Record<string, string | number>) =>
      (((await ok(api.get('experiments/search', q))) as { experiments?: Array<{ name: string; experiment_id: string }> }).experiments ?? []).map((e) => e.experiment_id);
    expect(await names({})).not.toContain(c);
    expect(await names({ view_type: 'DELETED_ONLY' })).toEqual([c]);
    expect(await names({ view_type: 2 })).toEqual([c]);
    expect(await names({ view_type: 'ALL' })).toHaveLength(4);
    expect(await names({ view_type: 3 })).toHaveLength(4);
    const viaPost = (await ok(api.post('experiments/search', { view_type: 2 }))) as { experiments: Array<{ experiment_id: string }> };
    expect(viaPost.experiments.map((e) => e.experiment_id)).toEqual([c]);
  });

  test('max_results defaults to 1000 and pages with next_page_token', async () => {
    const { api } = await threeExperiments();
    const all = (await ok(api.post('experiments/search', {}))) as { experiments: unknown[]; next_page_token?: string };
    expect(all.experiments).toHaveLength(3);
    expect(all.next_page_token).toBeUndefined();
    const first = (await ok(api.post('experiments/search', { max_results: 2, order_by: ['name'] }))) as { experiments: Array<{ name: string }>; next_page_token: string };
    expect(first.experiments.map((e) => e.name)).toEqual(['Default', 'dl_model_chapter08']);
    expect(first.next_page_token).toBe(btoa('{"offset": 2}'));
    const second = (await ok(api.get('experiments/search', { max_results: 2, order_by: 'name', page_token: first.next_page_token }))) as Record<string, unknown>;
    expect(second).toEqual({ experiments: [expect.objectContaining({ name: 'testing_mlflow1' })] });
  });

  test('no match is the empty message {}', async () => {
    const { api } = await threeExperiments();
    expect(await ok(api.post('experiments/search', { filter: "name = 'nothing'" }))).toEqual({});
  });

  test('bad filter, bad view_type, bad max_results -> 400 INVALID_PARAMETER_VALUE', async () => {
    const { api } = await threeExperiments();
    await fails(api.post('experiments/search', { filter: 'name ~ 3' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.post('experiments/search', { view_type: 'SOME' }), 400, 'INVALID_PARAMETER_VALUE', invalid('view_type', '"SOME"', 'str'));
    await fails(api.get('experiments/search', { max_results: 'ten' }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '"ten"', 'str'));
    await fails(api.post('experiments/search', { max_results: 0 }), 400, 'INVALID_PARAMETER_VALUE', /positive integer/);
    await fails(api.post('experiments/search', { order_by: 'name' }), 400, 'INVALID_PARAMETER_VALUE', invalid('order_by', '"name"', 'str'));
    await fails(api.post('experiments/search', { page_token: 'not a token' }), 400, 'INVALID_PARAMETER_VALUE', /page token/);
  });
});
