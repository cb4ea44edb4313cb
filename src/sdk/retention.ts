// Retention behind MlflowClient.planRetention / applyRetention: a preview of what the rules remove
// for good (domain/retention.ts has the rules, storage/retention-plan.ts reads the preview), then
// the confirmed plan applied as one transaction of 'retention/*' mutations. Nothing is removed
// that the preview did not list: the handlers refuse the whole batch when rows changed since.
import type { Mutation } from '../domain/mutations';
import { validateRetentionRules, type RetentionRules } from '../domain/retention';
import { readRetentionPlan, type RetentionPlan } from '../storage/retention-plan';
import type { Workspace } from './workspace';

export type { RetentionReason, RetentionRules } from '../domain/retention';
export type { PlannedExperiment, PlannedFile, PlannedRun, RetentionPlan } from '../storage/retention-plan';

export interface RetentionResult {
  runs: number;
  experiments: number;
  files: number;
  /** what the plan said it frees */
  bytes: number;
}

export async function planRetention(ws: Workspace, rules: RetentionRules, now = Date.now()): Promise<RetentionPlan> {
  validateRetentionRules(rules);
  // Queued metric points would land after the preview; make them part of what it sees. A flush
  // that fails (the disk is full) must not stop the clean-up that frees space.
  await ws.flush().catch(() => undefined);
  return readRetentionPlan(ws.store, rules, now);
}

export async function applyRetention(ws: Workspace, plan: RetentionPlan): Promise<RetentionResult> {
  const mutations: Mutation[] = [];
  // Runs first: an experiment is removed only once every run it holds is gone.
  if (plan.runs.length > 0) mutations.push({ type: 'retention/purgeRuns', runs: plan.runs.map((r) => ({ runId: r.runId, lifecycleStage: r.lifecycleStage })) });
  if (plan.experiments.length > 0) mutations.push({ type: 'retention/purgeExperiments', experimentIds: plan.experiments.map((e) => e.experimentId) });
  if (plan.files.length > 0) mutations.push({ type: 'retention/dropOrphanBlobs', sha256s: plan.files.map((f) => f.sha256) });
  if (mutations.length > 0) {
    await ws.flush().catch(() => undefined);
    await ws.store.mutations.apply(mutations);
  }
  return { runs: plan.runs.length, experiments: plan.experiments.length, files: plan.files.length, bytes: plan.bytes.total };
}
