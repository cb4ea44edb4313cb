// Issue #2 end to end: a run logged through the SDK inside the page shows in the runs table and
// on its run page, survives a reload and an offline reload, is served by the service worker's
// MLflow REST API, and hostile names render as text.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

let b: BrowserSession;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

/** Logs a run from the page, the way a user would from the devtools console. */
function logRunInPage(page: Page) {
  return page.evaluate(async () => {
    const { mlflow } = window.orchard;
    const exp = await mlflow.setExperiment('e2e <img src=x onerror="window.__pwned=1">');
    const run = await mlflow.startRun({ runName: 'e2e-run' });
    await mlflow.logParams({ optimizer_name: 'Adam', learning_rate: 0.001 });
    for (let step = 0; step < 500; step++) mlflow.logMetric('val_f1', step / 500, step);
    mlflow.logMetric('train_loss', 0.25, 0);
    await mlflow.setTag('pipeline_step', 'fine_tuning');
    await mlflow.logText('hello artifact', 'notes/hello.txt');
    await mlflow.endRun();
    return { experimentId: exp.experimentId, runId: run.info.runId };
  });
}

test('a run logged in the page survives reloads, online and offline, and is served over REST', async () => {
  const page = await b.open('/');
  await page.waitForSelector('.experiment-list a');
  expect(await page.textContent('.experiment-list')).toContain('Default');
  await b.waitForServiceWorker(page);

  const { experimentId, runId } = await logRunInPage(page);
  await page.goto(new URL(`/experiments/${experimentId}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${runId}"]`);
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  expect(await row.locator('.run-name').textContent()).toBe('e2e-run');
  expect(await row.textContent()).toContain('FINISHED');
  expect(await row.textContent()).toContain('0.998');
  // The hostile experiment name is text, never markup.
  expect(await page.textContent('.experiment-title')).toContain('<img src=x');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // MLflow's REST API from the service worker sees the same run.
  const rest = await page.evaluate(async (id) => {
    const r = await fetch(`/api/2.0/mlflow/runs/get?run_id=${id}`);
    return { status: r.status, body: await r.json() };
  }, runId);
  expect(rest.status).toBe(200);
  expect(rest.body.run.info.run_id).toBe(runId);
  expect(rest.body.run.data.params).toContainEqual({ key: 'optimizer_name', value: 'Adam' });

  await page.reload();
  await page.waitForSelector(`tr[data-run-id="${runId}"]`);

  await b.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector(`tr[data-run-id="${runId}"]`);
    await page.click(`tr[data-run-id="${runId}"] .run-name`);
    await page.waitForSelector('.metrics-table tr[data-metric="val_f1"]');
    expect(await page.textContent('.metrics-table tr[data-metric="val_f1"]')).toContain('500');
    await page.waitForSelector('.metric-chart[data-metric="val_f1"] svg');
    expect(await page.textContent('.run-page')).toContain('fine_tuning');
    await page.waitForSelector('.artifact-tree li[data-path="notes"]');
    await page.screenshot({ path: '/tmp/orchard-run-page.png', fullPage: true });
  } finally {
    await b.setOffline(false);
  }
  b.expectNoErrors();
});

test('an invalid filter shows MLflow\'s error at the offending token; a valid one filters', async () => {
  const page = await b.open('/experiments/0');
  await page.waitForSelector('.filter-input');
  const ids = await page.evaluate(async () => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    const a = await client.createRun('0', { runName: 'alpha' });
    await client.logMetric(a.info.runId, 'acc', 0.95);
    const c = await client.createRun('0', { runName: 'beta' });
    await client.logMetric(c.info.runId, 'acc', 0.5);
    return { a: a.info.runId, c: c.info.runId };
  });
  await page.waitForSelector(`tr[data-run-id="${ids.c}"]`);
  await page.fill('.filter-input', 'metrics.acc > 0.9');
  await page.press('.filter-input', 'Enter');
  await page.waitForFunction((id) => !document.querySelector(`tr[data-run-id="${id}"]`), ids.c);
  expect(await page.locator(`tr[data-run-id="${ids.a}"]`).count()).toBe(1);

  await page.fill('.filter-input', "metrics.acc > 'high'");
  await page.press('.filter-input', 'Enter');
  await page.waitForSelector('.error-notice');
  expect(await page.textContent('.error-notice')).toContain('INVALID_PARAMETER_VALUE');
  expect(await page.textContent('.error-token')).toContain("'high'");
  await page.screenshot({ path: '/tmp/orchard-filter-error.png' });
  b.expectNoErrors();
});
