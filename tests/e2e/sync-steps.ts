// What the sharing e2e tests (sync, sync-artifacts) have in common: two browsers (A and B) with a
// real relay between them for the whole file, a page opened as a named person, an invite link
// opened, the header's sync status waited for, screenshots, and the only browser errors a killed
// relay may cause.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBrowser, type BrowserSession } from './browser';
import { setProfile } from './registry-steps';
import { startRelayFor, type RelayProcess } from './relay-process';

const SHOTS = 'test-results/screenshots';

/** A's browser, a relay that accepts A's pages, and B's browser. */
export interface TwoBrowsersAndRelay {
  a: BrowserSession;
  relay: RelayProcess;
  b: BrowserSession;
}

/** Opens A, then the relay, then B; if one of them fails, what was already open is closed. */
export async function openTwoBrowsersAndRelay(): Promise<TwoBrowsersAndRelay> {
  const opened: Partial<TwoBrowsersAndRelay> = {};
  try {
    opened.a = await openBrowser();
    opened.relay = await startRelayFor(opened.a.baseUrl);
    opened.b = await openBrowser();
    return { a: opened.a, relay: opened.relay, b: opened.b };
  } catch (error) {
    await closeTwoBrowsersAndRelay(opened);
    throw error;
  }
}

/** Closes whatever of the two browsers and the relay is open (for afterAll). */
export async function closeTwoBrowsersAndRelay({ a, b, relay }: Partial<TwoBrowsersAndRelay>): Promise<void> {
  await a?.close();
  await b?.close();
  await relay?.dispose();
}

/** Opens the app in `browser` (light theme) and saves `name` and `email` as its profile. */
export async function openAs(browser: BrowserSession, name: string, email: string): Promise<Page> {
  const page = await browser.open('/');
  await page.emulateMedia({ colorScheme: 'light' });
  await setProfile(page, browser.baseUrl, name, email);
  return page;
}

/** Opens an invite link; resolves once the join page has checked it and offers to join. */
export async function openInvite(page: Page, invite: string): Promise<void> {
  await page.goto(invite);
  await page.waitForSelector('.join-check[data-check="ok"]');
}

/** Resolves once the header's sync status text matches `pattern`. */
export const waitForSyncStatus = (page: Page, pattern: RegExp, timeout: number) =>
  page.waitForFunction((source) => new RegExp(source).test(document.querySelector('.sync-status .sync-status-text')?.textContent ?? ''), pattern.source, { timeout });

/** The only errors the browsers may report: sockets and requests refused while the relay was killed. */
export function refusedWhileRelayDown(relay: RelayProcess): RegExp[] {
  const host = `127\\.0\\.0\\.1:${relay.port}`;
  return [new RegExp(`ERR_CONNECTION_(REFUSED|RESET).*${host}|${host}.*ERR_CONNECTION_(REFUSED|RESET)`)];
}

/** A screenshot function saving test-results/screenshots/<prefix>-<name>.png (of `selector` or the full page). */
export function screenshotsNamed(prefix: string): (page: Page, name: string, selector?: string) => Promise<void> {
  return async (page, name, selector) => {
    mkdirSync(SHOTS, { recursive: true });
    const path = `${SHOTS}/${prefix}-${name}.png`;
    await page.mouse.move(0, 0);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  };
}
