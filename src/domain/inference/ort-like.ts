// The slice of onnxruntime-web's API that the shared inference code uses, as structural types:
// domain/ never imports ORT (the worker imports 'onnxruntime-web/wasm', Node tests the same
// package's Node build, a service worker a statically bundled build); each passes its namespace
// in, and TypeScript checks that it fits these shapes.
import type { InferenceBackend, TensorDtype } from './types';

export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** ORT's ValueMetadata: tensors carry type and shape (unknown dims come back as 4294967295). */
export interface OrtValueMetadataLike {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: ReadonlyArray<number | string>;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly OrtValueMetadataLike[];
  readonly outputMetadata: readonly OrtValueMetadataLike[];
  run(feeds: Record<string, OrtTensorLike>, fetches: readonly string[]): Promise<Readonly<Record<string, OrtTensorLike>>>;
  release(): Promise<void>;
}

/** Data ORT's Tensor constructor accepts for our dtypes (bool as bytes). */
export type OrtTensorValues =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array
  | BigInt64Array | BigUint64Array | readonly string[];

export interface OrtModule {
  Tensor: new (type: TensorDtype, data: OrtTensorValues, dims: readonly number[]) => OrtTensorLike;
  InferenceSession: {
    create(model: Uint8Array, options: { executionProviders: readonly InferenceBackend[]; logSeverityLevel?: 0 | 1 | 2 | 3 | 4 }): Promise<OrtSessionLike>;
  };
  env: { wasm: { numThreads?: number } };
}

/** An ORT namespace plus the execution providers to try, best first ('wasm' always last). */
export interface OrtRuntime {
  ort: OrtModule;
  backends: InferenceBackend[];
}
