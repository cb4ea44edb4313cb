// Errors crossing a worker boundary: Comlink clones a thrown Error into a plain Error, losing
// MlflowError's errorCode. The worker therefore returns outcomes, and the main-thread facade
// turns a failed one back into the MlflowError that was thrown in the worker.
import { MlflowError, type ErrorCode } from './errors';

export type Outcome<T> = { ok: true; value: T } | { ok: false; errorCode: ErrorCode; message: string };

export async function settle<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    if (e instanceof MlflowError) return { ok: false, errorCode: e.errorCode, message: e.message };
    return { ok: false, errorCode: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) };
  }
}

export function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new MlflowError(outcome.message, outcome.errorCode);
}
