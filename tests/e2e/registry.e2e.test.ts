// Issue #5, the model registry UI end to end in Chromium against the built app: a profile set in
// Settings; a real ONNX model logged in the page, registered from its run page, a second version
// registered from the model page's run picker; stage transitions through the confirm dialog (which
// names the version it will archive); an alias; the version page with Try it through
// models:/<name>/<version>; an approval gate on Production, a request by user A, approval by user B
// after switching profiles; the audit trail and its CSV; deep links. Hostile names, rename and
// delete: registry-hostile.e2e.test.ts.
// Screenshots: test-results/screenshots/registry-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import * as steps from './registry-steps';

const SHOTS = 'test-results/screenshots';
const MODEL = 'wine-quality';
let b: BrowserSession;
let page: Page;
const runIds: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

async function shoot(name: string, selector?: string): Promise<void> {
  const path = `${SHOTS}/registry-${name}.png`;
  await page.mouse.move(0, 0);
  if (selector) await page.locator(selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}
const go = (path: string) => page.goto(new URL(path, b.baseUrl).href);
const dialog = steps.DIALOG;

const setProfile = (name: string, email: string) => steps.setProfile(page, b.baseUrl, name, email);
const logWineRun = (experiment: string, runName: string) => steps.logWineRun(page, experiment, runName);
const moveTo = (v: string, stage: string) => steps.moveTo(page, v, stage);
const confirm = () => steps.confirmDialog(page);
const stageOf = (v: string) => steps.stageOf(page, v);

test('Settings: the profile is saved, shown in the header, and survives a reload', async () => {
  page = await b.open('/');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForSelector('.experiment-list');
  await page.click('.settings-link');
  await page.waitForSelector('.profile-form');
  expect(new URL(page.url()).pathname).toBe('/settings');
  await shoot('settings-empty');
  await setProfile('Ada Lovelace', 'ada@example.com');
  await page.reload();
  await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('.profile-form input[name="email"]')?.value ?? '') === 'ada@example.com');
  expect(await page.inputValue('.profile-form input[name="name"]')).toBe('Ada Lovelace');
  await shoot('settings');
});

test('a logged model is registered from its run page; a second version from the model page', async () => {
  runIds.push(await logWineRun('registry e2e', 'wine v1'));
  await go(`/runs/${runIds[0]}`);
  const item = '.logged-models li[data-model-path="model"]';
  await page.waitForSelector(`${item} .register-model-open`);
  await page.click(`${item} .register-model-open`);
  await page.fill(`${item} .register-model-name`, MODEL);
  await shoot('run-register', '.logged-models');
  await page.click(`${item} .register-model-submit`);
  await page.waitForSelector(`${item} .register-model-done`);
  expect(await page.textContent(`${item} .register-model-done`)).toContain(`${MODEL} version 1`);
  // The row now says where this model is registered.
  await page.waitForSelector(`${item} .registered-chip[data-registered="${MODEL}/1"]`);

  runIds.push(await logWineRun('registry e2e', 'wine v2'));
  await page.click(`${item} .register-model-done a`);
  await page.waitForFunction(() => document.querySelector('.version-title')?.textContent === 'Version 1');
  expect(new URL(page.url()).pathname).toBe(`/models/${MODEL}/versions/1`);
  await page.click('.version-model-name');
  await page.waitForSelector('.versions-table tr[data-version="1"]');
  await page.click('.register-open');
  await page.fill('.register-run', runIds[1] ?? '');
  await page.waitForSelector('.register-path option[value="model"]', { state: 'attached' });
  expect(await page.textContent('.register-preview')).toBe(`runs:/${runIds[1]}/model`);
  await page.click('.register-submit');
  await page.waitForSelector('.versions-table tr[data-version="2"]');
  expect(await page.textContent('.register-done')).toContain('version 2');
  expect(await page.getAttribute('.versions-table tr[data-version="2"] .source-cell', 'title')).toBe(`runs:/${runIds[1]}/model`);
  expect(await page.getAttribute('.versions-table tr[data-version="2"] .source-run', 'href')).toBe(`/runs/${runIds[1]}`);
  expect(await page.textContent('.versions-table tr[data-version="1"]')).toContain('Ada Lovelace');
});

test('transitions go through a confirm dialog that names exactly what will be archived', async () => {
  await moveTo('1', 'Staging');
  expect(await page.textContent(`${dialog} .transition-move`)).toBe('Version 1: None → Staging');
  await confirm();
  await page.waitForSelector('.versions-table tr[data-version="1"][data-stage="Staging"]');
  await moveTo('1', 'Production');
  await confirm();
  await page.waitForSelector('.versions-table tr[data-version="1"][data-stage="Production"]');

  await moveTo('2', 'Production');
  expect(await page.textContent(`${dialog} .archive-plan`)).toContain('stay there');
  await page.check(`${dialog} .archive-existing input`);
  expect(await page.textContent(`${dialog} .archive-plan`)).toBe('This will archive version 1 (now in Production).');
  expect(await page.getAttribute(`${dialog} .archive-plan`, 'data-archives')).toBe('1');
  await shoot('transition-dialog');
  await confirm();
  await page.waitForSelector('.versions-table tr[data-version="2"][data-stage="Production"]');
  await page.waitForSelector('.versions-table tr[data-version="1"][data-stage="Archived"]');
  expect(await page.locator(dialog).count()).toBe(0);

  // Cancel leaves everything as it was.
  await moveTo('1', 'Staging');
  await page.keyboard.press('Escape');
  await page.waitForSelector(dialog, { state: 'detached' });
  expect(await stageOf('1')).toBe('Archived');
});

test('an alias is set, shown as a chip, and moved', async () => {
  await page.fill('.alias-name', 'champion');
  await page.selectOption('.alias-add-version', '2');
  await page.click('.alias-add button[type="submit"]');
  await page.waitForSelector('.alias-table tr[data-alias="champion"]');
  expect(await page.inputValue('.alias-table tr[data-alias="champion"] .alias-version')).toBe('2');
  await page.waitForSelector('.registry-chips .alias-chip[data-alias="champion"]');
  expect(await page.textContent('.registry-chips .alias-chip[data-alias="champion"]')).toBe('@champion v2');
  expect(await page.textContent('.versions-table tr[data-version="2"] .chip-cell')).toContain('@champion');
  // Moving it: the chip follows, then it goes back to version 2.
  await page.selectOption('.alias-table tr[data-alias="champion"] .alias-version', '1');
  await page.waitForFunction(() => document.querySelector('.registry-chips .alias-chip[data-alias="champion"]')?.textContent === '@champion v1');
  expect(await page.textContent('.versions-table tr[data-version="1"] .chip-cell')).toContain('@champion');
  await page.selectOption('.alias-table tr[data-alias="champion"] .alias-version', '2');
  await page.waitForFunction(() => document.querySelector('.registry-chips .alias-chip[data-alias="champion"]')?.textContent === '@champion v2');
  // Description and tags of the model.
  await page.click('.registry-description .description-edit');
  await page.fill('.registry-description textarea', '# Wine quality\n\nPredicts **quality** from chemistry.');
  await page.click('.registry-description .description-save');
  await page.waitForSelector('.registry-description > .description-body h1');
  await page.fill('.registry-tags input[aria-label="New tag key"]', 'team');
  await page.fill('.registry-tags input[aria-label="New tag value"]', 'oenology');
  await page.click('.registry-tags .tag-add button');
  await page.waitForSelector('.registry-tags tr[data-tag="team"]');
  await shoot('model');
});

test('the version page: facts, signature, and Try it through models:/name/version', async () => {
  await page.click('.versions-table tr[data-version="2"] .version-link');
  await page.waitForFunction(() => document.querySelector('.version-title')?.textContent === 'Version 2');
  expect(await page.textContent('[data-fact="stage"]')).toBe('Production');
  expect(await page.textContent('[data-fact="source"]')).toBe(`runs:/${runIds[1]}/model`);
  expect(await page.textContent('.version-run-link')).toBe('wine v2');
  expect(await page.locator('.version-facts .alias-chip[data-alias="champion"]').count()).toBe(1);
  // The logged model (signature, example) is a second read through models:/wine-quality/2.
  await page.waitForSelector('.signature-part[data-part="inputs"] tbody tr');
  expect(await page.locator('.signature-part[data-part="inputs"] tbody tr').count()).toBe(11);
  await page.click('.version-page .registry-description .description-edit');
  await page.fill('.version-page .registry-description textarea', 'Retrained with the **2024** harvest.');
  await page.click('.version-page .registry-description .description-save');
  await page.waitForSelector('.version-page .registry-description > .description-body strong');
  await shoot('version');
  await page.click('.registry-tabs a[data-tab="try"]');
  expect(new URL(page.url()).searchParams.get('tab')).toBe('try');
  await page.waitForSelector('.try-form .form-field');
  await page.click('.predict-form');
  await page.waitForSelector('.prediction .latency');
  const value = Number(await page.textContent('.prediction-table tbody tr td:nth-child(2)'));
  expect(value).toBeGreaterThan(3);
  expect(value).toBeLessThan(9);
  await shoot('version-try');
  // A registry change refreshes the page without resetting Try it (its prediction stays).
  await page.evaluate(async (name) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    await new MlflowClient(await openWorkspace()).setModelVersionTag(name, '2', 'checked', 'yes');
  }, MODEL);
  await page.waitForTimeout(1000); // past the page's 250 ms refresh throttle
  expect(await page.locator('.prediction .latency').count()).toBe(1);
  await page.reload();
  await page.waitForSelector('.try-form');
  await page.click('.version-run-link');
  await page.waitForSelector('.run-page .run-name');
  expect(new URL(page.url()).pathname).toBe(`/runs/${runIds[1]}`);
});

test('an approval gate on Production: user A requests, user B approves, the audit trail shows both', async () => {
  await go(`/models/${MODEL}?tab=approvals`);
  await page.waitForSelector('.gate-editor');
  await page.check('.gate-stage[data-stage="Production"] input');
  await page.click('.gate-save');
  await page.waitForSelector('.gate-editor .profile-saved');

  await page.click('.registry-tabs a[data-tab="overview"]');
  await moveTo('1', 'Production');
  expect(await page.textContent(`${dialog} .approval-note`)).toContain('Production needs approval');
  await page.check(`${dialog} .archive-existing input`);
  expect(await page.textContent(`${dialog} .archive-plan`)).toBe('This will archive version 2 (now in Production).');
  await page.fill(`${dialog} .transition-comment`, 'v1 scores better on the holdout');
  expect(await page.textContent(`${dialog} .confirm-actions button:last-child`)).toBe('Request approval');
  await shoot('request-dialog');
  await confirm();
  await page.waitForSelector(dialog, { state: 'detached' });
  expect(await stageOf('1')).toBe('Archived');

  // The requester sees the request waiting, and cannot approve it; a direct transition is refused.
  await page.click('.registry-tabs a[data-tab="approvals"]');
  await page.waitForSelector('.approval-request[data-version="1"]');
  expect(await page.locator('.approval-request .request-approve').count()).toBe(0);
  expect(await page.locator('.approval-request .request-cancel').count()).toBe(1);
  await shoot('approvals');
  const refused = await page.evaluate(async (name) => {
    const { MlflowClient, openWorkspace } = window.orchard;
    const client = new MlflowClient(await openWorkspace());
    return client.transitionModelVersionStage(name, '1', 'Production').then(() => 'moved', (e: { errorCode?: string }) => e.errorCode);
  }, MODEL);
  expect(refused).toBe('PERMISSION_DENIED');

  await setProfile('Grace Hopper', 'grace@example.com');
  await go('/models');
  await page.waitForSelector('.pending-approvals .approval-request');
  expect(await page.textContent('.pending-approvals .request-requester')).toBe('Ada Lovelace');
  expect(await page.textContent('.pending-approvals .request-comment')).toBe('v1 scores better on the holdout');
  await page.fill('.pending-approvals .decision-comment', 'approved after review');
  await shoot('list-pending');
  await page.click('.pending-approvals .request-approve');
  await page.waitForSelector('.pending-approvals .no-requests');
  await page.waitForSelector(`.models-table tr[data-model="${MODEL}"] .stage-chip[data-stage="Production"]`);
  expect(await page.textContent(`.models-table tr[data-model="${MODEL}"] .stage-chip[data-stage="Production"]`)).toBe('Production v1');
  expect(await page.textContent(`.models-table tr[data-model="${MODEL}"] .stage-chip[data-stage="Archived"]`)).toBe('Archived v2');
  await shoot('list');

  await go(`/models/${MODEL}?tab=audit`);
  await page.waitForSelector('.audit-event[data-kind="approval/approve"]');
  const kinds = await page.locator('.audit-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  for (const k of ['model/create', 'version/create', 'version/stage', 'alias/set', 'approval/gate', 'approval/request', 'approval/approve']) expect(kinds).toContain(k);
  expect(kinds[0]).not.toBe('model/create'); // newest first
  expect(await page.textContent('.audit-event[data-kind="approval/approve"] .audit-who')).toBe('Grace Hopper');
  expect(await page.textContent('.audit-event[data-kind="approval/request"] .audit-who')).toBe('Ada Lovelace');
  await shoot('audit');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.audit-csv')]);
  expect(csv.suggestedFilename()).toBe(`${MODEL}-audit.csv`);
  const lines = readFileSync(await csv.path(), 'utf8').split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toBe('id,time,model,version,event,user_name,user_email,from,to,comment');
  expect(lines).toHaveLength(kinds.length + 1);
  expect(lines.some((l) => l.includes('approval/approve') && l.includes('Grace Hopper') && l.includes('approved after review'))).toBe(true);
});

test('dark theme', async () => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await go(`/models/${MODEL}`);
  await page.waitForSelector('.versions-table tr[data-version="2"]');
  await shoot('model-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  b.expectNoErrors();
});
