import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { fails, freshApi, invalid, missing, ok } from './helpers';

// val_f1 / val_cross_entropy histories and the artifact tree of
// fixtures/mlflow-filestore/packt-dl-at-scale-chapter08/mlruns/1/d01fc81e11e842f5b9556ae04136c0d3
const TS = 1647564216827;

type MetricJson = { key: string; value: number | string; timestamp: number; step: number };

describe('metrics/get-history', () => {
  async function withHistory(points = 7) {
    const api = await freshApi();
    const { info } = await api.client.createRun('0');
    const metrics = Array.from({ length: points }, (_, i) => ({ key: 'val_cross_entropy', value: 0.7 - i / 100, timestamp: TS + i * 1000, step: i }));
    await api.client.logBatch(info.runId, { metrics });
    return { api, runId: info.runId, metrics };
  }

  test('without max_results: the whole history in logging order, no token', async () => {
    const { api, runId, metrics } = await withHistory();
    expect(await ok(api.get('metrics/get-history', { run_id: runId, metric_key: 'val_cross_entropy' }))).toEqual({ metrics });
    expect(await ok(api.get('metrics/get-history', { run_uuid: runId, metric_key: 'val_cross_entropy' }))).toEqual({ metrics });
  });

  test('max_results + page_token pages through every point exactly once', async () => {
    const { api, runId, metrics } = await withHistory();
    const pages: MetricJson[][] = [];
    let token: string | undefined;
    do {
      const res = (await ok(
        api.get('metrics/get-history', { run_id: runId, metric_key: 'val_cross_entropy', max_results: 3, ...(token && { page_token: token }) }),
      )) as { metrics: MetricJson[]; next_page_token?: string };
      pages.push(res.metrics);
      token = res.next_page_token;
      if (token) expect(atob(token)).toMatch(/^\{"offset": \d+\}$/);
    } while (token);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(metrics);
  });

  test('exactly max_results points: one page, no token', async () => {
    const { api, runId } = await withHistory(3);
    const res = await ok(api.get('metrics/get-history', { run_id: runId, metric_key: 'val_cross_entropy', max_results: 3 }));
    expect(res.next_page_token).toBeUndefined();
  });

  test('a metric never logged is the empty message {}', async () => {
    const { api, runId } = await withHistory();
    expect(await ok(api.get('metrics/get-history', { run_id: runId, metric_key: 'test_f1' }))).toEqual({});
  });

  test('errors: missing fields, unknown run, bad token, bad max_results, POST not allowed', async () => {
    const { api, runId } = await withHistory();
    await fails(api.get('metrics/get-history', { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE', missing('metric_key'));
    await fails(api.get('metrics/get-history', { metric_key: 'val_f1' }), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
    await fails(api.get('metrics/get-history', { run_id: 'ffffffffffffffffffffffffffffffff', metric_key: 'val_f1' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.get('metrics/get-history', { run_id: runId, metric_key: 'val_f1', page_token: btoa('{"offset": 0}') }), 400, 'INVALID_PARAMETER_VALUE', /Invalid page token/);
    await fails(api.get('metrics/get-history', { run_id: runId, metric_key: 'val_f1', max_results: 'all' }), 400, 'INVALID_PARAMETER_VALUE', invalid('max_results', '"all"', 'str'));
    await fails(api.get('metrics/get-history', { run_id: runId, metric_key: 'val_f1', max_results: -1 }), 400, 'INVALID_PARAMETER_VALUE', /positive integer/);
    expect((await api.post('metrics/get-history', { run_id: runId, metric_key: 'val_f1' })).status).toBe(405);
  });
});

describe('artifacts/list', () => {
  async function withArtifacts() {
    const api = await freshApi();
    const { info } = await api.client.createRun('0');
    await api.client.logArtifact(info.runId, 'model_summary.txt', 'BertTiny: 4.4 M params');
    await api.client.logArtifact(info.runId, 'model/MLmodel', 'artifact_path: model\nflavors: {}\n');
    await api.client.logArtifact(info.runId, 'model/conda.yaml', 'name: mlflow-env\n');
    await api.client.logArtifact(info.runId, 'model/requirements.txt', 'torch==1.10.2\n');
    await api.client.logArtifact(info.runId, 'model/data/pickle_module_info.txt', 'mlflow.pytorch.pickle_module');
    return { api, runId: info.runId, root: info.artifactUri };
  }

  test('root level: directories without file_size, files with it, sorted by path', async () => {
    const { api, runId, root } = await withArtifacts();
    expect(await ok(api.get('artifacts/list', { run_id: runId }))).toEqual({
      root_uri: root,
      files: [
        { path: 'model', is_dir: true },
        { path: 'model_summary.txt', is_dir: false, file_size: 22 },
      ],
    });
  });

  test('nested levels: paths stay relative to the artifact root', async () => {
    const { api, runId, root } = await withArtifacts();
    expect(await ok(api.get('artifacts/list', { run_uuid: runId, path: 'model' }))).toEqual({
      root_uri: root,
      files: [
        { path: 'model/MLmodel', is_dir: false, file_size: 33 },
        { path: 'model/conda.yaml', is_dir: false, file_size: 17 },
        { path: 'model/data', is_dir: true },
        { path: 'model/requirements.txt', is_dir: false, file_size: 14 },
      ],
    });
    const data = (await ok(api.get('artifacts/list', { run_id: runId, path: 'model/data' }))) as { files: unknown[] };
    expect(data.files).toEqual([{ path: 'model/data/pickle_module_info.txt', is_dir: false, file_size: 28 }]);
  });

  test('a file path or an empty run lists nothing: only root_uri', async () => {
    const { api, runId, root } = await withArtifacts();
    expect(await ok(api.get('artifacts/list', { run_id: runId, path: 'model_summary.txt' }))).toEqual({ root_uri: root });
    const { info } = await api.client.createRun('0');
    expect(await ok(api.get('artifacts/list', { run_id: info.runId }))).toEqual({ root_uri: info.artifactUri });
  });

  test("'..' and absolute paths are 400; unknown run 404; missing run_id 400", async () => {
    const { api, runId } = await withArtifacts();
    await fails(api.get('artifacts/list', { run_id: runId, path: '../other-run' }), 400, 'INVALID_PARAMETER_VALUE', /'\.\.'/);
    await fails(api.get('artifacts/list', { run_id: runId, path: 'model/../../x' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.get('artifacts/list', { run_id: runId, path: '/etc' }), 400, 'INVALID_PARAMETER_VALUE');
    await fails(api.get('artifacts/list', { run_id: 'ffffffffffffffffffffffffffffffff' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await fails(api.get('artifacts/list'), 400, 'INVALID_PARAMETER_VALUE', missing('run_id'));
  });
});
