// Which runs and experiments a set of retention rules removes for good. Pure.
//
// `deletedForDays` is MLflow's `mlflow gc --older-than` (mlflow/cli.py `gc`,
// sqlalchemy_store.py `_get_deleted_runs`):
//   runs:        lifecycle_stage 'deleted' and deleted_time <= now - olderThan;
//   experiments: lifecycle_stage 'deleted' and last_update_time < now - olderThan (deleting an
//                experiment stamps last_update_time), together with every run in them: gc collects
//                their deleted runs and hard-deleting the experiment cascades to the rest.
// Both cut-offs are inclusive here, so 0 days takes every deleted one, as gc without --older-than.
// The other two rules are Orchard's: keep only the newest N active runs of each experiment, and
// drop runs started before a date. Neither ever takes an active run that is still RUNNING (a
// script may be logging into it right now).
import { invalidParameter } from './errors';
import type { LifecycleStage, RunStatus } from './entities';

export interface RetentionRules {
  /** MLflow's gc: runs and experiments deleted at least this many days ago (0: every deleted one) */
  deletedForDays?: number;
  /** per experiment, keep only this many active runs, the most recently started (>= 1) */
  keepLastRuns?: number;
  /** runs started before this time (ms since epoch) go, active or deleted */
  startedBefore?: number;
  /** the experiments `keepLastRuns` and `startedBefore` apply to (default: every experiment) */
  experimentIds?: string[];
}

/** Why a run goes: the rule that took it (the first that applies, in this order). */
export type RetentionReason = 'deleted' | 'experiment-deleted' | 'beyond-last-runs' | 'started-before';

export interface RetentionRunFacts {
  runId: string;
  experimentId: string;
  lifecycleStage: LifecycleStage;
  /** ms; set while the run is deleted */
  deletedTime: number | null;
  startTime: number;
  status: RunStatus;
}

export interface RetentionExperimentFacts {
  experimentId: string;
  lifecycleStage: LifecycleStage;
  lastUpdateTime: number;
}

export interface RetentionSelection {
  /** deleted experiments that go, with all their runs */
  experimentIds: string[];
  /** runs that go, in input order */
  runs: Array<{ runId: string; reason: RetentionReason }>;
}

const DAY_MS = 86_400_000;

/** Refuses rules that cannot mean what the user wants (INVALID_PARAMETER_VALUE). */
export function validateRetentionRules(rules: RetentionRules): void {
  const { deletedForDays, keepLastRuns, startedBefore } = rules;
  if (deletedForDays !== undefined && !(Number.isFinite(deletedForDays) && deletedForDays >= 0)) {
    throw invalidParameter(`deletedForDays must be a number of days >= 0, got ${String(deletedForDays)}.`);
  }
  if (keepLastRuns !== undefined && !(Number.isInteger(keepLastRuns) && keepLastRuns >= 1)) {
    throw invalidParameter(`keepLastRuns must be a whole number >= 1 (to remove every run, delete the experiment), got ${String(keepLastRuns)}.`);
  }
  if (startedBefore !== undefined && !Number.isFinite(startedBefore)) {
    throw invalidParameter(`startedBefore must be a time in ms since the epoch, got ${String(startedBefore)}.`);
  }
}

/** What the rules take at time `now`. Rules left undefined take nothing. */
export function selectForRetention(
  rules: RetentionRules,
  experiments: readonly RetentionExperimentFacts[],
  runs: readonly RetentionRunFacts[],
  now: number,
): RetentionSelection {
  validateRetentionRules(rules);
  const gone = new Set<string>();
  if (rules.deletedForDays !== undefined) {
    const threshold = now - rules.deletedForDays * DAY_MS;
    for (const e of experiments) if (e.lifecycleStage === 'deleted' && e.lastUpdateTime <= threshold) gone.add(e.experimentId);
  }
  const scope = rules.experimentIds ? new Set(rules.experimentIds) : undefined;
  const beyondLast = rules.keepLastRuns === undefined ? new Set<string>() : runsBeyondLast(runs, rules.keepLastRuns, scope);
  const out: RetentionSelection = { experimentIds: [...gone], runs: [] };
  for (const r of runs) {
    const reason = reasonFor(r, rules, now, gone, beyondLast, scope);
    if (reason) out.runs.push({ runId: r.runId, reason });
  }
  return out;
}

function reasonFor(
  r: RetentionRunFacts,
  rules: RetentionRules,
  now: number,
  goneExperiments: ReadonlySet<string>,
  beyondLast: ReadonlySet<string>,
  scope: ReadonlySet<string> | undefined,
): RetentionReason | undefined {
  if (rules.deletedForDays !== undefined && r.lifecycleStage === 'deleted' && r.deletedTime !== null && r.deletedTime <= now - rules.deletedForDays * DAY_MS) {
    return 'deleted';
  }
  if (goneExperiments.has(r.experimentId)) return 'experiment-deleted';
  if (isStillLogging(r) || (scope && !scope.has(r.experimentId))) return undefined;
  if (beyondLast.has(r.runId)) return 'beyond-last-runs';
  if (rules.startedBefore !== undefined && r.startTime < rules.startedBefore) return 'started-before';
  return undefined;
}

const isStillLogging = (r: RetentionRunFacts): boolean => r.lifecycleStage === 'active' && r.status === 'RUNNING';

/** Active runs of each experiment in scope past the newest `keep` (by start time, then id). */
function runsBeyondLast(runs: readonly RetentionRunFacts[], keep: number, scope: ReadonlySet<string> | undefined): Set<string> {
  const byExperiment = new Map<string, RetentionRunFacts[]>();
  for (const r of runs) {
    if (r.lifecycleStage !== 'active' || (scope && !scope.has(r.experimentId))) continue;
    const list = byExperiment.get(r.experimentId) ?? [];
    list.push(r);
    byExperiment.set(r.experimentId, list);
  }
  const out = new Set<string>();
  for (const list of byExperiment.values()) {
    list.sort((a, b) => b.startTime - a.startTime || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
    for (const r of list.slice(keep)) out.add(r.runId);
  }
  return out;
}
