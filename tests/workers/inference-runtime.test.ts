// The inference worker's thread count: ORT's wasm threads need SharedArrayBuffer, so a page that
// is not crossOriginIsolated gets 1 whatever was asked; otherwise min(4, cores) unless set.
import { expect, test } from 'vitest';
import { threadCount } from '../../workers/inference/ort-runtime';

test('threads follow isolation, cores and the requested count', () => {
  expect(threadCount(false, 8)).toBe(1);
  expect(threadCount(false, 8, 4)).toBe(1);
  expect(threadCount(true, 2)).toBe(2);
  expect(threadCount(true, 16)).toBe(4);
  expect(threadCount(true, undefined)).toBe(1);
  expect(threadCount(true, 16, 1)).toBe(1);
  expect(threadCount(true, 2, 0)).toBe(1);
});
