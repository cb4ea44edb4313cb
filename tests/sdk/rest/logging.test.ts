import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { fails, freshApi, invalid, missing, ok } from './helpers';

// Param, metric and dataset values from fixtures/mlflow-filestore (packt chapter08, shisian512-mlops).
const TS = 1647564216827;

type RunJson = { info: Record<string, unknown>; data: Record<string, unknown>; inputs: Record<string, unknown> };

async function withRun() {
  const api = await freshApi();
  const { info } = await api.client.createRun('0', { runName: 'fine_tuning_model' });
  const getRun = async () => ((await ok(api.get('runs/get', { run_id: info.runId }))) as { run: RunJson }).run;
  return { api, runId: info.runId, getRun };
}

describe('runs/log-parameter', () => {
  test('logs; same value again is a no-op; a different value is 400', async () => {
    const { api, runId } = await withRun();
    expect(await ok(api.post('runs/log-parameter', { run_id: runId, key: 'backbone', value: 'prajjwal1/bert-tiny' }))).toEqual({});
    await ok(api.post('runs/log-parameter', { run_uuid: runId, key: 'backbone', value: 'prajjwal1/bert-tiny' }));
    await fails(
      api.post('runs/log-parameter', { run_id: runId, key: 'backbone', value: 'bert-base' }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Changing param values is not allowed. Param with key='backbone'/,
    );
    expect((await api.client.getRun(runId)).data.params).toEqual({ backbone: 'prajjwal1/bert-tiny' });
  });

  test('missing key / run_id; wrong type; invalid key; unknown run', async () => {
    const { api, runId } = await withRun();
    await fails(api.post('runs/log-parameter', { run_id: runId, value: '3' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(api.post('runs/log-parameter', { key: 'epochs', value: '3' }), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
    await fails(api.post('runs/log-parameter', { run_id: runId, key: 'epochs', value: 3 }), 400, 'INVALID_PARAMETER_VALUE', invalid('value', '3', 'int'));
    await fails(api.post('runs/log-parameter', { run_id: runId, key: 'a//b', value: '3' }), 400, 'INVALID_PARAMETER_VALUE', /Invalid parameter name/);
    await fails(api.post('runs/log-parameter', { run_id: 'ffffffffffffffffffffffffffffffff', key: 'epochs', value: '3' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('runs/log-metric', () => {
  test('logs with step defaulting to 0; timestamp and step as numbers or int64 strings', async () => {
    const { api, runId } = await withRun();
    expect(await ok(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: 0.532800018787384, timestamp: TS }))).toEqual({});
    await ok(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: '0.5436000227928162', timestamp: String(TS + 1), step: '1' }));
    expect(await api.client.getMetricHistory(runId, 'val_f1')).toEqual([
      { key: 'val_f1', value: 0.532800018787384, timestamp: TS, step: 0 },
      { key: 'val_f1', value: 0.5436000227928162, timestamp: TS + 1, step: 1 },
    ]);
  });

  test('NaN and +/-Infinity round-trip as the strings "NaN", "Infinity", "-Infinity"', async () => {
    const { api, runId, getRun } = await withRun();
    await ok(api.post('runs/log-metric', { run_id: runId, key: 'test_cross_entropy', value: 'NaN', timestamp: TS }));
    await ok(api.post('runs/log-metric', { run_id: runId, key: 'grad_max', value: 'Infinity', timestamp: TS }));
    await ok(api.post('runs/log-metric', { run_id: runId, key: 'grad_min', value: '-Infinity', timestamp: TS }));
    expect((await api.client.getRun(runId)).data.metrics.test_cross_entropy).toBeNaN();
    expect((await getRun()).data.metrics).toEqual([
      { key: 'test_cross_entropy', value: 'NaN', timestamp: TS, step: 0 },
      { key: 'grad_max', value: 'Infinity', timestamp: TS, step: 0 },
      { key: 'grad_min', value: '-Infinity', timestamp: TS, step: 0 },
    ]);
    const history = await ok(api.get('metrics/get-history', { run_id: runId, metric_key: 'test_cross_entropy' }));
    expect(history).toEqual({ metrics: [{ key: 'test_cross_entropy', value: 'NaN', timestamp: TS, step: 0 }] });
  });

  test('timestamp is required; value must be a double; key required', async () => {
    const { api, runId } = await withRun();
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: 0.5 }), 400, 'INVALID_PARAMETER_VALUE', missing('timestamp'));
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', timestamp: TS }), 400, 'INVALID_PARAMETER_VALUE', missing('value'));
    await fails(api.post('runs/log-metric', { run_id: runId, value: 1, timestamp: TS }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: 'high', timestamp: TS }), 400, 'INVALID_PARAMETER_VALUE', invalid('value', '"high"', 'str'));
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: [1], timestamp: TS }), 400, 'INVALID_PARAMETER_VALUE', invalid('value', '[1]', 'list'));
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: 1, timestamp: TS, step: 'one' }), 400, 'INVALID_PARAMETER_VALUE', invalid('step', '"one"', 'str'));
    await fails(api.post('runs/log-metric', { run_id: runId, key: 'val_f1', value: 1, timestamp: -5 }), 400, 'INVALID_PARAMETER_VALUE', /invalid timestamp/);
  });
});

describe('runs/log-batch', () => {
  test('params, metrics and tags in one request', async () => {
    const { api, runId, getRun } = await withRun();
    const body = {
      run_id: runId,
      metrics: [
        { key: 'train_cross_entropy', value: 0.7527934312820435, timestamp: TS, step: 0 },
        { key: 'train_cross_entropy', value: 0.7553553581237793, timestamp: TS + 129800, step: 1 },
      ],
      params: [{ key: 'epochs', value: '3' }, { key: 'optimizer_name', value: 'Adam' }],
      tags: [{ key: 'Mode', value: 'testing' }, { key: 'mlflow.runName', value: 'renamed-by-tag' }],
    };
    expect(await ok(api.post('runs/log-batch', body))).toEqual({});
    const run = await getRun();
    expect(run.data.metrics).toEqual([{ key: 'train_cross_entropy', value: 0.7553553581237793, timestamp: TS + 129800, step: 1 }]);
    expect(run.data.params).toEqual(body.params);
    expect(run.data.tags).toEqual(expect.arrayContaining([{ key: 'Mode', value: 'testing' }]));
    expect(run.info.run_name).toBe('renamed-by-tag');
    expect(await ok(api.post('runs/log-batch', { run_id: runId }))).toEqual({});
  });

  test('nested required fields are reported with indexed paths', async () => {
    const { api, runId } = await withRun();
    const m = { key: 'val_f1', value: 0.5, timestamp: TS };
    await fails(api.post('runs/log-batch', { run_id: runId, metrics: [m, { key: 'x', value: 1 }] }), 400, 'INVALID_PARAMETER_VALUE', missing('metrics[1].timestamp'));
    await fails(api.post('runs/log-batch', { run_id: runId, metrics: [{ value: 1, timestamp: TS }] }), 400, 'INVALID_PARAMETER_VALUE', missing('metrics[0].key'));
    await fails(api.post('runs/log-batch', { run_id: runId, params: [{ value: '1' }] }), 400, 'INVALID_PARAMETER_VALUE', missing('params[0].key'));
    await fails(api.post('runs/log-batch', { run_id: runId, tags: [{ key: 'a', value: 'b' }, { value: 'c' }] }), 400, 'INVALID_PARAMETER_VALUE', missing('tags[1].key'));
    await fails(api.post('runs/log-batch', { run_id: runId, metrics: m }), 400, 'INVALID_PARAMETER_VALUE', invalid('metrics', '{"key":"val_f1","timestamp":1647564216827,"value":0.5}', 'dict'));
    await fails(api.post('runs/log-batch', { metrics: [m] }), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
  });

  test('batch limits, duplicate params, param change; nothing is written on failure', async () => {
    const { api, runId } = await withRun();
    await ok(api.post('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' }));
    await fails(
      api.post('runs/log-batch', { run_id: runId, params: [{ key: 'eps', value: '1e-08' }, { key: 'eps', value: '1e-07' }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Duplicate parameter keys/,
    );
    await fails(
      api.post('runs/log-batch', { run_id: runId, params: [{ key: 'lr', value: '0.1' }], metrics: [{ key: 'val_f1', value: 1, timestamp: TS }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Changing param values is not allowed/,
    );
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ key: 'val_f1', value: i, timestamp: TS + i }));
    await fails(api.post('runs/log-batch', { run_id: runId, metrics: tooMany }), 400, 'INVALID_PARAMETER_VALUE', /at most 1000 metrics/);
    expect((await api.client.getRun(runId)).data.metrics).toEqual({});
  });

  test('a body over 1,000,000 bytes is refused before parsing, with MLflow message', async () => {
    const { api, runId } = await withRun();
    const body = JSON.stringify({ run_id: runId, tags: [{ key: 'note', value: 'x'.repeat(1_000_000) }] });
    const size = new TextEncoder().encode(body).byteLength;
    await fails(
      api.post('runs/log-batch', body),
      400,
      'INVALID_PARAMETER_VALUE',
      `Batched logging API requests must be at most 1000000 bytes, got a request of size ${size}.`,
    );
  });
});

describe('runs/set-tag, runs/delete-tag', () => {
  test('set, rename through mlflow.runName, delete; deleting a missing tag is 404', async () => {
    const { api, runId, getRun } = await withRun();
    expect(await ok(api.post('runs/set-tag', { run_id: runId, key: 'pipeline_step', value: 'pipeline/fine_tuning_model.py' }))).toEqual({});
    await ok(api.post('runs/set-tag', { run_uuid: runId, key: 'mlflow.runName', value: 'chapter08' }));
    expect((await getRun()).info.run_name).toBe('chapter08');
    expect(await ok(api.post('runs/delete-tag', { run_id: runId, key: 'pipeline_step' }))).toEqual({});
    expect((await api.client.getRun(runId)).data.tags.pipeline_step).toBeUndefined();
    await fails(api.post('runs/delete-tag', { run_id: runId, key: 'pipeline_step' }), 404, 'RESOURCE_DOES_NOT_EXIST', /No tag with name: pipeline_step/);
    await fails(api.post('runs/set-tag', { run_id: runId, value: 'x' }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
    await fails(api.post('runs/delete-tag', { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE', missing('key'));
  });
});

describe('runs/log-inputs', () => {
  const dataset = {
    name: 'dataset',
    digest: '48848ef0',
    source_type: 'code',
    source: '{"tags": {"mlflow.user": "pc", "mlflow.source.name": ".\\\\train.py", "mlflow.source.type": "LOCAL"}}',
    profile: '{"num_rows": 120, "num_elements": 480}',
  };

  test('datasets appear under inputs.dataset_inputs in MLflow JSON', async () => {
    const { api, runId, getRun } = await withRun();
    const body = { run_id: runId, datasets: [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'training' }] }] };
    expect(await ok(api.post('runs/log-inputs', body))).toEqual({});
    expect((await getRun()).inputs).toEqual({ dataset_inputs: body.datasets });
  });

  test('missing dataset fields and wrong types are 400', async () => {
    const { api, runId } = await withRun();
    const { name: _omitted, ...noName } = dataset;
    await fails(api.post('runs/log-inputs', { run_id: runId, datasets: [{ dataset: noName }] }), 400, 'INVALID_PARAMETER_VALUE', missing('datasets[0].dataset.name'));
    await fails(api.post('runs/log-inputs', { run_id: runId, datasets: [{ tags: [] }] }), 400, 'INVALID_PARAMETER_VALUE', missing('datasets[0].dataset'));
    await fails(
      api.post('runs/log-inputs', { run_id: runId, datasets: [{ dataset, tags: [{ key: 'mlflow.data.context' }] }] }),
      400,
      'INVALID_PARAMETER_VALUE',
      missing('datasets[0].tags[0].value'),
    );
    await fails(api.post('runs/log-inputs', { run_id: runId, datasets: [{ dataset: { ...dataset, digest: 'x'.repeat(37) } }] }), 400, 'INVALID_PARAMETER_VALUE', /digest/);
    await fails(api.post('runs/log-inputs', { run_id: runId, datasets: [{ dataset: { ...dataset, digest: 7 } }] }), 400, 'INVALID_PARAMETER_VALUE', invalid('datasets[0].dataset.digest', '7', 'int'));
    await fails(api.post('runs/log-inputs', { datasets: [] }), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
  });
});
