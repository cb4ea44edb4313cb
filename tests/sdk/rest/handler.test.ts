import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { createRestHandler, openWorkspace } from '../../../src/sdk/index';
import { fails, freshApi, getRequest, invalid, ok, postRequest } from './helpers';

const ORIGIN = 'http://orchard.test';

describe('routing', () => {
  test('/health is OK and /version is a version string', async () => {
    const { handle } = await freshApi();
    const health = await handle(new Request(`${ORIGIN}/health`));
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('OK');
    const version = await handle(new Request(`${ORIGIN}/version`));
    expect(await version.text()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await handle(new Request(`${ORIGIN}/health`, { method: 'POST' }))).status).toBe(405);
  });

  test('the /ajax-api/2.0/mlflow/ prefix serves the same API', async () => {
    const { handle } = await freshApi();
    const body = await ok(handle(getRequest('experiments/get', { experiment_id: '0' }, `${ORIGIN}/ajax-api/2.0/mlflow/`)));
    expect(body).toEqual(await ok(handle(getRequest('experiments/get', { experiment_id: '0' }))));
    const created = await ok(handle(postRequest('experiments/create', { name: 'via-ajax' }, `${ORIGIN}/ajax-api/2.0/mlflow/`)));
    expect(created.experiment_id).toEqual(expect.any(String));
  });

  test('unknown endpoints are 404 ENDPOINT_NOT_FOUND in MLflow error JSON', async () => {
    const { handle } = await freshApi();
    await fails(handle(getRequest('runs/nope')), 404, 'ENDPOINT_NOT_FOUND');
    await fails(handle(postRequest('experiments/create/', { name: 'x' })), 404, 'ENDPOINT_NOT_FOUND');
    await fails(handle(new Request(`${ORIGIN}/api/2.0/mlflow/`)), 404, 'ENDPOINT_NOT_FOUND');
    await fails(handle(new Request(`${ORIGIN}/api/2.0/preview/mlflow/runs/get`)), 404, 'ENDPOINT_NOT_FOUND');
  });

  test('a wrong method is 405 with Allow; OPTIONS answers Allow; HEAD is GET without a body', async () => {
    const { handle } = await freshApi();
    const wrong = await handle(getRequest('runs/create'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('Allow')).toBe('OPTIONS, POST');
    expect(((await wrong.json()) as { error_code: string }).error_code).toBe('BAD_REQUEST');
    const wrongPost = await handle(postRequest('runs/get', { run_id: 'x' }));
    expect(wrongPost.status).toBe(405);
    expect(wrongPost.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    const options = await handle(new Request(`${ORIGIN}/api/2.0/mlflow/experiments/search`, { method: 'OPTIONS' }));
    expect(options.status).toBe(200);
    expect(options.headers.get('Allow')).toBe('GET, HEAD, OPTIONS, POST');
    const head = await handle(new Request(`${ORIGIN}/api/2.0/mlflow/experiments/get?experiment_id=0`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('request bodies', () => {
  const url = `${ORIGIN}/api/2.0/mlflow/experiments/create`;
  const post = (body: string, contentType?: string) =>
    new Request(url, { method: 'POST', body, headers: contentType === undefined ? {} : { 'Content-Type': contentType } });

  test('POST needs Content-Type application/json (parameters allowed)', async () => {
    const { handle } = await freshApi();
    await fails(
      handle(post('{"name":"a"}', 'text/plain')),
      400,
      'INVALID_PARAMETER_VALUE',
      "Bad Request. Content-Type must be one of [application/json]. Got 'text/plain'.",
    );
    await fails(handle(new Request(url, { method: 'POST' })), 400, 'INVALID_PARAMETER_VALUE', 'Bad Request. Content-Type must be one of [application/json].');
    // characters that could carry markup are not echoed back
    await fails(handle(post('{}', 'text/<b>')), 400, 'INVALID_PARAMETER_VALUE', 'Bad Request. Content-Type must be one of [application/json].');
    await ok(handle(post('{"name":"with-charset"}', 'application/json; charset=utf-8')));
  });

  test('malformed JSON and non-object bodies are 400 INVALID_PARAMETER_VALUE', async () => {
    const { handle } = await freshApi();
    await fails(handle(post('{"name": "a"', 'application/json')), 400, 'INVALID_PARAMETER_VALUE', /Malformed JSON/);
    await fails(handle(post('[1,2]', 'application/json')), 400, 'INVALID_PARAMETER_VALUE', /JSON object/);
    await fails(handle(post('"{not json"', 'application/json')), 400, 'INVALID_PARAMETER_VALUE', /Malformed JSON/);
  });

  test('a body that is a JSON string is decoded twice (old clients)', async () => {
    const { handle, client } = await freshApi();
    const res = await ok(handle(post(JSON.stringify(JSON.stringify({ name: 'double-encoded' })), 'application/json')));
    expect((await client.getExperiment(res.experiment_id as string)).name).toBe('double-encoded');
  });

  test("wrong-type messages render the value as Python's json.dumps (sorted keys, ASCII escapes)", async () => {
    const { handle } = await freshApi();
    await fails(
      handle(post(JSON.stringify({ name: { b: ['é'], a: null } }), 'application/json')),
      400,
      'INVALID_PARAMETER_VALUE',
      invalid('name', '{"a":null,"b":["\\u00e9"]}', 'dict'),
    );
  });

  test('an empty run_id falls back to run_uuid, as MLflow reads `run_id or run_uuid`', async () => {
    const { handle, client } = await freshApi();
    const { info } = await client.createRun('0');
    const res = await ok(handle(getRequest('runs/get', { run_id: '', run_uuid: info.runId })));
    expect((res.run as { info: { run_id: string } }).info.run_id).toBe(info.runId);
  });

  test('an empty body is the empty message', async () => {
    const { handle } = await freshApi();
    const res = await ok(handle(new Request(`${ORIGIN}/api/2.0/mlflow/experiments/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' } })));
    expect((res.experiments as unknown[]).length).toBe(1);
  });
});

describe('unexpected failures', () => {
  test('non-MlflowError exceptions are 500 INTERNAL_ERROR without internals, and reported to the hook', async () => {
    const ws = await openWorkspace({ name: `rest-internal-${process.pid}-${Date.now()}` });
    const seen: unknown[] = [];
    const handle = createRestHandler(ws, { onInternalError: (e) => seen.push(e) });
    // A closed database makes Dexie throw its own (non-MLflow) error.
    ws.store.db.close();
    const message = await fails(handle(getRequest('experiments/get', { experiment_id: '0' })), 500, 'INTERNAL_ERROR');
    expect(message).toBe('An internal error occurred while handling the request.');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Error);
  });
});
