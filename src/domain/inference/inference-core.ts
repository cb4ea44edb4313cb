// The inference engine itself, independent of where ORT runs: the worker entry
// (workers/inference.worker.ts) and the in-process engine (compute/node-inference.ts) both wrap
// this with their own ORT namespace. Sessions are cached by key with a queue each
// (session-cache.ts); ZipMap outputs are rebuilt from their probability tensor (zipmap.ts).
import { invalidParameter } from '../errors';
import { loadError, runError, runtimeError } from './inference-errors';
import type { OrtModule, OrtRuntime, OrtSessionLike, OrtTensorLike, OrtValueMetadataLike } from './ort-like';
import { makeSessionCache } from './session-cache';
import { checkFeeds, fromOrtTensor, graphDims, toOrtTensor } from './tensor-convert';
import type { GraphIO, InferenceEngine, LoadedSession, ModelSource, RunOutputs, SequenceData, TensorData } from './types';
import { exposeZipMapInputs, outlineGraph, zipMapRows, type GraphOutline, type ZipMapOutput } from './zipmap';

interface Session {
  loaded: LoadedSession;
  ort: OrtModule;
  ortSession: OrtSessionLike;
  /** Graph output -> the ZipMap that produces it. */
  zipMaps: Map<string, ZipMapOutput>;
  /** Non-tensor outputs that are not ZipMaps: ORT cannot return them. */
  unreturnable: Set<string>;
}

export interface InferenceCore extends InferenceEngine {
  /** The loaded session under `key`, if any, without waiting (lets a facade skip sending bytes). */
  describe(key: string): LoadedSession | undefined;
}

async function modelBytes(onnx: ModelSource): Promise<Uint8Array> {
  const source = typeof onnx === 'function' ? await onnx() : onnx;
  return source instanceof Uint8Array ? source : new Uint8Array(source);
}

/** Our reading of the graph is best effort: on bytes we cannot parse, ORT gives the real error. */
function tryOutline(bytes: Uint8Array): GraphOutline {
  try {
    return outlineGraph(bytes);
  } catch {
    return { outputKinds: new Map(), zipMaps: [] };
  }
}

function toGraphIO(m: OrtValueMetadataLike, kinds: Map<string, string>): GraphIO {
  if (m.isTensor) return { name: m.name, dtype: m.type ?? 'unknown', dims: graphDims(m.shape) };
  return { name: m.name, dtype: kinds.get(m.name) ?? 'unknown', dims: [] };
}

async function createSession(runtime: OrtRuntime, bytes: Uint8Array): Promise<{ session: OrtSessionLike; backend: OrtRuntime['backends'][number] }> {
  let lastError: unknown;
  // Best backend first; a model WebGPU cannot take (or no device after all) falls back to wasm.
  for (const backend of runtime.backends) {
    try {
      // logSeverityLevel 3: ORT's opset/optimizer warnings would otherwise flood the console.
      const session = await runtime.ort.InferenceSession.create(bytes, { executionProviders: [backend], logSeverityLevel: 3 });
      return { session, backend };
    } catch (e) {
      lastError = e;
    }
  }
  // ORT initialises its wasm inside the first create(): a .wasm that cannot be fetched or
  // compiled (offline before it was cached, say) surfaces here, and is not the model's fault.
  throw /no available backend found/.test(String(lastError)) ? runtimeError(lastError) : loadError(lastError);
}

function rebuildZipMap(name: string, tensor: OrtTensorLike, zipMap: ZipMapOutput): SequenceData {
  try {
    if (!(tensor.data instanceof Float32Array)) throw new Error(`its input is ${tensor.type}, not float32`);
    return zipMapRows(tensor.data, tensor.dims, zipMap.labels);
  } catch (e) {
    throw runError(new Error(`could not rebuild ZipMap output '${name}': ${e instanceof Error ? e.message : String(e)}`));
  }
}

/** `startRuntime` is called once, on the first load (that is when ORT's .wasm is fetched). */
export function createInferenceCore(startRuntime: () => Promise<OrtRuntime>): InferenceCore {
  let runtime: Promise<OrtRuntime> | undefined;
  const sessions = makeSessionCache<Session>((s) => s.ortSession.release());

  const ensureRuntime = (): Promise<OrtRuntime> => {
    runtime ??= startRuntime().catch((e: unknown) => {
      runtime = undefined; // e.g. offline before the .wasm was cached: a later load may work
      throw runtimeError(e);
    });
    return runtime;
  };

  const open = async (key: string, onnx: ModelSource): Promise<Session> => {
    let bytes: Uint8Array;
    try {
      bytes = await modelBytes(onnx);
    } catch (e) {
      throw invalidParameter(`Could not load ONNX model: could not read its bytes: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (bytes.length === 0) throw invalidParameter('Could not load ONNX model: the model is empty (0 bytes)');
    const outline = tryOutline(bytes);
    const rt = await ensureRuntime();
    const declared = new Set(outline.outputKinds.keys());
    const { session, backend } = await createSession(rt, exposeZipMapInputs(bytes, outline.zipMaps, declared));
    const zipMaps = new Map(outline.zipMaps.map((z) => [z.output, z]));
    const outputs = session.outputMetadata
      .filter((m) => declared.size === 0 || declared.has(m.name)) // hide the outputs we added
      // A ZipMap's sequence has one map per row: its length is known only once it runs.
      .map((m): GraphIO => (zipMaps.has(m.name) ? { name: m.name, dtype: 'sequence', dims: [-1] } : toGraphIO(m, outline.outputKinds)));
    const loaded: LoadedSession = {
      key,
      inputs: session.inputMetadata.map((m) => toGraphIO(m, outline.outputKinds)),
      outputs,
      backend,
      threads: rt.ort.env.wasm.numThreads ?? 1,
    };
    const unreturnable = new Set(session.outputMetadata.filter((m) => !m.isTensor && !zipMaps.has(m.name)).map((m) => m.name));
    return { loaded, ort: rt.ort, ortSession: session, zipMaps, unreturnable };
  };

  const runOn = async (s: Session, feeds: Record<string, TensorData>, outputNames: string[] | undefined): Promise<RunOutputs> => {
    const known = s.loaded.outputs;
    const requested = outputNames ?? known.map((o) => o.name);
    const fetches = new Set<string>();
    for (const name of requested) {
      const output = known.find((o) => o.name === name);
      if (!output) throw invalidParameter(`Unknown model output '${name}'; the model's outputs are ${known.map((o) => `'${o.name}'`).join(', ')}`);
      if (s.unreturnable.has(name)) {
        throw invalidParameter(`Output '${name}' is a ${output.dtype} value, which onnxruntime-web cannot return; request only tensor outputs (outputNames)`);
      }
      fetches.add(s.zipMaps.get(name)?.probabilities ?? name);
    }
    checkFeeds(feeds, s.loaded.inputs);
    let results: Readonly<Record<string, OrtTensorLike>>;
    try {
      const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, toOrtTensor(s.ort, t)]));
      results = await s.ortSession.run(ortFeeds, [...fetches]);
    } catch (e) {
      throw runError(e);
    }
    const out: RunOutputs = {};
    for (const name of requested) {
      const zipMap = s.zipMaps.get(name);
      const tensor = results[zipMap?.probabilities ?? name];
      if (!tensor) throw runError(new Error(`ORT returned no value for output '${name}'`));
      out[name] = zipMap ? rebuildZipMap(name, tensor, zipMap) : fromOrtTensor(name, tensor);
    }
    return out;
  };

  return {
    async load(key, onnx) {
      return (await sessions.getOrLoad(key, () => open(key, onnx))).loaded;
    },
    describe: (key) => sessions.peek(key)?.loaded,
    run: (key, feeds, outputNames) => sessions.enqueue(key, (s) => runOn(s, feeds, outputNames)),
    release: (key) => sessions.release(key),
    dispose() {
      void sessions.clear().catch(() => undefined);
    },
  };
}
