// Runs once per `vitest run -c vitest.e2e.config.ts`: build the production app (with its service
// worker) and serve dist/ with `vite preview` on 127.0.0.1 and a free port. Tests get the URL
// through inject('baseUrl'); the teardown stops the server.
import { rmSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { buildApp, root } from './build-app';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const t0 = performance.now();
  // A build folder of our own, so several e2e runs (or `npm start`) never overwrite each other.
  const outDir = `${root}node_modules/.cache/orchard-e2e-${process.pid}`;
  await buildApp(outDir);
  const server = await preview({
    root,
    configFile: `${root}vite.config.ts`,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('vite preview did not report a URL');
  console.log(`[e2e] built + serving ${baseUrl} in ${Math.round(performance.now() - t0)} ms`);
  project.provide('baseUrl', baseUrl);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
