// Issue #3, the experiment manager end to end: create, search (plain text, a valid filter, an
// invalid one with its token marked), rename, experiment tags, delete with confirmation, "Show
// deleted" and restore, ?q= / ?deleted=1 surviving a reload, hostile names as text, the `?`
// shortcut help, and "Load demo data" with visible progress. Screenshots (light and dark) go to
// test-results/screenshots/experiments-*.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';

const shots = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const shot = (page: Page, name: string) => page.screenshot({ path: `${shots}experiments-${name}.png`, fullPage: true });
const HOSTILE = '<img src=x onerror=window.__pwned=1>';

let b: BrowserSession;
beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const item = (page: Page, name: string) => page.locator('.experiment-item', { has: page.locator(`.experiment-name:text-is(${JSON.stringify(name)})`) });
const listedNames = (page: Page) => page.locator('.experiment-list .experiment-name').allTextContents();
const search = (page: Page) => page.locator('input[aria-label="Search experiments"]');
/** The page shows this experiment (its title in the header, or the runs page's experiment chip). */
const showsExperiment = (page: Page, name: string) =>
  page.waitForFunction((n) => [...document.querySelectorAll('.experiment-title')].some((e) => e.textContent === n), name, { timeout: 90_000 });
const pwned = (page: Page) => page.evaluate(() => Reflect.get(window, '__pwned') as unknown);

test('create, search, rename, tag, delete, restore; state in the URL; hostile names are text', async () => {
  const page = await b.open('/');
  await page.waitForSelector('.experiment-item[data-experiment-id="0"]');
  await page.waitForSelector('.empty-workspace .load-demo');
  await shot(page, 'empty');

  // Create: the new experiment opens.
  await page.fill('input[aria-label="New experiment name"]', 'vision-baseline');
  await page.click('.create-experiment button[type=submit]');
  await showsExperiment(page, 'vision-baseline');
  await page.fill('input[aria-label="New experiment name"]', HOSTILE);
  await page.click('.create-experiment button[type=submit]');
  await showsExperiment(page, HOSTILE);
  await item(page, HOSTILE).waitFor();
  expect(await page.locator('.experiment-list img, .experiment-header img, .experiment-title img').count()).toBe(0);
  expect(await pwned(page)).toBeUndefined();

  // Search: a name fragment, then a real filter, then a broken one.
  await search(page).fill('VISION');
  await page.waitForFunction(() => !location.search.includes('q=') ? false : document.querySelectorAll('.experiment-list .experiment-item').length === 1);
  expect(await listedNames(page)).toEqual(['vision-baseline']);
  expect(new URL(page.url()).searchParams.get('q')).toBe('VISION');
  await search(page).fill("name LIKE '%onerror%'");
  await search(page).press('Enter');
  await page.waitForFunction((n) => [...document.querySelectorAll('.experiment-list .experiment-name')].map((e) => e.textContent).join() === n, HOSTILE);
  await search(page).fill("name = 'x' AND creation_time > 'soon'");
  await search(page).press('Enter');
  await page.waitForSelector('.experiment-list .error-notice');
  expect(await page.textContent('.experiment-list .error-notice')).toContain('INVALID_PARAMETER_VALUE');
  expect(await page.textContent('.experiment-list .error-token')).toBe("'soon'");
  await shot(page, 'invalid-filter');
  await search(page).fill('');
  await search(page).press('Enter');
  await page.waitForSelector('.experiment-item[data-experiment-id="0"]');

  // Rename in place.
  await item(page, 'vision-baseline').hover();
  await page.click('button[aria-label="Rename vision-baseline"]');
  await page.fill('input[aria-label="New name for vision-baseline"]', 'vision-v2');
  await page.press('input[aria-label="New name for vision-baseline"]', 'Enter');
  await item(page, 'vision-v2').waitFor();
  await item(page, 'vision-v2').locator('a').click();
  await showsExperiment(page, 'vision-v2');

  // Tags: add, edit, delete - and the SDK sees each step.
  await page.fill('.experiment-tags input[aria-label="New tag key"]', 'team');
  await page.fill('.experiment-tags input[aria-label="New tag value"]', 'vision');
  await page.click('.experiment-tags .tag-add button[type=submit]');
  await page.waitForSelector('.experiment-tags tr[data-tag="team"] .tag-value:text-is("vision")');
  await page.click('button[aria-label="Edit tag team"]');
  await page.fill('input[aria-label="Value of tag team"]', 'perception <b>');
  await page.press('input[aria-label="Value of tag team"]', 'Enter');
  await page.waitForSelector('.experiment-tags tr[data-tag="team"] .tag-value:text-is("perception <b>")');
  const experimentId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const tagsNow = () => page.evaluate(async (id) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    return (await new MlflowClient(await openWorkspace()).getExperiment(id)).tags;
  }, experimentId);
  expect(await tagsNow()).toMatchObject({ team: 'perception <b>' });
  await shot(page, 'tags');
  await page.click('button[aria-label="Delete tag team"]');
  await page.waitForSelector('.experiment-tags tr[data-tag="team"]', { state: 'detached' });
  expect(await tagsNow()).not.toHaveProperty('team');

  // Delete asks first; Cancel keeps it.
  await page.click('button[aria-label="Delete vision-v2"]');
  await page.waitForSelector('dialog.confirm-dialog[open]');
  expect(await page.textContent('dialog.confirm-dialog')).toContain('vision-v2');
  await shot(page, 'confirm-delete');
  await page.click('dialog.confirm-dialog button:text-is("Cancel")');
  await page.waitForSelector('dialog.confirm-dialog', { state: 'detached' });
  expect(await item(page, 'vision-v2').count()).toBe(1);
  await page.click('button[aria-label="Delete vision-v2"]');
  await page.click('dialog.confirm-dialog button.danger');
  await item(page, 'vision-v2').waitFor({ state: 'detached' });
  // The page of the deleted experiment says so.
  await page.waitForSelector('.experiment-header .badge-deleted');

  // Show deleted, restore.
  await page.check('.show-deleted input');
  await page.waitForSelector('.experiment-item.deleted .experiment-name:text-is("vision-v2")');
  expect(new URL(page.url()).searchParams.get('deleted')).toBe('1');
  await shot(page, 'show-deleted');
  await item(page, 'vision-v2').locator('button.restore').click();
  await page.waitForSelector('.experiment-item:not(.deleted) .experiment-name:text-is("vision-v2")');

  // ?q= and ?deleted=1 survive a reload; links keep them.
  await search(page).fill('vision');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'vision');
  await page.reload();
  await page.waitForSelector('.experiment-item .experiment-name:text-is("vision-v2")');
  expect(await search(page).inputValue()).toBe('vision');
  expect(await page.isChecked('.show-deleted input')).toBe(true);
  expect(await listedNames(page)).toEqual(['vision-v2']);
  expect(await item(page, 'vision-v2').locator('a').getAttribute('href')).toMatch(/\?q=vision&deleted=1$/);

  // Keyboard: ? lists the shortcuts, Escape closes, g e focuses the search.
  await page.click('.experiment-header');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcut-help[role=dialog]');
  expect(await page.textContent('.shortcut-help')).toContain('Search experiments');
  await shot(page, 'shortcut-help');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.shortcut-help', { state: 'detached' });
  await page.keyboard.press('g');
  await page.keyboard.press('e');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search experiments');

  expect(await pwned(page)).toBeUndefined();
  b.expectNoErrors();
});

test('Load demo data shows progress, then the experiments with their run counts (light and dark)', async () => {
  const page = await b.open('/');
  await page.waitForSelector('.experiment-list .load-demo');
  await page.click('.experiment-list .load-demo');
  await page.waitForSelector('.demo-progress progress');
  expect(await page.textContent('.experiment-list .demo-progress-text')).toMatch(/^\d+ of 21 runs$/);
  await shot(page, 'demo-loading');

  await showsExperiment(page, 'demo/cifar10-sweep');
  await page.waitForSelector('.demo-progress', { state: 'detached' });
  // The sidebar refreshes at most every 250 ms, so the last run's count may land a moment later.
  const counts = { 'demo/cifar10-sweep': '13', 'demo/long-training': '5', 'demo/house-prices': '3' };
  await page.waitForFunction((want) => Object.entries(want).every(([name, n]) =>
    [...document.querySelectorAll('.experiment-item')].some((li) => li.querySelector('.experiment-name')?.textContent === name && li.querySelector('.count')?.textContent === n)), counts);
  expect(await page.textContent('.experiment-header .experiment-run-count')).toBe('13 runs');
  expect(await page.textContent('.experiment-description')).toContain('grid search');
  expect(await page.textContent('.experiment-tags tr[data-tag="team"]')).toContain('vision');
  await shot(page, 'demo');

  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(20, 24, 27)');
  await shot(page, 'demo-dark');
  await page.keyboard.press('?');
  await page.waitForSelector('.shortcut-help');
  await shot(page, 'shortcut-help-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  b.expectNoErrors();
});
