// What each run and experiment takes on disk, largest first. Artifact bytes count each distinct
// file (blob) once per run and once per experiment, since identical bytes are stored once; the
// workspace totals count each blob once overall. Metric history and run rows are estimates
// (domain/stored-size.ts) because IndexedDB does not report row sizes.
import type { LifecycleStage, RunStatus } from '../domain/entities';
import { metricHistoryBytes, recordBytes } from '../domain/stored-size';
import type { RunCache } from './run-cache';
import type { RunRow, WorkspaceDb } from './schema';
import { readStorageInventory, type StorageInventory, type StoredFile } from './storage-inventory';

export interface RunSize {
  runId: string;
  runName: string;
  experimentId: string;
  lifecycleStage: LifecycleStage;
  status: RunStatus;
  startTime: number;
  deletedTime: number | null;
  artifactFiles: number;
  /** distinct artifact bytes of this run */
  artifactBytes: number;
  metricPoints: number;
  metricBytes: number;
  /** the run row (params, tags, metric summaries) */
  recordBytes: number;
  totalBytes: number;
}

export interface ExperimentSize {
  experimentId: string;
  name: string;
  lifecycleStage: LifecycleStage;
  runs: number;
  /** distinct artifact bytes over its runs */
  artifactBytes: number;
  metricBytes: number;
  recordBytes: number;
  totalBytes: number;
}

export interface StorageTotals {
  runs: number;
  experiments: number;
  /** distinct artifact bytes in the workspace */
  artifactBytes: number;
  metricBytes: number;
  recordBytes: number;
  /** files nothing points at (retention removes them) */
  unreferencedFiles: number;
  unreferencedBytes: number;
  /** shared workspaces: metric chunks as sync moves them, and bytes waiting to upload */
  syncBytes: number;
  totalBytes: number;
}

export interface WorkspaceSizes {
  /** largest first */
  runs: RunSize[];
  /** largest first */
  experiments: ExperimentSize[];
  totals: StorageTotals;
}

export async function readWorkspaceSizes(store: { db: WorkspaceDb; runCache: RunCache }): Promise<WorkspaceSizes> {
  return sizesOf(await readStorageInventory(store));
}

export function sizesOf(inv: StorageInventory): WorkspaceSizes {
  const runs = inv.runs.map((row) => runSize(row, inv.artifactsByRun.get(row.runId) ?? []));
  const experiments: ExperimentSize[] = inv.experiments.map((e) => ({
    experimentId: e.experimentId,
    name: e.name,
    lifecycleStage: e.lifecycleStage,
    runs: 0,
    artifactBytes: 0,
    metricBytes: 0,
    recordBytes: recordBytes(e),
    totalBytes: 0,
  }));
  const byId = new Map(experiments.map((e) => [e.experimentId, e] as const));
  const filesOf = new Map<string, Set<string>>();
  const workspaceFiles = new Map<string, number>();
  for (const r of runs) {
    const e = byId.get(r.experimentId);
    const seen = filesOf.get(r.experimentId) ?? new Set<string>();
    filesOf.set(r.experimentId, seen);
    for (const f of inv.artifactsByRun.get(r.runId) ?? []) {
      workspaceFiles.set(f.sha256, f.size);
      if (!e || seen.has(f.sha256)) continue;
      seen.add(f.sha256);
      e.artifactBytes += f.size;
    }
    if (!e) continue;
    e.runs++;
    e.metricBytes += r.metricBytes;
    e.recordBytes += r.recordBytes;
  }
  for (const e of experiments) e.totalBytes = e.artifactBytes + e.metricBytes + e.recordBytes;
  const sum = (xs: Iterable<number>): number => {
    let n = 0;
    for (const x of xs) n += x;
    return n;
  };
  const loose = inv.unreferencedBlobs.filter((b) => !b.sync);
  const totals: StorageTotals = {
    runs: runs.length,
    experiments: experiments.length,
    artifactBytes: sum(workspaceFiles.values()),
    metricBytes: sum(runs.map((r) => r.metricBytes)),
    recordBytes: sum(runs.map((r) => r.recordBytes)) + sum(inv.experiments.map((e) => recordBytes(e))),
    unreferencedFiles: loose.length,
    unreferencedBytes: sum(loose.map((b) => b.size)),
    syncBytes: sum(inv.unreferencedBlobs.filter((b) => b.sync).map((b) => b.size)),
    totalBytes: 0,
  };
  totals.totalBytes = totals.artifactBytes + totals.metricBytes + totals.recordBytes + totals.unreferencedBytes + totals.syncBytes;
  runs.sort(largestFirst);
  experiments.sort(largestFirst);
  return { runs, experiments, totals };
}

const largestFirst = (a: { totalBytes: number }, b: { totalBytes: number }): number => b.totalBytes - a.totalBytes;

function runSize(row: RunRow, files: readonly StoredFile[]): RunSize {
  const distinct = new Map(files.map((f) => [f.sha256, f.size] as const));
  let artifactBytes = 0;
  for (const size of distinct.values()) artifactBytes += size;
  let metricPoints = 0;
  let metricBytes = 0;
  for (const [key, summary] of Object.entries(row.metricSummaries)) {
    metricPoints += summary.count;
    metricBytes += metricHistoryBytes(summary.count, row.runId, key);
  }
  const record = recordBytes(row);
  return {
    runId: row.runId,
    runName: row.info.runName,
    experimentId: row.info.experimentId,
    lifecycleStage: row.info.lifecycleStage,
    status: row.info.status,
    startTime: row.info.startTime,
    deletedTime: row.deletedTime,
    artifactFiles: files.length,
    artifactBytes,
    metricPoints,
    metricBytes,
    recordBytes: record,
    totalBytes: artifactBytes + metricBytes + record,
  };
}
