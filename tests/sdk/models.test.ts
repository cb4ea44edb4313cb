// MLflow Models in the SDK with real ONNX models (in-process ONNX Runtime under Node): log, load,
// predict with MLflow's pyfunc rules, refuse bad input, import/export MLflow directories.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { expectMlflowError, freshClient } from './helpers';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const bytes = (p: string): ArrayBuffer => {
  const b = readFileSync(`${FIX}/${p}`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const WINE = 'onnx/mlflow-export-import/model.onnx';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const wineRow = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];
const wineRecord = Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, wineRow[i]]));

describe('logModel / loadModel / predict', () => {
  test('logs the MLflow onnx flavor directory and predicts records like MLflow', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const model = await client.logModel(info.runId, bytes(WINE), { artifactPath: 'model', inputExample: [wineRecord] });
    expect(model.modelUri).toBe(`runs:/${info.runId}/model`);
    expect(Object.keys(model.flavors).sort()).toEqual(['onnx', 'python_function']);
    expect(model.signature?.inputs?.map((c) => c.name)).toEqual(WINE_COLUMNS);
    const files = (await client.listArtifacts(info.runId, 'model')).map((f) => f.path.replace('model/', ''));
    expect(files).toEqual(expect.arrayContaining(['MLmodel', 'model.onnx', 'conda.yaml', 'python_env.yaml', 'requirements.txt', 'input_example.json']));
    const mlmodel = parseYaml(await (await client.downloadArtifact(info.runId, 'model/MLmodel')).text()) as Record<string, unknown>;
    expect(mlmodel).toMatchObject({ artifact_path: 'model', run_id: info.runId, flavors: { onnx: { data: 'model.onnx' }, python_function: { loader_module: 'mlflow.onnx', data: 'model.onnx' } } });
    const history = JSON.parse((await client.getRun(info.runId)).data.tags['mlflow.log-model.history'] as string) as Array<Record<string, unknown>>;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ artifact_path: 'model', run_id: info.runId });

    const loaded = await client.loadModel(model.modelUri);
    const out = (await loaded.predict([wineRecord, { ...wineRecord, alcohol: 13 }])) as Array<Record<string, number>>;
    expect(out).toHaveLength(2);
    expect(Object.keys(out[0] as object)).toEqual(['variable']);
    expect(out[0]?.variable).toBeGreaterThan(3);
    expect(out[0]?.variable).toBeLessThan(8);
  });

  test('schema enforcement names every bad column; nothing runs', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const model = await client.logModel(info.runId, bytes(WINE), { artifactPath: 'm', inputExample: [wineRecord] });
    const loaded = await client.loadModel(model.modelUri);
    const broken: Record<string, unknown> = { ...wineRecord, pH: 'acid', alcohol: undefined };
    delete broken.alcohol;
    const err = await expectMlflowError(loaded.predict([broken]), 'INVALID_PARAMETER_VALUE');
    expect(err.message).toMatch(/alcohol/);
    expect(err.message).toMatch(/pH/);
  });

  test('tensor models: the multi-input tf graph takes named tensors', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const model = await client.logModel(info.runId, bytes('onnx/mlflow-tests/tf_model_multiple_inputs_float32.onnx'), { artifactPath: 'tf' });
    const loaded = await client.loadModel(model.modelUri);
    const a = Float32Array.from({ length: 10 }, (_, i) => i);
    const b = Float32Array.from({ length: 10 }, () => 2);
    const out = (await loaded.predict({ 'first_input:0': { dtype: 'float32', shape: [10], data: a }, 'second_input:0': { dtype: 'float32', shape: [10], data: b } })) as Record<string, number[]>;
    expect(out['output:0']).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  test('corrupt bytes and mismatched signatures are refused and nothing is stored', async () => {
    const { client, ws } = await freshClient();
    const { info } = await client.createRun('0');
    const wine = new Uint8Array(bytes(WINE));
    await expectMlflowError(client.logModel(info.runId, wine.slice(0, 200).buffer, { artifactPath: 'bad' }), 'INVALID_PARAMETER_VALUE', /ONNX/);
    await expectMlflowError(client.logModel(info.runId, new ArrayBuffer(0), { artifactPath: 'empty' }), 'INVALID_PARAMETER_VALUE', /empty/);
    await expectMlflowError(
      client.logModel(info.runId, bytes(WINE), { artifactPath: 'm', signature: { inputs: '[{"type": "double", "name": "a"}, {"type": "double", "name": "b"}]' } }),
      'INVALID_PARAMETER_VALUE',
      /2 columns .* 11 features/,
    );
    await expectMlflowError(client.logModel(info.runId, bytes(WINE), { artifactPath: '../escape' }), 'INVALID_PARAMETER_VALUE');
    expect(await ws.store.db.artifacts.count()).toBe(0);
    expect((await client.getRun(info.runId)).data.tags['mlflow.log-model.history']).toBeUndefined();
  });

  test('non-ONNX models import and show metadata; predict says only ONNX runs here', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const dir = `${FIX}/mlmodel/sklearn-mlflow3.3__dmatrix-mlflow-misc`;
    const files = ['MLmodel', 'conda.yaml', 'requirements.txt'].map((f) => ({ path: f, data: readFileSync(`${dir}/${f}`, 'utf8') }));
    const imported = await client.importModel(info.runId, files, { artifactPath: 'sk' });
    expect(Object.keys(imported.flavors)).toContain('sklearn');
    const loaded = await client.loadModel(`runs:/${info.runId}/sk`);
    expect(loaded.metadata.flavors.sklearn).toBeDefined();
    await expectMlflowError(loaded.predict([{ a: 1 }]), 'NOT_IMPLEMENTED', /Only ONNX models run in the browser/);
  });

  test('export zip round-trips through import; zips with .. paths or no MLmodel are refused', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const model = await client.logModel(info.runId, bytes(WINE), { artifactPath: 'model' });
    const zip = await client.exportModelZip(model.modelUri);
    const entries = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(entries).toEqual(expect.arrayContaining(['MLmodel', 'model.onnx']));
    const again = await client.importModel(info.runId, zip, { artifactPath: 'copy' });
    const out = (await (await client.loadModel(again.modelUri.replace('copy', 'copy'))).predict([wineRecord])) as Array<{ variable: number }>;
    expect(out[0]?.variable).toBeGreaterThan(0);
    const evil = new Blob([zipSync({ MLmodel: strToU8('flavors: {}\n'), '../../etc/passwd': strToU8('x') })]);
    await expectMlflowError(client.importModel(info.runId, evil, { artifactPath: 'evil' }), 'INVALID_PARAMETER_VALUE', /\.\./);
    const noModel = new Blob([zipSync({ 'readme.txt': strToU8('hi') })]);
    await expectMlflowError(client.importModel(info.runId, noModel, { artifactPath: 'x' }), 'INVALID_PARAMETER_VALUE', /no MLmodel/);
    await expectMlflowError(client.importModel(info.runId, new Blob(['not a zip']), { artifactPath: 'x' }), 'INVALID_PARAMETER_VALUE', /zip/);
  });

  test('registeredModelName registers each logged model as the next version; models:/ URIs load it', async () => {
    const { client } = await freshClient();
    const { info } = await client.createRun('0');
    const first = await client.logModel(info.runId, bytes(WINE), { artifactPath: 'm', registeredModelName: 'wine' });
    const second = await client.logModel(info.runId, bytes(WINE), { artifactPath: 'm2', registeredModelName: 'wine' });
    expect([first.registeredModelVersion, second.registeredModelVersion]).toEqual(['1', '2']);
    expect(await client.getModelVersion('wine', 2)).toMatchObject({ source: `runs:/${info.runId}/m2`, runId: info.runId });
    const loaded = await client.loadModel('models:/wine/1');
    expect(loaded.location).toMatchObject({ runId: info.runId, path: 'm', name: 'wine', version: '1' });
    await expectMlflowError(client.loadModel('models:/nope/1'), 'RESOURCE_DOES_NOT_EXIST', /Model Version \(name=nope, version=1\) not found/);
    await expectMlflowError(client.logModel(info.runId, bytes(WINE), { artifactPath: 'm3', registeredModelName: '' }), 'INVALID_PARAMETER_VALUE', /'name'/);
  });
});
