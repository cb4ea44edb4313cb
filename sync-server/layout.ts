// Where things live in the data dir, and which document names exist. One directory per workspace
// (room) keeps a room's documents, blobs and metadata together: easy to back up, move or delete.
//
//   <data>/secret                          HMAC secret for tokens (0600), when not given by flag/env
//   <data>/rooms/<W>/room.json             {workspace, createdAt}
//   <data>/rooms/<W>/docs/root.ylog        the root document `W`
//   <data>/rooms/<W>/docs/runs.<h>.ylog    a run shard document `W/runs/<h>`, h = 0-9a-f (the client's
//                                          layout: src/domain/sync/doc-names.ts)
//   <data>/rooms/<W>/docs/exp.<id>.ylog    the experiment document `W/exp/<id>` (earlier layout)
//   <data>/rooms/<W>/docs/*.ylog.lock      writer lock (present only while someone writes)
//   <data>/rooms/<W>/blobs/<sha256>        content-addressed bytes
import { join } from 'node:path';
import { isWorkspaceId } from '../src/domain/sync/token';

// Experiment ids are MLflow-style digits ("0", 18-digit numbers); the class is a little wider so
// imported ids still fit, and narrow enough that a name can never escape its directory.
const DOC_NAME_RE = /^([0-9a-f]{32})(?:\/exp\/([A-Za-z0-9_-]{1,64})|\/runs\/([0-9a-f]))?$/;
export const SHA256_RE = /^[0-9a-f]{64}$/;

export interface DocRef {
  name: string;
  workspace: string;
  /** File name stem inside the room's docs dir. */
  stem: string;
}

export function parseDocName(name: string): DocRef | null {
  const m = DOC_NAME_RE.exec(name);
  if (!m) return null;
  const workspace = m[1] as string;
  return { name, workspace, stem: m[3] !== undefined ? `runs.${m[3]}` : m[2] === undefined ? 'root' : `exp.${m[2]}` };
}

/** The inverse of a stem, for listing a room's documents (backup). */
export function docNameFromStem(workspace: string, stem: string): string | null {
  if (stem === 'root') return workspace;
  const shard = /^runs\.([0-9a-f])$/.exec(stem);
  if (shard) return `${workspace}/runs/${shard[1]}`;
  const m = /^exp\.([A-Za-z0-9_-]{1,64})$/.exec(stem);
  return m ? `${workspace}/exp/${m[1]}` : null;
}

export const roomsDir = (data: string) => join(data, 'rooms');
export const roomDir = (data: string, w: string) => {
  if (!isWorkspaceId(w)) throw new Error('bad workspace id');
  return join(data, 'rooms', w);
};
export const roomMetaPath = (data: string, w: string) => join(roomDir(data, w), 'room.json');
export const docsDir = (data: string, w: string) => join(roomDir(data, w), 'docs');
export const docLogPath = (data: string, doc: DocRef) => join(docsDir(data, doc.workspace), `${doc.stem}.ylog`);
export const blobsDir = (data: string, w: string) => join(roomDir(data, w), 'blobs');
export const blobPath = (data: string, w: string, sha: string) => {
  if (!SHA256_RE.test(sha)) throw new Error('bad sha256');
  return join(blobsDir(data, w), sha);
};
export const secretPath = (data: string) => join(data, 'secret');
