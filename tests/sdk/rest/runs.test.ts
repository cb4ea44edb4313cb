import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { fails, freshApi, invalid, missing, ok } from './helpers';

// A real run: fixtures/mlflow-filestore/packt-dl-at-scale-chapter08/mlruns/1/d01fc81e11e842f5b9556ae04136c0d3
const START = 1647564061753;
const END = 1647564523360;
const USER = 'yongliu';

type Json = Record<string, unknown>;
type RunJson = { info: Json & { run_id: string }; data: Json; inputs: Json };

describe('runs/create and runs/get', () => {
  test('create returns the whole run in MLflow JSON; user_id becomes mlflow.user', async () => {
    const api = await freshApi();
    const expId = await api.client.createExperiment('dl_model_chapter08');
    const { run } = (await ok(
      api.post('runs/create', {
        experiment_id: expId,
        user_id: USER,
        run_name: 'fine_tuning_model',
        start_time: START,
        tags: [{ key: 'mlflow.project.entryPoint', value: 'fine_tuning_model' }],
      }),
    )) as { run: RunJson };
    const id = run.info.run_id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(run).toEqual({
      info: {
        run_id: id,
        run_uuid: id,
        run_name: 'fine_tuning_model',
        experiment_id: expId,
        user_id: USER,
        status: 'RUNNING',
        start_time: START,
        artifact_uri: `mlflow-artifacts:/${expId}/${id}/artifacts`,
        lifecycle_stage: 'active',
      },
      data: {
        tags: [
          { key: 'mlflow.project.entryPoint', value: 'fine_tuning_model' },
          { key: 'mlflow.user', value: USER },
          { key: 'mlflow.runName', value: 'fine_tuning_model' },
        ],
      },
      inputs: {},
    });
    expect(await ok(api.get('runs/get', { run_id: id }))).toEqual({ run });
  });

  test('everything optional: default experiment, generated name, start_time now', async () => {
    const api = await freshApi();
    const before = Date.now();
    const { run } = (await ok(api.post('runs/create', {}))) as { run: RunJson };
    expect(run.info.experiment_id).toBe('0');
    expect(run.info.run_name).toEqual(expect.any(String));
    expect(run.info.start_time as number).toBeGreaterThanOrEqual(before);
    expect('end_time' in run.info).toBe(false);
  });

  test('get shows metrics with the latest point timestamp and step, params and tags', async () => {
    const api = await freshApi();
    const { info } = await api.client.createRun('0', { runName: 'fine_tuning_model' });
    await api.client.logBatch(info.runId, {
      metrics: [
        { key: 'val_f1', value: 0.532800018787384, timestamp: 1647564216827, step: 0 },
        { key: 'val_f1', value: 0.6151999831199646, timestamp: 1647564480197, step: 2 },
        { key: 'val_f1', value: 0.5436000227928162, timestamp: 1647564346627, step: 1 },
      ],
      params: [{ key: 'backbone', value: 'prajjwal1/bert-tiny' }, { key: 'learning_rate', value: '0.01' }],
    });
    const { run } = (await ok(api.get('runs/get', { run_id: info.runId }))) as { run: RunJson };
    expect(run.data.metrics).toEqual([{ key: 'val_f1', value: 0.6151999831199646, timestamp: 1647564480197, step: 2 }]);
    expect(run.data.params).toEqual([
      { key: 'backbone', value: 'prajjwal1/bert-tiny' },
      { key: 'learning_rate', value: '0.01' },
    ]);
  });

  test('run_uuid is accepted for run_id', async () => {
    const api = await freshApi();
    const { info } = await api.client.createRun('0');
    const { run } = (await ok(api.get('runs/get', { run_uuid: info.runId }))) as { run: RunJson };
    expect(run.info.run_id).toBe(info.runId);
  });

  test('errors: unknown run 404, bad id 400, missing run_id, unknown/deleted experiment, bad types', async () => {
    const api = await freshApi();
    await fails(api.get('runs/get', { run_id: 'd01fc81e11e842f5b9556ae04136c0d3' }), 404, 'RESOURCE_DOES_NOT_EXIST', /not found/);
    await fails(api.get('runs/get', { run_id: '../etc' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid run ID/);
    await fails(api.get('runs/get'), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
    await fails(api.post('runs/create', { experiment_id: '42' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    const expId = await api.client.createExperiment('gone');
    await api.client.deleteExperiment(expId);
    await fails(api.post('runs/create', { experiment_id: expId }), 400, 'INVALID_PARAMETER_VALUE', /active/);
    await fails(api.post('runs/create', { start_time: 'yesterday' }), 400, 'INVALID_PARAMETER_VALUE', invalid('start_time', '"yesterday"', 'str'));
    await fails(api.post('runs/create', { experiment_id: 0 }), 400, 'INVALID_PARAMETER_VALUE', invalid('experiment_id', '0', 'int'));
    await fails(
      api.post('runs/create', { run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /run_name/,
    );
  });
});

describe('runs/update, delete, restore', () => {
  test('update returns {run_info} with status name and end_time; status also by number', async () => {
    const api = await freshApi();
    const { info } = await api.client.createRun('0', { startTime: START });
    const res = (await ok(api.post('runs/update', { run_id: info.runId, status: 'FINISHED', end_time: END, run_name: 'renamed' }))) as {
      run_info: Json;
    };
    expect(Object.keys(res)).toEqual(['run_info']);
    expect(res.run_info).toMatchObject({ run_id: info.runId, status: 'FINISHED', end_time: END, run_name: 'renamed', start_time: START });
    const killed = (await ok(api.post('runs/update', { run_uuid: info.runId, status: 5 }))) as { run_info: Json };
    expect(killed.run_info.status).toBe('KILLED');
    expect((await api.client.getRun(info.runId)).data.tags['mlflow.runName']).toBe('renamed');
  });

  test('update errors: missing id, bad status, bad end_time', async () => {
    const api = await freshApi();
    const { info } = await api.client.createRun('0');
    await fails(api.post('runs/update', { status: 'FINISHED' }), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
    await fails(api.post('runs/update', { run_id: info.runId, status: 'DONE' }), 400, 'INVALID_PARAMETER_VALUE', invalid('status', '"DONE"', 'str'));
    await fails(api.post('runs/update', { run_id: info.runId, end_time: true }), 400, 'INVALID_PARAMETER_VALUE', invalid('end_time', 'true', 'bool'));
  });

  test('delete and restore; a deleted run refuses mutations but can still be read', async () => {
    const api = await freshApi();
    const { info } = await api.client.createRun('0');
    expect(await ok(api.post('runs/delete', { run_id: info.runId }))).toEqual({});
    const { run } = (await ok(api.get('runs/get', { run_id: info.runId }))) as { run: RunJson };
    expect(run.info.lifecycle_stage).toBe('deleted');
    await fails(api.post('runs/update', { run_id: info.runId, status: 'FAILED' }), 400, 'INVALID_PARAMETER_VALUE', /must be in the 'active' state/);
    await fails(api.post('runs/log-parameter', { run_id: info.runId, key: 'lr', value: '0.01' }), 400, 'INVALID_PARAMETER_VALUE', /active/);
    expect(await ok(api.post('runs/restore', { run_id: info.runId }))).toEqual({});
    expect((await api.client.getRun(info.runId)).info.lifecycleStage).toBe('active');
    await fails(api.post('runs/delete', {}), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
    await fails(api.post('runs/restore', { run_id: 'ffffffffffffffffffffffffffffffff' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('runs/search', () => {
  async function sevenRuns() {
    const api = await freshApi();
    const expId = await api.client.createExperiment('testing_mlflow1');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { info } = await api.client.createRun(expId, { runName: `run-${i}`, startTime: START + i });
      await api.client.logBatch(info.runId, {
        metrics: [{ key: 'training_log_loss', value: 0.05 * (i + 1), timestamp: START + 100 + i, step: i }],
        params: [{ key: 'max_depth', value: String(i) }],
      });
      ids.push(info.runId);
    }
    return { api, expId, ids };
  }

  test('filter + order_by, runs in MLflow JSON with full metrics', async () => {
    const { api, expId, ids } = await sevenRuns();
    const res = (await ok(
      api.post('runs/search', { experiment_ids: [expId], filter: 'metrics.training_log_loss > 0.2', order_by: ['metrics.training_log_loss DESC'] }),
    )) as { runs: RunJson[] };
    expect(res.runs.map((r) => r.info.run_id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(res.runs[0]?.data.metrics).toEqual([{ key: 'training_log_loss', value: expect.closeTo(0.35, 10), timestamp: START + 106, step: 6 }]);
    expect(res.runs[0]?.data.params).toEqual([{ key: 'max_depth', value: '6' }]);
  });

  test('pagination: max_results + next_page_token walks every run once', async () => {
    const { api, expId, ids } = await sevenRuns();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = (await ok(api.post('runs/search', { experiment_ids: [expId], max_results: 3, ...(token && { page_token: token }) }))) as {
        runs: RunJson[];
        next_page_token?: string;
      };
      seen.push(...res.runs.map((r) => r.info.run_id));
      token = res.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    // default order: start_time DESC
    expect(seen).toEqual([...ids].reverse());
  });

  test('run_view_type by name or number; no experiments -> {}', async () => {
    const { api, expId, ids } = await sevenRuns();
    await api.client.deleteRun(ids[0] as string);
    const count = async (body: Json) => (((await ok(api.post('runs/search', { experiment_ids: [expId], ...body }))) as { runs?: unknown[] }).runs ?? []).length;
    expect(await count({})).toBe(6);
    expect(await count({ run_view_type: 'DELETED_ONLY' })).toBe(1);
    expect(await count({ run_view_type: 2 })).toBe(1);
    expect(await count({ run_view_type: 'ALL' })).toBe(7);
    expect(await ok(api.post('runs/search', {}))).toEqual({});
  });

  test('errors: bad filter, max_results over 50000, wrong types, GET not allowed', async () => {
    const { api, expId } = await sevenRuns();
    await fails(api.post('runs/search', { experiment_ids: [expId], filter: 'metrics.training_log_loss >' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.post('runs/search', { experiment_ids: [expId], filter: 'bogus.x = 1' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.post('runs/search', { experiment_ids: [expId], max_results: 50001 }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '50001', 'int'));
    await fails(api.post('runs/search', { experiment_ids: expId }), 400, 'INVALID_PARAMETER_VALUE', invalid('experiment_ids', `"${expId}"`, 'str'));
    await fails(api.post('runs/search', { order_by: [1] }), 400, 'INVALID_PARAMETER_VALUE', invalid('order_by', '[1]', 'list'));
    await fails(api.post('runs/search', { run_view_type: 'NONE' }), 400, 'INVALID_PARAMETER_VALUE', invalid('run_view_type', '"NONE"', 'str'));
    const res = await api.get('runs/search', { experiment_ids: expId });
    expect(res.status).toBe(405);
  });
});
