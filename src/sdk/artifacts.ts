// Artifact logging, listing and download behind MlflowClient. Bytes are hashed (sha256) so
// identical files are stored once and can later sync by content address.
import { sha256Hex as sha256OfView } from '../domain/sync/metric-chunk';
import { normaliseArtifactPath } from '../domain/artifact-path';
import { invalidParameter } from '../domain/errors';
import type { FileInfo } from '../domain/entities';
import type { Mutation } from '../domain/mutations';
import { validateRunId } from '../domain/validation';
import { artifactPathsAwaitingBytes, hasArtifactBytes, listArtifactDir, listArtifactFilesUnder, readArtifactBlob } from '../storage/artifact-reads';
import { getRunRow } from './runs';
import type { Workspace } from './workspace';

export type ArtifactData = Blob | ArrayBuffer | ArrayBufferView | string;

export async function toBytes(data: ArtifactData): Promise<ArrayBuffer> {
  if (typeof data === 'string') return new TextEncoder().encode(data).buffer as ArrayBuffer;
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data)) return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.arrayBuffer();
  throw invalidParameter('Artifact data must be a Blob, ArrayBuffer, typed array or string.');
}

export function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  return sha256OfView(new Uint8Array(bytes));
}

/** The mutation that stores one artifact: path checked, bytes hashed. Several of these applied
 * together store a whole directory (a logged model) all or nothing. */
export async function artifactPut(runId: string, path: string, data: ArtifactData): Promise<Extract<Mutation, { type: 'artifact/put' }>> {
  validateRunId(runId);
  const normalised = normaliseArtifactPath(path, { allowRoot: false });
  const bytes = await toBytes(data);
  const sha256 = await sha256Hex(bytes);
  return { type: 'artifact/put', runId, path: normalised, sha256, size: bytes.byteLength, data: new Blob([bytes]), at: Date.now() };
}

export async function logArtifact(ws: Workspace, runId: string, path: string, data: ArtifactData): Promise<FileInfo> {
  const put = await artifactPut(runId, path, data);
  await ws.store.mutations.apply(put);
  return { path: put.path, isDir: false, fileSize: put.size };
}

/** Every file under `dir` (recursively), paths relative to the artifact root. */
export async function listArtifactFiles(ws: Workspace, runId: string, dir: string): Promise<FileInfo[]> {
  const root = normaliseArtifactPath(dir);
  await getRunRow(ws, runId);
  return listArtifactFilesUnder(ws.store.db, runId, root);
}

export async function listArtifacts(ws: Workspace, runId: string, path?: string): Promise<FileInfo[]> {
  const dir = normaliseArtifactPath(path);
  await getRunRow(ws, runId);
  return listArtifactDir(ws.store.db, runId, dir);
}

export async function downloadArtifact(ws: Workspace, runId: string, path: string): Promise<Blob> {
  const file = normaliseArtifactPath(path, { allowRoot: false });
  await getRunRow(ws, runId);
  return readArtifactBlob(ws.store.db, runId, file);
}

/** Whether the file's bytes are stored in this workspace (false: synced from a peer, still on the relay). */
export async function artifactBytesHere(ws: Workspace, runId: string, path: string): Promise<boolean> {
  const file = normaliseArtifactPath(path, { allowRoot: false });
  await getRunRow(ws, runId);
  return hasArtifactBytes(ws.store.db, runId, file);
}

/** The files directly in `path` (one level, as listArtifacts) whose bytes have not arrived here. */
export async function listArtifactsAwaitingBytes(ws: Workspace, runId: string, path?: string): Promise<string[]> {
  const dir = normaliseArtifactPath(path);
  await getRunRow(ws, runId);
  return artifactPathsAwaitingBytes(ws.store.db, runId, dir);
}
