// Sessions by key with one queue each. onnxruntime-web's wasm backend runs one call per session
// at a time (a second concurrent run() on the same session is not supported), and the scoring
// server, a notebook and a view may all predict with one model at once: so runs on a session are
// chained in call order, while different sessions proceed independently.
// Concurrent loads of one key share a single load; a failed load is forgotten so a retry can work.
import { doesNotExist } from '../errors';

interface Entry<S> {
  ready: Promise<S>;
  value?: S;
  /** Settles when the last queued task has finished (never rejects). */
  tail: Promise<void>;
}

export interface SessionCache<S> {
  /** The session for `key`, creating it with `create` unless it exists or is being created. */
  getOrLoad(key: string, create: () => Promise<S>): Promise<S>;
  /** The session if it has finished loading. */
  peek(key: string): S | undefined;
  /** Runs `task` on the session after every task queued before it; RESOURCE_DOES_NOT_EXIST if none. */
  enqueue<T>(key: string, task: (session: S) => Promise<T>): Promise<T>;
  /** Forgets `key` now, and disposes its session once its queued tasks have finished. */
  release(key: string): Promise<void>;
  /** Releases every session. */
  clear(): Promise<void>;
  readonly size: number;
}

export function makeSessionCache<S>(dispose: (session: S) => Promise<void>): SessionCache<S> {
  const entries = new Map<string, Entry<S>>();

  const release = async (key: string): Promise<void> => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    await entry.tail;
    const session = await entry.ready.catch(() => undefined);
    if (session !== undefined) await dispose(session);
  };

  return {
    getOrLoad(key, create) {
      const existing = entries.get(key);
      if (existing) return existing.ready;
      const ready = create();
      const entry: Entry<S> = { ready, tail: ready.then(() => undefined, () => undefined) };
      entries.set(key, entry);
      ready.then(
        (s) => void (entry.value = s),
        () => void (entries.get(key) === entry && entries.delete(key)),
      );
      return ready;
    },
    peek: (key) => entries.get(key)?.value,
    enqueue(key, task) {
      const entry = entries.get(key);
      if (!entry) return Promise.reject(doesNotExist(`No ONNX model is loaded under key '${key}'; call load() first`));
      const result = entry.tail.then(() => entry.ready).then(task);
      entry.tail = result.then(() => undefined, () => undefined);
      return result;
    },
    release,
    async clear() {
      await Promise.all([...entries.keys()].map(release));
    },
    get size() {
      return entries.size;
    },
  };
}
