// Schema upgrades across tabs. A newer Orchard in another tab opens the database at a higher
// version; IndexedDB then asks every open connection to close ('versionchange') and holds the
// upgrade ('blocked') until they do. Dexie's default closes and quietly reopens at the newer
// version, which would run this tab's older code against a schema it does not know. Instead this
// tab closes for good and says why, so the upgrade goes ahead and the user reloads into the new
// version. The same happens when another tab deletes the database.
import type Dexie from 'dexie';

/** Why this tab's connection was closed. */
export type ClosedByOtherTab = 'upgraded' | 'deleted';

/**
 * `make*`: closes `db` (no automatic reopening) when another connection upgrades or deletes the
 * database, then calls `onClosed`. Install before `db.open()`. Returns the cleanup.
 */
export function makeCloseOnOtherTabUpgrade(db: Dexie, onClosed: (why: ClosedByOtherTab) => void): () => void {
  const listener = (event: IDBVersionChangeEvent): boolean => {
    db.close({ disableAutoOpen: true });
    onClosed(event.newVersion === null || event.newVersion === 0 ? 'deleted' : 'upgraded');
    return false; // handled: skip Dexie's default (close and reopen)
  };
  db.on('versionchange', listener);
  return () => db.on('versionchange').unsubscribe(listener);
}
