// A retention preview: what the rules would remove for good (runs, experiments, files) and how
// many bytes that frees, read without changing anything. The rules themselves are in
// domain/retention.ts; applying a plan is the 'retention/*' mutations.
import { selectForRetention, type RetentionReason, type RetentionRules } from '../domain/retention';
import type { RunCache } from './run-cache';
import type { WorkspaceDb } from './schema';
import { SHARED_PURGE_REFUSED, isSharedWorkspace } from './shared-workspace';
import { readStorageInventory } from './storage-inventory';
import { sizesOf, type RunSize } from './storage-report';

export interface PlannedRun extends RunSize {
  experimentName: string;
  reason: RetentionReason;
}

export interface PlannedExperiment {
  experimentId: string;
  name: string;
  /** when it was deleted (its last update) */
  deletedAt: number;
  /** runs it holds, all of which go with it */
  runs: number;
}

export interface PlannedFile {
  sha256: string;
  size: number;
  /** true: nothing pointed at it before this plan; false: only runs that go did */
  unreferenced: boolean;
}

export interface RetentionPlan {
  rules: RetentionRules;
  /** ms; the "deleted for N days" cut-off is measured from here */
  madeAt: number;
  experiments: PlannedExperiment[];
  /** largest first */
  runs: PlannedRun[];
  files: PlannedFile[];
  /** what the plan frees; files counted once each */
  bytes: { records: number; metrics: number; artifacts: number; total: number };
  /** registered model versions made from runs that go: their files go with the runs */
  modelVersions: Array<{ name: string; version: number; runId: string }>;
  /** why runs and experiments are not in the plan (a shared workspace); files still are */
  refused?: string;
}

export async function readRetentionPlan(store: { db: WorkspaceDb; runCache: RunCache }, rules: RetentionRules, now: number): Promise<RetentionPlan> {
  const { db } = store;
  const inv = await readStorageInventory(store);
  const refused = (await isSharedWorkspace(db)) ? SHARED_PURGE_REFUSED : undefined;
  const facts = inv.runs.map((r) => ({ ...r.info, deletedTime: r.deletedTime }));
  const selection = refused ? { experimentIds: [], runs: [] } : selectForRetention(rules, inv.experiments, facts, now);
  const reasons = new Map(selection.runs.map((r) => [r.runId, r.reason] as const));
  const names = new Map(inv.experiments.map((e) => [e.experimentId, e.name] as const));
  const sizes = sizesOf(inv);
  const runs: PlannedRun[] = sizes.runs.flatMap((r) => {
    const reason = reasons.get(r.runId);
    return reason ? [{ ...r, reason, experimentName: names.get(r.experimentId) ?? r.experimentId }] : [];
  });

  const kept = new Set<string>();
  const freed = new Map<string, number>();
  for (const [runId, files] of inv.artifactsByRun) {
    for (const f of files) {
      if (reasons.has(runId)) freed.set(f.sha256, f.size);
      else kept.add(f.sha256);
    }
  }
  const files: PlannedFile[] = [
    ...inv.unreferencedBlobs.filter((b) => !b.sync).map((b) => ({ sha256: b.sha256, size: b.size, unreferenced: true })),
    ...[...freed].filter(([sha256]) => !kept.has(sha256)).map(([sha256, size]) => ({ sha256, size, unreferenced: false })),
  ];
  // Bytes of a peer's artifact that never arrived are not here to free.
  const present = new Set(await db.blobs.where('sha256').anyOf(files.map((f) => f.sha256)).primaryKeys());
  const stored = files.filter((f) => f.unreferenced || present.has(f.sha256));

  const experiments = inv.experiments
    .filter((e) => selection.experimentIds.includes(e.experimentId))
    .map((e) => ({ experimentId: e.experimentId, name: e.name, deletedAt: e.lastUpdateTime, runs: runs.filter((r) => r.experimentId === e.experimentId).length }));
  const versions = runs.length === 0 ? [] : await db.modelVersions.where('runId').anyOf(runs.map((r) => r.runId)).toArray();
  const records = runs.reduce((n, r) => n + r.recordBytes, 0);
  const metrics = runs.reduce((n, r) => n + r.metricBytes, 0);
  const artifacts = stored.reduce((n, f) => n + f.size, 0);
  return {
    rules,
    madeAt: now,
    experiments,
    runs,
    files: stored,
    bytes: { records, metrics, artifacts, total: records + metrics + artifacts },
    modelVersions: versions.map((v) => ({ name: v.name, version: v.version, runId: v.runId })),
    ...(refused ? { refused } : {}),
  };
}
