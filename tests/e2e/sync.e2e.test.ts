// Issue #6, sharing a workspace end to end: two (then three) separate Chromium profiles against
// the built app and a REAL relay process (tests/e2e/relay-process.ts). A shares its workspace and
// creates an invite (link + QR code); B opens the link, joins and watches A's experiment, run and
// metric chart arrive; a run A logs appears live in B; each sees the other online and where; a
// read-only invite cannot write; the relay killed -> both "offline since", edits on both sides,
// relay back -> connected and merged; damaged and expired links; leaving keeps the data, detached.
// Screenshots: test-results/screenshots/sync-*.png.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { signToken } from '../../src/domain/sync/token';
import { openBrowser, type BrowserSession } from './browser';
import type { RelayProcess } from './relay-process';
import { closeTwoBrowsersAndRelay, openAs, openInvite, openTwoBrowsersAndRelay, refusedWhileRelayDown, screenshotsNamed, waitForSyncStatus } from './sync-steps';

let relay: RelayProcess;
let a: BrowserSession;
let b: BrowserSession;
let pa: Page;
let pb: Page;
let invite = '';
let workspaceId = '';
let experimentId = '';
let firstRunId = '';

beforeAll(async () => {
  ({ a, relay, b } = await openTwoBrowsersAndRelay());
});
afterAll(() => closeTwoBrowsersAndRelay({ a, b, relay }));

/**
 * What the browsers may report: sockets and requests refused while the relay was killed. (A blob
 * whose writer has not uploaded it yet is asked about with POST /blobs/<W>/missing before any
 * GET, so no 404 is ever logged.)
 */
const expectedErrors = (): RegExp[] => refusedWhileRelayDown(relay);
const shoot = screenshotsNamed('sync');
const go = (page: Page, path: string) => page.goto(new URL(path, a.baseUrl).href);
const waitForStatus = (page: Page, pattern: RegExp, timeout = 30_000) => waitForSyncStatus(page, pattern, timeout);

/** Logs a finished run through the page's fluent API (window.orchard, as a notebook would). */
function logRun(page: Page, experiment: string, runName: string, points = 30): Promise<{ runId: string; experimentId: string }> {
  return page.evaluate(
    async ({ experiment, runName, points }) => {
      const { mlflow } = window.orchard;
      await mlflow.setExperiment(experiment);
      const run = await mlflow.startRun({ runName });
      await mlflow.logParam('lr', '0.01');
      for (let i = 0; i < points; i++) mlflow.logMetric('loss', 1 / (i + 1), i);
      await mlflow.endRun();
      return { runId: run.info.runId, experimentId: run.info.experimentId };
    },
    { experiment, runName, points },
  );
}

test('A shares its workspace, then creates an invite link with a QR code, role and expiry', async () => {
  pa = await openAs(a, 'Ada Lovelace', 'ada@example.com');
  ({ experimentId, runId: firstRunId } = await logRun(pa, 'churn model', 'baseline'));

  // Not shared yet: the header offers to share.
  await pa.click('.share-button');
  await pa.waitForSelector('.share-form');
  expect(new URL(pa.url()).pathname).toBe('/sync');
  await pa.fill('.share-form input[name="relay"]', relay.url.replace('http://', 'ws://'));
  await shoot(pa, 'share-form');
  await pa.click('.share-submit');
  await waitForStatus(pa, /^(Synced|Connected|Syncing)/);
  await waitForStatus(pa, /^Synced$/);
  workspaceId = (await pa.textContent('.sync-workspace-id')) ?? '';
  expect(workspaceId).toMatch(/^[0-9a-f]{32}$/);

  await pa.selectOption('.invite-form select[name="role"]', 'read-write');
  await pa.click('.invite-create');
  await pa.waitForSelector('.invite-result .invite-link');
  invite = await pa.inputValue('.invite-link');
  expect(invite.startsWith(`${new URL(a.baseUrl).origin}/join#relay=`)).toBe(true);
  expect(await pa.textContent('.invite-role')).toBe('read-write');
  expect(await pa.textContent('.invite-expiry')).toMatch(/^expires \d{4}-\d\d-\d\d \d\d:\d\d$/);
  // The QR code is SVG rects drawn by Solid: a quiet zone and the finder patterns' runs.
  expect(await pa.locator('svg.qr-code rect.qr-dark').count()).toBeGreaterThan(100);
  await shoot(pa, 'invite');
  // The QR code stays dark on light in the dark theme too: that is what cameras read.
  await pa.emulateMedia({ colorScheme: 'dark' });
  await shoot(pa, 'invite-dark');
  await pa.emulateMedia({ colorScheme: 'light' });
});

test('B opens the invite, sees what it grants, joins, and the workspace fills in', async () => {
  pb = await openAs(b, 'Grace Hopper', 'grace@example.com');
  await openInvite(pb, invite);
  expect(await pb.textContent('.join-workspace-id')).toBe(workspaceId);
  expect(await pb.textContent('.join-role')).toBe('read-write');
  expect(await pb.textContent('.join-relay')).toBe(relay.url);
  expect(await pb.textContent('.join-local-name')).toBe(`shared-${workspaceId.slice(0, 8)}`);
  await shoot(pb, 'join');
  await pb.click('.join-submit');
  await pb.waitForURL((url) => url.pathname === '/sync' && url.search === '?joined=1');
  expect(await pb.textContent('.workspace-current')).toBe(`shared-${workspaceId.slice(0, 8)}`);
  // The new workspace took B's profile along: B is the same person there.
  await pb.waitForFunction(() => document.querySelector('.settings-user')?.textContent === 'Grace Hopper');
  await pb.waitForFunction(() => document.querySelector('.contents-runs')?.textContent === '1 run', null, { timeout: 30_000 });
  await pb.waitForSelector('.contents-done', { timeout: 30_000 });
  expect(await pb.textContent('.contents-experiments')).toBe('2 experiments');
  await shoot(pb, 'joined');

  // A's experiment, its run and the run's metric chart are here.
  await go(pb, `/experiments/${experimentId}`);
  await pb.waitForSelector(`tr[data-run-id="${firstRunId}"]`);
  await go(pb, `/runs/${firstRunId}`);
  await pb.waitForSelector('.metric-chart[data-metric="loss"] svg', { timeout: 30_000 });
  await shoot(pb, 'run-arrived');
});

test('a run A logs while B watches the runs table appears there live', async () => {
  await go(pb, `/experiments/${experimentId}`);
  await pb.waitForSelector(`tr[data-run-id="${firstRunId}"]`);
  const { runId } = await logRun(pa, 'churn model', 'live from A');
  await pb.waitForSelector(`tr[data-run-id="${runId}"]`, { timeout: 30_000 });
  await shoot(pb, 'live-run');
});

test('each sees the other online, and what they are looking at', async () => {
  await go(pa, '/models');
  // B is on the runs table of the shared experiment; A is on the registry.
  await pa.waitForFunction((id) => [...document.querySelectorAll('.presence .avatar')].some((el) => el.getAttribute('title') === `Grace Hopper: looking at experiment ${id}`), experimentId, { timeout: 30_000 });
  await pb.waitForFunction(() => [...document.querySelectorAll('.presence .avatar')].some((el) => el.getAttribute('title') === 'Ada Lovelace: looking at the model registry'), null, { timeout: 30_000 });
  expect(await pa.locator('.presence .avatar').first().textContent()).toBe('GH');
  await shoot(pa, 'presence-header', '.shell-header');

  // A second tab of A's: it shows the status the first tab's session reports and runs no session
  // of its own (B still sees one Ada), and what it looks at becomes Ada's view.
  const pa2 = await a.context.newPage();
  try {
    await pa2.goto(new URL('/sync', a.baseUrl).href);
    await waitForStatus(pa2, /^Synced$/);
    await pa2.waitForSelector('.peer-item');
    await pb.waitForFunction(() => [...document.querySelectorAll('.presence .avatar')].map((el) => el.getAttribute('title')).join('|') === 'Ada Lovelace: looking at the sync page', null, { timeout: 30_000 });
  } finally {
    await pa2.close();
  }
  // The activity feed on B says what A changed since B's page loaded (A's live run): the feed
  // belongs to the session, so B goes there inside the app (the header status links to it).
  await pb.click('.sync-status');
  await pb.waitForURL((url) => url.pathname === '/sync');
  await pb.waitForSelector('.activity-item');
  const lines = await pb.locator('.activity-item .activity-text').allTextContents();
  expect(lines).toContain('Ada Lovelace created run "live from A"');
  expect(await pb.locator('.activity-item a', { hasText: 'open' }).first().getAttribute('href')).toMatch(/^\/runs\/[0-9a-f]{32}$/);
  await pb.waitForSelector('.peer-item');
  expect(await pb.textContent('.peer-item .peer-name')).toBe('Ada Lovelace');
  await shoot(pb, 'activity');
});

test('with the relay killed both show "offline since"; back, both sides\' edits merge', async () => {
  await relay.kill();
  await waitForStatus(pa, /^Offline since \d\d:\d\d:\d\d$/);
  await waitForStatus(pb, /^Offline since \d\d:\d\d:\d\d$/);
  await shoot(pa, 'offline-header', '.shell-header');
  const fromA = await logRun(pa, 'churn model', 'offline on A');
  const fromB = await logRun(pb, 'churn model', 'offline on B');

  await relay.launch();
  await waitForStatus(pa, /^Synced$/, 60_000);
  await waitForStatus(pb, /^Synced$/, 60_000);
  await go(pa, `/experiments/${experimentId}`);
  await go(pb, `/experiments/${experimentId}`);
  for (const page of [pa, pb]) {
    await page.waitForSelector(`tr[data-run-id="${fromA.runId}"]`, { timeout: 30_000 });
    await page.waitForSelector(`tr[data-run-id="${fromB.runId}"]`, { timeout: 30_000 });
  }
  await shoot(pa, 'merged');
});

test('a read-only invite: the joiner sees everything, and what it changes is not sent', async () => {
  await go(pa, '/sync');
  await pa.selectOption('.invite-form select[name="role"]', 'read-only');
  await pa.click('.invite-create');
  await pa.waitForFunction(() => document.querySelector('.invite-role')?.textContent === 'read-only');
  const readOnlyInvite = await pa.inputValue('.invite-link');

  const c = await openBrowser();
  try {
    const pc = await c.open('/');
    await pc.emulateMedia({ colorScheme: 'light' });
    await openInvite(pc, readOnlyInvite);
    expect(await pc.textContent('.join-role')).toBe('read-only: you can look, not change');
    await pc.click('.join-submit');
    await pc.waitForURL((url) => url.pathname === '/sync');
    await pc.waitForSelector('.sync-status .sync-read-only');
    await pc.waitForSelector('.read-only-note');
    expect(await pc.locator('.invite-panel').count()).toBe(0);
    await pc.waitForFunction(() => document.querySelector('.contents-runs')?.textContent === '4 runs', null, { timeout: 30_000 });
    await pc.waitForSelector('.contents-done', { timeout: 30_000 });

    const attempt = await logRun(pc, 'churn model', 'written read-only');
    // The page says the change stays here...
    await pc.waitForSelector('.read-only-note[data-local-changes="yes"]', { timeout: 30_000 });
    expect(await pc.textContent('.read-only-note')).toMatch(/your invite is read-only: the change stays on this device/);
    expect(await pc.getAttribute('.sync-status .sync-problem-mark', 'title')).toMatch(/Joined read-only: changes made on this device stay here/);
    // ...and the header counts them apart instead of "syncing" them forever.
    await waitForStatus(pc, /^\d+ local changes? not shared \(read-only\)$/);
    await pc.waitForSelector('.read-only-note .unshared-count');
    await shoot(pc, 'read-only');
    // ...and it never reaches A (A gets a later run of its own first, so the channel is live).
    const later = await logRun(pa, 'churn model', 'after the read-only write');
    await go(pa, `/experiments/${experimentId}`);
    await pa.waitForSelector(`tr[data-run-id="${later.runId}"]`);
    await go(pb, `/experiments/${experimentId}`);
    await pb.waitForSelector(`tr[data-run-id="${later.runId}"]`, { timeout: 30_000 });
    expect(await pa.locator(`tr[data-run-id="${attempt.runId}"]`).count()).toBe(0);
    expect(await pb.locator(`tr[data-run-id="${attempt.runId}"]`).count()).toBe(0);
    c.expectNoErrors(expectedErrors());
  } finally {
    await c.close();
  }
});

test('damaged and expired invite links say what is wrong', async () => {
  const p = await b.context.newPage();
  try {
    await p.goto(new URL('/join#relay=ws%3A%2F%2F127.0.0.1%3A1234&token=orc1.garbage', a.baseUrl).href);
    await p.waitForSelector('.join-problem');
    expect(await p.textContent('.join-problem')).toMatch(/damaged/);
    expect(await p.locator('.join-submit').count()).toBe(0);

    const expired = await signToken('any-secret-of-sixteen+', { workspace: workspaceId, role: 'read-write', ttlSeconds: 60, now: Date.now() - 3_600_000 });
    await p.goto(new URL(`/join#${new URLSearchParams({ relay: relay.url, token: expired })}`, a.baseUrl).href);
    await p.waitForFunction(() => /expired on/.test(document.querySelector('.join-problem')?.textContent ?? ''));
    await shoot(p, 'join-expired');
  } finally {
    await p.close();
  }
});

test('leaving keeps the data, marked detached; the switcher lists both workspaces', async () => {
  await go(pb, '/sync');
  await pb.click('.leave-open');
  await pb.waitForSelector('dialog.confirm-dialog[open]');
  await pb.click('dialog.confirm-dialog[open] button.danger');
  await waitForStatus(pb, /^Detached$/);
  await pb.waitForSelector('.share-panel');
  await pb.waitForFunction(() => document.querySelector('.contents-runs')?.textContent === '5 runs');
  expect(await pb.textContent('.workspace-switcher > summary .sharing-badge')).toBe('detached');

  // Changes no longer arrive.
  const after = await logRun(pa, 'churn model', 'after B left');
  await go(pa, `/experiments/${experimentId}`);
  await pa.waitForSelector(`tr[data-run-id="${after.runId}"]`);
  await go(pb, `/experiments/${experimentId}`);
  await pb.waitForSelector(`tr[data-run-id="${firstRunId}"]`);
  await pb.waitForTimeout(1500);
  expect(await pb.locator(`tr[data-run-id="${after.runId}"]`).count()).toBe(0);

  await pb.click('.workspace-switcher > summary');
  await pb.waitForSelector('.workspace-option[data-workspace="default"]');
  expect(await pb.textContent(`.workspace-option[data-workspace="shared-${workspaceId.slice(0, 8)}"] .sharing-badge`)).toBe('detached');
  await shoot(pb, 'switcher');
  await pb.click('button.workspace-option[data-workspace="default"]');
  await pb.waitForFunction(() => document.querySelector('.workspace-current')?.textContent === 'default');
  await pb.waitForSelector('.share-button');
});

test('no unexpected browser errors (only the refused connections while the relay was down)', () => {
  a.expectNoErrors(expectedErrors());
  b.expectNoErrors(expectedErrors());
});
