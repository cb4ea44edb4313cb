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
          registerType: 'autoUpdate', // sw.ts calls skipWaiting + clients.claim
          injectRegister: false, // src/app/main.tsx calls registerSW itself
          includeManifestIcons: false, // icon.svg is matched by globPatterns already (else listed twice)
          manifest: {
            name: 'Orchard',
            short_name: 'Orchard',
            description: 'MLflow, local-first, in your browser',
            start_url: '.',
            display: 'standalone',
            background_color: '#ffffff',
            theme_color: '#2f6b3a',
            icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
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
