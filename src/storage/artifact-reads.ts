// Listing and reading a run's artifacts (MLflow's artifacts/list: one directory level, sorted by
// path, directories without a size).
import { doesNotExist } from '../domain/errors';
import type { FileInfo } from '../domain/entities';
import type { WorkspaceDb } from './schema';

/** The run's artifact rows whose path starts with `prefix`, read as one key range. */
function rowsUnder(db: WorkspaceDb, runId: string, prefix: string) {
  return db.artifacts.where('[runId+path]').between([runId, prefix], [runId, `${prefix}\uffff`], true, true).toArray();
}

export async function listArtifactDir(db: WorkspaceDb, runId: string, dir: string): Promise<FileInfo[]> {
  if (dir !== '' && (await db.artifacts.get([runId, dir]))) return []; // MLflow lists nothing when the path is a file
  const prefix = dir === '' ? '' : `${dir}/`;
  const rows = await rowsUnder(db, runId, prefix);
  const entries = new Map<string, FileInfo>();
  for (const row of rows) {
    if (!row.path.startsWith(prefix)) continue;
    const rest = row.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) entries.set(row.path, { path: row.path, isDir: false, fileSize: row.size });
    else {
      const sub = prefix + rest.slice(0, slash);
      entries.set(sub, { path: sub, isDir: true });
    }
  }
  return [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function readArtifactBlob(db: WorkspaceDb, runId: string, path: string): Promise<Blob> {
  const row = await db.artifacts.get([runId, path]);
  if (!row) throw doesNotExist(`No artifact '${path}' in run ${runId}.`);
  const blob = await db.blobs.get(row.sha256);
  if (!blob) throw doesNotExist(`The bytes of artifact '${path}' (sha256 ${row.sha256}) are not in this workspace yet.`);
  return blob.data instanceof Blob ? blob.data : new Blob([blob.data]);
}


/** Every file under `dir` ('' for all), recursively, sorted by path. */
export async function listArtifactFilesUnder(db: WorkspaceDb, runId: string, dir: string): Promise<FileInfo[]> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const rows = await rowsUnder(db, runId, prefix);
  return rows
    .filter((r) => r.path.startsWith(prefix))
    .map((r) => ({ path: r.path, isDir: false, fileSize: r.size }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The content hash of one artifact (a cache key for sessions built from it). */
export async function artifactSha256(db: WorkspaceDb, runId: string, path: string): Promise<string | undefined> {
  return (await db.artifacts.get([runId, path]))?.sha256;
}
