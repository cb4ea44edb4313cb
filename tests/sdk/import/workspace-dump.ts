// Everything an import may write, read back in a comparable form: "the workspace is exactly as
// before" is dump(before) == dump(after). Blob bytes are compared by their hash row.
import type { Workspace } from '../../../src/sdk/index';

export async function dumpWorkspace(ws: Workspace): Promise<Record<string, unknown[]>> {
  const db = ws.store.db;
  const blobs = await db.blobs.toArray();
  return {
    experiments: await db.experiments.toArray(),
    runs: await db.runs.toArray(),
    metricChunks: await db.metricChunks.toArray(),
    metricOverviews: await db.metricOverviews.toArray(),
    artifacts: await db.artifacts.toArray(),
    blobs: blobs.map((b) => ({ sha256: b.sha256, size: b.size })),
    registeredModels: await db.registeredModels.toArray(),
    modelVersions: await db.modelVersions.toArray(),
    registryEvents: await db.registryEvents.toArray(),
    journal: await db.journal.toArray(),
  };
}

/** A dump without what differs between two imports of the same tree at different times. */
export function withoutImportTimes(dump: Record<string, unknown[]>): Record<string, unknown[]> {
  return {
    ...dump,
    artifacts: dump.artifacts!.map((a) => ({ ...(a as object), createdAt: 0 })),
    registryEvents: dump.registryEvents!.map((e) => ({ ...(e as object), id: '', at: 0 })),
  };
}
