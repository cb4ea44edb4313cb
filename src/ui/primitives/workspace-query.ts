// The one bridge from workspace data to Solid signals: run an async query for the current value
// of `source`, and run it again when `source` changes or the workspace changes (this tab or
// another). Workspace changes are throttled so a training loop logging 1,000 points a second
// does not re-render 1,000 times.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { Workspace } from '../../sdk/index';

export interface WorkspaceQuery<T> {
  value: Accessor<T | undefined>;
  error: Accessor<unknown>;
  loading: Accessor<boolean>;
  refresh: () => void;
}

/** `create*`: reactive, disposed with its owner. */
export function createWorkspaceQuery<S, T>(
  ws: Workspace,
  source: Accessor<S>,
  query: (source: S) => Promise<T>,
  options: { throttleMs?: number } = {},
): WorkspaceQuery<T> {
  const [value, setValue] = createSignal<T>();
  const [error, setError] = createSignal<unknown>();
  const [loading, setLoading] = createSignal(true);
  const throttleMs = options.throttleMs ?? 250;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let current: S = source();

  const run = (): void => {
    const mine = ++generation;
    setLoading(true);
    query(current).then(
      (v) => {
        if (mine !== generation || disposed) return;
        setValue(() => v);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== generation || disposed) return;
        setError(() => e);
        setLoading(false);
      },
    );
  };
  const schedule = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, throttleMs);
  };
  createEffect(on(source, (s) => {
    current = s;
    run();
  }));
  const stop = ws.onChange(schedule);
  onCleanup(() => {
    disposed = true;
    stop();
    if (timer) clearTimeout(timer);
  });
  return { value, error, loading, refresh: run };
}
