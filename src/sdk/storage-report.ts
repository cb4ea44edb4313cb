// How much a workspace takes and where: per experiment and per run, largest first, next to the
// browser's usage and quota for the whole origin. Behind MlflowClient.storageReport.
import { readWorkspaceSizes, type WorkspaceSizes } from '../storage/storage-report';
import { estimateStorage, isStoragePersisted, type StorageEstimate } from './storage-estimate';
import type { Workspace } from './workspace';

export type { ExperimentSize, RunSize, StorageTotals } from '../storage/storage-report';

export interface StorageReport extends WorkspaceSizes {
  /** ms */
  madeAt: number;
  /** the whole origin (every workspace, offline app files), where the browser tells */
  estimate?: StorageEstimate;
  /** whether the browser keeps the data under storage pressure, where it tells */
  persisted?: boolean;
}

export async function storageReport(ws: Workspace): Promise<StorageReport> {
  const madeAt = Date.now();
  const [sizes, estimate, persisted] = await Promise.all([readWorkspaceSizes(ws.store), estimateStorage(), isStoragePersisted()]);
  return { ...sizes, madeAt, ...(estimate ? { estimate } : {}), ...(persisted !== undefined ? { persisted } : {}) };
}

/** Whether the workspace holds any run (the persistent-storage prompt waits for data worth keeping). */
export async function holdsRuns(ws: Workspace): Promise<boolean> {
  return (await ws.store.db.runs.limit(1).count()) > 0;
}
