// Issue #4, serving: a model logged in the page is scored by fetch() from any page of the origin
// through the service worker (forwarded to the open tab's inference worker), online and offline;
// with no Orchard tab open the service worker says so.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openBrowser, type BrowserSession } from './browser';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];

let b: BrowserSession;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

test('POST .../invocations from the page is answered through the service worker, also offline', async () => {
  const page = await b.open('/');
  await page.waitForSelector('.experiment-list');
  await b.waitForServiceWorker(page);
  const model = [...readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`)];
  const runId = await page.evaluate(async ([bytes, columns, row]) => {
    const client = new window.orchard.MlflowClient(await window.orchard.openWorkspace());
    const run = await client.createRun('0', { runName: 'served' });
    await client.logModel(run.info.runId, new Uint8Array(bytes as number[]).buffer, {
      artifactPath: 'model',
      inputExample: [Object.fromEntries((columns as string[]).map((c, i) => [c, (row as number[])[i]]))],
    });
    return run.info.runId;
  }, [model, WINE_COLUMNS, ROW] as const);

  const call = (body: string, type = 'application/json') =>
    page.evaluate(async ([id, b2, t]) => {
      const r = await fetch(`/run/${id}/model/invocations`, { method: 'POST', headers: { 'Content-Type': t as string }, body: b2 as string });
      return { status: r.status, body: await r.text() };
    }, [runId, body, type] as const);

  const split = JSON.stringify({ dataframe_split: { columns: WINE_COLUMNS, data: [ROW, ROW] } });
  const ok = await call(split);
  expect(ok.status).toBe(200);
  const predictions = (JSON.parse(ok.body) as { predictions: Array<{ variable: number }> }).predictions;
  expect(predictions).toHaveLength(2);
  expect(predictions[0]?.variable).toBeGreaterThan(0);
  expect((await page.evaluate(async () => (await fetch('/ping')).status))).toBe(200);
  expect(await page.evaluate(async () => (await fetch('/version')).text())).toBe('3.6.0');

  const bad = await call('{"inputs": [[1, 2]]}');
  expect(bad.status).toBe(400);
  expect(JSON.parse(bad.body).error_code).toBeDefined();

  await b.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('.experiment-list');
    const offline = await call(`${WINE_COLUMNS.join(',')}\n${ROW.join(',')}\n`, 'text/csv');
    expect(offline.status).toBe(200);
    expect(JSON.parse(offline.body).predictions[0].variable).toBeCloseTo(predictions[0]?.variable as number, 5);
  } finally {
    await b.setOffline(false);
  }
  // The deliberately bad request above logs its 400 in the console.
  b.expectNoErrors([/status of 400/]);
});
