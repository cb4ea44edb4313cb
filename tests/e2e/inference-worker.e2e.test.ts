// The inference worker in Chromium against the built app: real ONNX models (bytes handed over
// from Node) load and run in the worker engine with ORT's wasm build, multi-threaded because the
// preview server makes the page crossOriginIsolated; outputs match the ONNX backend tests'
// expected values; a corrupt model gives the clear MLflow error; and after going offline and
// reloading, ORT's .wasm comes from the service worker's precache and inference still works.
// The page reaches the engine through window.orchardDev (a dev/test hook in src/app/main.tsx).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import type { InferenceEngine, LoadedSession, TensorData, TensorDtype } from '../../src/compute/inference-engine';
import { copyTensor, expectTensorClose, libonnxCases, onnxBytes } from '../helpers/onnx-fixtures';
import { openBrowser, type BrowserSession } from './browser';

/** A tensor as page.evaluate can carry it: int64 values as decimal strings. */
interface PlainTensor {
  dtype: TensorDtype | 'sequence';
  dims: number[];
  values: unknown[];
}
interface PageRun {
  key: string;
  model: string; // base64
  feeds: Record<string, PlainTensor>;
  outputNames?: string[];
}
type PageResult = { session: LoadedSession; outputs: Record<string, PlainTensor> } | { error: { name: string; errorCode?: string; message: string } };

const toPlain = (t: TensorData): PlainTensor => ({ dtype: t.dtype, dims: t.dims, values: Array.from(t.data as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? String(v) : v)) });

function fromPlain(p: PlainTensor): TensorData {
  const v = p.values;
  switch (p.dtype) {
    case 'float32': return { dtype: p.dtype, dims: p.dims, data: Float32Array.from(v as number[]) };
    case 'float64': return { dtype: p.dtype, dims: p.dims, data: Float64Array.from(v as number[]) };
    case 'int64': return { dtype: p.dtype, dims: p.dims, data: BigInt64Array.from(v as string[], BigInt) };
    case 'int32': return { dtype: p.dtype, dims: p.dims, data: Int32Array.from(v as number[]) };
    default: throw new Error(`test helper: ${p.dtype} not handled`);
  }
}

/** Loads and runs models in the page's worker engine (one engine per page load). */
function runInPage(page: Page, runs: PageRun[]): Promise<PageResult[]> {
  return page.evaluate(async (runs) => {
    const w = window as Window & { __inference?: InferenceEngine };
    w.__inference ??= w.orchardDev!.makeWorkerInferenceEngine!();
    const ctors = { float32: Float32Array, float64: Float64Array, int32: Int32Array, int8: Int8Array, uint8: Uint8Array } as const;
    const build = (p: PlainTensor): TensorData => {
      if (p.dtype === 'int64') return { dtype: 'int64', dims: p.dims, data: BigInt64Array.from(p.values as string[], BigInt) };
      if (p.dtype === 'string') return { dtype: 'string', dims: p.dims, data: p.values as string[] };
      return { dtype: p.dtype as keyof typeof ctors, dims: p.dims, data: ctors[p.dtype as keyof typeof ctors].from(p.values as number[]) };
    };
    const results: PageResult[] = [];
    for (const r of runs) {
      try {
        const bytes = Uint8Array.from(atob(r.model), (c) => c.charCodeAt(0));
        const session = await w.__inference.load(r.key, bytes);
        const feeds = Object.fromEntries(Object.entries(r.feeds).map(([k, p]) => [k, build(p)]));
        const out = await w.__inference.run(r.key, feeds, r.outputNames);
        const outputs = Object.fromEntries(Object.entries(out).map(([k, t]) => [k, { dtype: t.dtype, dims: t.dims, values: Array.from(t.data as ArrayLike<unknown>, (v) => (typeof v === 'bigint' ? String(v) : v)) }]));
        results.push({ session, outputs });
      } catch (e) {
        const err = e as Error & { errorCode?: string };
        results.push({ error: { name: err.name, errorCode: err.errorCode, message: err.message } });
      }
    }
    return results;
  }, runs);
}

const base64 = (path: string) => Buffer.from(onnxBytes(path)).toString('base64');
// node/* TensorProtos carry their input names (the pytorch ones do not).
const CASES = ['node/test_gemm_all_attributes', 'node/test_softmax_axis_1', 'node/test_argmax_keepdims_example', 'node/test_cast_DOUBLE_to_FLOAT', 'node/test_reshape_negative_dim'];
const cases = libonnxCases().filter((c) => CASES.includes(c.name));
const IRIS = 'sklearn-onnx/docs/examples/rf_iris.onnx';
const irisRun: PageRun = {
  key: 'rf_iris',
  model: base64(IRIS),
  feeds: { float_input: { dtype: 'float32', dims: [3, 4], values: [5.1, 3.5, 1.4, 0.2, 6.0, 2.7, 4.2, 1.3, 6.7, 3.0, 5.2, 2.3] } },
};

function expectIris(result: PageResult | undefined): void {
  if (!result || 'error' in result) throw new Error(`rf_iris failed: ${JSON.stringify(result)}`);
  expect(result.outputs.output_label!.values).toEqual(['0', '1', '2']);
  const probs = result.outputs.output_probability!;
  expect(probs.dtype).toBe('sequence');
  expect(probs.values.map((row) => Object.keys(row as object))).toEqual([['0', '1', '2'], ['0', '1', '2'], ['0', '1', '2']]);
}

let b: BrowserSession;
let page: Page;
const warnings: string[] = [];
beforeAll(async () => {
  b = await openBrowser();
  b.context.on('page', (p) => p.on('console', (m: ConsoleMessage) => m.type() === 'warning' && warnings.push(m.text())));
  page = await b.open('/');
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.waitForFunction(() => !!window.orchardDev?.makeWorkerInferenceEngine);
});
afterAll(async () => {
  await b?.close();
});

test('real models run in the worker, multi-threaded, matching their expected outputs', async () => {
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const results = await runInPage(page, [
    ...cases.map((c) => ({ key: c.name, model: base64(c.model), feeds: Object.fromEntries(c.inputs.map((t) => [t.name, toPlain(copyTensor(t))])) })),
    irisRun,
  ]);
  results.forEach((r, i) => {
    if ('error' in r) throw new Error(`${CASES[i] ?? IRIS}: ${r.error.message}`);
    expect(r.session.backend).toBe('wasm');
    expect(r.session.threads).toBe(Math.min(4, cores));
  });
  expect(cores).toBeGreaterThan(1); // else "threads > 1" below proves nothing
  expect((results[0] as { session: LoadedSession }).session.threads).toBeGreaterThan(1);
  cases.forEach((c, i) => {
    const r = results[i] as Exclude<PageResult, { error: unknown }>;
    c.outputs.forEach((expected, j) => expectTensorClose(fromPlain(r.outputs[r.session.outputs[j]!.name]!), expected, `${c.name} output ${j}`));
  });
  expectIris(results.at(-1));
  expect(warnings.filter((w) => /single-thread|crossOriginIsolated/.test(w))).toEqual([]);
});

test('a corrupt model rejects with the MLflow error, and the worker keeps serving', async () => {
  const corrupt = Buffer.from(onnxBytes(IRIS).subarray(0, 5000)).toString('base64');
  const [bad, good] = await runInPage(page, [{ key: 'corrupt', model: corrupt, feeds: {} }, { ...irisRun, key: 'after-corrupt' }]);
  expect(bad).toEqual({ error: { name: 'MlflowError', errorCode: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/^Could not load ONNX model: .*not a valid ONNX model/) } });
  expectIris(good);
});

test("offline, after a reload, ORT's wasm comes from the precache and inference still works", async () => {
  await b.waitForServiceWorker(page);
  await b.setOffline(true);
  try {
    await page.reload();
    await page.waitForFunction(() => !!window.orchardDev?.makeWorkerInferenceEngine);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const [iris] = await runInPage(page, [irisRun]);
    expectIris(iris);
    expect((iris as { session: LoadedSession }).session.threads).toBeGreaterThan(1);
  } finally {
    await b.setOffline(false);
  }
  b.expectNoErrors();
});
