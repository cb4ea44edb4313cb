// Issue #4's inference targets: what the worker engine costs over calling ORT directly in the
// page. Baseline: onnxruntime-web/wasm on the main thread, same .wasm, same thread count, one
// session.run per call. Two models from tests/bench/models: a one-tree wine regressor (almost
// no compute, so it shows pure overhead) and a 100-tree iris random forest.
//  - single-row latency: median worker-engine call vs median raw session.run; target <= 1.5x;
//  - batch throughput: 100,000 rows in chunks of 2,000, all chunks issued at once to the worker
//    (its per-session queue keeps them in order) vs raw runs one after another; target >= 0.7x.
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

export const inferenceBench: Benchmark = {
  name: 'inference',
  async run() {
    const threads = crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1;
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.wasmPaths = { wasm: wasmUrl };
    ort.env.wasm.numThreads = threads;
    const engine = makeWorkerInferenceEngine();
    const results: BenchResult[] = [];
    try {
      for (const m of MODELS) {
        const bytes = new Uint8Array(await (await fetch(m.url)).arrayBuffer());
        const startMs = await time(() => engine.load(m.url, bytes));
        const raw = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
        const batch = rows(ROWS, m.features);
        const one = (i: number) => batch.slice((i % 1000) * m.features, (i % 1000 + 1) * m.features);

        const workerOne = await median((i) => engine.run(m.url, { float_input: { dtype: 'float32', dims: [1, m.features], data: one(i) } }, m.outputs), { repeat: 301, warmup: 30 });
        const rawOne = await median((i) => raw.run({ float_input: new ort.Tensor('float32', one(i), [1, m.features]) }, m.outputs), { repeat: 301, warmup: 30 });
        results.push(vsBaseline({
          name: `${m.label}: 1 row, worker engine vs session.run in page`,
          value: workerOne, baseline: rawOne, unit: 'ms', target: rawOne * 1.5,
          notes: `median of 301; target 1.5x raw; first load in the worker ${startMs.toFixed(0)} ms; ${threads} threads`,
        }));

        const chunks = Array.from({ length: ROWS / CHUNK }, (_, c) => batch.subarray(c * CHUNK * m.features, (c + 1) * CHUNK * m.features));
        let workerRows = 0;
        const workerBatch = await median(async () => {
          // Views into the batch: the facade copies each chunk once and moves the copy.
          const outs = await Promise.all(chunks.map((data) => engine.run(m.url, { float_input: { dtype: 'float32', dims: [CHUNK, m.features], data } }, m.outputs)));
          workerRows = outs.reduce((n, o) => n + ((o[m.outputs[0]!] as TensorData).dims[0] ?? 0), 0);
        }, { repeat: 5, warmup: 1 });
        const rawBatch = await median(async () => {
          for (const data of chunks) await raw.run({ float_input: new ort.Tensor('float32', data, [CHUNK, m.features]) }, m.outputs);
        }, { repeat: 5, warmup: 1 });
        if (workerRows !== ROWS) throw new Error(`worker returned ${workerRows} rows`);
        results.push(vsBaseline({
          name: `${m.label}: ${fmt(ROWS)} rows in chunks of ${fmt(CHUNK)}, worker vs session.run in page`,
          value: workerBatch, baseline: rawBatch, unit: 'ms', target: rawBatch / 0.7,
          notes: `median of 5; ${fmt(ROWS / (workerBatch / 1000))} vs ${fmt(ROWS / (rawBatch / 1000))} rows/s; target: worker throughput >= 0.7x raw (ratio = raw ms / worker ms)`,
        }));
        await raw.release();
        await engine.release(m.url);
      }
    } finally {
      engine.dispose();
    }
    return results;
  },
};
