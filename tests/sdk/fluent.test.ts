import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mlflow } from '../../src/sdk/index';
import { expectMlflowError, freshClient } from './helpers';

describe('fluent mlflow', () => {
  let client: Awaited<ReturnType<typeof freshClient>>['client'];
  beforeEach(async () => {
    const fresh = await freshClient();
    client = fresh.client;
    mlflow.setWorkspace(fresh.ws);
  });

  test('quick start: set experiment, start run, log, end run, search', async () => {
    const exp = await mlflow.setExperiment('quickstart');
    const run = await mlflow.startRun({ runName: 'baseline', description: '**first** try' });
    expect(mlflow.activeRun()?.info.runId).toBe(run.info.runId);
    await mlflow.logParams({ lr: 0.01, epochs: 3 });
    for (let step = 0; step < 3; step++) mlflow.logMetric('loss', 1 / (step + 1), step);
    mlflow.logMetrics({ acc: 0.9 }, 2);
    await mlflow.setTags({ team: 'vision' });
    await mlflow.logText('hello', 'notes/hello.txt');
    await mlflow.logDict({ layers: [64, 32] }, 'config.yaml');
    await mlflow.logDict({ a: 1 }, 'config.json');
    await mlflow.logArtifact(new File(['a,b\n1,2\n'], 'data.csv'), 'tables');
    await mlflow.logImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'plots/tiny.png');
    await mlflow.endRun();
    expect(mlflow.activeRun()).toBeUndefined();

    const stored = await client.getRun(run.info.runId);
    expect(stored.info).toMatchObject({ status: 'FINISHED', experimentId: exp.experimentId, runName: 'baseline' });
    expect(stored.info.endTime).toBeGreaterThan(0);
    expect(stored.data.params).toEqual({ lr: '0.01', epochs: '3' });
    expect(stored.data.metrics).toEqual({ loss: 1 / 3, acc: 0.9 });
    expect(stored.data.tags).toMatchObject({ team: 'vision', 'mlflow.note.content': '**first** try', 'mlflow.source.type': 'LOCAL' });
    expect(parseYaml(await (await client.downloadArtifact(run.info.runId, 'config.yaml')).text())).toEqual({ layers: [64, 32] });
    expect(JSON.parse(await (await client.downloadArtifact(run.info.runId, 'config.json')).text())).toEqual({ a: 1 });
    expect((await client.listArtifacts(run.info.runId, 'tables'))[0]).toEqual({ path: 'tables/data.csv', isDir: false, fileSize: 8 });
    const { runs } = await client.searchRuns({ experimentIds: [exp.experimentId], filterString: "params.lr = '0.01'" });
    expect(runs.map((r) => r.info.runId)).toEqual([run.info.runId]);
  });

  test('nested runs carry mlflow.parentRunId; a second top-level run is refused', async () => {
    const parent = await mlflow.startRun({ runName: 'sweep' });
    await expectMlflowError(mlflow.startRun(), 'INVALID_PARAMETER_VALUE', /already active/);
    const child = await mlflow.startRun({ nested: true, runName: 'trial-1' });
    expect(child.data.tags['mlflow.parentRunId']).toBe(parent.info.runId);
    expect(child.info.experimentId).toBe(parent.info.experimentId);
    await mlflow.endRun();
    expect(mlflow.activeRun()?.info.runId).toBe(parent.info.runId);
    await mlflow.endRun('KILLED');
    expect((await client.getRun(parent.info.runId)).info.status).toBe('KILLED');
  });

  test('setExperiment refuses a deleted experiment; logging without a run is an error', async () => {
    const id = await client.createExperiment('old');
    await client.deleteExperiment(id);
    await expectMlflowError(mlflow.setExperiment('old'), 'INVALID_PARAMETER_VALUE', /deleted experiment/);
    expect(() => mlflow.logMetric('x', 1)).toThrow(/No active run/);
  });

  test('logMetric validates synchronously without blocking', async () => {
    await mlflow.startRun();
    expect(() => mlflow.logMetric('bad//key', 1)).toThrow(/Invalid metric name/);
    expect(() => mlflow.logMetric('ok', 'x' as never)).toThrow(/invalid value/);
    await mlflow.endRun();
  });

  test('startRun with runId resumes a finished run', async () => {
    const run = await mlflow.startRun();
    await mlflow.endRun();
    const resumed = await mlflow.startRun({ runId: run.info.runId });
    expect(resumed.info.status).toBe('RUNNING');
    await mlflow.endRun();
  });
});
