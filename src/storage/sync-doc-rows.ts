// The stored updates of the sync documents (table syncDocs, key [doc+seq]). A document is the
// concatenation of its rows in seq order; compaction replaces a prefix of rows by one merged row
// in a single transaction, so a crash mid-compaction leaves either the old rows or the new one.
import type { WorkspaceDb } from './schema';

/** The highest seq stored for `doc`, or -1 when it has no rows. */
async function lastSeq(db: WorkspaceDb, doc: string): Promise<number> {
  const last = await db.syncDocs.where('[doc+seq]').between([doc, -Infinity], [doc, Infinity], true, true).last();
  return last ? last.seq : -1;
}

/** Appends each document's updates after its last row, all documents in one transaction (all or
 * none are stored). */
export async function appendDocUpdates(db: WorkspaceDb, batch: ReadonlyMap<string, readonly Uint8Array[]>): Promise<void> {
  if (batch.size === 0) return;
  await db.transaction('rw', db.syncDocs, async () => {
    for (const [doc, updates] of batch) {
      let seq = await lastSeq(db, doc);
      await db.syncDocs.bulkAdd(updates.map((update) => ({ doc, seq: ++seq, update })));
    }
  });
}

/** Every stored update of `doc`, in the order they were appended. */
export async function loadDocUpdates(db: WorkspaceDb, doc: string): Promise<{ seq: number; update: Uint8Array }[]> {
  const rows = await db.syncDocs.where('[doc+seq]').between([doc, -Infinity], [doc, Infinity], true, true).toArray();
  return rows.map((r) => ({ seq: r.seq, update: r.update }));
}

export async function countDocRows(db: WorkspaceDb, doc: string): Promise<number> {
  return db.syncDocs.where('doc').equals(doc).count();
}

/**
 * Replaces the rows of `doc` with seq <= `uptoSeq` by `merged`, stored at seq `uptoSeq`, so rows
 * appended meanwhile (higher seqs) stay after it. One transaction.
 */
export async function replaceDocPrefix(db: WorkspaceDb, doc: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
  await db.transaction('rw', db.syncDocs, async () => {
    await db.syncDocs.where('[doc+seq]').between([doc, -Infinity], [doc, uptoSeq], true, true).delete();
    await db.syncDocs.put({ doc, seq: uptoSeq, update: merged });
  });
}

/** The names of all documents with stored updates. */
export async function storedDocNames(db: WorkspaceDb): Promise<string[]> {
  return (await db.syncDocs.orderBy('doc').uniqueKeys()).map(String);
}
