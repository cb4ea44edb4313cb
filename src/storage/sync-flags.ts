// The settings keys that say whether sync is on for a workspace. MutationLayer reads the journal
// flag inside every transaction (so other tabs and the service worker journal too); retention
// reads it to refuse purges in a shared workspace.

/** on once a replicator has started here: every local change is journalled */
export const JOURNAL_FLAG = 'sync.journal';
/** on once the first share wrote what was stored into the documents */
export const SNAPSHOT_FLAG = 'sync.snapshotDone';
