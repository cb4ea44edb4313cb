// What a workspace holds, read the cheap way for the storage page and retention: run rows from
// the run cache (read once, then kept current by committed mutations, so a second report reads
// none), experiment and artifact rows (small), and blob rows only for the few blobs no artifact
// points at (bytes stay unread). Metric chunks are not read at all: a run row carries its point
// counts (domain/stored-size.ts says why even their keys are too slow).
import type { RunCache } from './run-cache';
import type { ArtifactRow, ExperimentRow, RunRow, WorkspaceDb } from './schema';

export interface StoredFile {
  sha256: string;
  size: number;
}

export interface StorageInventory {
  experiments: ExperimentRow[];
  runs: RunRow[];
  /** run id -> its artifact files */
  artifactsByRun: Map<string, StoredFile[]>;
  /** blobs no artifact points at: `sync` when sync keeps them (a metric chunk applied here, or
   * bytes still to upload), otherwise nothing needs them */
  unreferencedBlobs: Array<StoredFile & { sync: boolean }>;
}

export async function readStorageInventory(store: { db: WorkspaceDb; runCache: RunCache }): Promise<StorageInventory> {
  const { db } = store;
  const experiments = await db.experiments.toArray();
  const runs = await store.runCache.runsOf(experiments.map((e) => e.experimentId));
  return db.transaction('r', [db.artifacts, db.blobs, db.syncApplied, db.syncUploads], async () => {
    const [artifacts, blobKeys] = await Promise.all([db.artifacts.toArray(), db.blobs.toCollection().primaryKeys()]);
    const referenced = new Set(artifacts.map((a) => a.sha256));
    const loose = blobKeys.map(String).filter((h) => !referenced.has(h));
    const [applied, uploads, looseRows] = await Promise.all([
      db.syncApplied.bulkGet(loose),
      db.syncUploads.bulkGet(loose),
      db.blobs.bulkGet(loose),
    ]);
    const unreferencedBlobs = looseRows.flatMap((row, i) => (row ? [{ sha256: row.sha256, size: row.size, sync: !!applied[i] || !!uploads[i] }] : []));
    return { experiments, runs, artifactsByRun: groupArtifacts(artifacts), unreferencedBlobs };
  });
}

function groupArtifacts(rows: readonly ArtifactRow[]): Map<string, StoredFile[]> {
  const out = new Map<string, StoredFile[]>();
  for (const a of rows) {
    const list = out.get(a.runId);
    const file = { sha256: a.sha256, size: a.size };
    if (list) list.push(file);
    else out.set(a.runId, [file]);
  }
  return out;
}
