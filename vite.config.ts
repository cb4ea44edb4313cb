import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

// COOP/COEP make the page crossOriginIsolated -> SharedArrayBuffer -> multi-threaded ORT wasm.
// Precached responses keep these headers, so isolation survives offline reloads.
// A production static host must send the same two headers.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// `--mode bench` (tests/bench/run-bench.mjs) builds only the benchmark page into node_modules/.cache,
// without the PWA plugin: bench code never reaches dist/ or the service worker's precache.
export const BENCH_OUT_DIR = 'node_modules/.cache/orchard-bench';

// The build's id, shown by the app (window.orchardBuild) so a user, a bug report or a test can tell
// which version runs: ORCHARD_BUILD_ID if set, else the git commit, else the build time.
function buildId(): string {
  if (process.env.ORCHARD_BUILD_ID) return process.env.ORCHARD_BUILD_ID;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return new Date().toISOString();
  }
}

export default defineConfig(({ mode }) => {
  const bench = mode === 'bench';
  return {
    plugins: [
      solid(),
      !bench &&
        VitePWA({
          // Our own src/sw.ts (needed for the REST API route); the plugin injects the precache list.
          strategies: 'injectManifest',
          srcDir: 'src',
          filename: 'sw.ts',
          // A new version waits until the user clicks "Reload to update" (features/app-update);
          // sw.ts skips waiting only when the page asks.
          registerType: 'prompt',
          injectRegister: false, // src/app/service-worker.ts calls registerSW itself
          includeManifestIcons: false, // the icons are matched by globPatterns already (else listed twice)
          // Installable: Chromium wants name, a 192 and a 512 PNG icon, start_url and display.
          // PNGs come from icon.svg via tests/tools/make-icons.mjs.
          manifest: {
            id: '/',
            name: 'Orchard',
            short_name: 'Orchard',
            description: 'MLflow, local-first, in your browser: track runs, compare them and serve models, offline too',
            start_url: '/',
            scope: '/',
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#2f6b3a',
            icons: [
              { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
              { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
              { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
              { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
            ],
          },
          injectManifest: {
            // wasm/onnx must be listed or inference silently breaks offline (TOOLCHAIN pitfall 4).
            // Not 'webmanifest': the plugin adds manifest.webmanifest itself (pitfall 17).
            globPatterns: ['**/*.{js,css,html,svg,png,ico,wasm,onnx}'],
            // ORT's WebGPU build (27 MB wasm) is loaded only where a GPU adapter exists, and
            // online only: offline, those machines use the precached wasm build
            // (workers/inference/ort-runtime.ts).
            globIgnores: ['**/ort-wasm-simd-threaded.asyncify-*.wasm'],
            // The default 2 MiB limit *fails the build* on ORT's 14 MB .wasm.
            maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
          },
        }),
    ],
    resolve: {
      // The in-process inference engine imports plain 'onnxruntime-web' (in Node that is ORT's
      // node build). In the browser build, plain 'onnxruntime-web' would pull the 28 MB WebGPU
      // (jsep) wasm into dist/ and the precache: point it at the 14 MB CPU build instead.
      alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
    },
    define: { __ORCHARD_BUILD__: JSON.stringify(buildId()) },
    worker: { format: 'es' },
    optimizeDeps: {
      // ORT is only reached from a worker: the dep scanner misses it and the dev server would
      // reload mid-run ("optimized dependencies changed"). Dexie is imported lazily in places.
      exclude: ['onnxruntime-web'],
      include: ['dexie'],
    },
    server: { headers: crossOriginIsolation },
    preview: { headers: crossOriginIsolation },
    build: bench
      ? { outDir: BENCH_OUT_DIR, emptyOutDir: true, rolldownOptions: { input: 'tests/bench/bench.html' } }
      : {},
  };
});
