// Issue #3, the runs table: sorting, columns, filter autocompletion and errors, nesting, grouping,
// selection actions, saved views, keyboard, URL state across reloads, live updates from another
// tab, and 10,000 runs rendered virtualised.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

let b: BrowserSession;
let page: Page;
let expId: string;
type RunName = 'parent' | 'trial-a' | 'trial-b' | 'trial-c' | 'solo';
let ids: Record<RunName, string>;
const shots = 'test-results/screenshots';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  b = await openBrowser();
  page = await b.open('/');
  await page.waitForSelector('.experiment-list');
  ({ expId, ids } = await page.evaluate(async () => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    const expId = await client.createExperiment('sweep');
    await client.createExperiment('archive');
    const ids: Record<string, string> = {};
    const parent = await client.createRun(expId, { runName: 'sweep-parent', startTime: 1000 });
    ids.parent = parent.info.runId;
    const specs: Array<[string, string, number[]]> = [['trial-a', '0.1', [0.9, 0.2, 0.6]], ['trial-b', '0.01', [0.7, 0.5, 0.4]], ['trial-c', '0.1', [0.8, 0.3, 0.35]]];
    let start = 2000;
    for (const [name, lr, losses] of specs) {
      const r = await client.createRun(expId, { runName: name, startTime: start++, tags: { 'mlflow.parentRunId': parent.info.runId, team: 'vision' } });
      await client.logBatch(r.info.runId, { params: [{ key: 'lr', value: lr }], metrics: losses.map((value, step) => ({ key: 'val loss', value, step, timestamp: 1 })) });
      await client.setTerminated(r.info.runId);
      ids[name] = r.info.runId;
    }
    const solo = await client.createRun(expId, { runName: '<img src=x onerror="window.__pwned=1">', startTime: start++ });
    ids.solo = solo.info.runId;
    return { expId, ids: ids as Record<'parent' | 'trial-a' | 'trial-b' | 'trial-c' | 'solo', string> };
  }));
});
afterAll(async () => {
  await b?.close();
});

const rowIds = (p: Page) => p.$$eval('tr[data-run-id]', (rows) => rows.map((r) => r.getAttribute('data-run-id')));
const names = async (p: Page) => {
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return (await rowIds(p)).map((id) => byId[id ?? ''] ?? id);
};

test('nesting, columns, sorting by min, filter with autocompletion, URL state survives reload', async () => {
  await page.goto(new URL(`/experiments/${expId}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids.parent}"]`);
  expect(await names(page)).toEqual(['solo', 'parent']);
  expect(await page.textContent(`tr[data-run-id="${ids.solo}"] .run-name`)).toBe('<img src=x onerror="window.__pwned=1">');
  await page.click(`tr[data-run-id="${ids.parent}"] .expander`);
  await page.waitForSelector(`tr[data-run-id="${ids['trial-a']}"]`);
  expect(await names(page)).toEqual(['solo', 'parent', 'trial-c', 'trial-b', 'trial-a']);

  // Column picker: show the min of "val loss" and the lr param.
  await page.click('.column-picker > button');
  await page.fill('.column-search', 'loss');
  await page.selectOption('li[data-column="metrics.val loss"] select', 'min');
  await page.fill('.column-search', 'lr');
  await page.check('li[data-column="params.lr"] input[type=checkbox]');
  await page.click('.column-picker-panel button:text("Done")');
  await page.waitForSelector('th[data-column="metrics.val loss:min"]');
  // Sort by min: trial-a (0.2) < trial-c (0.3) < trial-b (0.4) under their parent; the top-level
  // runs have no such metric, so they keep the default order (start time, newest first).
  await page.click('th[data-column="metrics.val loss:min"]');
  await page.click('th[data-column="metrics.val loss:min"]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort')?.includes('ASC'));
  expect(await names(page)).toEqual(['solo', 'parent', 'trial-a', 'trial-c', 'trial-b']);
  // Shift-click adds a second key.
  await page.click('th[data-column="params.lr"]', { modifiers: ['Shift'] });
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('sort').length === 2);

  // Filter with autocompletion: type a partial key, take the suggestion, finish the clause.
  await page.click('.filter-input');
  await page.keyboard.type('params.l');
  await page.waitForSelector('.filter-suggestions li');
  await page.keyboard.press('Tab');
  expect(await page.inputValue('.filter-input')).toBe('params.lr');
  await page.keyboard.type(" = '0.1'");
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => !document.querySelector(`tr[data-run-id="${id}"]`), ids['trial-b']);
  expect(await names(page)).toEqual(['trial-a', 'trial-c']);
  await page.screenshot({ path: `${shots}/runs-table-filtered.png` });

  const url = page.url();
  await page.reload();
  await page.waitForSelector(`tr[data-run-id="${ids['trial-a']}"]`);
  expect(page.url()).toBe(url);
  expect(await names(page)).toEqual(['trial-a', 'trial-c']);
  expect(await page.inputValue('.filter-input')).toBe("params.lr = '0.1'");
  expect(await page.locator('th[data-column="metrics.val loss:min"]').count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  b.expectNoErrors();
});

test('an invalid filter is underlined at the offending token and keeps the last results', async () => {
  await page.fill('.filter-input', "params.lr = '0.1' AND metrics.`val loss` < 'low'");
  await page.press('.filter-input', 'Enter');
  await page.waitForSelector('.error-notice');
  expect(await page.textContent('.error-token')).toBe("'low'");
  expect(await page.locator('tr[data-run-id]').count()).toBe(2);
  await page.click('.filter-bar button:text("Clear")');
  await page.waitForSelector(`tr[data-run-id="${ids.solo}"]`);
});

test('group by a param shows aggregate rows; saved views restore the setup', async () => {
  await page.goto(new URL(`/experiments/${expId}?open=${ids.parent}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids['trial-a']}"]`);
  await page.selectOption('.group-select', 'params.lr');
  await page.waitForSelector('tr.group-row');
  const groups = await page.$$eval('tr.group-row .group-label', (els) => els.map((e) => e.textContent));
  expect(groups).toEqual(['lr = 0.01 (1)', 'lr = 0.1 (2)', 'lr = (none) (2)']);
  await page.screenshot({ path: `${shots}/runs-table-grouped.png` });
  await page.click('.saved-views button:text("Save view")');
  await page.fill('.save-view input', 'by lr');
  await page.click('.save-view button');
  await page.waitForSelector('.saved-views option[value="by lr"]', { state: 'attached' });
  await page.goto(new URL(`/experiments/${expId}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids.parent}"]`);
  expect(await page.locator('tr.group-row').count()).toBe(0);
  await page.selectOption('.saved-views select', 'by lr');
  await page.waitForSelector('tr.group-row');
  expect(new URL(page.url()).searchParams.get('group')).toBe('params.lr');
});

test('keyboard selection, compare, move to another experiment and delete', async () => {
  await page.goto(new URL(`/experiments/${expId}?open=${ids.parent}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids['trial-a']}"]`);
  await page.click('#app-root h2');
  await page.keyboard.press('j'); // solo
  await page.keyboard.press('j'); // parent
  await page.keyboard.press('j'); // trial-c
  await page.keyboard.press('x');
  await page.keyboard.press('j'); // trial-b
  await page.keyboard.press('x');
  await page.waitForSelector('.selection-actions');
  expect(await page.textContent('.selection-actions strong')).toBe('2 selected');
  await page.keyboard.press('c');
  await page.waitForURL(/\/compare\?runs=/);
  expect(new URL(page.url()).searchParams.get('runs')?.split(',').sort()).toEqual([ids['trial-c'], ids['trial-b']].sort());
  await page.goBack();
  await page.waitForSelector('.selection-actions');

  // Move trial-b away, then delete trial-c (confirm dialog accepted).
  await page.click(`tr[data-run-id="${ids['trial-c']}"] input[type=checkbox]`);
  const archive = await page.evaluate(async () => (await new window.orchard.MlflowClient(await window.orchard.openWorkspace()).getExperimentByName('archive'))?.experimentId);
  await page.selectOption('.move-select', archive as string);
  await page.waitForFunction((id) => !document.querySelector(`tr[data-run-id="${id}"]`), ids['trial-b']);
  await page.click(`tr[data-run-id="${ids['trial-c']}"] input[type=checkbox]`);
  page.once('dialog', (d) => void d.accept());
  await page.click('.delete-button');
  await page.waitForFunction((id) => !document.querySelector(`tr[data-run-id="${id}"]`), ids['trial-c']);
  const state = await page.evaluate(async ([b2, c2]) => {
    const client = new window.orchard.MlflowClient(await window.orchard.openWorkspace());
    return [(await client.getRun(b2 as string)).info.experimentId, (await client.getRun(c2 as string)).info.lifecycleStage];
  }, [ids['trial-b'], ids['trial-c']]);
  expect(state).toEqual([archive, 'deleted']);
  b.expectNoErrors();
});

test('a run logging in another tab updates its row live', async () => {
  await page.goto(new URL(`/experiments/${expId}?cols=metrics.live`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids.solo}"]`);
  const other = await b.context.newPage();
  await other.goto(new URL('/experiments/0', b.baseUrl).href);
  await other.waitForFunction(() => !!window.orchard);
  await other.evaluate(async (id) => {
    const client = new window.orchard.MlflowClient(await window.orchard.openWorkspace());
    await client.logMetric(id, 'live', 42, { step: 1 });
  }, ids.solo);
  await page.waitForFunction((id) => document.querySelector(`tr[data-run-id="${id}"]`)?.textContent?.includes('42'), ids.solo, { timeout: 5000 });
  await other.close();
});

test('one table over several experiments: add and remove experiments, with an experiment column', async () => {
  await page.goto(new URL(`/experiments/${expId}`, b.baseUrl).href);
  await page.waitForSelector(`tr[data-run-id="${ids.solo}"]`);
  const archive = await page.evaluate(async () => (await new window.orchard.MlflowClient(await window.orchard.openWorkspace()).getExperimentByName('archive'))?.experimentId as string);
  await page.selectOption('.add-experiment', archive);
  await page.waitForURL(new RegExp(`/experiments/${expId},${archive}`));
  // trial-b was moved to archive earlier; it still nests under its parent in the joint table.
  await page.click(`tr[data-run-id="${ids.parent}"] .expander`);
  await page.waitForSelector(`tr[data-run-id="${ids['trial-b']}"]`);
  expect(await page.textContent(`tr[data-run-id="${ids['trial-b']}"]`)).toContain('archive');
  expect(await page.locator('.experiment-chip').count()).toBe(2);
  await page.click(`.experiment-chip[data-experiment-id="${archive}"] button`);
  await page.waitForFunction((id) => !document.querySelector(`tr[data-run-id="${id}"]`), ids['trial-b']);
  expect(page.url()).toContain(`/experiments/${expId}`);
});

test('10,000 runs: rows are virtualised and the last run is reachable by scrolling', async () => {
  const bigId = await page.evaluate(async () => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const ws = await openWorkspace();
    const client = new MlflowClient(ws);
    const id = await client.createExperiment('ten-thousand');
    // Setup only: one transaction of 10,000 run/create mutations (the mutation layer's batch form).
    const creates = Array.from({ length: 10_000 }, (_, i) => {
      const runId = `f${i.toString(16).padStart(31, '0')}`;
      return { type: 'run/create' as const, run: { info: { runId, runName: `run-${i}`, experimentId: id, userId: 'bench', status: 'FINISHED' as const, startTime: 1_700_000_000_000 + i, endTime: 1_700_000_000_500 + i, artifactUri: '', lifecycleStage: 'active' as const }, data: { metrics: { acc: (i % 1000) / 1000 }, params: { seed: String(i) }, tags: {} }, inputs: { datasetInputs: [] } } };
    });
    await ws.store.mutations.apply(creates);
    return id;
  });
  await page.goto(new URL(`/experiments/${bigId}`, b.baseUrl).href);
  await page.waitForSelector('tr[data-run-id]');
  expect(await page.textContent('.run-count')).toContain('10000 runs');
  expect(await page.locator('tr[data-run-id]').count()).toBeLessThan(100);
  await page.$eval('.runs-grid', (el) => el.scrollTo(0, el.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('tr[data-run-id] .run-name')].some((e) => e.textContent === 'run-0'));
  await page.screenshot({ path: `${shots}/runs-table-10k.png` });
  b.expectNoErrors();
});
