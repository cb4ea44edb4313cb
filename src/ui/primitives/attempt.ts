// Running a user action that may fail: remember its error for an ErrorNotice, clear it on
// success, and tell the caller whether it worked (to close an editor, say).
import { createSignal, type Accessor } from 'solid-js';

export interface Attempt {
  error: Accessor<unknown>;
  /** Runs `action`; resolves true on success, false (with `error` set) on failure. */
  attempt: (action: () => Promise<void>) => Promise<boolean>;
  /** Forgets the last error (the user cancelled). */
  clear: () => void;
}

export function createAttempt(): Attempt {
  const [error, setError] = createSignal<unknown>();
  const attempt = async (action: () => Promise<void>): Promise<boolean> => {
    try {
      await action();
      setError(undefined);
      return true;
    } catch (e) {
      setError(() => e);
      return false;
    }
  };
  return { error, attempt, clear: () => setError(undefined) };
}
