// Issue #4, the model page end to end in Chromium against the built app: a real ONNX wine
// regressor logged from the page, found from its run page, described (flavors, signature, example,
// files, zip export), tried with the generated form and with a pasted request (and refused with
// MLflow's error for a bad one), batch-scored over 100,000 CSV rows with a cancel and a rerun while
// the main thread never blocks for long, and a non-ONNX model imported from a real MLflow folder
// that says it cannot run here. Screenshots: test-results/screenshots/model-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const SHOTS = 'test-results/screenshots';
const HOSTILE = '<img src=x onerror=window.__pwned=1>';
// One column carries markup, so every place a column name is shown is checked for text-only output.
const COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', `pH ${HOSTILE}`, 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];
const BATCH_ROWS = 100_000;

declare global {
  interface Window {
    __pwned?: number;
    __longestTask?: number;
  }
}

let b: BrowserSession;
let page: Page;
let runId = '';
const SK_PATH = `sk ${HOSTILE}`;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

async function shoot(name: string, selector?: string): Promise<void> {
  const path = `${SHOTS}/model-${name}.png`;
  await page.mouse.move(0, 0);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

/** A seeded wine-like CSV (plus an id column the model ignores) of `n` rows. */
function wineCsv(n: number): Buffer {
  let seed = 42;
  const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const header = ['id', ...COLUMNS].map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  const lines = [header];
  for (let i = 0; i < n; i++) lines.push([i, ...ROW.map((v) => +(v * (0.8 + 0.4 * rand())).toFixed(4))].join(','));
  return Buffer.from(`${lines.join('\n')}\n`);
}

const pwned = (): Promise<number | undefined> => page.evaluate(() => window.__pwned);

test('a logged ONNX model is listed on its run page and described on its model page', async () => {
  page = await b.open('/');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForSelector('.experiment-list');
  const wine = readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`).toString('base64');
  const skDir = `${FIX}/mlmodel/sklearn-mlflow3.3__dmatrix-mlflow-misc`;
  const skFiles = ['MLmodel', 'conda.yaml', 'requirements.txt', 'input_example.json', 'serving_input_example.json'].map((f) => ({ path: f, text: readFileSync(`${skDir}/${f}`, 'utf8') }));
  runId = await page.evaluate(
    async ({ wine, columns, row, skFiles, skPath, hostile }) => {
      const { MlflowClient, openWorkspace } = window.orchard;
      const client = new MlflowClient(await openWorkspace());
      const experimentId = await client.createExperiment(`models e2e ${Date.now()}`);
      const run = await client.createRun(experimentId, { runName: `wine ${hostile}` });
      const bytes = Uint8Array.from(atob(wine), (c) => c.charCodeAt(0));
      const inputExample = Object.fromEntries(columns.map((c, i) => [c, [row[i], (row[i] ?? 0) * 1.1]]));
      await client.logModel(run.info.runId, bytes.buffer, { artifactPath: 'model', inputExample });
      await client.importModel(run.info.runId, skFiles.map((f) => ({ path: f.path, data: f.text })), { artifactPath: skPath });
      return run.info.runId;
    },
    { wine, columns: COLUMNS, row: ROW, skFiles, skPath: SK_PATH, hostile: HOSTILE },
  );

  await page.goto(new URL(`/runs/${runId}`, b.baseUrl).href);
  await page.waitForSelector('.logged-models li[data-model-path="model"]');
  expect(await page.locator('.logged-models li').count()).toBe(2);
  expect(await page.textContent('.logged-models li[data-model-path="model"]')).toContain('onnx');
  expect(await page.textContent(`.logged-models li[data-model-path="${SK_PATH}"]`)).toContain(SK_PATH);
  await shoot('run-page-list', '.logged-models');
  await page.click('.logged-models li[data-model-path="model"] > a');

  await page.waitForSelector('.model-page .model-title');
  expect(new URL(page.url()).pathname).toBe(`/runs/${runId}/model/model`);
  expect(await page.textContent('.model-path')).toBe('model');
  expect(await page.locator('.model-title .flavor-badge').allTextContents()).toEqual(['onnx', 'python_function']);
  expect(await page.textContent('.model-source-run')).toBe(`wine ${HOSTILE}`);
  expect(await page.textContent('[data-fact="MLflow version"]')).toMatch(/^\d+\.\d+/);
  expect(await page.textContent('[data-fact="Model UUID"]')).toMatch(/^[0-9a-f]{32}$/);
  expect(await page.textContent('[data-fact="Created (UTC)"]')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  expect(await page.locator('.signature-part[data-part="inputs"] tbody tr').count()).toBe(11);
  expect(await page.locator('.signature-part[data-part="inputs"] tbody tr').nth(8).locator('td').first().textContent()).toBe(`pH ${HOSTILE}`);
  expect(await page.locator('.model-files tr[data-file="model.onnx"]').count()).toBe(1);
  expect(await page.textContent('.model-example')).toContain('fixed acidity');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await shoot('overview');

  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('.export-zip')]);
  expect(zip.suggestedFilename()).toBe('model.zip');
  const zipBytes = readFileSync(await zip.path());
  expect(zipBytes.subarray(0, 2).toString()).toBe('PK');
  expect(zipBytes.includes(Buffer.from('model.onnx'))).toBe(true);
});

test('Try it: the form (prefilled from the example) and a pasted dataframe_split predict; bad input shows MLflow errors', async () => {
  await page.click('.model-panel-nav a[data-panel="try"]');
  expect(new URL(page.url()).searchParams.get('panel')).toBe('try');
  await page.waitForSelector('.try-form .form-field');
  expect(await page.locator('.try-form .form-field').count()).toBe(11);
  expect(await page.inputValue('.try-form .form-field[data-field="alcohol"] input')).toBe('9.4');

  await page.click('.predict-form');
  await page.waitForSelector('.prediction .latency');
  const formValue = Number(await page.textContent('.prediction-table tbody tr td:nth-child(2)'));
  expect(formValue).toBeGreaterThan(3);
  expect(formValue).toBeLessThan(9);
  expect(Number(await page.getAttribute('.prediction .latency', 'data-ms'))).toBeGreaterThan(0);
  await shoot('try-form');

  const split = { dataframe_split: { columns: COLUMNS, data: [ROW, ROW.map((v, i) => (i === 10 ? 13 : v))] } };
  await page.fill('.paste-box', JSON.stringify(split));
  await page.click('.predict-paste');
  await page.waitForFunction(() => document.querySelectorAll('.prediction-table tbody tr').length === 2);
  const pasted = (await page.locator('.prediction-table tbody tr td:nth-child(2)').allTextContents()).map(Number);
  expect(pasted[0]).toBeCloseTo(formValue, 5);
  expect(pasted.every((v) => v > 3 && v < 9)).toBe(true);
  expect(await page.textContent('.prediction-meta')).toMatch(/2 rows · \d+\.\d ms/);
  await shoot('try-paste');

  // Two bad columns at once: a word where a number belongs, and a missing required column.
  const bad = { dataframe_split: { columns: COLUMNS.filter((c) => c !== 'chlorides'), data: [ROW.filter((_, i) => i !== 4).map((v, i) => (i === 9 ? 'strong' : v))] } };
  await page.fill('.paste-box', JSON.stringify(bad));
  await page.click('.predict-paste');
  await page.waitForSelector('.try-result .error-notice');
  const error = await page.textContent('.try-result .error-notice');
  expect(error).toContain('INVALID_PARAMETER_VALUE');
  expect(error).toContain('chlorides');
  expect(error).toContain('alcohol');
  expect(await page.locator('.prediction').count()).toBe(0);
  await shoot('try-error');

  expect(await page.locator('.schema-problems tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-input')))).toEqual(expect.arrayContaining(['chlorides', 'alcohol']));
  // The paste box's refusal marks no form field; the form's own refusal marks the field at fault.
  expect(await page.locator('.try-form .form-field.invalid').count()).toBe(0);
  await page.fill('.try-form .form-field[data-field="citric acid"] input', '0.5');
  await page.click('.predict-form');
  await page.waitForSelector('.try-form .form-field.invalid');
  expect(await page.locator('.try-form .form-field.invalid').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual(['citric acid']);
  expect(await page.textContent('.try-result .error-notice')).toContain('citric acid');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot('try-error-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.fill('.paste-box', '{"dataframe_split": ');
  await page.click('.predict-paste');
  await page.waitForFunction(() => document.querySelector('.try-result .error-notice strong')?.textContent === 'BAD_REQUEST');

  // The open panel is in the URL: a reload lands on it again.
  await page.reload();
  await page.waitForSelector('.try-form');
  expect(await page.getAttribute('.model-panel-nav a[data-panel="try"]', 'aria-current')).toBe('page');
  expect(await pwned()).toBeUndefined();
});

test('Batch score: 100,000 rows with progress, a cancel, a full rerun and a download, no long tasks', async () => {
  await page.click('.model-panel-nav a[data-panel="batch"]');
  await page.waitForSelector('.batch-file');
  await page.setInputFiles('.batch-file', { name: 'wine-100k.csv', mimeType: 'text/csv', buffer: wineCsv(BATCH_ROWS) });
  await page.evaluate(() => {
    window.__longestTask = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longestTask = Math.max(window.__longestTask ?? 0, e.duration);
    }).observe({ type: 'longtask' });
  });
  // The probe works: a deliberate 120 ms block is seen (so a 0 later means no long task, not no
  // probe). It runs from a timer: code run by page.evaluate itself is not reported as a task.
  await page.evaluate(() => {
    setTimeout(() => {
      const end = performance.now() + 120;
      while (performance.now() < end);
    }, 0);
  });
  await page.waitForFunction(() => (window.__longestTask ?? 0) >= 100);
  await page.evaluate(() => (window.__longestTask = 0));

  await page.click('.batch-start');
  await page.waitForFunction(() => Number(document.querySelector('.rows-done')?.textContent?.replace(/,/g, '')) >= 6_000);
  expect(Number((await page.textContent('.rows-total'))?.replace(/,/g, ''))).toBeGreaterThan(90_000);
  await shoot('batch-progress', '.batch-score');
  await page.click('.batch-cancel');
  await page.waitForSelector('.batch-cancelled');
  const cancelledAt = Number((await page.textContent('.batch-cancelled'))?.match(/after ([\d,]+) rows/)?.[1]?.replace(/,/g, ''));
  expect(cancelledAt).toBeGreaterThanOrEqual(6_000);
  expect(cancelledAt).toBeLessThan(BATCH_ROWS);
  expect(await page.locator('.batch-download').count()).toBe(0);

  const t0 = Date.now();
  await page.click('.batch-start');
  await page.waitForSelector('.batch-summary', { timeout: 120_000 });
  const seconds = (Date.now() - t0) / 1000;
  expect(await page.getAttribute('.batch-rows', 'data-rows')).toBe(String(BATCH_ROWS));
  expect(await page.locator('.batch-preview tbody tr').count()).toBe(50);
  const headers = await page.locator('.batch-preview thead th').allTextContents();
  expect(headers).toEqual(['#', 'id', ...COLUMNS, 'variable']);
  const longest = (await page.evaluate(() => window.__longestTask)) ?? 0;
  console.log(`[models e2e] batch ${BATCH_ROWS} rows: ${seconds.toFixed(1)} s wall (${Math.round(BATCH_ROWS / seconds)} rows/s), page says "${await page.textContent('.batch-summary')}", longest main-thread task ${Math.round(longest)} ms`);
  await shoot('batch-done');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.batch-download')]);
  expect(csv.suggestedFilename()).toBe('model-predictions.csv');
  const lines = readFileSync(await csv.path(), 'utf8').split('\r\n').filter((l) => l !== '');
  expect(lines).toHaveLength(BATCH_ROWS + 1);
  expect(lines[0]?.endsWith(',variable')).toBe(true);
  const last = lines[BATCH_ROWS]?.split(',') ?? [];
  expect(last[0]).toBe(String(BATCH_ROWS - 1));
  expect(Number(last[last.length - 1])).toBeGreaterThan(0);
});

test('a tensor model: the form is one JSON box with the shape; ZipMap probabilities show per row', async () => {
  const iris = readFileSync(`${FIX}/onnx/sklearn-onnx/docs/examples/rf_iris.onnx`).toString('base64');
  await page.evaluate(
    async ({ iris, runId }) => {
      const { MlflowClient, openWorkspace } = window.orchard;
      const client = new MlflowClient(await openWorkspace());
      const bytes = Uint8Array.from(atob(iris), (c) => c.charCodeAt(0));
      const inputExample = { dtype: 'float32', shape: [2, 4], data: Float32Array.from([5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3]) };
      await client.logModel(runId, bytes.buffer, { artifactPath: 'nested/iris', inputExample });
    },
    { iris, runId },
  );
  await page.goto(new URL(`/runs/${runId}/model/nested/iris?panel=try`, b.baseUrl).href);
  await page.waitForSelector('.try-form');
  expect(await page.locator('.try-form .form-field').count()).toBe(1);
  expect(await page.textContent('.try-form .field-type')).toBe('tensor<float32> [-1, 4]');
  const box = '.try-form .form-field textarea';
  expect(JSON.parse(await page.inputValue(box))).toHaveLength(2);
  expect(await page.getAttribute(box, 'placeholder')).toContain('shape [-1, 4]');
  await page.click('.predict-form');
  await page.waitForSelector('.prediction .latency');
  expect(await page.locator('.prediction-table thead th').allTextContents()).toEqual(['#', 'output_label', 'output_probability']);
  const labels = await page.locator('.prediction-table tbody tr td:nth-child(2)').allTextContents();
  expect(labels).toEqual(['0', '2']);
  expect(await page.textContent('.prediction-table tbody tr td:nth-child(3)')).toMatch(/^\{"0":/);
  await shoot('try-tensor');
  // A wrong shape is refused by tensor enforcement, naming the expected shape.
  await page.fill(box, '[[1, 2, 3]]');
  await page.click('.predict-form');
  await page.waitForSelector('.try-result .error-notice');
  expect(await page.textContent('.try-result .error-notice')).toMatch(/shape/i);
});

test('a non-ONNX model shows its metadata and says only ONNX models run in the browser', async () => {
  const href = `/runs/${runId}/model/${SK_PATH.split('/').map(encodeURIComponent).join('/')}?panel=try`;
  await page.goto(new URL(href, b.baseUrl).href);
  await page.waitForSelector('.model-cannot-run');
  expect(await page.textContent('.model-cannot-run')).toContain('Only ONNX models run in the browser');
  expect(await page.textContent('.model-cannot-run')).toContain('NOT_IMPLEMENTED');
  expect(await page.textContent('.model-path')).toBe(SK_PATH);
  // No panel that would call predict; a deep link to one lands on the overview.
  expect(await page.locator('.model-panel-nav').count()).toBe(0);
  expect(await page.getAttribute('.model-panel', 'data-panel')).toBe('overview');
  expect(await page.locator('.model-title .flavor-badge').allTextContents()).toEqual(['python_function', 'sklearn']);
  expect(await page.locator('.signature-part[data-part="inputs"] tbody tr').count()).toBe(5);
  expect(await page.textContent('.signature-part[data-part="outputs"]')).toContain('[-1]');
  expect(await page.textContent('.model-example')).toContain('dataframe_split');
  expect(await page.textContent('[data-fact="MLflow version"]')).toBe('3.3.2');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await pwned()).toBeUndefined();
  await shoot('non-onnx');

  // A path with no model says so instead of showing an empty page.
  await page.goto(new URL(`/runs/${runId}/model/nowhere`, b.baseUrl).href);
  await page.waitForSelector('.model-page .error-notice');
  expect(await page.textContent('.model-page .error-notice')).toContain('RESOURCE_DOES_NOT_EXIST');
  b.expectNoErrors();
});
