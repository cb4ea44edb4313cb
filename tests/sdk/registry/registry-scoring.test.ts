// The scoring handler serves registered models: /model/<name>/<version|stage|latest|@alias>/invocations
// resolve through the registry, and a moved alias is served from the version it points to now.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createScoringHandler } from '../../../src/sdk/index';
import { freshClient } from '../helpers';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];

test('/model/<name>/<ref>/invocations scores registered versions by number, stage, latest and alias', async () => {
  const { client, ws } = await freshClient();
  const runId = (await client.createRun('0')).info.runId;
  const b = readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`);
  await client.logModel(runId, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, {
    artifactPath: 'model',
    inputExample: [Object.fromEntries(WINE_COLUMNS.map((c, i) => [c, ROW[i]]))],
    registeredModelName: 'wine',
  });
  await client.transitionModelVersionStage('wine', 1, 'Production');
  await client.setRegisteredModelAlias('wine', 'champion', 1);
  const score = createScoringHandler(ws);
  const post = (path: string) =>
    score(new Request(`http://orchard.local${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dataframe_split: { columns: WINE_COLUMNS, data: [ROW] } }) }));

  const answers: string[] = [];
  for (const path of ['/model/wine/1/invocations', '/model/wine/Production/invocations', '/model/wine/production/invocations', '/model/wine/latest/invocations', '/model/wine/@champion/invocations']) {
    const r = await post(path);
    expect(r.status, path).toBe(200);
    const body = (await r.json()) as { predictions: Array<{ variable: number }> };
    expect(body.predictions).toHaveLength(1);
    answers.push(JSON.stringify(body.predictions));
  }
  expect(new Set(answers).size).toBe(1);

  expect((await post('/model/nope/1/invocations')).status).toBe(404);
  expect((await post('/model/wine/7/invocations')).status).toBe(404);
  expect((await post('/model/wine/Staging/invocations')).status).toBe(400);
  const unknownAlias = await post('/model/wine/@ghost/invocations');
  expect(unknownAlias.status).toBe(400);
  expect(((await unknownAlias.json()) as { message: string }).message).toBe('Registered model alias ghost not found.');

  // Moving the alias is seen at once: version 2's files live elsewhere, so it now says so.
  await client.createModelVersion('wine', 's3://bucket/wine/2');
  await client.setRegisteredModelAlias('wine', 'champion', 2);
  const moved = await post('/model/wine/@champion/invocations');
  expect(moved.status).toBe(404);
  expect(((await moved.json()) as { message: string }).message).toMatch(/Version 2 of registered model 'wine' has its files at 's3:\/\/bucket\/wine\/2'/);
});
