// The browser's view of this origin's storage (navigator.storage, the Storage API): how much is
// used, how much it may use, and whether it promised not to evict the data when space runs low.
// Origin-wide: every workspace, the offline app files and the service worker's caches together.
// Each answers undefined where the browser (or Node) has no such API.

export interface StorageEstimate {
  /** bytes this origin uses */
  usage: number;
  /** bytes it may use */
  quota: number;
}

/** The share of the quota in use at which Orchard warns (a write past the quota fails). */
export const STORAGE_WARNING_RATIO = 0.8;

const storage = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

/** @example const e = await estimateStorage(); if (e) console.log(`${e.usage} of ${e.quota} bytes`) */
export async function estimateStorage(): Promise<StorageEstimate | undefined> {
  const s = storage();
  if (!s?.estimate) return undefined;
  const { usage, quota } = await s.estimate();
  if (usage === undefined || quota === undefined) return undefined;
  return { usage, quota };
}

/** Whether the browser keeps this origin's data under storage pressure. @example await isStoragePersisted() */
export async function isStoragePersisted(): Promise<boolean | undefined> {
  const s = storage();
  return s?.persisted ? s.persisted() : undefined;
}

/**
 * Asks the browser to keep this origin's data until the user deletes it. Browsers decide by
 * themselves (Chromium: site engagement, an installed app or a bookmark; Firefox asks the user),
 * so the answer may be no now and yes later. Resolves to the state afterwards.
 * @example if (!(await requestPersistentStorage())) console.warn('data may be evicted under pressure')
 */
export async function requestPersistentStorage(): Promise<boolean | undefined> {
  const s = storage();
  if (!s?.persist) return undefined;
  return s.persist();
}
