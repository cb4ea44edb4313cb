// Compare runs (issue #3) end to end in Chromium against the built app: runs logged through
// window.orchard are overlaid (one path per run), every control changes the chart and the URL,
// a reload restores the view, parallel coordinates / scatter / diff table render, a run that
// keeps logging updates the chart live, and hostile names stay text.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

const SHOTS = 'test-results/screenshots';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let b: BrowserSession;
let page: Page;
let ids: string[];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  b = await openBrowser();
  page = await b.open('/');
  await page.waitForSelector('.experiment-list a');
  ids = await page.evaluate(async (hostile) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    const exp = await client.createExperiment(`compare-e2e-${Date.now()}`);
    const specs = [
      { name: 'baseline', lr: '0.1', scale: 1 },
      { name: hostile, lr: '0.01', scale: 0.6 },
      { name: 'still-running', lr: '0.001', scale: 0.3 },
    ];
    const out: string[] = [];
    const t0 = Date.now() - 60_000;
    for (const [r, s] of specs.entries()) {
      const run = await client.createRun(exp, { runName: s.name });
      await client.logBatch(run.info.runId, { params: [{ key: 'lr', value: s.lr }, { key: 'optimizer', value: 'adam' }, { key: 'note', value: '<script>x</script>' }] });
      for (let step = 0; step < 300; step++) {
        // A decaying loss with noise, and one huge spike in the first run (for "ignore outliers").
        const loss = r === 0 && step === 150 ? 1000 : s.scale * Math.exp(-step / 80) + 0.05 * Math.sin(step * 1.7) + 0.1;
        void client.logMetric(run.info.runId, 'loss', loss, { step, timestamp: t0 + step * 100, synchronous: false });
        void client.logMetric(run.info.runId, 'acc', 1 - loss / 2, { step, timestamp: t0 + step * 100, synchronous: false });
      }
      await client.flush();
      if (r < 2) await client.setTerminated(run.info.runId);
      out.push(run.info.runId);
    }
    return out;
  }, HOSTILE);
});

afterAll(async () => {
  await b?.close();
});

const overlayPaths = (kind: string) => page.locator(`.overlay-chart g[data-kind="${kind}"] path`);
const query = () => new URL(page.url()).searchParams;
const pathOf = (kind: string, id: string) => page.locator(`.overlay-chart g[data-kind="${kind}"][data-series="${id}"] path`).getAttribute('d');

test('the overlay draws one path per run, and every control changes the chart and the URL', async () => {
  await page.goto(new URL(`/compare?runs=${ids.join(',')}&metric=loss`, b.baseUrl).href);
  await page.waitForSelector('.overlay-chart svg');
  await expect.poll(() => overlayPaths('raw').count()).toBe(3);
  const series = await page.locator('.overlay-chart g[data-kind="raw"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-series')));
  expect(series.sort()).toEqual([...ids].sort());
  // The three runs have three different colours.
  const strokes = await page.locator('.overlay-chart g[data-kind="raw"] > g').evaluateAll((gs) => gs.map((g) => g.getAttribute('stroke')));
  expect(new Set(strokes).size).toBe(3);
  await page.screenshot({ path: `${SHOTS}/compare-overview.png`, fullPage: true });

  // x-axis: relative time - the axis label changes and ticks read as m:ss (points are 0.1 s apart).
  const xTicks = () => page.locator('.overlay-chart g[aria-label="x-axis tick label"] text').allTextContents();
  expect(await xTicks()).toContain('100');
  await page.check('input[name="x-axis"][value="relative"]');
  await expect.poll(() => query().get('x')).toBe('relative');
  await expect.poll(() => page.textContent('.overlay-chart svg')).toContain('time since run start');
  await expect.poll(xTicks).toContain('0:10');

  // Smoothing: a smoothed line per run appears over the raw ones.
  await page.locator('.smoothing-slider').evaluate((el: HTMLInputElement) => {
    el.value = '0.8';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect.poll(() => query().get('smooth')).toBe('0.8');
  await expect.poll(() => overlayPaths('smoothed').count()).toBe(3);

  // Ignore outliers: the 1000 spike no longer sets the y-axis.
  const maxTick = () => page.locator('.overlay-chart g[aria-label="y-axis tick label"] text').evaluateAll((ts) => Math.max(...ts.map((t) => Number((t.textContent ?? '').replace(/[,−]/g, (c) => (c === '−' ? '-' : ''))))));
  expect(await maxTick()).toBeGreaterThanOrEqual(1000);
  await page.check('.outliers-toggle');
  await expect.poll(() => query().get('outliers')).toBe('1');
  await expect.poll(maxTick).toBeLessThan(10);

  // Log scale.
  const linearPath = await pathOf('smoothed', ids[1]!);
  await page.check('.log-toggle');
  await expect.poll(() => query().get('log')).toBe('1');
  await expect.poll(() => pathOf('smoothed', ids[1]!)).not.toBe(linearPath);
  await page.screenshot({ path: `${SHOTS}/compare-controls.png`, fullPage: true });

  // A reload restores the whole view from the URL.
  await page.reload();
  await page.waitForSelector('.overlay-chart svg');
  await expect.poll(() => overlayPaths('smoothed').count()).toBe(3);
  expect(await page.isChecked('input[name="x-axis"][value="relative"]')).toBe(true);
  expect(await page.isChecked('.log-toggle')).toBe(true);
  expect(await page.isChecked('.outliers-toggle')).toBe(true);
  expect(await page.inputValue('.smoothing-slider')).toBe('0.8');
  expect(await page.inputValue('.metric-select')).toBe('loss');

  // Aggregation: one group of all runs -> one band and one mean line instead of three lines.
  await page.selectOption('.group-select', 'all');
  await expect.poll(() => query().get('group')).toBe('all');
  await expect.poll(() => overlayPaths('band').count()).toBe(1);
  expect(await overlayPaths('mean').count()).toBe(1);
  expect(await overlayPaths('raw').count()).toBe(0);
  await page.screenshot({ path: `${SHOTS}/compare-aggregate.png`, fullPage: true });
  await page.selectOption('.group-select', '');
  await expect.poll(() => overlayPaths('smoothed').count()).toBe(3);
  b.expectNoErrors();
});

test('parallel coordinates, scatter and the diff table render; hostile names are text', async () => {
  await page.goto(new URL(`/compare?runs=${ids.join(',')}&metric=acc`, b.baseUrl).href);
  await page.waitForSelector('.pc-chart svg');
  expect(await page.locator('.pc-chart g[data-kind="pc-line"] path').count()).toBe(3);
  // Defaults: the differing param (lr) and the chosen metric.
  expect(await page.textContent('.axis-chooser summary')).toContain('params.lr, metrics.acc');
  await page.click('.axis-chooser summary');
  await page.check('.axis-options input[value="params.optimizer"]');
  await expect.poll(() => query().get('pc')).toBe('params.lr,metrics.acc,params.optimizer');

  await page.waitForSelector('.scatter-chart svg');
  expect(await page.locator('.scatter-chart circle[data-series]').count()).toBe(3);
  await page.selectOption('.scatter-y', 'metrics.loss');
  await expect.poll(() => query().get('sy')).toBe('metrics.loss');

  expect(await page.getAttribute('.compare-table tr[data-ref="params.lr"]', 'class')).toContain('differs');
  expect((await page.getAttribute('.compare-table tr[data-ref="params.optimizer"]', 'class')) ?? '').not.toContain('differs');
  await page.check('.only-diffs input');
  await expect.poll(() => page.locator('.compare-table tr[data-ref="params.optimizer"]').count()).toBe(0);

  // Hostile run name, param key and value: shown as text in chips, legends and table; never run.
  expect(await page.locator('.run-chip .run-name').allTextContents()).toContain(HOSTILE);
  expect(await page.locator('.overlay-chart .chart-legend').textContent()).toContain(HOSTILE);
  await page.uncheck('.only-diffs input');
  expect(await page.textContent('.compare-table')).toContain('<script>x</script>');
  expect(await page.locator('.compare-page img[src="x"], .compare-page script, .compare-page b').count()).toBe(0);
  expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();

  // After reload the scatter and parallel-coordinates choices are still there.
  await page.reload();
  await page.waitForSelector('.scatter-chart svg');
  expect(await page.inputValue('.scatter-y')).toBe('metrics.loss');
  expect(await page.textContent('.axis-chooser summary')).toContain('params.optimizer');
  await page.screenshot({ path: `${SHOTS}/compare-pc-scatter-table.png`, fullPage: true });
  b.expectNoErrors();
});

test('a compared run that keeps logging updates its line within a second', async () => {
  await page.goto(new URL(`/compare?runs=${ids.join(',')}&metric=loss`, b.baseUrl).href);
  await expect.poll(() => overlayPaths('raw').count()).toBe(3);
  const live = ids[2]!;
  const before = await pathOf('raw', live);
  const other = await pathOf('raw', ids[0]!);
  const t = await page.evaluate(async (runId) => {
    const t0 = performance.now();
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    for (let step = 300; step < 600; step++) void client.logMetric(runId, 'loss', 0.5 + 0.2 * Math.sin(step / 9), { step, synchronous: false });
    await client.flush();
    return t0;
  }, live);
  await page.waitForFunction(
    ([sel, old]) => document.querySelector(sel)?.getAttribute('d') !== old,
    [`.overlay-chart g[data-kind="raw"][data-series="${live}"] path`, before] as const,
    { timeout: 10_000 },
  );
  // How fast is the bench's business; here it only has to happen (the time is printed).
  const elapsed = await page.evaluate((t0) => performance.now() - t0, t);
  console.log(`[compare e2e] live point reached the chart in ${Math.round(elapsed)} ms`);
  // The x-range grew to the new last step: the other run's line got shorter on screen.
  expect(await pathOf('raw', ids[0]!)).not.toBe(other);
  await page.screenshot({ path: `${SHOTS}/compare-live.png`, fullPage: true });
  b.expectNoErrors();
});

test('offline, the view and its worker come from the service worker\'s precache', async () => {
  await page.goto(new URL(`/compare?runs=${ids.join(',')}&metric=loss&smooth=0.5`, b.baseUrl).href);
  await b.waitForServiceWorker(page);
  await b.setOffline(true);
  try {
    await page.reload();
    await expect.poll(() => overlayPaths('smoothed').count(), { timeout: 10_000 }).toBe(3);
  } finally {
    await b.setOffline(false);
  }
  b.expectNoErrors();
});
