// Every real mlruns tree of the shared fixtures (README §1) imports with the counts and values its
// files hold: old and new run metas, run names from tags, full histories, deleted and nested
// runs, external artifact roots, MLflow 3 logged models, datasets, the registry and its aliases.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importMlruns, type ImportReport, type Run } from '../../../src/sdk/index';
import { freshClient } from '../helpers';
import { FILESTORE, fixtureFiles } from './fixture-files';

const bytesOf = async (blob: Blob): Promise<Uint8Array> => new Uint8Array(await blob.arrayBuffer());
const fixtureBytes = (...parts: string[]): Uint8Array => new Uint8Array(readFileSync(join(FILESTORE, ...parts)));

async function allRuns(client: Awaited<ReturnType<typeof freshClient>>['client'], experimentIds: string[]): Promise<Run[]> {
  const page = await client.searchRuns({ experimentIds, runViewType: 'ALL', maxResults: 1000 });
  return page.runs;
}

function expectCountsAddUp(r: ImportReport): void {
  for (const k of Object.keys(r.found) as Array<keyof ImportReport['found']>) expect(r.found[k]).toBe(r.imported[k] + r.unchanged[k]);
}

describe('packt chapter02 (MLflow 1.27: run_uuid, name: \'\', no creation_time)', () => {
  test('experiments, runs, params, tags, metrics and the logged PyTorch model', async () => {
    const { ws, client } = await freshClient();
    const report = await importMlruns(ws, fixtureFiles('packt-dl-at-scale-chapter02'));
    expect(report.warnings).toEqual([]);
    expect(report.root).toBe('mlruns');
    expect(report.found).toMatchObject({ experiments: 2, runs: 2, params: 24, tags: 14, metricKeys: 20, metricPoints: 20, artifacts: 12 });
    expect(report.imported).toEqual(report.found);
    expectCountsAddUp(report);

    const exp = await client.getExperiment('1');
    expect(exp.name).toBe('dl_model_chapter02');
    expect(exp.artifactLocation).toBe('file:///home/bwin/Practical-Deep-Learning-at-Scale-with-MLFlow/chapter02/mlruns/1');
    // No creation_time in 1.27 files: the earliest start of its runs stands in.
    expect(exp.creationTime).toBe(1677122055751);
    expect((await client.getExperiment('0')).artifactLocation).toBe('file:///home/bwin/Practical-Deep-Learning-at-Scale-with-MLFlow/chapter02/mlruns/0');

    const run = await client.getRun('34e6c900bbec484aa32ca9a4827a0c85');
    expect(run.info).toMatchObject({ runName: 'chapter02', userId: 'bwin', status: 'FINISHED', startTime: 1677130684022, endTime: 1677130886378, lifecycleStage: 'active', experimentId: '1' });
    expect(run.info.artifactUri).toBe('file:///home/bwin/Practical-Deep-Learning-at-Scale-with-MLFlow/chapter02/mlruns/1/34e6c900bbec484aa32ca9a4827a0c85/artifacts');
    expect(run.data.params.lr).toBe('0.01');
    expect(Object.keys(run.data.params)).toHaveLength(12);
    expect(run.data.tags.Mode).toBe('testing');
    expect(run.data.metrics.test_accuracy).toBe(0.6639999747276306);
    expect(await client.getMetricHistory(run.info.runId, 'train_accuracy_step')).toEqual([{ key: 'train_accuracy_step', value: 0.5, timestamp: 1677130794832, step: 0 }]);
    const mlmodel = await bytesOf(await client.downloadArtifact(run.info.runId, 'model/MLmodel'));
    expect(mlmodel).toEqual(fixtureBytes('packt-dl-at-scale-chapter02/mlruns/1/34e6c900bbec484aa32ca9a4827a0c85/artifacts/model/MLmodel'));
    expect((await client.listArtifacts(run.info.runId)).map((f) => f.path).sort()).toEqual(['model', 'model_summary.txt']);
  });
});

describe('packt chapter08 (no Default experiment, hand-edited artifact URIs)', () => {
  test('3-step histories, project tags, artifacts found beside meta.yaml', async () => {
    const { ws, client } = await freshClient();
    const before = await client.getExperiment('0');
    const report = await importMlruns(ws, fixtureFiles('packt-dl-at-scale-chapter08'));
    expect(report.warnings).toEqual([]);
    expect(report.found).toMatchObject({ experiments: 1, runs: 2, params: 27, metricKeys: 10, metricPoints: 26 });
    expect(await client.getExperiment('0')).toEqual(before);

    const id = 'd01fc81e11e842f5b9556ae04136c0d3';
    const history = await client.getMetricHistory(id, 'train_f1');
    expect(history.map((m) => [m.timestamp, m.value, m.step])).toEqual([
      [1647564216827, 0.578000009059906, 0],
      [1647564346627, 0.5816888809204102, 1],
      [1647564480197, 0.5779111385345459, 2],
    ]);
    const run = await client.getRun(id);
    expect(run.data.metrics.train_f1).toBe(0.5779111385345459);
    expect(run.data.metrics.train_f1_step).toBe(1);
    expect(run.data.params.learning_rate).toBe('0.01');
    expect(run.data.tags['mlflow.project.entryPoint']).toBe('fine_tuning_model');
    expect(run.info.runName).toBe('');
    expect(run.info.artifactUri).toBe(`file:///opt/mlflow/mlruns/1/${id}/artifacts`);
    expect((await client.listArtifacts(id, 'model')).map((f) => f.path)).toContain('model/MLmodel');
    const summaries = await client.getMetricSummaries(id);
    expect(summaries.val_f1).toMatchObject({ latest: 0.6151999831199646, min: 0.532800018787384, max: 0.6151999831199646, count: 3 });
  });
});

describe('manuelgilm (MLflow 2.3.1 on Windows, external artifact root)', () => {
  test('87 runs: 56 deleted, 33 nested (12 grand-children), statuses, run_name and tags', async () => {
    const { ws, client } = await freshClient();
    const report = await importMlruns(ws, fixtureFiles('manuelgilm-mlflow-for-ml-dev'));
    expect(report.warnings).toEqual([]);
    expect(report.found.runs).toBe(87);
    expect(report.found.experiments).toBe(2);
    expect((await client.getExperiment('896296360431059581')).tags).toEqual({ env: 'dev', version: '1.0.0' });

    const runs = await allRuns(client, ['0', '896296360431059581']);
    expect(runs).toHaveLength(87);
    expect(runs.filter((r) => r.info.lifecycleStage === 'deleted')).toHaveLength(56);
    expect(runs.filter((r) => r.info.status === 'FAILED')).toHaveLength(6);
    const ids = new Set(runs.map((r) => r.info.runId));
    const parentOf = new Map(runs.flatMap((r) => (r.data.tags['mlflow.parentRunId'] ? [[r.info.runId, r.data.tags['mlflow.parentRunId']] as const] : [])));
    expect(parentOf.size).toBe(33);
    for (const parent of parentOf.values()) expect(ids.has(parent)).toBe(true);
    expect([...parentOf.values()].filter((p) => parentOf.has(p))).toHaveLength(12);

    const child = await client.getRun('0222c70adcbc46d0b8a6a870ce4ce2f3');
    expect(child.info.runName).toBe('child2');
    expect(child.data.tags['mlflow.parentRunId']).toBe('102798f1eb3c49198ca9bd955d23b7b1');
    expect(child.data.params.child2_param).toBe('child2_value');
    const deleted = await ws.store.db.runs.get('162a071047d040cda3a9e70efc422c77');
    expect(deleted).toMatchObject({ deletedTime: 1685325838341, info: { lifecycleStage: 'deleted', status: 'FAILED', runName: 'child_run' } });
    expect(await client.getMetricHistory('162a071047d040cda3a9e70efc422c77', 'child_metric')).toEqual([{ key: 'child_metric', value: 1, timestamp: 1685325238878, step: 0 }]);
  });

  test('artifacts come from the external root beside mlruns/, and are reported missing without it', async () => {
    const { ws, client } = await freshClient();
    await importMlruns(ws, fixtureFiles('manuelgilm-mlflow-for-ml-dev'));
    const runId = '4cf0d2b43c2f4a86a6ea9894cf6b1c9c';
    const mlmodel = await bytesOf(await client.downloadArtifact(runId, 'model/MLmodel'));
    expect(mlmodel).toEqual(fixtureBytes('manuelgilm-mlflow-for-ml-dev/testing_mlflow1_artifacts', runId, 'artifacts/model/MLmodel'));
    expect((await client.listArtifacts(runId, 'model')).map((f) => f.path)).toContain('model/input_example.json');

    const other = await freshClient();
    const onlyStore = await importMlruns(other.ws, fixtureFiles('manuelgilm-mlflow-for-ml-dev', 'mlruns'));
    expect(onlyStore.root).toBe('');
    expect(onlyStore.found.runs).toBe(87);
    expect(onlyStore.found.artifacts).toBe(0);
    expect(onlyStore.warnings).toHaveLength(1);
    expect(onlyStore.warnings[0]!.path).toBe('896296360431059581/meta.yaml');
    expect(onlyStore.warnings[0]!.message).toContain('file:///C:/Users/manue/Documents/projects/mlflow_for_ml_dev/testing_mlflow1_artifacts, which is outside the imported tree');
  });
});

describe('shisian512 (MLflow 3.1.1 server: logged models, datasets, registry, a stray store)', () => {
  test('runs, 5-field metric lines, dataset inputs; the nested store is skipped with a warning', async () => {
    const { ws, client } = await freshClient();
    const report = await importMlruns(ws, fixtureFiles('shisian512-mlops'));
    expect(report.found).toMatchObject({ experiments: 1, runs: 7, datasetInputs: 4, loggedModels: 6, registeredModels: 1, modelVersions: 4, aliases: 2 });
    expectCountsAddUp(report);
    const byPath = new Map(report.warnings.map((w) => [w.path, w.message]));
    expect(byPath.get('mlruns/mlruns')).toMatch(/second MLflow store nested inside/);
    expect(byPath.get('mlruns/mlartifacts')).toMatch(/not an experiment folder/);
    expect(byPath.get('mlruns/0/models/m-a1a67fdcc98c4837a538007798d71cad/meta.yaml')).toMatch(/files are not in the imported tree/);
    await expect(client.getRun('a16c7433459a4350b418116739fd3b19')).rejects.toThrow();

    const run = await client.getRun('2cfeabb97d3c428095f64fa0ac6d3566');
    expect(run.info.runName).toBe('resilient-snake-588');
    expect(run.info.artifactUri).toBe('mlflow-artifacts:/0/2cfeabb97d3c428095f64fa0ac6d3566/artifacts');
    expect(run.data.metrics.training_accuracy_score).toBe(0.9583333333333334);
    const contexts = run.inputs.datasetInputs.map((d) => [d.dataset.digest, d.tags.find((t) => t.key === 'mlflow.data.context')?.value]).sort();
    expect(contexts).toEqual([['48848ef0', 'train'], ['a3fbca02', 'eval']]);
    expect(run.inputs.datasetInputs[0]!.dataset.schema).toContain('mlflow_colspec');
    // Run artifacts from the server's mlartifacts/ beside mlruns/
    expect((await client.listArtifacts(run.info.runId)).map((f) => f.path)).toContain('estimator.html');
  });

  test('logged models land in their run under their name; the registry keeps numbers, aliases, tags', async () => {
    const { ws, client } = await freshClient();
    await importMlruns(ws, fixtureFiles('shisian512-mlops'));
    const runId = '7ecc575ce85347ed86db402367028ae4';
    const mlmodel = await bytesOf(await client.downloadArtifact(runId, 'sklearn-model/MLmodel'));
    expect(mlmodel).toEqual(fixtureBytes('shisian512-mlops/mlartifacts/0/models/m-01ec10f9f8054102bc789612ca5491fb/artifacts/MLmodel'));

    const name = 'sk-learn-random-forest-reg-model';
    const model = await client.getRegisteredModel(name);
    expect(model.creationTimestamp).toBe(1752562490430);
    expect(model.aliases).toEqual(expect.arrayContaining([{ alias: 'best_model', version: '3' }, { alias: 'the_best_model_ever', version: '4' }]));
    const versions = await client.searchModelVersions({ filterString: `name = '${name}'` });
    expect(versions.modelVersions.map((v) => v.version).sort()).toEqual(['1', '2', '3', '4']);
    const v3 = await client.getModelVersion(name, 3);
    expect(v3).toMatchObject({ source: 'models:/m-01ec10f9f8054102bc789612ca5491fb', runId, currentStage: 'None', tags: { problem_type: 'regression' }, creationTimestamp: 1752562759408 });
    expect((await client.getModelVersionByAlias(name, 'the_best_model_ever')).version).toBe('4');
    // The version's files resolve to the run's artifacts here, so it can be loaded.
    const row = await ws.store.db.modelVersions.get([name, 3]);
    expect(row?.storageLocation).toBe(`runs:/${runId}/sklearn-model`);
    const events = await client.getRegistryEvents({ name });
    expect(events.filter((e) => e.kind === 'version/create')).toHaveLength(4);
    // A new version after the import takes the next number.
    expect((await client.createModelVersion(name, `runs:/${runId}/sklearn-model`)).version).toBe('5');
  });
});
