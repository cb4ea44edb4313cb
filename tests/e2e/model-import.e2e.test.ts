// Issue #4: importing a model directory exported from MLflow (as a zip) into a run from the run
// page; a zip that tries to escape with `..` is refused and nothing is stored.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { openBrowser, type BrowserSession } from './browser';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
let b: BrowserSession;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

test('a real MLflow onnx model zip imports from the run page and opens on its model page', async () => {
  const page = await b.open('/');
  await page.waitForSelector('.experiment-list');
  const runId = await page.evaluate(async () => (await new window.orchard.MlflowClient(await window.orchard.openWorkspace()).createRun('0', { runName: 'importer' })).info.runId);
  const dir = `${FIX}/mlmodel/onnx__mlflow-export-import`;
  const zip = zipSync({
    'onnx-model/MLmodel': readFileSync(`${dir}/MLmodel`),
    'onnx-model/conda.yaml': readFileSync(`${dir}/conda.yaml`),
    'onnx-model/model.onnx': readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`),
  });
  await page.goto(new URL(`/runs/${runId}`, b.baseUrl).href);
  await page.click('.import-model button');

  const evil = zipSync({ MLmodel: strToU8('flavors:\n  onnx: {}\n'), '../../escape.txt': strToU8('x') });
  await page.setInputFiles('input[aria-label="Model zip"]', { name: 'evil.zip', mimeType: 'application/zip', buffer: Buffer.from(evil) });
  await page.waitForSelector('.import-model .error-notice');
  expect(await page.textContent('.import-model .error-notice')).toContain('..');

  await page.fill('input[aria-label="Artifact path for the imported model"]', 'wine');
  await page.setInputFiles('input[aria-label="Model zip"]', { name: 'model.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.waitForSelector('.import-done a');
  expect(await page.textContent('.import-done')).toContain('onnx');
  const files = await page.evaluate(async (id) => (await new window.orchard.MlflowClient(await window.orchard.openWorkspace()).listArtifacts(id, 'wine')).map((f) => f.path), runId);
  expect(files.sort()).toEqual(['wine/MLmodel', 'wine/conda.yaml', 'wine/model.onnx']);
  expect(files.some((f) => f.includes('escape'))).toBe(false);
  await page.click('.import-done a');
  await page.waitForURL(/\/model\/wine/);
  await page.waitForSelector('text=onnx');
  b.expectNoErrors();
});
