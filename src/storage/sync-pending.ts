// How much local work sync has not finished, for the status line ("syncing N items").
import type { WorkspaceDb } from './schema';

/** Local mutations not yet written into the sync documents. */
export async function countJournal(db: WorkspaceDb): Promise<number> {
  return db.journal.count();
}
