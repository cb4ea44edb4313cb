/// <reference lib="webworker" />
// Orchard's service worker (vite-plugin-pwa `injectManifest`: built as one bundle, the plugin
// replaces self.__WB_MANIFEST with the precache list of dist/).
//  1. precache the app shell + wasm/onnx assets -> the app works offline;
//  2. navigations to app routes (/experiments/1 ...) get the precached index.html (SPA);
//  3. /api/2.0/mlflow/* and /ajax-api/2.0/mlflow/* are answered from IndexedDB by the SDK;
//  4. MLflow's scoring routes are forwarded to an open Orchard tab (app/scoring-bridge.ts).
// Note: no dynamic import() in a service worker (HTML spec) - everything here is bundled statically.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { handleRest, isRestPath } from './app/rest-route';
import { forwardScoring, isScoringPath } from './app/scoring-bridge';
import { MLFLOW_VERSION } from './domain/mlflow-version';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// Updates never switch under the user: a new version installs, then waits until the page's
// "Reload to update" (features/app-update) posts SKIP_WAITING. The first install has no old worker
// to wait for, so it activates at once; claiming then lets the tab of the first visit be
// controlled (offline-ready) without a reload. After SKIP_WAITING the browser hands the old
// worker's tabs to this one by itself, so the claim only matters on the first install.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Registered BEFORE precacheAndRoute so it runs first; stopImmediatePropagation keeps workbox's
// own fetch listener from calling respondWith a second time (InvalidStateError).
let shell: ReturnType<typeof createHandlerBoundToURL> | undefined;
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;

  if (isRestPath(url.pathname)) {
    event.stopImmediatePropagation();
    event.respondWith(handleRest(event.request));
    return;
  }

  if (isScoringPath(url.pathname) && event.request.mode !== 'navigate') {
    event.stopImmediatePropagation();
    event.respondWith(forwardScoring(event.request, self.clients, MLFLOW_VERSION));
    return;
  }

  // SPA fallback: extension-less paths are app routes; files (/robots.txt) go to precache/network.
  if (event.request.mode === 'navigate' && !/\.[^/]*$/.test(url.pathname)) {
    shell ??= createHandlerBoundToURL('index.html');
    event.stopImmediatePropagation();
    event.respondWith(shell({ request: event.request, event, url }));
  }
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
