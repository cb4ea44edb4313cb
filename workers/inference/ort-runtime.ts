// onnxruntime-web as the inference worker runs it (TOOLCHAIN §3, §5, pitfalls 5, 7, 8):
// - 'onnxruntime-web/wasm' (14 MB CPU-only wasm), imported dynamically so ORT lands in its own
//   chunk: ORT's pthread workers re-load the chunk that contains ORT, and must not re-run our
//   Comlink entry;
// - wasmPaths in object form with the Vite-emitted URL of the .wasm (never a CDN: COEP would
//   block it, and the service worker precaches this exact URL for offline use);
// - threads = min(4, cores) when crossOriginIsolated (SharedArrayBuffer), else 1;
// - WebGPU only when an adapter really exists (headless CI has navigator.gpu but no adapter).
//   Its build ships a 27 MB wasm of its own that vite.config.ts keeps out of the precache (most
//   machines never use it): offline, a WebGPU machine falls back to the wasm build.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OrtRuntime } from '../../src/domain/inference/ort-like';
import type { InferenceWorkerOptions } from './types';

/** Threads need SharedArrayBuffer, i.e. crossOriginIsolated; ORT gains little beyond 4. */
export function threadCount(isolated: boolean, cores: number | undefined, requested?: number): number {
  if (!isolated) return 1;
  return Math.max(1, Math.floor(requested ?? Math.min(4, cores ?? 1)));
}

/** Structural view of WebGPU's navigator.gpu (no @webgpu/types dependency for one call). */
interface GpuLike {
  requestAdapter(): Promise<object | null>;
}

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  try {
    return !!(await gpu?.requestAdapter());
  } catch {
    return false;
  }
}

/**
 * ORT fetches its .wasm only inside the first session create, and a failed init poisons that ORT
 * module for good; so check first that the WebGPU build's wasm can be fetched at all.
 */
async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { method: 'HEAD' })).ok;
  } catch {
    return false;
  }
}

export async function startBrowserRuntime(options: InferenceWorkerOptions): Promise<OrtRuntime> {
  const numThreads = threadCount(self.crossOriginIsolated, navigator.hardwareConcurrency, options.numThreads);
  if (options.webgpu !== false && (await hasWebGpuAdapter()) && (await reachable(webgpuWasmUrl))) {
    try {
      const ort = await import('onnxruntime-web/webgpu');
      ort.env.wasm.wasmPaths = { wasm: webgpuWasmUrl };
      ort.env.wasm.numThreads = numThreads;
      return { ort, backends: ['webgpu', 'wasm'] };
    } catch {
      // The WebGPU build's JS could not load: use the wasm build.
    }
  }
  const ort = await import('onnxruntime-web/wasm');
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  ort.env.wasm.numThreads = numThreads;
  return { ort, backends: ['wasm'] };
}
