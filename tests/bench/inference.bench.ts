// Issue #4's inference targets: what the worker engine costs over calling ORT directly in the
// page. Baseline: onnxruntime-web/wasm on the main thread, same .wasm, one session.run per call.
// Two models from tests/bench/models: a one-tree wine regressor (almost no compute, so it shows
// pure overhead) and a 100-tree iris random forest.
//  - single-row latency: median worker-engine call vs median raw session.run; target <= 1.5x.
//    A bare postMessage round trip to an echo worker is reported as the floor of any worker;
//  - batch throughput: 100,000 rows in chunks of 2,000 (and 20,000), all chunks issued at once
//    to the worker (its per-session queue keeps them in order) vs raw runs one after another;
//    target >= 0.7x.
// Both sides use 1 thread for the targets (the same work, so the ratio is the worker's overhead).
// Main-thread ORT cannot use threads here anyway: its pthread workers load the chunk holding ORT,
// which imports a helper from the page's entry chunk, whose top level needs `document`. The
// engine's default (min(4, cores) threads in the worker) is reported alongside.
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { makeWorkerInferenceEngine, type TensorData } from '../../src/sdk/inference';
import { median, time, vsBaseline, type Benchmark, type BenchResult } from './harness';
import rfIrisUrl from './models/rf_iris.onnx?url';
import wineUrl from './models/wine_tree_regressor.onnx?url';

const ROWS = 100_000;
const CHUNK = 2_000;

interface BenchModel {
  label: string;
  url: string;
  features: number;
  /** Only tensor outputs: raw ORT cannot return rf_iris's ZipMap output at all. */
  outputs: string[];
}
const MODELS: BenchModel[] = [
  { label: 'wine tree regressor (11 features)', url: wineUrl, features: 11, outputs: ['variable'] },
  { label: 'iris random forest, label only (4 features)', url: rfIrisUrl, features: 4, outputs: ['output_label'] },
];

/** Deterministic rows in a plausible range (a tree needs varied inputs to reach varied leaves). */
function rows(n: number, features: number): Float32Array {
  return Float32Array.from({ length: n * features }, (_, i) => 1 + ((i * 2654435761) % 1000) / 125);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/**
 * The floor of any worker design: a bare postMessage round trip to a worker that echoes. On a
 * 2-core machine it is about as long as a small model's whole session.run.
 */
async function bareRoundTripMs(): Promise<number> {
  const url = URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(e.data)'], { type: 'text/javascript' }));
  const echo = new Worker(url);
  try {
    const ping = () => new Promise<void>((resolve) => {
      echo.onmessage = () => resolve();
      echo.postMessage(Float32Array.from([1, 2, 3, 4]));
    });
    return await median(ping, { repeat: 301, warmup: 30 });
  } finally {
    echo.terminate();
    URL.revokeObjectURL(url);
  }
}

async function batchMs(run: (data: Float32Array, rows: number) => Promise<unknown>, batch: Float32Array, features: number, chunk: number, together: boolean): Promise<number> {
  const chunks = Array.from({ length: Math.ceil(batch.length / features / chunk) }, (_, c) => batch.subarray(c * chunk * features, (c + 1) * chunk * features));
  return median(async () => {
    // The worker engine gets every chunk at once (its per-session queue keeps order, and the
    // worker never waits for the page); raw ORT on the page can only do one after another.
    if (together) await Promise.all(chunks.map((data) => run(data, data.length / features)));
    else for (const data of chunks) await run(data, data.length / features);
  }, { repeat: 5, warmup: 1 });
}

export const inferenceBench: Benchmark = {
  name: 'inference',
  async run() {
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.wasmPaths = { wasm: wasmUrl };
    ort.env.wasm.numThreads = 1;
    const engine = makeWorkerInferenceEngine({ numThreads: 1 });
    const threaded = makeWorkerInferenceEngine(); // the default the app uses
    const results: BenchResult[] = [];
    try {
      const floor = await bareRoundTripMs();
      results.push({ name: 'floor: bare postMessage round trip to an echo worker', value: floor, unit: 'ms', notes: 'median of 301; no Comlink, no ORT' });
      for (const m of MODELS) {
        const bytes = new Uint8Array(await (await fetch(m.url)).arrayBuffer());
        const startMs = await time(() => engine.load(m.url, bytes));
        const threads = (await threaded.load(m.url, bytes)).threads;
        const raw = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
        const batch = rows(ROWS, m.features);
        // A fresh single-row array per call (median() passes negative i to warm-up calls).
        const one = (i: number) => {
          const r = (i + 1000) % 1000;
          return batch.slice(r * m.features, (r + 1) * m.features);
        };

        const workerOne = await median((i) => engine.run(m.url, { float_input: { dtype: 'float32', dims: [1, m.features], data: one(i) } }, m.outputs), { repeat: 301, warmup: 30 });
        const rawOne = await median((i) => raw.run({ float_input: new ort.Tensor('float32', one(i), [1, m.features]) }, m.outputs), { repeat: 301, warmup: 30 });
        results.push(vsBaseline({
          name: `${m.label}: 1 row, worker engine vs session.run in page`,
          value: workerOne, baseline: rawOne, unit: 'ms', target: rawOne * 1.5,
          notes: `median of 301; target 1.5x raw; first load in the worker ${startMs.toFixed(0)} ms`,
        }));

        const viaEngine = (e: typeof engine) => async (data: Float32Array, n: number) => {
          // Views into the batch: the facade copies each chunk once and moves the copy.
          const out = await e.run(m.url, { float_input: { dtype: 'float32', dims: [n, m.features], data } }, m.outputs);
          if ((out[m.outputs[0]!] as TensorData).dims[0] !== n) throw new Error('worker returned the wrong row count');
        };
        const viaRaw = (data: Float32Array, n: number) => raw.run({ float_input: new ort.Tensor('float32', data, [n, m.features]) }, m.outputs);
        const workerBatch = await batchMs(viaEngine(engine), batch, m.features, CHUNK, true);
        const rawBatch = await batchMs(viaRaw, batch, m.features, CHUNK, false);
        const threadedBatch = await batchMs(viaEngine(threaded), batch, m.features, CHUNK, true);
        results.push(vsBaseline({
          name: `${m.label}: ${fmt(ROWS)} rows in chunks of ${fmt(CHUNK)}, worker vs session.run in page`,
          value: workerBatch, baseline: rawBatch, unit: 'ms', target: rawBatch / 0.7,
          notes: `median of 5; ${fmt(ROWS / (workerBatch / 1000))} vs ${fmt(ROWS / (rawBatch / 1000))} rows/s; target: worker throughput >= 0.7x raw (ratio = raw ms / worker ms)`,
        }));
        results.push({
          name: `same, worker with its default ${threads} threads`,
          value: threadedBatch, baseline: rawBatch, ratio: rawBatch / threadedBatch, unit: 'ms',
          notes: `median of 5; ${fmt(ROWS / (threadedBatch / 1000))} rows/s`,
        });
        // The same chunks as views of a SharedArrayBuffer: the worker reads them in place.
        const sharedBatch = new Float32Array(new SharedArrayBuffer(batch.byteLength));
        sharedBatch.set(batch);
        const workerShared = await batchMs(viaEngine(engine), sharedBatch, m.features, CHUNK, true);
        results.push({
          name: `same, the batch in a SharedArrayBuffer (no copies)`,
          value: workerShared, baseline: rawBatch, ratio: rawBatch / workerShared, unit: 'ms',
          notes: `median of 5; 1 thread; ${fmt(ROWS / (workerShared / 1000))} rows/s`,
        });
        const big = CHUNK * 10;
        const workerBig = await batchMs(viaEngine(engine), batch, m.features, big, true);
        const rawBig = await batchMs(viaRaw, batch, m.features, big, false);
        results.push({
          name: `same, chunks of ${fmt(big)}`,
          value: workerBig, baseline: rawBig, ratio: rawBig / workerBig, unit: 'ms',
          notes: `median of 5; 1 thread each; ${fmt(ROWS / (workerBig / 1000))} vs ${fmt(ROWS / (rawBig / 1000))} rows/s`,
        });
        await raw.release();
        await engine.release(m.url);
        await threaded.release(m.url);
      }
    } finally {
      engine.dispose();
      threaded.dispose();
    }
    return results;
  },
};
