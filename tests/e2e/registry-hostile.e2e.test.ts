// Issue #5, the registry UI with hostile input, in Chromium against the built app: model names,
// descriptions and tags holding <script> and <img onerror> render as text everywhere (list,
// search, model page, audit trail), a plain-text search for "<img" is a name search rather than a
// filter error, the search and the open tab survive a reload, and a model is renamed (the page
// follows the new address) and deleted (after a dialog naming it).
// Screenshots: test-results/screenshots/registry-hostile-*.png.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import * as steps from './registry-steps';

const SHOTS = 'test-results/screenshots';
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const dialog = steps.DIALOG;

declare global {
  interface Window {
    __pwned?: number;
  }
}

let b: BrowserSession;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  b = await openBrowser();
  page = await b.open('/');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForSelector('.experiment-list');
});
afterAll(async () => {
  await b?.close();
});

async function shoot(name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SHOTS}/registry-${name}.png`, fullPage: true });
}
const go = (path: string) => page.goto(new URL(path, b.baseUrl).href);
const pwned = (): Promise<number | undefined> => page.evaluate(() => window.__pwned);
const confirm = () => steps.confirmDialog(page);

test('hostile model names and descriptions render as text; search and tabs live in the URL', async () => {
  await page.evaluate(async ({ img, script }) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    await client.createRegisteredModel(img, { description: `${script}\n\n**bold** ${img}`, tags: { 'hostile.tag': `${img} ${script}` } });
    await client.createRegisteredModel(script);
  }, { img: IMG, script: SCRIPT });
  await page.click('.models-nav-link');
  await page.waitForFunction(() => location.pathname === '/models');
  await page.waitForSelector(`.models-table tr[data-model="${IMG}"]`);
  expect(await page.textContent(`.models-table tr[data-model="${IMG}"] .model-name-cell`)).toBe(IMG);
  expect(await page.textContent(`.models-table tr[data-model="${SCRIPT}"] .model-name-cell`)).toBe(SCRIPT);
  await page.fill('.models-search input', '<img');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('search') === '<img');
  await page.waitForFunction(() => document.querySelectorAll('.models-table tbody tr').length === 1);
  await shoot('hostile-list');
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('.models-table tbody tr').length === 1);
  expect(await page.inputValue('.models-search input')).toBe('<img');
  await page.fill('.models-search input', "name = 'nope'");
  await page.waitForSelector('.no-models');

  await go(`/models/${encodeURIComponent(IMG)}`);
  await page.waitForSelector('.registered-model-name');
  expect(await page.textContent('.registered-model-name')).toBe(IMG);
  expect(await page.textContent('.registry-description .description-body')).toContain(SCRIPT);
  expect(await page.locator('.registry-description .description-body strong').count()).toBe(1);
  expect(await page.textContent('.registry-tags tr[data-tag="hostile.tag"] .tag-value')).toBe(`${IMG} ${SCRIPT}`);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('#app-root script').count()).toBe(0);
  await shoot('hostile-model');
  await page.click('.registry-tabs a[data-tab="audit"]');
  expect(new URL(page.url()).searchParams.get('tab')).toBe('audit');
  await page.waitForSelector('.audit-event[data-kind="model/create"]');
  await page.reload();
  await page.waitForSelector('.audit-event[data-kind="model/create"]');
  expect(await pwned()).toBeUndefined();

  // Rename moves the page to the new address; delete asks first, naming the model, then lists.
  await go(`/models/${encodeURIComponent(SCRIPT)}`);
  await page.waitForSelector('.registered-model-name');
  expect(await page.textContent('.registered-model-name')).toBe(SCRIPT);
  await page.click('.model-rename');
  await page.fill('.model-new-name', 'renamed model');
  await page.press('.model-new-name', 'Enter');
  await page.waitForFunction(() => location.pathname === '/models/renamed%20model');
  await page.waitForFunction(() => document.querySelector('.registered-model-name')?.textContent === 'renamed model');
  await page.click('.model-delete');
  expect(await page.textContent(`${dialog} .delete-model-name`)).toBe('renamed model');
  await confirm();
  await page.waitForFunction(() => location.pathname === '/models');
  await page.waitForSelector(`.models-table tr[data-model="${IMG}"]`);
  expect(await page.locator('.models-table tr[data-model="renamed model"]').count()).toBe(0);
  expect(await page.locator(`.models-table tr[data-model="${SCRIPT}"]`).count()).toBe(0);
  b.expectNoErrors();
});

test("a name with a slash has its own address, and Try it works though models:/ cannot spell it", async () => {
  const runId = await steps.logWineRun(page, 'slash e2e', 'slash run');
  await page.evaluate(async (runId) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    await client.createRegisteredModel('team/wine');
    await client.createModelVersion('team/wine', `runs:/${runId}/model`, { runId });
  }, runId);
  await go('/models/team%2Fwine/versions/1?tab=try');
  await page.waitForSelector('.try-form');
  await page.click('.predict-form');
  await page.waitForSelector('.prediction .latency');
  await page.click('.version-model-name');
  await page.waitForFunction(() => document.querySelector('.registered-model-name')?.textContent === 'team/wine');
  expect(new URL(page.url()).pathname).toBe('/models/team%2Fwine');
  expect(await page.locator('.versions-table tr[data-version="1"]').count()).toBe(1);
  b.expectNoErrors();
});
