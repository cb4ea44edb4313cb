import { defineConfig } from 'vitest/config';

// End-to-end tests: production build + vite preview + headless Chromium (tests/e2e/browser.ts).
// Separate from vitest.config.ts so the app's vite plugins (solid, PWA) don't apply to test files.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false, // one Chromium at a time (2 cores)
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
