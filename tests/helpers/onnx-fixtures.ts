// The real ONNX models of the shared fixtures (README §4): libonnx-testdata cases with their
// TensorProto inputs/outputs, and the converted sklearn/tf models. Plus the ONNX backend tests'
// comparison rule (rtol 1e-3, atol 1e-7).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RunOutputs, TensorData } from '../../src/domain/inference/types';
import { readTensorProto, type NamedTensor } from './tensor-proto';

export const ONNX_FIXTURES = join(process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures', 'onnx');

export function onnxBytes(relativePath: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(ONNX_FIXTURES, relativePath)));
}

export interface LibonnxCase {
  /** e.g. 'node/test_relu' */
  name: string;
  model: string;
  /** input_N.pb in order: the N-th graph input that is not an initializer. */
  inputs: NamedTensor[];
  outputs: NamedTensor[];
}

function numbered(dir: string, prefix: string): NamedTensor[] {
  const files = readdirSync(dir).filter((f) => f.startsWith(prefix)).sort((a, b) => parseInt(a.slice(prefix.length)) - parseInt(b.slice(prefix.length)));
  return files.map((f) => readTensorProto(join(dir, f)));
}

export function libonnxCases(): LibonnxCase[] {
  const root = join(ONNX_FIXTURES, 'libonnx-testdata');
  return readdirSync(root, { withFileTypes: true })
    .filter((g) => g.isDirectory())
    .flatMap((g) => readdirSync(join(root, g.name)).map((t) => `${g.name}/${t}`))
    .filter((name) => existsSync(join(root, name, 'test_data_set_0')))
    .sort()
    .map((name) => {
      const data = join(root, name, 'test_data_set_0');
      return { name, model: `libonnx-testdata/${name}/model.onnx`, inputs: numbered(data, 'input_'), outputs: numbered(data, 'output_') };
    });
}

/** A fresh copy of a tensor (feeds may be detached by the engine). */
export function copyTensor(t: TensorData): TensorData {
  return { dtype: t.dtype, dims: [...t.dims], data: t.data.slice() };
}

/** numpy.testing.assert_allclose(actual, expected, rtol=1e-3, atol=1e-7), exact for ints and strings. */
export function expectTensorClose(actual: RunOutputs[string] | undefined, expected: TensorData, what: string): void {
  expect(actual, what).toBeDefined();
  const a = actual as TensorData;
  expect(a.dtype, `${what} dtype`).toBe(expected.dtype);
  expect(a.dims, `${what} dims`).toEqual(expected.dims);
  expect(a.data.length, `${what} length`).toBe(expected.data.length);
  if (expected.dtype !== 'float32' && expected.dtype !== 'float64') {
    expect([...a.data], `${what} values`).toEqual([...expected.data]);
    return;
  }
  const bad: string[] = [];
  for (let i = 0; i < expected.data.length; i++) {
    const x = Number(a.data[i]);
    const e = Number(expected.data[i]);
    if (!(Math.abs(x - e) <= 1e-7 + 1e-3 * Math.abs(e))) bad.push(`[${i}] ${x} vs ${e}`);
  }
  expect(bad.slice(0, 5), `${what}: ${bad.length} values outside rtol 1e-3 / atol 1e-7`).toEqual([]);
}
