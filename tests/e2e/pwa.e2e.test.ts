// Issue #7, installable PWA, in Chromium: (1) the install criteria (manifest, PNG icons, a service
// worker in control, and Chromium's own installability check via CDP); (2) after one visit the app
// starts, records a run and serves a model with the network off; (3) a newly deployed version
// waits behind a "Reload to update" banner and takes over only when the user clicks it.
// Screenshots: test-results/screenshots/pwa-*.png.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { buildApp, root } from './build-app';
import { startStaticServer, type StaticServer } from './static-server';

const SHOTS = 'test-results/screenshots';
const FIX = process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures';
const WINE_COLUMNS = ['fixed acidity', 'volatile acidity', 'citric acid', 'residual sugar', 'chlorides', 'free sulfur dioxide', 'total sulfur dioxide', 'density', 'pH', 'sulphates', 'alcohol'];
const ROW = [7.4, 0.7, 0, 1.9, 0.076, 11, 34, 0.9978, 3.51, 0.56, 9.4];

let b: BrowserSession;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const header = (page: Page) => page.locator('header h1').textContent({ timeout: 15_000 });
const banner = (page: Page) => page.locator('.update-banner');

test('installable: manifest, icons, precache and Chromium reports no installability errors', async () => {
  const page = await b.open('/');
  expect(await header(page)).toBe('Orchard');
  await b.waitForServiceWorker(page);

  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate(async (h) => {
    const r = await fetch(h!);
    return { type: r.headers.get('content-type'), json: await r.json() };
  }, href);
  expect(manifest.type).toContain('application/manifest+json');
  expect(manifest.json).toMatchObject({
    id: '/', name: 'Orchard', short_name: 'Orchard', start_url: '/', scope: '/', display: 'standalone',
    theme_color: '#2f6b3a', background_color: '#ffffff', description: expect.stringContaining('MLflow'),
  });
  const icons = manifest.json.icons as Array<{ src: string; sizes: string; type: string; purpose: string }>;
  const pngs = icons.filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  // Each icon as the browser gets it (through the service worker): a real PNG of the stated size.
  for (const icon of pngs) {
    const got = await page.evaluate(async (src) => {
      const r = await fetch(src);
      const v = new DataView(await r.arrayBuffer());
      // PNG signature, then the IHDR chunk: width and height at bytes 16 and 20.
      return { status: r.status, type: r.headers.get('content-type'), png: v.getUint32(0) === 0x89504e47, w: v.getUint32(16), h: v.getUint32(20) };
    }, new URL(icon.src, new URL(href!, b.baseUrl)).href);
    expect(got, icon.src).toEqual({ status: 200, type: 'image/png', png: true, w: Number(icon.sizes.split('x')[0]), h: Number(icon.sizes.split('x')[1]) });
  }

  // Chromium's own verdict, as DevTools' "Installability" panel shows it.
  const cdp = await b.context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.errors).toEqual([]);
  expect(parsed.url).toBe(new URL('/manifest.webmanifest', b.baseUrl).href);

  // The precache: the icons and the manifest once each (TOOLCHAIN pitfall 17), ORT's wasm in it.
  const sw = await page.evaluate(async () => (await fetch('/sw.js')).text());
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(5);
  expect(urls.length).toBe(new Set(urls).size);
  for (const want of ['index.html', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) expect(urls).toContain(want);
  expect(urls.some((u) => /ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(u))).toBe(true);

  // A control: the same check on a same-origin document without a manifest does complain. (A text
  // document has no <link rel=icon>, so Chromium asks for /favicon.ico: answer it, no console 404.)
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await page.goto(new URL('/robots.txt', b.baseUrl).href);
  expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors.map((e) => e.errorId)).toEqual(['no-manifest']);
  await cdp.detach();
  await page.close();
  b.expectNoErrors();
});

test('offline start: after one visit the app opens, records a run and serves a model without network', async () => {
  const page = await b.context.newPage();
  await page.goto(b.baseUrl);
  await page.waitForSelector('.experiment-list');
  await b.waitForServiceWorker(page);
  const model = [...readFileSync(`${FIX}/onnx/mlflow-export-import/model.onnx`)];

  await b.setOffline(true);
  try {
    await page.reload();
    expect(await header(page)).toBe('Orchard');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // Navigate by hand: a new experiment from the sidebar form opens its (empty) runs page.
    await page.getByLabel('New experiment name').fill('Offline orchard');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL((u) => /^\/experiments\/\d+$/.test(u.pathname) && u.pathname !== '/experiments/0'); // not Default's
    const experimentId = /\/experiments\/(\d+)/.exec(page.url())![1]!;

    // A run with a metric and an ONNX model, logged the notebook way (the page's SDK).
    const runId = await page.evaluate(async ([exp, bytes, columns, row]) => {
      const client = new window.orchard.MlflowClient(await window.orchard.openWorkspace());
      const run = await client.createRun(exp as string, { runName: 'offline-run' });
      await client.logMetric(run.info.runId, 'rmse', 0.61, { step: 1 });
      await client.logModel(run.info.runId, new Uint8Array(bytes as number[]).buffer, {
        artifactPath: 'model',
        inputExample: [Object.fromEntries((columns as string[]).map((c, i) => [c, (row as number[])[i]]))],
      });
      return run.info.runId;
    }, [experimentId, model, WINE_COLUMNS, ROW] as const);
    await page.waitForSelector(`tr[data-run-id="${runId}"]`, { timeout: 15_000 });

    // Scoring goes service worker -> this tab's inference worker -> ORT's precached wasm.
    const scored = await page.evaluate(async ([id, columns, row]) => {
      const r = await fetch(`/run/${id}/model/invocations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dataframe_split: { columns, data: [row] } }),
      });
      return { status: r.status, body: await r.text() };
    }, [runId, WINE_COLUMNS, ROW] as const);
    expect(scored.status, scored.body).toBe(200);
    const prediction = (JSON.parse(scored.body) as { predictions: Array<{ variable: number }> }).predictions[0]?.variable;
    expect(prediction).toBeGreaterThan(0);

    // A deep link to the run's own page, still offline.
    await page.goto(new URL(`/runs/${runId}`, b.baseUrl).href);
    await page.getByText('offline-run').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/pwa-offline-run.png` });
  } finally {
    await b.setOffline(false);
  }
  await page.close();
  b.expectNoErrors();
});

describe('update flow', () => {
  // Three builds that differ only in their build id, so every precache revision that depends on
  // the app's code (index.html, its entry chunk) changes, as in a real deploy; one origin serves
  // whichever is "deployed".
  const dirs: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
  let server: StaticServer;
  beforeAll(async () => {
    for (const id of ['A', 'B', 'C'] as const) {
      dirs[id] = mkdtempSync(join(root, `node_modules/.cache/orchard-pwa-${id}-`));
      await buildApp(dirs[id], { define: { __ORCHARD_BUILD__: JSON.stringify(id) } });
    }
    server = await startStaticServer(dirs.A);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    for (const d of Object.values(dirs)) if (d) rmSync(d, { recursive: true, force: true });
  });

  const build = (page: Page) => page.evaluate(() => window.orchardBuild);
  const waiting = (page: Page) => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
  /** Clicks "Reload to update" and waits for the page to come back as `id`. */
  async function acceptUpdate(page: Page, id: string): Promise<void> {
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await page.waitForFunction((want) => window.orchardBuild === want, id, { timeout: 15_000 });
    expect(await header(page)).toBe('Orchard');
    expect(await banner(page).count()).toBe(0);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    expect(await waiting(page)).toBe(false);
  }

  test('first install offers nothing; a version found while the tab stays open waits for the click', async () => {
    const page = await b.context.newPage();
    await page.goto(server.url);
    expect(await header(page)).toBe('Orchard');
    await b.waitForServiceWorker(page);
    expect(await build(page)).toBe('A');
    // First install: the worker took control at once, and nothing is offered. The banner would
    // come from workbox-window's "waiting" event, dispatched 200 ms after "installed": give it time.
    await page.waitForTimeout(1500);
    expect(await banner(page).count()).toBe(0);
    expect(await waiting(page)).toBe(false);

    // Deploy B while this first-visit tab stays open; the hourly check (registration.update)
    // finds it. This tab started uncontrolled: the case workbox's own reload would miss.
    server.serve(dirs.B);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await banner(page).waitFor({ timeout: 30_000 });
    expect(await build(page)).toBe('A');
    expect(await waiting(page)).toBe(true);
    await acceptUpdate(page, 'B');
    await page.close();
    b.expectNoErrors();
  });

  test('after a deploy a reload keeps the running version and offers the new one', async () => {
    // B runs (from the test above, or installed now if this test runs alone).
    server.serve(dirs.B);
    const page = await b.context.newPage();
    await page.goto(server.url);
    await b.waitForServiceWorker(page);
    expect(await build(page)).toBe('B');

    // Deploy C. The reload is answered by B's worker from its precache (B keeps running), and the
    // browser's update check after the navigation installs C, which waits.
    server.serve(dirs.C);
    await page.reload();
    expect(await header(page)).toBe('Orchard');
    await banner(page).waitFor({ timeout: 30_000 });
    expect(await banner(page).textContent()).toContain('A new version of Orchard is ready');
    expect(await build(page)).toBe('B');
    expect(await waiting(page)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/pwa-update-banner.png` });

    // "Later" hides the offer; the next load offers it again (C still waits).
    await page.getByRole('button', { name: 'Later' }).click();
    expect(await banner(page).count()).toBe(0);
    await page.reload();
    await banner(page).waitFor({ timeout: 30_000 });
    expect(await build(page)).toBe('B');

    await acceptUpdate(page, 'C');
    // C's precache replaced B's: offline, the app still starts, as C.
    await b.setOffline(true);
    try {
      await page.reload();
      expect(await header(page)).toBe('Orchard');
      expect(await build(page)).toBe('C');
    } finally {
      await b.setOffline(false);
    }
    await page.screenshot({ path: `${SHOTS}/pwa-updated.png` });
    await page.close();
    b.expectNoErrors();
  });
});
