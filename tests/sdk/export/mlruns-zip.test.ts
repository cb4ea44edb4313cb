// exportMlruns: the zip holds an MLflow FileStore tree with the files, keys and formats MLflow's
// FileStore writes (compared with a real MLflow 2.3.1 / 3.1.1 tree from the fixtures).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exportMlruns, type ExportProgress } from '../../../src/sdk/index';
import { IRIS_SOURCE, LONG_POINTS, sampleWorkspace, WINE_ONNX, type SampleWorkspace } from './sample-workspace';

const FIX = `${process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures'}/mlflow-filestore`;
const fixtureKeys = (path: string): string[] => Object.keys(parseYaml(readFileSync(`${FIX}/${path}`, 'utf8')) as object).sort();

let s: SampleWorkspace;
let files: Record<string, Uint8Array>;
let progress: ExportProgress[];
const text = (path: string): string => {
  const f = files[path];
  if (!f) throw new Error(`no ${path} in the zip`);
  return strFromU8(f);
};
const yaml = (path: string): Record<string, unknown> => parseYaml(text(path)) as Record<string, unknown>;

beforeAll(async () => {
  s = await sampleWorkspace();
  progress = [];
  const zip = await exportMlruns(s.ws, { onProgress: (p) => progress.push(p) });
  files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
}, 60_000);

describe('experiments', () => {
  test('meta.yaml as MLflow writes it: sorted keys, string id, relative artifact location', async () => {
    const e = await s.client.getExperiment(s.expA);
    expect(text(`mlruns/${s.expA}/meta.yaml`)).toBe(
      `artifact_location: ./mlruns/${s.expA}\ncreation_time: ${e.creationTime}\nexperiment_id: '${s.expA}'\n` +
        `last_update_time: ${e.lastUpdateTime}\nlifecycle_stage: active\nname: exports-a\n`,
    );
    expect(Object.keys(yaml(`mlruns/${s.expA}/meta.yaml`)).sort()).toEqual(fixtureKeys('manuelgilm-mlflow-for-ml-dev/mlruns/0/meta.yaml'));
    expect(text('mlruns/0/meta.yaml')).toMatch(/^artifact_location: \.\/mlruns\/0\n.*experiment_id: '0'\n/s);
  });

  test('tags are files holding the raw value; a key with / is a nested file', () => {
    expect(text(`mlruns/${s.expA}/tags/team`)).toBe('ml');
    expect(text(`mlruns/${s.expA}/tags/nested/key`)).toBe('deep value');
    expect(text(`mlruns/${s.expA}/tags/note`)).toBe('multi\nline: yes');
  });

  test('a deleted experiment sits in .trash with its runs, its meta rewritten with tags as MLflow does on delete', () => {
    const meta = yaml(`mlruns/.trash/${s.expDeleted}/meta.yaml`);
    expect(meta).toMatchObject({ lifecycle_stage: 'deleted', experiment_id: s.expDeleted, artifact_location: `./mlruns/${s.expDeleted}`, tags: { why: 'obsolete' } });
    expect(files[`mlruns/${s.expDeleted}/meta.yaml`]).toBeUndefined();
    const run = yaml(`mlruns/.trash/${s.expDeleted}/${s.inDeletedExp}/meta.yaml`);
    expect(run).toMatchObject({ lifecycle_stage: 'deleted', experiment_id: s.expDeleted });
    expect(run.deleted_time).toEqual(expect.any(Number));
    expect(text(`mlruns/.trash/${s.expDeleted}/${s.inDeletedExp}/artifacts/out/result.txt`)).toBe('old result');
  });
});

describe('runs', () => {
  test('meta.yaml has exactly the keys of an MLflow 2.x run file, status as an int', async () => {
    const dir = `mlruns/${s.expA}/${s.parent}`;
    const meta = yaml(`${dir}/meta.yaml`);
    expect(Object.keys(meta).sort()).toEqual(fixtureKeys('manuelgilm-mlflow-for-ml-dev/mlruns/896296360431059581/3163f432384e41ef8e3fe74cd0057a84/meta.yaml'));
    const run = await s.client.getRun(s.parent);
    expect(text(`${dir}/meta.yaml`)).toBe(
      [
        `artifact_uri: ./mlruns/${s.expA}/${s.parent}/artifacts`,
        'deleted_time: null',
        `end_time: ${run.info.endTime}`,
        "entry_point_name: ''",
        `experiment_id: '${s.expA}'`,
        'lifecycle_stage: active',
        `run_id: ${s.parent}`,
        'run_name: parent',
        `run_uuid: ${s.parent}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        `start_time: ${run.info.startTime}`,
        'status: 3',
        'tags: []',
        `user_id: ${run.info.userId === '' ? "''" : run.info.userId}`,
        '',
      ].join('\n'),
    );
  });

  test('every status as MLflow\'s RunStatus int; a running run has end_time null; a deleted run keeps its folder', () => {
    const status = (id: string) => yaml(`mlruns/${s.expA}/${id}/meta.yaml`).status;
    expect([status(s.parent), status(s.child), status(s.grandChild), status(s.running)]).toEqual([3, 4, 5, 1]);
    expect(yaml(`mlruns/${s.expA}/${s.running}/meta.yaml`).end_time).toBeNull();
    const gone = yaml(`mlruns/${s.expA}/${s.deletedRun}/meta.yaml`);
    expect(gone.lifecycle_stage).toBe('deleted');
    expect(gone.deleted_time).toEqual(expect.any(Number));
  });

  test('params and tags: raw values without a trailing newline, nested keys as folders', () => {
    const dir = `mlruns/${s.expA}/${s.parent}`;
    expect(text(`${dir}/params/lr`)).toBe('0.01');
    expect(text(`${dir}/params/optimizer/name`)).toBe('adam');
    expect(text(`${dir}/params/empty`)).toBe('');
    expect(text(`${dir}/params/text`)).toBe('ends with newline\n');
    expect(text(`${dir}/tags/stage/kind`)).toBe('tuning');
    expect(text(`${dir}/tags/mlflow.runName`)).toBe('parent');
    expect(text(`mlruns/${s.expA}/${s.child}/tags/mlflow.parentRunId`)).toBe(s.parent);
    expect(text(`mlruns/${s.expA}/${s.grandChild}/tags/mlflow.parentRunId`)).toBe(s.child);
  });

  test('metric files: one "timestamp value step" line per point in logging order, Python float text', () => {
    const dir = `mlruns/${s.expA}/${s.parent}/metrics`;
    const t0 = 1_700_000_000_000;
    expect(text(`${dir}/special`)).toBe(
      ['0.5', 'nan', 'inf', '-inf', '-0.0', '1e-05', '1e+16', '123456789.125', '-3.0', '0.3333333333333333'].map((v, i) => `${t0 + i} ${v} ${i - 3}\n`).join(''),
    );
    expect(text(`${dir}/loss/train`)).toBe(`${t0} 2.0 0\n${t0 + 10} 1.5 1\n`);
    const long = text(`${dir}/long`).split('\n');
    expect(long).toHaveLength(LONG_POINTS + 1);
    expect(long[LONG_POINTS]).toBe('');
    expect(long[12_345]).toBe(`${t0 + 12_345} ${Math.sin(12_345) * 100} 12345`);
    expect(text(`mlruns/${s.expA}/${s.running}/metrics/progress`)).toBe(`${t0 + 6} 0.1 -5\n`);
  });

  test('inputs and datasets as FileStore.log_inputs writes them (md5 ids)', () => {
    // md5('iris' + 'abc123') and md5(dataset id + run id), as MLflow computes them.
    const datasetDir = Object.keys(files).filter((f) => f.startsWith(`mlruns/${s.expA}/datasets/`));
    expect(datasetDir).toHaveLength(2);
    const iris = datasetDir.map((f) => [f, yaml(f)] as const).find(([, d]) => d.name === 'iris');
    expect(iris?.[1]).toEqual({ digest: 'abc123', name: 'iris', profile: '{"num_rows": 150}', schema: '{"mlflow_colspec": []}', source: IRIS_SOURCE, source_type: 'http' });
    const evalSet = datasetDir.map((f) => yaml(f)).find((d) => d.name === 'iris-eval');
    expect(evalSet).toMatchObject({ profile: null, schema: null });
    const inputs = Object.keys(files).filter((f) => f.startsWith(`mlruns/${s.expA}/${s.parent}/inputs/`));
    expect(inputs).toHaveLength(2);
    const datasetId = iris?.[0].split('/')[3];
    const input = inputs.map((f) => yaml(f)).find((i) => i.source_id === datasetId);
    expect(input).toEqual({ destination_id: datasetId, destination_type: 'RUN', source_id: datasetId, source_type: 'DATASET', tags: { 'mlflow.data.context': 'train' } });
    expect(Object.keys(yaml(inputs[0] as string)).sort()).toEqual(fixtureKeys('shisian512-mlops/mlruns/0/2cfeabb97d3c428095f64fa0ac6d3566/inputs/15b6f0165a9a0a59e993f4b59192e10f/meta.yaml'));
  });

  test('artifacts byte for byte under <run>/artifacts, including the logged model', () => {
    const dir = `mlruns/${s.expA}/${s.parent}/artifacts`;
    expect(files[`${dir}/plots/loss.png`]).toEqual(s.binary);
    expect(text(`${dir}/notes.txt`)).toBe('hello\n');
    expect(text(`${dir}/deep/a/b/c.json`)).toBe('{"a": [1, 2, 3]}');
    expect(files[`${dir}/empty.txt`]).toEqual(new Uint8Array(0));
    expect(text(`${dir}/big.csv`)).toBe('x,y\n'.repeat(50_000));
    expect(files[`${dir}/model/model.onnx`]).toEqual(new Uint8Array(readFileSync(WINE_ONNX)));
    expect(text(`${dir}/model/MLmodel`)).toMatch(new RegExp(`run_id: ${s.parent}`));
  });
});

describe('registry', () => {
  const root = 'mlruns/models/churn';
  test('the registered model: meta.yaml keys as MLflow 3 writes them (+ user_id when set), tags and aliases as files', () => {
    // user_id: who created the model in Orchard; MLflow's RegisteredModel has no such field and drops it when reading.
    expect(Object.keys(yaml(`${root}/meta.yaml`)).sort()).toEqual([...fixtureKeys('shisian512-mlops/mlruns/models/sk-learn-random-forest-reg-model/meta.yaml'), 'user_id'].sort());
    expect(yaml(`${root}/meta.yaml`).user_id).toBe('Ana Ng');
    expect(yaml(`${root}/meta.yaml`)).toMatchObject({ name: 'churn', description: 'weekly churn', aliases: { champion: '1', challenger: '3' }, deployment_job_id: null });
    expect(text(`${root}/tags/team`)).toBe('growth');
    expect(text(`${root}/tags/k/nested`)).toBe('v');
    expect(text(`${root}/aliases/champion`)).toBe('1');
    expect(text(`${root}/aliases/challenger`)).toBe('3');
    expect(yaml('mlruns/models/no-versions-yet/meta.yaml')).toMatchObject({ name: 'no-versions-yet', aliases: {} });
  });

  test('versions: keys as MLflow 3 writes them, stages, int version, storage locations at the exported artifacts', () => {
    expect(Object.keys(yaml(`${root}/version-1/meta.yaml`)).sort()).toEqual(fixtureKeys('shisian512-mlops/mlruns/models/sk-learn-random-forest-reg-model/version-1/meta.yaml'));
    // deleted: kept as MLflow's file registry keeps it, so the number is never given again
    expect(yaml(`${root}/version-2/meta.yaml`)).toMatchObject({ version: 2, name: 'churn', current_stage: 'Deleted_Internal', source: '' });
    expect(files[`${root}/aliases/none`]).toBeUndefined();
    expect(yaml(`${root}/version-1/meta.yaml`)).toMatchObject({
      version: 1, current_stage: 'Production', source: `runs:/${s.parent}/model`, storage_location: `runs:/${s.parent}/model`,
      run_id: s.parent, status: 'READY', aliases: ['champion'], description: 'first', status_message: null, user_id: 'Ana Ng',
    });
    expect(text(`${root}/version-1/tags/validated`)).toBe('true');
    expect(yaml(`${root}/version-3/meta.yaml`)).toMatchObject({
      version: 3, current_stage: 'Staging', source: `mlflow-artifacts:/${s.expA}/${s.parent}/artifacts/model`,
      storage_location: `./mlruns/${s.expA}/${s.parent}/artifacts/model`, run_link: 'http://example.org/run', aliases: ['challenger'],
    });
    expect(yaml(`${root}/version-4/meta.yaml`)).toMatchObject({ current_stage: 'Archived', source: 's3://bucket/elsewhere/model', storage_location: 's3://bucket/elsewhere/model', run_id: '' });
  });
});

describe('progress', () => {
  test('reported per run, then registry, then done with the archive size', () => {
    expect(progress.filter((p) => p.phase === 'runs')).toHaveLength(7);
    expect(progress.map((p) => p.phase).slice(-2)).toEqual(['registry', 'done']);
    const done = progress.at(-1) as ExportProgress;
    expect(done).toMatchObject({ runsDone: 7, runsTotal: 7, experimentsTotal: 3, files: Object.keys(files).length });
    expect(done.bytesIn).toBe(Object.values(files).reduce((n, f) => n + f.length, 0));
    expect(done.bytesOut).toBeGreaterThan(0);
  });
});
