// The issue's scenario end to end with a real ONNX model (in-process ONNX Runtime under Node): log
// -> register -> Staging -> Production (archiving the old Production version) -> alias champion
// -> loadModel('models:/wine@champion') -> predict, plus the other models:/ forms.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { mlflow } from '../../../src/sdk/index';
import { freshClient } from '../helpers';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];
const record = Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, ROW[i]]));

function wineBytes(): ArrayBuffer {
  const b = readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

test('log an ONNX model, register, promote through Staging to Production, alias champion, load and predict', async () => {
  const { client, ws } = await freshClient();
  mlflow.setWorkspace(ws);
  const run = await mlflow.startRun({ runName: 'wine-train' });
  const info = await mlflow.onnx.logModel(wineBytes(), { artifactPath: 'model', inputExample: [record] });
  await mlflow.endRun();

  // An older version already serves production.
  const old = await mlflow.registerModel(info.modelUri, 'wine');
  expect(old.version).toBe('1');
  await client.transitionModelVersionStage('wine', 1, 'production');

  const mv = await mlflow.registerModel(info.modelUri, 'wine');
  expect(mv).toMatchObject({ name: 'wine', version: '2', currentStage: 'None', source: `runs:/${run.info.runId}/model`, runId: run.info.runId, status: 'READY' });

  await client.transitionModelVersionStage('wine', 2, 'Staging');
  const promoted = await client.transitionModelVersionStage('wine', '2', 'Production', true);
  expect(promoted.currentStage).toBe('Production');
  expect((await client.getModelVersion('wine', 1)).currentStage).toBe('Archived');
  expect((await client.getLatestVersions('wine', ['Production'])).map((v) => v.version)).toEqual(['2']);

  await client.setRegisteredModelAlias('wine', 'champion', 2);
  expect((await client.getRegisteredModel('wine')).aliases).toEqual([{ alias: 'champion', version: '2' }]);

  const champion = await client.loadModel('models:/wine@champion');
  expect(champion.location).toMatchObject({ runId: run.info.runId, path: 'model', name: 'wine', version: '2' });
  const out = (await champion.predict([record])) as Array<{ variable: number }>;
  expect(out).toHaveLength(1);
  expect(out[0]?.variable).toBeGreaterThan(3);
  expect(out[0]?.variable).toBeLessThan(8);

  // Every other models:/ form reaches the same files.
  for (const uri of ['models:/wine/2', 'models:/wine/production', 'models:/wine/PRODUCTION', 'models:/wine/latest']) {
    expect((await client.loadModel(uri)).location, uri).toMatchObject({ runId: run.info.runId, path: 'model', version: '2' });
  }
  expect((await client.loadModel('models:/wine/Archived')).location.version).toBe('1');
  expect(await mlflow.pyfunc.loadModel('models:/wine@champion').then((m) => m.location.version)).toBe('2');

  // The audit trail saw all of it.
  const kinds = (await client.getRegistryEvents({ name: 'wine' })).map((e) => `${e.kind}${e.version ? ` v${e.version}` : ''} ${e.from ?? ''}->${e.to ?? ''}`);
  expect(kinds).toEqual([
    'alias/set v2 ->champion=2',
    'version/stage v1 Production->Archived',
    'version/stage v2 Staging->Production',
    'version/stage v2 None->Staging',
    `version/create v2 ->runs:/${run.info.runId}/model`,
    'version/stage v1 None->Production',
    `version/create v1 ->runs:/${run.info.runId}/model`,
    'model/create ->wine',
  ]);
});
