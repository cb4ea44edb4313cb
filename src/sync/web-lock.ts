// One tab per workspace replicates: two replicators would both drain the same journal and write
// every local change twice. Web Locks hand the lock to the next tab when the holder closes.
// Where there are no Web Locks (Node, tests) there is no second tab either.

interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

/** Waits for the exclusive lock `name`; resolves with the function that releases it. */
export async function acquireWebLock(name: string): Promise<() => void> {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (!locks) return () => undefined;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await new Promise<void>((acquired) => {
    void locks.request(name, () => {
      acquired();
      return held;
    });
  });
  return release;
}
