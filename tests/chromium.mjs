// Shared by tests/run-all.mjs, tests/e2e/browser.ts and tests/bench/run-bench.mjs (plain JS so the
// .mjs runners can use it without a TS loader; types in chromium.d.mts).
// `npx playwright install` cannot download browsers here: we drive Debian's chromium via playwright-core.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_MISSING =
  'Chromium is required for the end-to-end tests: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH';

// TOOLCHAIN §6. Never pass --user-data-dir here: playwright rejects it (use launchPersistentContext).
export const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root in containers
  '--disable-gpu', // no GPU in CI (so no WebGPU adapter either)
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable, or null when there is none. */
export function chromiumPath() {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

/** Headless Chromium with a fresh profile (service workers + setOffline need a persistent context). */
export async function launchChromium(options = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const { chromium } = await import('playwright-core');
  const profileDir = mkdtempSync(join(tmpdir(), 'orchard-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  let closed = false;
  return {
    context,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
