// Artifact writes: bytes go to the content-addressed blob table once, the artifact row points at
// them by sha256. A file cannot sit where a directory is, or inside a file.
import { invalidParameter } from '../../domain/errors';
import type { Mutation, MutationEffect } from '../../domain/mutations';
import type { WorkspaceDb } from '../schema';
import { requireActiveRun } from './guards';

type M<T extends Mutation['type']> = Extract<Mutation, { type: T }>;

export async function putArtifact(db: WorkspaceDb, m: M<'artifact/put'>): Promise<MutationEffect> {
  await requireActiveRun(db, m.runId);
  const under = await db.artifacts
    .where('[runId+path]')
    .between([m.runId, `${m.path}/`], [m.runId, `${m.path}/\uffff`])
    .first();
  if (under) throw invalidParameter(`Cannot write artifact '${m.path}': a directory of that name exists.`);
  const segments = m.path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const ancestor = segments.slice(0, i).join('/');
    if (await db.artifacts.get([m.runId, ancestor])) {
      throw invalidParameter(`Cannot write artifact '${m.path}': '${ancestor}' is a file.`);
    }
  }
  if (!(await db.blobs.get(m.sha256))) await db.blobs.put({ sha256: m.sha256, size: m.size, data: m.data });
  await db.artifacts.put({ runId: m.runId, path: m.path, size: m.size, sha256: m.sha256, createdAt: m.at });
  return { experimentIds: [], runIds: [m.runId] };
}
