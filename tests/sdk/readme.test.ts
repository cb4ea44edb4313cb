// The README's quick start is run exactly as written (with window.orchard bound to the SDK), so
// the first code a user copies cannot rot.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as sdk from '../../src/sdk/index';

test('README quick start runs and prints the best run', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const code = /## SDK quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeTruthy();
  // As in a fresh browser: the fluent API and openWorkspace() both use the "default" workspace.
  const printed: unknown[][] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('window', 'console', code as string)({ orchard: sdk }, { log: (...a: unknown[]) => printed.push(a) });
  expect(printed).toEqual([['baseline', 0.1]]);
});

test('README models quick start runs as written (onnxBytes = the wine regressor fixture)', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const code = /## Models quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeTruthy();
  const file = readFileSync(`${process.env.ORCHARD_FIXTURES ?? '/work/shared/fixtures'}/onnx/mlflow-export-import/model.onnx`);
  const onnxBytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const printed: unknown[][] = [];
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('window', 'console', 'onnxBytes', code as string)({ orchard: sdk }, { log: (...a: unknown[]) => printed.push(a) }, onnxBytes);
  expect(printed).toEqual([['number'], [200]]);
});
