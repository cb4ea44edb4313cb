// Whether this workspace is shared through a relay right now. Permanent deletion is local only:
// the peers' sync documents still hold a purged run, and the replicator folds every document
// whole at each start, so the run would come back. Retention therefore refuses purges while the
// workspace is shared (a 'purged' tombstone in the documents would lift this).
import { JOURNAL_FLAG } from './sync-flags';
import { readSyncSettings } from './sync-settings';
import type { WorkspaceDb } from './schema';

/** True while sync journals this workspace and the user has not left it (left = detached). */
export async function isSharedWorkspace(db: WorkspaceDb): Promise<boolean> {
  const journaling = (await db.settings.get(JOURNAL_FLAG))?.value === true;
  if (!journaling) return false;
  return (await readSyncSettings(db))?.detached !== true;
}

export const SHARED_PURGE_REFUSED =
  'This workspace is shared: runs and experiments cannot be deleted for good here yet, because the ' +
  "other devices' copies would bring them back at the next sync. To free space on this device, leave " +
  'sharing first (Sync page); files nothing points at can still be removed.';
