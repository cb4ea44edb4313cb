// Asserts that a call rejects with an MlflowError of a given code. It imports only domain code, so
// layer tests below the SDK use it too (tests/sdk/helpers.ts re-exports it).
import { expect } from 'vitest';
import { MlflowError, type ErrorCode } from '../../src/domain/errors';

export async function expectMlflowError(promise: Promise<unknown> | (() => unknown), code: ErrorCode, message?: RegExp): Promise<MlflowError> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected an MlflowError').toBeInstanceOf(MlflowError);
  const err = error as MlflowError;
  if (message) expect(err.message).toMatch(message);
  expect(err.errorCode, err.message).toBe(code);
  return err;
}
