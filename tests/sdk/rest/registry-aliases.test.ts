import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { BASE, fails, freshApi, getRequest, missing, ok, postRequest, type Api, send } from './helpers';

// Model and aliases from fixtures/mlflow-filestore/shisian512-mlops (best_model -> 3, the_best_model_ever -> 4).
const MODEL = 'sk-learn-random-forest-reg-model';
const ORIGIN = 'http://orchard.test';

type Json = Record<string, unknown>;

/** PATCH / DELETE with a JSON body, as MLflow's clients send them. */
async function withVersions(count = 4): Promise<Api> {
  const api = await freshApi();
  await api.ws.store.setUserProfile({ name: 'alice', email: 'alice@example.com' });
  await api.client.createRegisteredModel(MODEL);
  for (let i = 1; i <= count; i++) await api.client.createModelVersion(MODEL, `s3://models/rf/${i}`);
  return api;
}

const setAlias = (api: Api, alias: unknown, version: unknown) => api.post('registered-models/alias', { name: MODEL, alias, version });

describe('registered-models/alias', () => {
  test('POST sets, GET returns the model_version, the model lists its aliases, DELETE removes', async () => {
    const api = await withVersions();
    expect(await ok(setAlias(api, 'best_model', '3'))).toEqual({});
    await ok(setAlias(api, 'the_best_model_ever', '4'));
    const { model_version } = (await ok(api.get('registered-models/alias', { name: MODEL, alias: 'best_model' }))) as { model_version: Json };
    expect(model_version).toMatchObject({ name: MODEL, version: '3', source: 's3://models/rf/3', aliases: ['best_model'] });
    const { registered_model } = (await ok(api.get('registered-models/get', { name: MODEL }))) as { registered_model: Json };
    expect(registered_model.aliases).toEqual(
      expect.arrayContaining([
        { alias: 'best_model', version: '3' },
        { alias: 'the_best_model_ever', version: '4' },
      ]),
    );
    expect(await ok(send(api, 'DELETE', 'registered-models/alias', { name: MODEL, alias: 'best_model' }))).toEqual({});
    await fails(api.get('registered-models/alias', { name: MODEL, alias: 'best_model' }), 400, 'INVALID_PARAMETER_VALUE', 'Registered model alias best_model not found.');
    // deleting an alias that is not set is a no-op
    expect(await ok(send(api, 'DELETE', 'registered-models/alias', { name: MODEL, alias: 'best_model' }))).toEqual({});
  });

  test('setting an existing alias moves it', async () => {
    const api = await withVersions();
    await ok(setAlias(api, 'best_model', '3'));
    await ok(setAlias(api, 'best_model', '4'));
    const { model_version } = (await ok(api.get('registered-models/alias', { name: MODEL, alias: 'best_model' }))) as { model_version: Json };
    expect(model_version.version).toBe('4');
    const v3 = ((await ok(api.get('model-versions/get', { name: MODEL, version: '3' }))) as { model_version: Json }).model_version;
    expect('aliases' in v3).toBe(false);
  });

  test('bad alias names -> 400 INVALID_PARAMETER_VALUE', async () => {
    const api = await withVersions();
    await fails(setAlias(api, 'best model!', '3'), 400, 'INVALID_PARAMETER_VALUE', /^Invalid alias name: 'best model!'/);
    await fails(setAlias(api, 'Latest', '3'), 400, 'INVALID_PARAMETER_VALUE', /'latest' alias name \(case insensitive\) is reserved/);
    await fails(setAlias(api, 'v1', '3'), 400, 'INVALID_PARAMETER_VALUE', /Version alias name 'v1' is reserved/);
  });

  test('missing fields, version not an integer -> 400; unknown version or model -> 404', async () => {
    const api = await withVersions();
    await fails(setAlias(api, 'best_model', undefined), 400, 'INVALID_PARAMETER_VALUE', missing('version'));
    await fails(setAlias(api, undefined, '3'), 400, 'INVALID_PARAMETER_VALUE', missing('alias'));
    await fails(setAlias(api, 'best_model', 'three'), 400, 'INVALID_PARAMETER_VALUE', /must be an integer/);
    await fails(setAlias(api, 'best_model', '9'), 404, 'RESOURCE_DOES_NOT_EXIST', `Model Version (name=${MODEL}, version=9) not found`);
    await fails(api.post('registered-models/alias', { name: 'nope', alias: 'best_model', version: '1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.get('registered-models/alias', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('alias'));
    await fails(send(api, 'DELETE', 'registered-models/alias', { name: MODEL }), 400, 'INVALID_PARAMETER_VALUE', missing('alias'));
  });

  test('deleting a version removes its aliases', async () => {
    const api = await withVersions();
    await ok(setAlias(api, 'best_model', '3'));
    await ok(send(api, 'DELETE', 'model-versions/delete', { name: MODEL, version: '3' }));
    await fails(api.get('registered-models/alias', { name: MODEL, alias: 'best_model' }), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('registry routing', () => {
  test('a wrong method is 405 with the allowed ones', async () => {
    const api = await withVersions(1);
    const cases: [Request, string][] = [
      [getRequest('registered-models/create'), 'OPTIONS, POST'],
      [postRequest('registered-models/update', { name: MODEL }), 'OPTIONS, PATCH'],
      [postRequest('registered-models/delete', { name: MODEL }), 'DELETE, OPTIONS'],
      [postRequest('registered-models/search'), 'GET, HEAD, OPTIONS'],
      [getRequest('registered-models/delete-tag', { name: MODEL, key: 'k' }), 'DELETE, OPTIONS'],
      [new Request(`${BASE}registered-models/alias`, { method: 'PATCH', body: '{}' }), 'DELETE, GET, HEAD, OPTIONS, POST'],
      [getRequest('model-versions/transition-stage'), 'OPTIONS, POST'],
      [postRequest('model-versions/update', { name: MODEL, version: '1' }), 'OPTIONS, PATCH'],
      [postRequest('model-versions/get-download-uri', { name: MODEL, version: '1' }), 'GET, HEAD, OPTIONS'],
      [new Request(`${BASE}model-versions/delete-tag`, { method: 'PUT', body: '{}' }), 'DELETE, OPTIONS'],
    ];
    for (const [request, allow] of cases) {
      const res = await api.handle(request);
      expect(res.status, request.url).toBe(405);
      expect(res.headers.get('Allow')).toBe(allow);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('BAD_REQUEST');
    }
    const options = await api.handle(new Request(`${BASE}registered-models/get-latest-versions`, { method: 'OPTIONS' }));
    expect(options.headers.get('Allow')).toBe('GET, HEAD, OPTIONS, POST');
  });

  test('the /ajax-api/ prefix serves the registry too; HEAD is GET without a body', async () => {
    const api = await withVersions(1);
    const ajax = `${ORIGIN}/ajax-api/2.0/mlflow/`;
    const viaAjax = await ok(api.handle(getRequest('model-versions/get', { name: MODEL, version: '1' }, ajax)));
    expect(viaAjax).toEqual(await ok(api.get('model-versions/get', { name: MODEL, version: '1' })));
    await ok(api.handle(postRequest('registered-models/create', { name: 'via-ajax' }, ajax)));
    const head = await api.handle(new Request(`${BASE}registered-models/get?name=${MODEL}`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test('PATCH and DELETE read a JSON body without needing a Content-Type (MLflow checks POST/PUT only)', async () => {
    const api = await withVersions(1);
    await ok(send(api, 'PATCH', 'model-versions/update', { name: MODEL, version: '1', description: 'x' }, {}));
    await ok(send(api, 'DELETE', 'registered-models/delete-tag', { name: MODEL, key: 'k' }, {}));
    const empty = await api.handle(new Request(`${BASE}registered-models/delete`, { method: 'DELETE' }));
    await fails(empty, 400, 'INVALID_PARAMETER_VALUE', missing('name'));
    await fails(send(api, 'PATCH', 'registered-models/update', '{"name":'), 400, 'INVALID_PARAMETER_VALUE', /Malformed JSON/);
  });
});

describe('approval gates surface through REST', () => {
  test('a gated stage or alias is 403 PERMISSION_DENIED; ungated ones transition at once', async () => {
    const api = await withVersions(2);
    await api.client.setApprovalGate(MODEL, { stages: ['Production'], aliases: ['champion'] });
    await fails(
      api.post('model-versions/transition-stage', { name: MODEL, version: '1', stage: 'Production' }),
      403,
      'PERMISSION_DENIED',
      /needs approval/,
    );
    await fails(setAlias(api, 'champion', '1'), 403, 'PERMISSION_DENIED', /needs approval/);
    const staged = await ok(api.post('model-versions/transition-stage', { name: MODEL, version: '1', stage: 'Staging' }));
    expect((staged.model_version as Json).current_stage).toBe('Staging');
    await ok(setAlias(api, 'challenger', '2'));
  });
});
