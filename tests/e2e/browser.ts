// E2E harness: one headless Chromium per test file, pointed at the `vite preview` server that
// tests/e2e/global-setup.ts started (URL via inject('baseUrl')).
//
//   const b = await openBrowser();            // in beforeAll
//   const page = await b.open('/');           // navigates, returns the page
//   ...
//   b.expectNoErrors();                       // console errors + uncaught exceptions, all pages + SW
//   await b.close();                          // in afterAll
import { inject } from 'vitest';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../chromium.mjs';

export interface BrowserSession {
  context: BrowserContext;
  /** Origin of the preview server, with trailing slash: http://127.0.0.1:PORT/ */
  baseUrl: string;
  /** Console errors and uncaught exceptions seen so far (pages, workers, service worker). */
  errors: string[];
  /** Open (or reuse the first blank) page and navigate to `path` relative to baseUrl. */
  open(path?: string): Promise<Page>;
  /** Wait until the page is controlled by the service worker (offline-ready). */
  waitForServiceWorker(page: Page): Promise<void>;
  setOffline(offline: boolean): Promise<void>;
  /** Throws listing every collected error; `ignore` filters out expected ones. */
  expectNoErrors(ignore?: RegExp[]): void;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  const baseUrl = inject('baseUrl');
  const { context, close } = await launchChromium();
  const errors: string[] = [];
  // Chromium also forwards a service worker's console to the pages it controls, so the same
  // message can arrive twice: keep one entry per distinct text + location.
  const seen = new Set<string>();
  const onConsole = (where: string) => (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const key = `${msg.text()} (${msg.location().url})`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(`[${where} console] ${key}`);
  };
  const watchPage = (page: Page) => {
    page.on('console', onConsole('page'));
    page.on('pageerror', (e) => errors.push(`[page error] ${e.stack ?? e.message}`));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  // Service-worker console output is not part of page.on('console').
  const watchSw = (w: { on(e: 'console', l: (m: ConsoleMessage) => void): unknown }) =>
    w.on('console', onConsole('service worker'));
  context.serviceWorkers().forEach(watchSw);
  context.on('serviceworker', watchSw);

  let firstUse = true;
  return {
    context,
    baseUrl,
    errors,
    async open(path = '/') {
      // launchPersistentContext starts with one blank tab: use it for the first open().
      const blank = firstUse ? context.pages()[0] : undefined;
      firstUse = false;
      const page = blank ?? (await context.newPage());
      await page.goto(new URL(path, baseUrl).href);
      return page;
    },
    async waitForServiceWorker(page) {
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
    },
    setOffline: (offline) => context.setOffline(offline),
    expectNoErrors(ignore = []) {
      const real = errors.filter((e) => !ignore.some((re) => re.test(e)));
      if (real.length) throw new Error(`Browser reported ${real.length} error(s):\n${real.join('\n')}`);
    },
    close,
  };
}
