// Builds the production app (with its service worker) into `outDir`, exactly as `npm run build`
// ships it. Used by global-setup.ts (the build every e2e file shares) and by pwa.e2e.test.ts,
// which builds two versions of its own to test the update flow.
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export async function buildApp(outDir: string, extra: InlineConfig = {}): Promise<void> {
  // vitest sets NODE_ENV=test; vite-plugin-pwa would then build the SW with workbox's dev logging.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'warn', ...extra, build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
