// Test helpers: a fresh, uniquely named workspace per test so tests never share state.
import { MlflowClient, openWorkspace, type Workspace } from '../../src/sdk/index';
import { MlflowError, type ErrorCode } from '../../src/domain/errors';
import { expect } from 'vitest';

let counter = 0;

export async function freshClient(): Promise<{ ws: Workspace; client: MlflowClient }> {
  const ws = await openWorkspace({ name: `test-${process.pid}-${Date.now()}-${counter++}` });
  return { ws, client: new MlflowClient(ws) };
}

/** Asserts that `promise` rejects with an MlflowError of `code` whose message matches `message`. */
export async function expectMlflowError(promise: Promise<unknown> | (() => unknown), code: ErrorCode, message?: RegExp): Promise<MlflowError> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected an MlflowError').toBeInstanceOf(MlflowError);
  const err = error as MlflowError;
  expect(err.errorCode).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
}
