// The app shell: loads, is taken over by the service worker, keeps working offline (reload and
// deep link), stays crossOriginIsolated, and the SW answers the MLflow REST paths with JSON.
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

const header = (page: Page) => page.locator('header h1').textContent({ timeout: 15_000 });

// Status + content type of an API call made from the page (so it goes through the SW).
const callApi = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const r = await fetch(p);
    return { status: r.status, type: r.headers.get('content-type') ?? '' };
  }, path);

test('shell renders, works offline via the service worker', async () => {
  const page = await b.open('/');
  expect(await header(page)).toBe('Orchard');
  expect(await page.locator('main#app-root').count()).toBe(1);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true); // COOP/COEP from vite preview

  await b.waitForServiceWorker(page);

  // REST paths belong to the SW (JSON, not vite preview's SPA index.html), online and offline.
  const api = '/api/2.0/mlflow/experiments/search?max_results=1';
  const online = await callApi(page, api);
  expect(online.type).toContain('application/json');
  expect(online.status).not.toBe(500); // 500 = SDK threw inside the SW (see rest-route.ts)
  expect((await callApi(page, '/ajax-api/2.0/mlflow/experiments/search')).type).toContain('application/json');

  await b.setOffline(true);
  try {
    await page.reload();
    expect(await header(page)).toBe('Orchard');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true); // precache keeps the headers
    expect((await callApi(page, api)).type).toContain('application/json');

    // Deep link to an app route, offline: SPA fallback to the precached index.html.
    await page.goto(new URL('/experiments/1', b.baseUrl).href);
    expect(await header(page)).toBe('Orchard');
    await page.screenshot({ path: '/tmp/orchard-shell.png' });
  } finally {
    await b.setOffline(false);
  }

  // The stub SDK answers 501, which Chromium logs as "Failed to load resource"; not an app error.
  b.expectNoErrors([/status of 501 .*api\/2\.0\/mlflow\//]);
});
