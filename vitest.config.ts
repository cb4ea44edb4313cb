import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// Unit tests. Two projects because vite-plugin-solid (test mode) adds the "browser" resolve
// condition to every environment -> `ws` resolves to its browser stub (TOOLCHAIN pitfall 10).
// So only .tsx (component) tests get Solid + jsdom; .ts tests run in plain Node.
// e2e and bench live in their own configs/runners.
const notHere = ['tests/e2e/**', 'tests/bench/**', '**/node_modules/**'];

export default defineConfig({
  test: {
    testTimeout: 60_000, // Dexie on fake-indexeddb with 100k rows takes seconds
    passWithNoTests: true, // the suites are being written concurrently; run-all reports the count
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['tests/**/*.test.ts'], exclude: notHere },
      },
      {
        extends: true,
        plugins: [solid()],
        test: { name: 'solid', environment: 'jsdom', include: ['tests/**/*.test.tsx'], exclude: notHere },
      },
    ],
  },
});
