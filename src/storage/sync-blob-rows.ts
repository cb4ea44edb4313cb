// Blob bytes and the upload queue, as the sync transfer code needs them. The blobs table is
// content-addressed and immutable: a row is the bytes that hash to its key, so storing verified
// bytes that arrived from the relay changes no entity and needs no mutation (the artifact and
// metric-ref rows that point at a hash arrive through the mutation layer).
import type { SyncUploadRow, WorkspaceDb } from './schema';

/** Up to `limit` queued uploads, oldest first. */
export async function queuedUploads(db: WorkspaceDb, limit: number): Promise<SyncUploadRow[]> {
  const rows = await db.syncUploads.toArray();
  return rows.sort((a, b) => a.queuedAt - b.queuedAt).slice(0, limit);
}

export async function countQueuedUploads(db: WorkspaceDb): Promise<number> {
  return db.syncUploads.count();
}

export async function dequeueUploads(db: WorkspaceDb, hashes: readonly string[]): Promise<void> {
  if (hashes.length > 0) await db.syncUploads.bulkDelete([...hashes]);
}

/** Queues uploads of blobs stored here (a hash without local bytes is skipped). */
export async function enqueueUploads(db: WorkspaceDb, hashes: readonly string[], now = Date.now()): Promise<void> {
  if (hashes.length === 0) return;
  await db.transaction('rw', db.syncUploads, db.blobs, async () => {
    const blobs = await db.blobs.bulkGet([...hashes]);
    const rows = blobs.flatMap((b) => (b ? [{ sha256: b.sha256, size: b.size, queuedAt: now }] : []));
    await db.syncUploads.bulkPut(rows);
  });
}

/** Hashes of every blob stored here (keys only: the bytes are not read). */
export async function localBlobHashes(db: WorkspaceDb): Promise<string[]> {
  return (await db.blobs.toCollection().primaryKeys()).map(String);
}

export async function hasBlob(db: WorkspaceDb, sha256: string): Promise<boolean> {
  return (await db.blobs.where('sha256').equals(sha256).count()) > 0;
}

/** The stored bytes of a blob (rows hold a Blob, or an ArrayBuffer before schema v3). */
export async function blobBytes(db: WorkspaceDb, sha256: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const row = await db.blobs.get(sha256);
  if (!row) return undefined;
  return new Uint8Array(row.data instanceof ArrayBuffer ? row.data : await row.data.arrayBuffer());
}

/** A stored blob as a Blob, for uploading without reading it into memory first. */
export async function blobForUpload(db: WorkspaceDb, sha256: string): Promise<Blob | undefined> {
  const row = await db.blobs.get(sha256);
  if (!row) return undefined;
  return row.data instanceof ArrayBuffer ? new Blob([row.data]) : row.data;
}

/** Stores bytes the caller has verified against `sha256`; a blob already present is kept. */
export async function putVerifiedBlob(db: WorkspaceDb, sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  await db.transaction('rw', db.blobs, async () => {
    if (await db.blobs.get(sha256)) return;
    await db.blobs.put({ sha256, size: bytes.byteLength, data: new Blob([bytes]) });
  });
}

/** The content address and size of one artifact, if the run has it. */
export async function artifactRef(db: WorkspaceDb, runId: string, path: string): Promise<{ sha256: string; size: number } | undefined> {
  const row = await db.artifacts.get([runId, path]);
  return row ? { sha256: row.sha256, size: row.size } : undefined;
}
