// The browser's usage, quota and persistence as signals, for the shell's warning and the storage
// page. Asked at start, again after this tab's or another tab's writes (at most every 15 s: the
// estimate is origin-wide and not free), and on demand after something frees space.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { estimateStorage, isStoragePersisted, type StorageEstimate, type Workspace } from '../../sdk/index';

export interface StorageUsage {
  estimate: Accessor<StorageEstimate | undefined>;
  persisted: Accessor<boolean | undefined>;
  /** asks again now */
  refresh: () => void;
}

export const AFTER_WRITES_MS = 15_000;

/** `create*`: reactive, disposed with its owner. */
export function createStorageUsage(ws: Workspace, options: { afterWritesMs?: number } = {}): StorageUsage {
  const [estimate, setEstimate] = createSignal<StorageEstimate>();
  const [persisted, setPersisted] = createSignal<boolean>();
  const wait = options.afterWritesMs ?? AFTER_WRITES_MS;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastAsked = 0;
  const ask = (): void => {
    lastAsked = Date.now();
    void Promise.all([estimateStorage(), isStoragePersisted()]).then(
      ([e, p]) => {
        if (disposed) return;
        setEstimate(e);
        setPersisted(p);
      },
      () => undefined, // an estimate that fails leaves the last one shown
    );
  };
  const afterWrites = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      ask();
    }, Math.max(0, lastAsked + wait - Date.now()));
  };
  ask();
  const stop = ws.onChange(afterWrites);
  onCleanup(() => {
    disposed = true;
    stop();
    if (timer) clearTimeout(timer);
  });
  return { estimate, persisted, refresh: ask };
}
