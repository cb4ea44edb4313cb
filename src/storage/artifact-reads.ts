// Listing and reading a run's artifacts (MLflow's artifacts/list: one directory level, sorted by
// path, directories without a size), and which of them have their bytes here: a row synced from a
// peer arrives before its bytes, which stay on the relay until someone opens the file.
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

/** The stored hashes among `hashes` (keys only: no bytes are read). */
async function storedHashes(db: WorkspaceDb, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  return new Set((await db.blobs.where('sha256').anyOf([...new Set(hashes)]).primaryKeys()).map(String));
}

/** Whether the bytes of the run's artifact `path` are stored here; RESOURCE_DOES_NOT_EXIST when
 * the run has no such artifact. */
export async function hasArtifactBytes(db: WorkspaceDb, runId: string, path: string): Promise<boolean> {
  const row = await db.artifacts.get([runId, path]);
  if (!row) throw doesNotExist(`No artifact '${path}' in run ${runId}.`);
  return (await storedHashes(db, [row.sha256])).size > 0;
}

/** The files directly in `dir` ('' for the root; as listArtifactDir lists them) whose bytes are
 * not stored here yet, sorted by path. */
export async function artifactPathsAwaitingBytes(db: WorkspaceDb, runId: string, dir: string): Promise<string[]> {
  const prefix = dir === '' ? '' : `${dir}/`;
  const files = (await rowsUnder(db, runId, prefix)).filter((r) => r.path.startsWith(prefix) && !r.path.slice(prefix.length).includes('/'));
  const stored = await storedHashes(db, files.map((r) => r.sha256));
  return files.filter((r) => !stored.has(r.sha256)).map((r) => r.path).sort();
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
